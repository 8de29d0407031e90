"""Persistent store for the live service: articles, stories, briefs, history, feeds."""
from __future__ import annotations

from storyloom.store.base import BACKENDS, NotFoundError, Store, content_hash, open_store, resolve_db_url

__all__ = ["BACKENDS", "NotFoundError", "Store", "content_hash", "open_store", "resolve_db_url"]

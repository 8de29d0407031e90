"""Grouping stage: which articles report the same real-world event."""
from __future__ import annotations

from storyloom.group.batch import group_articles

__all__ = ["group_articles"]

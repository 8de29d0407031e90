"""The store Protocol, its registry, and `open_store(url)` which picks a backend by URL.

A store keeps articles (text, analysis), stories (with their membership history and
built briefs), quarantined inputs and feed state. SQLite by default (a file path or
`sqlite:///path`), PostgreSQL for `postgresql://` URLs; both run the same SQL.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import re
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

import numpy as np

from storyloom.errors import StoreError, UnknownChoiceError
from storyloom.model import Article, Membership

DEFAULT_DB = "storyloom.db"
SORTS = ("newest", "outlets", "conflicts")
_WS = re.compile(r"\s+")


class NotFoundError(StoreError):
    """A story or article id that is not in the store."""

    def __init__(self, kind: str, item_id: str):
        super().__init__(f"no {kind} with id {item_id!r}")
        self.kind, self.item_id = kind, item_id


@dataclass
class StoryRow:
    """A story as listed (without its brief)."""

    id: str
    title: str
    article_count: int
    outlet_count: int
    conflict_count: int
    latest: str
    updated_at: str


@dataclass
class StoryPage:
    total: int
    stories: list[StoryRow] = field(default_factory=list)


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_error: str | None = None


class Store(Protocol):
    url: str
    dialect: str

    def close(self) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    # settings
    def get_setting(self, key: str) -> str | None: ...
    def set_setting(self, key: str, value: str) -> None: ...
    # articles
    def find_duplicate(self, url: str, content_hash: str) -> str | None: ...
    def has_article_id(self, article_id: str) -> bool: ...
    def add_article(self, article: Article, content_hash: str) -> None: ...
    def get_article(self, article_id: str) -> Article: ...
    def get_articles(self, article_ids: list[str]) -> list[Article]: ...
    def article_story(self, article_id: str) -> str | None: ...
    def pending_article_ids(self, limit: int) -> list[str]: ...
    def set_analysis(self, article_id: str, language: str, head: np.ndarray) -> None: ...
    def head_vectors(self, article_ids: list[str]) -> dict[str, np.ndarray]: ...
    def memberships(self, story_id: str) -> list[Membership]: ...
    def article_count(self) -> int: ...
    # stories
    def create_story(self, story_id: str) -> None: ...
    def assign(self, membership: Membership, story_id: str, event: str) -> None: ...
    def merge_story(self, source_id: str, target_id: str) -> None: ...
    def story_ids_with_centroid(self) -> list[tuple[str, np.ndarray]]: ...
    def story_article_ids(self, story_id: str) -> list[str]: ...
    def story_count(self) -> int: ...
    def stale_story_ids(self) -> list[str]: ...
    def remove_article(self, article_id: str) -> str | None: ...
    def record_write(self, action: str, article_id: str, story_id: str | None, actor: str,
                     detail: str = "") -> None: ...
    def article_at_url(self, url: str) -> tuple[str, str, str] | None: ...
    def replace_article(self, article_id: str, article: Article, content_hash: str) -> str | None: ...
    def writes(self, limit: int = 100) -> list[dict[str, str]]: ...
    def mark_stale(self, story_id: str) -> None: ...
    def set_centroid(self, story_id: str, centroid: np.ndarray) -> None: ...
    def save_brief(self, story_id: str, brief: dict[str, Any], latest: str) -> None: ...
    def get_brief(self, story_id: str) -> dict[str, Any]: ...
    def resolve_story(self, story_id: str) -> str: ...
    def list_stories(self, q: str = "", language: str = "", source: str = "",
                     sort: str = "newest", limit: int = 50, offset: int = 0) -> StoryPage: ...
    def history(self, story_id: str) -> list[dict[str, str]]: ...
    def languages_and_sources(self) -> tuple[list[str], list[str]]: ...
    # quarantine & feeds
    def quarantine(self, input_name: str, reason: str) -> None: ...
    def quarantined(self, limit: int = 100) -> list[dict[str, str]]: ...
    def get_feed(self, url: str) -> FeedState: ...
    def put_feed(self, state: FeedState) -> None: ...




def resolve_db_url(url: str | None) -> str:
    """`--db` value, else $STORYLOOM_DB, else storyloom.db in the working directory."""
    return url or os.environ.get("STORYLOOM_DB") or DEFAULT_DB


# URL scheme -> store backend; a bare path is a SQLite file
SCHEMES = {"postgresql": "postgres", "postgres": "postgres", "sqlite": "sqlite"}
# store backend -> (its module, its Store class): imported when a URL names it (the
# PostgreSQL store needs the optional psycopg package only then); the backends import
# nothing back from here but the Store protocol's helpers
BACKENDS = {"sqlite": ("storyloom.store.sqlite", "SqliteStore"),
            "postgres": ("storyloom.store.postgres", "PostgresStore")}


def backend_name(url: str) -> str:
    """The backend for a `--db` value; an unknown scheme is an error that lists the
    known ones (and never echoes the URL's password)."""
    scheme, sep, _ = url.partition("://")
    if not sep:
        return "sqlite"
    if scheme.lower() not in SCHEMES:
        shown = re.sub(r"//([^:/@]+):[^@/]*@", r"//\1:***@", url)
        raise UnknownChoiceError("database URL scheme", f"{scheme}:// in {shown}",
                                 [f"{s}://" for s in SCHEMES] + ["a file path (SQLite)"])
    return SCHEMES[scheme.lower()]


def open_store(url: str | None = None) -> Store:
    url = resolve_db_url(url)
    module, class_name = BACKENDS[backend_name(url)]
    store: Store = getattr(importlib.import_module(module), class_name)(url=url)
    return store


def content_hash(article: Article) -> str:
    """Same body (ignoring whitespace and case) = same article, whatever its id or title."""
    body = _WS.sub(" ", article.clean_text).strip().lower()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def vector_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def bytes_vector(blob: Any) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype=np.float32)


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), max(1, size)):
        yield items[i:i + size]

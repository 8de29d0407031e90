"""The store's behaviour, written once in SQL both SQLite and PostgreSQL understand.

Backends subclass `SqlStore` and supply the connection, the transaction handling and
the full-text match clause. Every value reaches the database as a bound parameter:
SQL is written with `?` placeholders, translated to `%s` for psycopg.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from storyloom.model import Article, Membership, Signal
from storyloom.store.base import (
    SORTS,
    FeedState,
    NotFoundError,
    StoryPage,
    StoryRow,
    bytes_vector,
    chunks,
    utc_now,
    vector_bytes,
)
from storyloom.store.schema import MIGRATIONS, MIGRATIONS_TABLE

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = ("id, url, title, source, published, language, text, blocks, input, "
                    "extra, syndicated_of")
_SORT_SQL = {
    "newest": "s.latest DESC, s.updated_at DESC, s.id",
    "outlets": "s.outlet_count DESC, s.article_count DESC, s.latest DESC, s.id",
    "conflicts": "s.conflict_count DESC, s.outlet_count DESC, s.latest DESC, s.id",
}


class SqlStore:
    dialect = "sql"

    def __init__(self, url: str):
        self.url = url
        self._depth = 0
        self._conn = self._connect()
        self.migrate()

    # ---- backend hooks -------------------------------------------------------------

    def _connect(self) -> Any:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    def _match_clause(self) -> str:
        """A clause on `a` (articles) that is true when the article matches the query `?`."""
        raise NotImplementedError

    def _match_param(self, q: str) -> str:
        return q

    # ---- plumbing --------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; nested calls join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    def _exec(self, sql: str, params: tuple | list = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def _rows(self, sql: str, params: tuple | list = ()) -> list[tuple]:
        return list(self._exec(sql, params).fetchall())

    def _one(self, sql: str, params: tuple | list = ()) -> tuple | None:
        return self._exec(sql, params).fetchone()

    def _count(self, sql: str, params: tuple | list = ()) -> int:
        """The number a COUNT query gives (such a query always has one row)."""
        row = self._one(sql, params)
        return int(row[0]) if row is not None else 0

    def migrate(self) -> None:
        self._exec(MIGRATIONS_TABLE)
        done = {row[0] for row in self._rows("SELECT version FROM schema_migrations")}
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self.transaction():
                for statement in migration.sql_for(self.dialect):
                    self._exec(statement)
                self._exec("INSERT INTO schema_migrations (version, name, applied_at) "
                           "VALUES (?, ?, ?)", (migration.version, migration.name, utc_now()))
            log.info("store %s: applied migration %d (%s)", self.dialect, migration.version,
                     migration.name)

    def schema_versions(self) -> list[int]:
        return [r[0] for r in self._rows("SELECT version FROM schema_migrations ORDER BY version")]

    # ---- settings --------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        self._exec("INSERT INTO settings (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # ---- articles --------------------------------------------------------------------

    def find_duplicate(self, url: str, content_hash: str) -> str | None:
        row = self._one("SELECT id FROM articles WHERE content_hash = ? OR (url <> '' AND url = ?)",
                        (content_hash, url))
        return row[0] if row else None

    def article_at_url(self, url: str) -> tuple[str, str, str] | None:
        """(id, content hash, text) of the stored article with this URL, if any."""
        if not url:
            return None
        row = self._one("SELECT id, content_hash, text FROM articles WHERE url = ?", (url,))
        return (row[0], row[1], row[2]) if row else None

    def replace_article(self, article_id: str, article: Article, content_hash: str) -> str | None:
        """A new version of a stored article (same id and URL): its text and fields
        replaced, its story (returned) marked stale to be rebuilt."""
        self._exec("UPDATE articles SET content_hash = ?, title = ?, source = ?, published = ?, "
                   "language = ?, text = ?, blocks = ?, extra = ? WHERE id = ?",
                   (content_hash, article.title or "", article.source or "", article.published,
                    article.language or "", article.text,
                    json.dumps([list(b) for b in article.blocks]),
                    json.dumps(article.extra, ensure_ascii=False, default=str), article_id))
        story_id = self.article_story(article_id)
        if story_id is not None:
            self._exec("UPDATE stories SET brief_stale = 1, updated_at = ? WHERE id = ?",
                       (utc_now(), story_id))
        return story_id

    def has_article_id(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def add_article(self, article: Article, content_hash: str) -> None:
        self._exec(
            "INSERT INTO articles (id, url, content_hash, title, source, published, language, "
            "text, blocks, input, extra, syndicated_of, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.url or "", content_hash, article.title or "",
             article.source or "", article.published, article.language or "", article.text,
             json.dumps([list(b) for b in article.blocks]), article.input or "",
             json.dumps(article.extra, ensure_ascii=False, default=str), article.syndicated_of,
             utc_now()))

    @staticmethod
    def _article(row: tuple) -> Article:
        (article_id, url, title, source, published, language, text, blocks, input_name,
         extra, syndicated_of) = row
        return Article(id=article_id, text=text, title=title, source=source, url=url,
                       published=published, language=language,
                       blocks=[(int(s), int(e)) for s, e in json.loads(blocks)],
                       input=input_name, syndicated_of=syndicated_of, extra=json.loads(extra))

    def get_article(self, article_id: str) -> Article:
        row = self._one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFoundError("article", article_id)
        return self._article(row)

    def get_articles(self, article_ids: list[str]) -> list[Article]:
        found: dict[str, Article] = {}
        for part in chunks(article_ids, 500):
            marks = ",".join("?" * len(part))
            for row in self._rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})",
                                  part):
                found[row[0]] = self._article(row)
        return [found[i] for i in article_ids if i in found]

    def article_story(self, article_id: str) -> str | None:
        row = self._one("SELECT story_id FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise NotFoundError("article", article_id)
        return row[0]

    def pending_article_ids(self, limit: int) -> list[str]:
        rows = self._rows("SELECT id FROM articles WHERE story_id IS NULL ORDER BY seq LIMIT ?",
                          (limit,))
        return [r[0] for r in rows]

    def set_analysis(self, article_id: str, language: str, head: np.ndarray) -> None:
        self._exec("UPDATE articles SET language = ?, head_embedding = ? WHERE id = ?",
                   (language or "", vector_bytes(head), article_id))

    def head_vectors(self, article_ids: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for part in chunks(article_ids, 500):
            marks = ",".join("?" * len(part))
            for article_id, blob in self._rows(
                    f"SELECT id, head_embedding FROM articles WHERE id IN ({marks}) "
                    "AND head_embedding IS NOT NULL", part):
                found[article_id] = bytes_vector(blob)
        return found

    def memberships(self, story_id: str) -> list[Membership]:
        rows = self._rows("SELECT id, linked_to, link_score FROM articles WHERE story_id = ? "
                          "ORDER BY seq", (story_id,))
        return [Membership(a, linked, float(score or 0.0),
                           [Signal("embedding", float(score))] if linked else [])
                for a, linked, score in rows]

    def article_count(self) -> int:
        return self._count("SELECT COUNT(*) FROM articles")

    # ---- stories ---------------------------------------------------------------------

    def create_story(self, story_id: str) -> None:
        now = utc_now()
        self._exec("INSERT INTO stories (id, created_at, updated_at) VALUES (?, ?, ?)",
                   (story_id, now, now))

    def assign(self, membership: Membership, story_id: str, event: str) -> None:
        now = utc_now()
        self._exec("UPDATE articles SET story_id = ?, linked_to = ?, link_score = ? WHERE id = ?",
                   (story_id, membership.linked_to, membership.score, membership.article_id))
        detail = json.dumps({"linked_to": membership.linked_to, "score": membership.score})
        self._exec("INSERT INTO story_membership (article_id, story_id, event, detail, at) "
                   "VALUES (?, ?, ?, ?, ?)", (membership.article_id, story_id, event, detail, now))
        self._exec("UPDATE stories SET brief_stale = 1, updated_at = ? WHERE id = ?",
                   (now, story_id))

    def merge_story(self, source_id: str, target_id: str) -> None:
        """Move every article of `source_id` into `target_id`, recording the merge."""
        now = utc_now()
        detail = json.dumps({"merged_from": source_id})
        self._exec("INSERT INTO story_membership (article_id, story_id, event, detail, at) "
                   "SELECT id, ?, 'merge', ?, ? FROM articles WHERE story_id = ?",
                   (target_id, detail, now, source_id))
        self._exec("UPDATE articles SET story_id = ? WHERE story_id = ?", (target_id, source_id))
        self._exec("DELETE FROM story_briefs WHERE story_id = ?", (source_id,))
        self._exec("UPDATE stories SET merged_into = ?, article_count = 0, updated_at = ? "
                   "WHERE id = ?", (target_id, now, source_id))
        self._exec("UPDATE stories SET merged_into = ? WHERE merged_into = ?",
                   (target_id, source_id))
        self._exec("UPDATE stories SET brief_stale = 1, updated_at = ? WHERE id = ?",
                   (now, target_id))

    def story_ids_with_centroid(self) -> list[tuple[str, np.ndarray]]:
        rows = self._rows("SELECT id, centroid FROM stories WHERE merged_into IS NULL "
                          "AND centroid IS NOT NULL ORDER BY id")
        return [(story_id, bytes_vector(blob)) for story_id, blob in rows]

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self._rows("SELECT id FROM articles WHERE story_id = ? "
                          "ORDER BY published, seq", (story_id,))
        return [r[0] for r in rows]

    def story_count(self) -> int:
        return self._count("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL")

    def remove_article(self, article_id: str) -> str | None:
        """Delete the article and its membership rows; its story (returned) loses it, is
        left without a brief when empty, else is marked stale with a new centroid."""
        story_id = self.article_story(article_id)
        self._exec("DELETE FROM story_membership WHERE article_id = ?", (article_id,))
        self._exec("DELETE FROM articles WHERE id = ?", (article_id,))
        if story_id is None:
            return None
        left = self.story_article_ids(story_id)
        now = utc_now()
        if not left:
            self._exec("DELETE FROM story_briefs WHERE story_id = ?", (story_id,))
            self._exec("UPDATE stories SET article_count = 0, outlet_count = 0, conflict_count = 0, "
                       "brief_stale = 0, centroid = NULL, updated_at = ? WHERE id = ?", (now, story_id))
            return story_id
        heads = self.head_vectors(left)
        if heads:
            self.set_centroid(story_id, np.mean(list(heads.values()), axis=0))
        self._exec("UPDATE stories SET article_count = ?, brief_stale = 1, updated_at = ? "
                   "WHERE id = ?", (len(left), now, story_id))
        return story_id

    def record_write(self, action: str, article_id: str, story_id: str | None, actor: str,
                     detail: str = "") -> None:
        self._exec("INSERT INTO writes (at, action, article_id, story_id, actor, detail) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (utc_now(), action, article_id, story_id, actor, detail))

    def writes(self, limit: int = 100) -> list[dict[str, str]]:
        rows = self._rows("SELECT at, action, article_id, story_id, actor, detail FROM writes "
                          "ORDER BY seq DESC LIMIT ?", (limit,))
        return [dict(zip(("at", "action", "article_id", "story_id", "actor", "detail"), r))
                for r in rows]

    def mark_stale(self, story_id: str) -> None:
        """The brief is to be built again on the next run (e.g. a section failed)."""
        self._exec("UPDATE stories SET brief_stale = 1 WHERE id = ?", (story_id,))

    def stale_story_ids(self) -> list[str]:
        rows = self._rows("SELECT id FROM stories WHERE brief_stale = 1 AND merged_into IS NULL "
                          "ORDER BY id")
        return [r[0] for r in rows]

    def set_centroid(self, story_id: str, centroid: np.ndarray) -> None:
        self._exec("UPDATE stories SET centroid = ? WHERE id = ?",
                   (vector_bytes(centroid), story_id))

    def save_brief(self, story_id: str, brief: dict[str, Any], latest: str) -> None:
        """Saves the brief and its list figures; `conflict_count` counts contradictions,
        as the story list and the brief's "Disputed (n)" do (related figures are not)."""
        now = utc_now()
        outlets = {a.get("source") or a.get("url") or a.get("id") for a in brief["articles"]}
        self._exec("UPDATE stories SET title = ?, article_count = ?, outlet_count = ?, "
                   "conflict_count = ?, latest = ?, brief_stale = 0, "
                   "updated_at = ? WHERE id = ?",
                   (brief.get("title", ""), len(brief["articles"]), len(outlets),
                    contradiction_count(brief), latest, now,
                    story_id))
        self._exec("INSERT INTO story_briefs (story_id, brief, built_at) VALUES (?, ?, ?) "
                   "ON CONFLICT (story_id) DO UPDATE SET brief = excluded.brief, "
                   "built_at = excluded.built_at",
                   (story_id, json.dumps(brief, ensure_ascii=False), now))

    def resolve_story(self, story_id: str) -> str:
        """Follow merges: a merged story's id leads to the story it joined."""
        for _ in range(100):
            row = self._one("SELECT merged_into FROM stories WHERE id = ?", (story_id,))
            if row is None:
                raise NotFoundError("story", story_id)
            if row[0] is None:
                return story_id
            story_id = row[0]
        raise NotFoundError("story", story_id)

    def get_brief(self, story_id: str) -> dict[str, Any]:
        row = self._one("SELECT brief FROM story_briefs WHERE story_id = ?", (story_id,))
        if row is None:
            raise NotFoundError("story", story_id)
        return json.loads(row[0])

    def list_stories(self, q: str = "", language: str = "", source: str = "",
                     sort: str = "newest", limit: int = 50, offset: int = 0) -> StoryPage:
        where = ["s.merged_into IS NULL", "s.article_count > 0"]
        params: list[Any] = []
        if q.strip():
            where.append(f"s.id IN (SELECT a.story_id FROM articles a WHERE {self._match_clause()})")
            params.append(self._match_param(q))
        if language:
            where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id "
                         "AND a.language = ?)")
            params.append(language)
        if source:
            where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id "
                         "AND a.source = ?)")
            params.append(source)
        clause = " AND ".join(where)
        total = self._count(f"SELECT COUNT(*) FROM stories s WHERE {clause}", params)
        order = _SORT_SQL[sort if sort in SORTS else "newest"]
        rows = self._rows(
            "SELECT s.id, s.title, s.article_count, s.outlet_count, s.conflict_count, s.latest, "
            f"s.updated_at FROM stories s WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)])
        return StoryPage(total, [StoryRow(*row) for row in rows])

    def history(self, story_id: str) -> list[dict[str, str]]:
        rows = self._rows("SELECT article_id, event, detail, at FROM story_membership "
                          "WHERE story_id = ? ORDER BY seq", (story_id,))
        return [{"article_id": a, "event": e, "detail": d, "at": t} for a, e, d, t in rows]

    def languages_and_sources(self) -> tuple[list[str], list[str]]:
        languages = [r[0] for r in self._rows(
            "SELECT DISTINCT language FROM articles WHERE language <> '' ORDER BY language")]
        sources = [r[0] for r in self._rows(
            "SELECT DISTINCT source FROM articles WHERE source <> '' ORDER BY source")]
        return languages, sources

    # ---- quarantine & feeds ----------------------------------------------------------

    def quarantine(self, input_name: str, reason: str) -> None:
        self._exec("INSERT INTO quarantine (input, reason, at) VALUES (?, ?, ?)",
                   (input_name, reason, utc_now()))

    def quarantined(self, limit: int = 100) -> list[dict[str, str]]:
        rows = self._rows("SELECT input, reason, at FROM quarantine ORDER BY seq DESC LIMIT ?",
                          (limit,))
        return [{"input": i, "reason": r, "at": t} for i, r, t in rows]

    def get_feed(self, url: str) -> FeedState:
        row = self._one("SELECT url, etag, last_modified, last_status, last_error FROM feeds "
                        "WHERE url = ?", (url,))
        return FeedState(*row) if row else FeedState(url)

    def put_feed(self, state: FeedState) -> None:
        self._exec("INSERT INTO feeds (url, etag, last_modified, last_status, last_error, "
                   "checked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                   "etag = excluded.etag, last_modified = excluded.last_modified, "
                   "last_status = excluded.last_status, last_error = excluded.last_error, "
                   "checked_at = excluded.checked_at",
                   (state.url, state.etag, state.last_modified, state.last_status,
                    state.last_error, utc_now()))


def contradiction_count(brief: dict[str, Any]) -> int:
    return sum(1 for c in brief.get("conflicts", []) if c.get("contradiction", True))

"""SQLite backend: one file, WAL journal, foreign keys on, FTS5 for search."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from storyloom.errors import StoreError
from storyloom.store.sql import SqlStore
from storyloom.text import WORD


def sqlite_path(url: str) -> str:
    for prefix in ("sqlite:///", "sqlite://"):
        if url.startswith(prefix):
            return url[len(prefix):] or ":memory:"
    return url


class SqliteStore(SqlStore):
    dialect = "sqlite"

    def _connect(self) -> sqlite3.Connection:
        path = sqlite_path(self.url)
        if path != ":memory:" and not Path(path).expanduser().parent.is_dir():
            # a mistyped --db must not invent directories (and an empty store in them)
            raise StoreError(f"cannot open the store {path}: the directory "
                             f"{Path(path).expanduser().parent} does not exist; create it first")
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves (see transaction())
            conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")  # WAL keeps this crash-safe
            conn.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite store {path!r}: {exc}") from exc
        return conn

    def _begin(self) -> None:
        # IMMEDIATE: take the write lock now, so two writers queue instead of deadlocking
        self._conn.execute("BEGIN IMMEDIATE")

    def _match_clause(self) -> str:
        return "a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"

    def _match_param(self, q: str) -> str:
        # every word quoted: user input is never parsed as FTS5 query syntax
        words = WORD.findall(q)
        return " ".join('"' + w.replace('"', "") + '"' for w in words) or '""'

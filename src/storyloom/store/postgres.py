"""PostgreSQL backend (psycopg 3): same schema and SQL, tsvector + GIN for search."""
from __future__ import annotations

from typing import Any

from storyloom.errors import MissingExtraError, StoreError
from storyloom.store.sql import SqlStore


class PostgresStore(SqlStore):
    dialect = "postgres"

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:
            raise MissingExtraError("the PostgreSQL store", "web") from exc
        try:
            # autocommit: transactions are explicit (BEGIN/COMMIT in transaction())
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc

    def _begin(self) -> None:
        self._conn.execute("BEGIN")

    def _sql(self, sql: str) -> str:
        # our SQL never holds a literal '?' or '%': placeholders are the only ones
        return sql.replace("?", "%s")

    def _match_clause(self) -> str:
        return "a.tsv @@ plainto_tsquery('simple', ?)"

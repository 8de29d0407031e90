"""The store's schema as numbered migrations, one SQL text shared by SQLite and PostgreSQL.

Types that differ between the two are written as `{blob}` / `{serial}` and filled in per
dialect; full-text search differs too much to share and has one migration per dialect.
Applied versions are recorded in `schema_migrations`, so opening a store upgrades it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

TYPES = {
    "sqlite": {"blob": "BLOB", "serial": "INTEGER"},  # INTEGER PRIMARY KEY = auto rowid
    "postgres": {"blob": "BYTEA", "serial": "BIGSERIAL"},
}


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: list[str] = field(default_factory=list)  # shared by both dialects
    by_dialect: dict[str, list[str]] = field(default_factory=dict)

    def sql_for(self, dialect: str) -> list[str]:
        shared = [s.format(**TYPES[dialect]) for s in self.statements]
        return shared + self.by_dialect.get(dialect, [])


_CORE = [
    """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        article_count INTEGER NOT NULL DEFAULT 0,
        outlet_count INTEGER NOT NULL DEFAULT 0,
        conflict_count INTEGER NOT NULL DEFAULT 0,
        latest TEXT NOT NULL DEFAULT '',
        centroid {blob},
        merged_into TEXT REFERENCES stories(id),
        brief_stale INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
    """CREATE TABLE articles (
        seq {serial} PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        published TEXT,
        language TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        blocks TEXT NOT NULL DEFAULT '[]',
        input TEXT NOT NULL DEFAULT '',
        extra TEXT NOT NULL DEFAULT '{{}}',
        syndicated_of TEXT,
        head_embedding {blob},
        story_id TEXT REFERENCES stories(id),
        linked_to TEXT,
        link_score REAL,
        created_at TEXT NOT NULL)""",
    # an empty URL means "none": only real URLs must be unique
    "CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> ''",
    "CREATE INDEX articles_story ON articles(story_id)",
    """CREATE TABLE story_briefs (
        story_id TEXT PRIMARY KEY REFERENCES stories(id),
        brief TEXT NOT NULL,
        built_at TEXT NOT NULL)""",
    """CREATE TABLE story_membership (
        seq {serial} PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        story_id TEXT NOT NULL REFERENCES stories(id),
        event TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL)""",
    "CREATE INDEX story_membership_story ON story_membership(story_id)",
    """CREATE TABLE quarantine (
        seq {serial} PRIMARY KEY,
        input TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL)""",
    """CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_error TEXT,
        checked_at TEXT)""",
]

_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='seq', tokenize='unicode61')""",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
]

_POSTGRES_FTS = [
    # 'simple' configuration: the articles are in many languages, so no stemming
    """ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS
        (to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED""",
    "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
]

# the story list's three sort orders and its filters, so pages stay fast on big stores
_LIST_INDEXES = [
    "CREATE INDEX stories_latest ON stories(latest, updated_at)",
    "CREATE INDEX stories_outlets ON stories(outlet_count, article_count)",
    "CREATE INDEX stories_conflicts ON stories(conflict_count, outlet_count)",
    "CREATE INDEX articles_language ON articles(language, story_id)",
    "CREATE INDEX articles_source ON articles(source, story_id)",
]

# who changed the store's articles, when: every add and remove, by the CLI or the API
_WRITES = [
    """CREATE TABLE writes (
        seq {serial} PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        article_id TEXT NOT NULL,
        story_id TEXT,
        actor TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX writes_article ON writes(article_id)",
]

MIGRATIONS: list[Migration] = [
    Migration(1, "core tables", _CORE),
    Migration(2, "full-text search", by_dialect={"sqlite": _SQLITE_FTS, "postgres": _POSTGRES_FTS}),
    Migration(3, "story list indexes", _LIST_INDEXES),
    Migration(4, "audit trail of writes", _WRITES),
]

MIGRATIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"""

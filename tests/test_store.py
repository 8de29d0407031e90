"""Store suite, run on SQLite and (when its binaries are installed) PostgreSQL."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyloom.model import Article, Membership
from storyloom.store import NotFoundError, content_hash, open_store
from storyloom.store.base import FeedState
from storyloom.store.incremental import IngestOptions, ingest_articles

FAST = IngestOptions(embedder="hashing", briefs=False, chunk_size=7)


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL cluster in a temp dir (as user postgres when we are root)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries not installed (apt-get install postgresql)")
    root = tempfile.mkdtemp(prefix="storyloom-pg-")
    data, port = os.path.join(root, "data"), _free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *args: subprocess.run([*as_user, *args], check=True, capture_output=True)  # noqa: E731
    run(f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "storyloom", "--no-sync")
    run(f"{bindir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(root, "log"), "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    yield f"postgresql://storyloom@127.0.0.1:{port}/postgres"
    subprocess.run([*as_user, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                   capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


def _fresh_pg_db(base_url: str) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a generated identifier, not user input
    return base_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return _fresh_pg_db(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def _article(n: int, text: str | None = None, **kw) -> Article:
    return Article(id=f"a{n}", text=text or f"Article number {n} about the harbour fire.",
                   title=f"Title {n}", **kw)


def test_migrations_are_recorded_and_rerun_is_a_no_op(store, store_url):
    assert store.schema_versions() == [1, 2, 3, 4]
    again = open_store(store_url)
    assert again.schema_versions() == [1, 2, 3, 4]
    again.close()


def test_article_round_trip_and_duplicates(store):
    article = _article(1, url="https://example.org/1", source="Example", language="en",
                       published="2021-12-30", blocks=[(0, 7)], extra={"story": "x"})
    with store.transaction():
        store.add_article(article, content_hash(article))
    got = store.get_article("a1")
    assert (got.text, got.url, got.blocks, got.extra, got.published) == (
        article.text, article.url, [(0, 7)], {"story": "x"}, "2021-12-30")
    assert store.find_duplicate("https://example.org/1", "other") == "a1"
    assert store.find_duplicate("", content_hash(article)) == "a1"
    assert store.find_duplicate("", "nothing") is None
    with pytest.raises(NotFoundError):
        store.get_article("missing")


def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_article(_article(1), "h1")
            raise RuntimeError("crash")
    assert store.article_count() == 0


def test_ingest_is_idempotent_and_groups_every_article(store):
    articles = [_article(n, f"Flood in town {n % 3}: the river rose {n} metres overnight.")
                for n in range(12)]
    first = ingest_articles(store, articles, FAST)
    assert len(first.added) == 12 and store.pending_article_ids(100) == []
    stories_before = {s.id: s.article_count for s in store.list_stories(limit=100).stories}
    again = [_article(n, f"Flood in town {n % 3}: the river rose {n} metres overnight.")
             for n in range(12)]
    second = ingest_articles(store, again, FAST)
    assert second.added == [] and len(second.duplicates) == 12
    assert {s.id: s.article_count for s in store.list_stories(limit=100).stories} == stories_before
    assert sum(stories_before.values()) == 12


def test_merge_is_recorded_and_followed(store):
    with store.transaction():
        for n in (1, 2):
            store.add_article(_article(n), f"h{n}")
            store.create_story(f"s{n}")
            store.assign(Membership(f"a{n}", None, 1.0), f"s{n}", "join")
        store.merge_story("s2", "s1")
    assert store.resolve_story("s2") == "s1"
    assert sorted(store.story_article_ids("s1")) == ["a1", "a2"]
    events = [(h["article_id"], h["event"]) for h in store.history("s1")]
    assert ("a2", "merge") in events and ("a1", "join") in events


def test_search_filters_and_sorting(store):
    texts = ["Harbour fire destroys warehouses.", "Election results delayed by storm."]
    ingest_articles(store, [_article(n, t, language="en", source=f"outlet{n}")
                            for n, t in enumerate(texts)], IngestOptions(embedder="hashing",
                                                                         briefs=False))
    found = store.list_stories(q="warehouses")
    assert found.total == 1 and "Title 0" == found.stories[0].title
    assert store.list_stories(q='"; DROP TABLE articles; --').total == 0
    assert store.list_stories(source="outlet1").total == 1
    assert store.list_stories(language="de").total == 0
    assert store.list_stories(sort="outlets", limit=1).total == 2


def test_quarantine_and_feed_state(store):
    with store.transaction():
        store.quarantine("bad.xml", "malformed feed")
        store.put_feed(FeedState("http://x/feed", '"e1"', "Mon, 01 Jan 2024 00:00:00 GMT", 200))
    assert store.quarantined()[0]["reason"] == "malformed feed"
    assert store.get_feed("http://x/feed").etag == '"e1"'
    assert store.get_feed("http://y/").etag is None


def test_embedder_is_fixed_per_store(store):
    from storyloom.errors import StoreError

    ingest_articles(store, [_article(1)], FAST)
    with pytest.raises(StoreError, match="embedder"):
        ingest_articles(store, [_article(2)], IngestOptions(embedder="use-multilingual"))


_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                min_size=1, max_size=200)
_opt = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
               max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_text, title=_opt, source=_opt, url=_opt, extra=st.dictionaries(_opt, _opt, max_size=3))
def test_storage_round_trip(store, text, title, source, url, extra):
    article = Article(id=uuid.uuid4().hex, text=text, title=title, source=source,
                      url=url and f"https://h/{uuid.uuid4().hex}/{url}", extra=extra)
    with store.transaction():
        store.add_article(article, uuid.uuid4().hex)
        store.set_analysis(article.id, "xx", np.arange(4, dtype=np.float32))
    got = store.get_article(article.id)
    assert (got.text, got.title, got.source, got.url, got.extra) == (
        text, title, source, article.url, extra)
    assert np.array_equal(store.head_vectors([article.id])[article.id], np.arange(4))


def test_conflict_count_counts_contradictions_only(store):
    """The story list's count is the brief's "Disputed (n)": related figures are not counted."""
    with store.transaction():
        store.add_article(_article(1), "h1")
        store.create_story("s1")
        store.assign(Membership("a1", None, 1.0), "s1", "join")
        brief = {"title": "T", "articles": [{"id": "a1", "source": "x"}],
                 "conflicts": [{"kind": "number", "contradiction": True},
                               {"kind": "number", "contradiction": False},
                               {"kind": "date", "contradiction": True}]}
        store.save_brief("s1", brief, "2024-01-01")
    assert store.list_stories(limit=10).stories[0].conflict_count == 2


def test_remove_article_updates_its_story_on_every_backend(store):
    from storyloom.store.incremental import remove_articles

    articles = [_article(n, f"Flood in town: the river rose {n} metres overnight.") for n in range(3)]
    ingest_articles(store, articles, FAST)
    story = store.article_story("a0")
    members = store.story_article_ids(story)
    remove_articles(store, [members[0]], FAST)
    assert store.story_article_ids(story) == members[1:]
    assert [w["action"] for w in store.writes()][:1] == ["remove"]


def test_a_corrected_article_at_a_known_url_is_a_new_version(store):
    """Same URL, other text: the stored article is replaced (not dropped as a duplicate),
    its story rebuilt, and the change reported and audited ("1,200 -> 2,100")."""
    from storyloom.store.incremental import figure_changes

    first = _article(1, "Officials said 1,200 people were evacuated from the valley on Monday.",
                     url="https://news.example/flood")
    ingest_articles(store, [first], FAST)
    story = store.article_story("a1")
    fixed = _article(9, "Officials said 2,100 people were evacuated from the valley on Monday.",
                     url="https://news.example/flood")
    report = ingest_articles(store, [fixed], FAST)
    assert report.added == [] and report.duplicates == []
    assert report.updated == [{"id": "a1", "changes": "1,200 -> 2,100"}]
    assert "2,100 people" in store.get_article("a1").text
    assert store.article_story("a1") == story and story in report.rebuilt_stories
    assert store.writes()[0]["action"] == "update" and store.writes()[0]["detail"] == "1,200 -> 2,100"
    same = ingest_articles(store, [fixed], FAST)  # the same version again: a duplicate
    assert same.updated == [] and len(same.duplicates) == 1
    assert figure_changes("no figures here", "none either") == "text changed"

"""Ingest as a process: crash safety (SIGKILL + re-run), fetching over HTTP, watch + SIGINT."""
from __future__ import annotations

import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storyloom.store import open_store
from storyloom.store.fetch import Fetcher
from storyloom.store.incremental import IngestOptions
from storyloom.store.service import run_ingest

FAST_ARGS = ["--embedder", "hashing", "--no-briefs", "-q"]
TOPICS = ["harbour fire", "mayor election", "river flood", "bridge collapse", "rail strike",
          "museum theft", "drought relief", "vaccine rollout", "stadium opening", "oil spill"]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyloom", *args]


def _generated_jsonl(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            topic = TOPICS[n % len(TOPICS)]
            text = (f"Officials described the {topic} in district {n % 7} on day {n}. "
                    f"Witness number {n} said the {topic} affected {n * 13} residents. "
                    f"Outlet {n % 11} reported further details about the {topic}.")
            out.write(json.dumps({"id": f"g{n}", "title": f"{topic.title()} update {n}",
                                  "text": text, "source": f"outlet{n % 11}"}) + "\n")


def _count(db: Path, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


@pytest.mark.slow  # ~50 s on 2 cores: 300 articles through analysis and grouping, twice
def test_sigkill_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path):
    batch, db = tmp_path / "batch.jsonl", tmp_path / "s.db"
    _generated_jsonl(batch, 300)
    command = _cli("ingest", str(batch), "--db", str(db), "--chunk-size", "10", *FAST_ARGS)
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    grouped = 0
    while time.time() < deadline and proc.poll() is None:  # kill once grouping is under way
        time.sleep(0.05)
        try:
            grouped = _count(db, "SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL")
        except sqlite3.Error:
            continue
        if grouped >= 40:
            break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert grouped < 300
    subprocess.run(command, check=True, timeout=300)
    assert _count(db, "SELECT COUNT(*) FROM articles") == 300
    assert _count(db, "SELECT COUNT(DISTINCT content_hash) FROM articles") == 300
    assert _count(db, "SELECT COUNT(*) FROM articles WHERE story_id IS NULL") == 0
    # every article joined exactly one story once
    assert _count(db, "SELECT COUNT(*) FROM story_membership WHERE event = 'join'") == 300
    assert _count(db, "SELECT COUNT(*) FROM stories WHERE brief_stale = 1 "
                      "AND merged_into IS NULL") == 0


class _Site(http.server.BaseHTTPRequestHandler):
    """A tiny local site: a feed with an ETag, its article pages, garbage, a slow URL."""

    hits: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        type(self).hits.append(self.path)
        host = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/feed.xml":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            items = "".join(
                f"<item><title>Dam report {n}</title><link>{host}/a{n}.html</link>"
                f"<pubDate>Thu, 30 Dec 2021 10:00:00 GMT</pubDate>"
                f"<description>Dam {n} summary.</description></item>" for n in range(2))
            self._send(f"<?xml version='1.0'?><rss version='2.0'><channel><title>Local"
                       f"</title>{items}</channel></rss>", "application/rss+xml", etag='"v1"')
        elif self.path.startswith("/a"):
            n = self.path[2]
            body = " ".join(f"Engineers inspected the dam number {n} on Thursday, sentence {k}."
                            for k in range(8))
            self._send(f"<html><head><title>Dam report {n}</title></head><body><article>"
                       f"<h1>Dam report {n}</h1><p>{body}</p></article></body></html>",
                       "text/html")
        elif self.path == "/garbage.xml":
            self._send("<?xml version='1.0'?><rss><channel><item><title>broken", "application/xml")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send("late", "text/plain")
        else:
            self.send_error(404)

    def _send(self, text: str, kind: str, etag: str | None = None):
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Site.hits = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_feed_ingest_conditional_get_and_quarantine(tmp_path, site):
    store = open_store(str(tmp_path / "s.db"))
    fetcher = Fetcher(store, timeout=0.5, retries=1, backoff=0.01, host_interval=0.0)
    options = IngestOptions(embedder="hashing", briefs=False)
    inputs = [f"{site}/feed.xml", f"{site}/garbage.xml", f"{site}/slow", f"{site}/missing"]
    report = run_ingest(store, inputs, options, fetcher)
    assert len(report.ingest.added) == 2
    reasons = {q["input"]: q["reason"] for q in store.quarantined()}
    assert "feed" in reasons[f"{site}/garbage.xml"]
    assert "timed out" in reasons[f"{site}/slow"]
    assert "404" in reasons[f"{site}/missing"]
    assert store.get_feed(f"{site}/feed.xml").etag == '"v1"'
    article = store.get_articles(report.ingest.added)[0]
    assert article.url.startswith(site) and "dam" in article.text.lower()
    _Site.hits.clear()
    again = run_ingest(store, [f"{site}/feed.xml"], options, fetcher)
    assert again.ingest.added == [] and _Site.hits == ["/feed.xml"]  # 304: nothing re-fetched
    fetcher.close()
    store.close()


@pytest.mark.slow
def test_watch_stops_cleanly_on_sigint(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "w.db"
    folder.mkdir()
    _generated_jsonl(folder / "batch.jsonl", 20)
    proc = subprocess.Popen(_cli("watch", str(folder), "--db", str(db), "--interval", "0.3",
                                 "--embedder", "hashing", "--no-briefs"),
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    lines = []
    for line in proc.stderr:  # wait for the first completed poll
        lines.append(line)
        if "added" in line:
            break
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 0, "".join(lines) + rest
    assert "stopped" in rest
    assert _count(db, "SELECT COUNT(*) FROM articles WHERE story_id IS NOT NULL") == 20


FEED_ENTRIES = int(os.environ.get("STORYLOOM_FEED_ENTRIES", "30"))  # 1000: the size


class _BigFeed(http.server.BaseHTTPRequestHandler):
    """An aggregator feed of FEED_ENTRIES entries whose pages name three different outlets."""

    db: str = ""
    stored_when_fetching: list[int] = []
    fetched: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        host = f"http://127.0.0.1:{self.server.server_port}"
        if self.path == "/feed.xml":
            items = "".join(f"<item><title>Harbour {n}</title><link>{host}/p{n}.html</link>"
                            f"<description>Harbour {n}.</description></item>"
                            for n in range(FEED_ENTRIES))
            body = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Aggregator</title>"
                    f"<link>https://aggregator.example/</link>{items}</channel></rss>")
            kind = "application/rss+xml"
        else:
            n = int(self.path[2:].split(".")[0])
            type(self).fetched.append(self.path)
            if self.db and os.path.exists(self.db):
                type(self).stored_when_fetching.append(_count(self.db, "SELECT COUNT(*) FROM articles"))
            outlet = ("Coast News", "Valley Wire", "Harbour Ledger")[n % 3]
            text = " ".join(f"Harbour item {n}: crews cleared pier {n} on Friday, report {k}."
                            for k in range(6))
            body = (f"<html><head><meta property='og:site_name' content='{outlet}'>"
                    f"<title>Harbour {n}</title></head><body><article><h1>Harbour {n}</h1>"
                    f"<p>{text}</p></article></body></html>")
            kind = "text/html"
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_feed_entries_are_stored_as_fetched_and_resume_after_a_stop(tmp_path):
    """Articles appear in the store while the feed runs; a stop part-way and a restart
    give every entry once, the stored ones not fetched again; outlets are the pages'."""
    db = str(tmp_path / "f.db")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BigFeed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _BigFeed.db, _BigFeed.stored_when_fetching, _BigFeed.fetched = db, [], []
    feed = f"http://127.0.0.1:{server.server_port}/feed.xml"
    options = IngestOptions(embedder="hashing", briefs=False)
    store = open_store(db)

    class Stop(Exception):
        pass

    stop_at = FEED_ENTRIES * 2 // 5

    class StoppingFetcher(Fetcher):
        def get(self, url, conditional=True):
            if url.endswith(f"/p{stop_at}.html"):
                raise Stop  # as a Ctrl-C or a crash part-way through
            return super().get(url, conditional)

    try:
        with pytest.raises(Stop):
            run_ingest(store, [feed], options, StoppingFetcher(store, host_interval=0.0))
        assert _count(db, "SELECT COUNT(*) FROM articles") == stop_at  # kept, though the run died
        assert max(_BigFeed.stored_when_fetching) >= stop_at - 1  # stored while it ran
        _BigFeed.fetched = []
        report = run_ingest(store, [feed], options, Fetcher(store, host_interval=0.0))
        assert len(report.ingest.added) == FEED_ENTRIES - stop_at
        assert len(_BigFeed.fetched) == FEED_ENTRIES - stop_at  # stored entries not fetched again
        assert _count(db, "SELECT COUNT(*) FROM articles") == FEED_ENTRIES
        assert _count(db, "SELECT COUNT(DISTINCT url) FROM articles") == FEED_ENTRIES
        outlets = {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT source FROM articles")}
        assert outlets == {"Coast News", "Valley Wire", "Harbour Ledger"}
    finally:
        store.close()
        server.shutdown()

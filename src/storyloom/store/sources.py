"""Turn ingest arguments (files, folders, page URLs, feed URLs) into articles.

Files go through `storyloom.ingest.read_inputs`; fetched pages are handed to the same readers via a temporary file. A source that
cannot be used yields a problem (input, reason) for the quarantine, never an exception.
"""
from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from storyloom.errors import InputError, StoryloomError
from storyloom.model import Article
from storyloom.store.base import Store
from storyloom.store.fetch import Fetched, Fetcher

log = logging.getLogger(__name__)
_FEED_TYPES = ("rss", "atom", "xml")


Sink = Callable[[list[Article]], None]


@dataclass
class Collected:
    articles: list[Article] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)
    fetched: list[Fetched] = field(default_factory=list)  # validators to remember once stored
    # where a feed's entries go as each is fetched (stored and committed at once, so a
    # 10,000-entry feed fills the store as it runs and a restart skips what is stored);
    # None: gathered in `articles` with the rest
    sink: Sink | None = None
    progress: Callable[[str, int, int], None] | None = None


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def collect(inputs: list[str], store: Store, fetcher: Fetcher | None = None,
            sink: Sink | None = None, progress: Callable[[str, int, int], None] | None = None
            ) -> Collected:
    out = Collected(sink=sink, progress=progress)
    for value in inputs:
        try:
            if is_url(value):
                if fetcher is None:
                    raise InputError(value, "URLs need a fetcher")
                _collect_url(value, store, fetcher, out)
            else:
                _collect_path(Path(value), out)
        except InputError as exc:
            out.problems.append((exc.input_name, exc.problem))
        except StoryloomError as exc:
            out.problems.append((value, str(exc)))
    return out


def _collect_path(path: Path, out: Collected) -> None:
    from storyloom.ingest import read_inputs

    articles, warnings = read_inputs([str(path)])
    out.articles.extend(articles)
    out.problems.extend((w.input, w.problem) for w in warnings)


def _looks_like_feed(fetched: Fetched) -> bool:
    kind = fetched.content_type.lower()
    head = fetched.content[:300].lstrip().lower()
    return any(t in kind for t in _FEED_TYPES) or head.startswith((b"<?xml", b"<rss", b"<feed"))


def _collect_url(url: str, store: Store, fetcher: Fetcher, out: Collected) -> None:
    fetched = fetcher.get(url)
    if fetched.not_modified:
        log.info("%s: not modified", url)
        return
    if _looks_like_feed(fetched):
        _feed_articles(fetched, store, fetcher, out)
    else:
        out.articles.append(page_article(fetched.content, url, url))
    out.fetched.append(fetched)


def page_article(content: bytes, url: str, input_name: str, title: str = "",
                 published: str | None = None, source: str = "") -> Article:
    """An HTML page (bytes) as an article, read by the ingest stage's readers."""
    from storyloom.ingest import read_inputs

    if b"\x00" in content[:4096]:
        raise InputError(input_name, "binary content, not a web page")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_bytes(content)
        articles, warnings = read_inputs([str(page)])
    if not articles:
        reason = warnings[0].problem if warnings else "no article text found"
        raise InputError(input_name, reason)
    article = articles[0]
    article.id = "u" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]
    article.url, article.input = url, input_name
    article.title = title or article.title
    article.published = published or article.published
    host = urlparse(url).netloc.lower()
    article.source = source or article.source or (host[4:] if host.startswith("www.") else host)
    return article


def _feed_articles(fetched: Fetched, store: Store, fetcher: Fetcher, out: Collected) -> None:
    """Each new entry fetched, read, and handed to the sink at once (else gathered)."""
    import feedparser

    from storyloom.ingest.feed import entry_outlet, feed_host

    feed = feedparser.parse(fetched.content)
    if not [e for e in feed.entries if e.get("link")]:
        # feedparser salvages what it can from broken XML; without a link there is nothing
        reason = str(getattr(feed, "bozo_exception", "")) or "no entry with a link"
        raise InputError(fetched.url, f"malformed or empty feed: {reason}")
    home = feed_host(feed.feed.get("link", "") or fetched.url)
    entries = [e for e in feed.entries if e.get("link")]
    for number, entry in enumerate(entries, start=1):
        link = entry["link"]
        if store.find_duplicate(link, "") is None:  # stored before: not fetched again
            try:
                article = _entry_article(entry, link, fetched.url, fetcher)
                site = "" if article.source == feed_host(link) else article.source  # the page's name
                # the page's own name, the entry's <source>, else its domain: never the
                # feed's title (an aggregator's title would make its outlets one)
                article.source = entry_outlet(entry, "", home, site)
                (out.sink or out.articles.extend)([article])
            except InputError as exc:
                out.problems.append((exc.input_name, exc.problem))
        if out.progress is not None:
            out.progress(f"feed {fetched.url}", number, len(entries))


def _entry_article(entry, link: str, feed_url: str, fetcher: Fetcher) -> Article:
    published = None
    if entry.get("published_parsed"):
        published = time.strftime("%Y-%m-%d", entry.published_parsed)
    title = entry.get("title", "")
    try:
        page = fetcher.get(link, conditional=False)
        return page_article(page.content, link, link, title, published)
    except InputError as exc:
        summary = entry.get("summary", "")
        if not summary:
            raise
        log.info("%s: %s; using the feed's summary", link, exc.problem)
        html = f"<html><body><article><p>{summary}</p></article></body></html>".encode()
        return page_article(html, link, feed_url, title, published)

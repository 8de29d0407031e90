"""RSS/Atom feeds: one article per entry. An entry's outlet is the feed's title when the
entry links to the feed's own site; an aggregator's entry (linking elsewhere) is
credited to its `<source>` element, else its link's domain, never the aggregator: three
outlets' reports from one feed stay three outlets."""
from __future__ import annotations

import calendar
from datetime import UTC, datetime

from storyloom.errors import InputError
from storyloom.ingest.article import build_article
from storyloom.ingest.dates import normalise_published
from storyloom.ingest.markup import html_to_text
from storyloom.ingest.readers import READERS, ReadResult, Source
from storyloom.model import InputWarning

MAX_FEED_BYTES = 50_000_000


def _entry_text(entry) -> str:
    """The fullest body an entry carries: content if present, else the summary."""
    contents = [c.get("value", "") for c in entry.get("content", []) or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary", "") or ""
    return html_to_text(best if len(best) > len(summary) else summary)


def _entry_published(entry) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:  # feedparser gives UTC struct_time
        stamp = calendar.timegm(parsed)
        return datetime.fromtimestamp(stamp, tz=UTC).isoformat(timespec="seconds")
    return normalise_published(entry.get("published") or entry.get("updated"))


def feed_host(url: str) -> str:
    from urllib.parse import urlparse

    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def entry_outlet(entry, feed_outlet: str, home: str, page_outlet: str = "") -> str:
    """Who published the entry: its `<source>` title; else, for an entry on the feed's
    own site (`home`), the page's site name or the feed's title; else the page's site
    name or the site it links to."""
    source = entry.get("source") or {}
    named = html_to_text(source.get("title", "") or "") if hasattr(source, "get") else ""
    if named:
        return named
    host = feed_host(entry.get("link", "") or "")
    if not host or not home or host == home or host.endswith("." + home):
        return page_outlet or feed_outlet or host
    return page_outlet or host


class FeedReader:
    max_bytes = MAX_FEED_BYTES

    def read(self, source: Source) -> ReadResult:
        import feedparser

        parsed = feedparser.parse(source.data)
        if not parsed.entries:
            problem = "not an RSS/Atom feed" if parsed.get("bozo") else "feed has no entries"
            raise InputError(source.name, problem)
        outlet = html_to_text(parsed.feed.get("title", "") or "")
        home = feed_host(parsed.feed.get("link", "") or "")
        result = ReadResult()
        for number, entry in enumerate(parsed.entries, start=1):
            name = f"{source.name}:entry {number}"
            try:
                result.articles.append(build_article(
                    f"{source.stem}-{number}", _entry_text(entry), name,
                    title=html_to_text(entry.get("title", "") or "") or None,
                    source=entry_outlet(entry, outlet, home), url=entry.get("link", "") or "",
                    published=_entry_published(entry),
                    extra={"guid": entry["id"]} if entry.get("id") else {}))
            except InputError as error:
                result.warnings.append(InputWarning(name, error.problem))
        return result


READERS.register("feed")(FeedReader)

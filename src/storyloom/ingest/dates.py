"""Dates in ingest: recognising date-only header lines and normalising metadata dates.

A date header in a plain-text file ("Monday, March 4", "12/03/2021") is only a
candidate publication date: scraped pages often carry the date of something else
(the crawl, a sidebar), so it is kept with low trust and never becomes `published`.
Parsing is rule based and fast; dateparser is only a last resort for metadata.
"""
from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from storyloom.ingest.lines import words_of
from storyloom.text import DATE_LINE_LANGUAGES, merged

log = logging.getLogger(__name__)

MONTHS = merged("DATE_LINE_MONTHS", DATE_LINE_LANGUAGES)
# weekday words by ISO position (Monday = 0), so a date line's weekday can be checked
WEEKDAY_INDEX = merged("DATE_LINE_WEEKDAYS", DATE_LINE_LANGUAGES)
WEEKDAYS = frozenset(WEEKDAY_INDEX)
# "Updated 9:06 AM": a time stamp line says when, like a date
_STAMP_WORDS = frozenset().union(*(words.STAMP_WORDS for words in DATE_LINE_LANGUAGES.values()))
# words that may surround a date in a header line without making it a sentence
_FILLER = frozenset().union(*(words.DATE_LINE_FILLER for words in DATE_LINE_LANGUAGES.values()))
_NUMERIC = re.compile(r"\b(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\b")
_TIME = re.compile(r"^\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?$")
_NUMBER = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|º|°|er|e)?$", re.IGNORECASE)
MAX_HEADER_WORDS = 9
MAX_DATE_CHARS = 60


def is_date_line(text: str) -> bool:
    """True for a line that holds a date and nothing else (weekday, filler, time allowed)."""
    tokens = [t.lower() for t in re.findall(r"[^\W_]+(?:[:.h]\d{2})*|\d+[./-]\d+[./-]\d+", text)]
    if not tokens or len(tokens) > MAX_HEADER_WORDS:
        return False
    has_date = bool(_NUMERIC.search(text))
    for token in tokens:
        if token in MONTHS or token in WEEKDAYS or token in _STAMP_WORDS:
            has_date = True
        elif not (token in _FILLER or _NUMBER.match(token) or _TIME.match(token)
                  or _NUMERIC.fullmatch(token)):
            return False
    return has_date


def parse_date_line(text: str) -> dict:
    """What a date-only line says: {'date': ISO or '--MM-DD' or None, 'weekday': ...}."""
    words = [w.lower() for w in words_of(text)]
    weekday = next((w for w in words if w in WEEKDAYS), None)
    numeric = _NUMERIC.search(text)
    iso = _numeric_date(numeric) if numeric else _named_month_date(words)
    return {"date": iso, "weekday": weekday}


def _numeric_date(match: re.Match) -> str | None:
    a, sep, b, c = int(match.group(1)), match.group(2), int(match.group(3)), int(match.group(4))
    if a > 31:  # 2021-12-03
        return _iso(a, b, c)
    year = c if c > 99 else 2000 + c
    if a > 12 or sep == ".":  # day first: 13/03/2021, 03.12.2021
        return _iso(year, b, a)
    if b > 12:  # month first: 03/13/2021
        return _iso(year, a, b)
    return None  # 03/04/2021 is ambiguous: say nothing rather than guess


def _named_month_date(words: list[str]) -> str | None:
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(m.group(1)) for w in words if (m := _NUMBER.match(w))]
    year = next((n for n in numbers if n > 31), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month is None:
        return None
    if year and day:
        return _iso(year, month, day)
    if day:
        return f"--{month:02d}-{day:02d}"  # ISO 8601 form of a date without its year
    return f"{year:04d}-{month:02d}" if year else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A metadata date outside these years is a placeholder, not when an article was
# published: "0001-01-01" is the zero date of .NET, Go and many databases, "9999-12-31"
# means "never". The text patterns read the same years (analyze/times.py: 19xx, 20xx),
# and date arithmetic from year 1 or 9999 (the timeline's "on Friday") leaves the calendar.
PUBLISHED_YEARS = range(1900, 2100)
_STAMPS = (datetime(PUBLISHED_YEARS.start, 1, 1, tzinfo=UTC).timestamp(),
           datetime(PUBLISHED_YEARS.stop, 1, 1, tzinfo=UTC).timestamp())


def normalise_published(value: object) -> str | None:
    """An ISO date/datetime string for a metadata date, or None when it cannot be read
    or lies outside PUBLISHED_YEARS."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):  # a Unix timestamp
        # NaN fails both comparisons; a huge number would overflow fromtimestamp
        if not _STAMPS[0] <= value < _STAMPS[1]:
            return None
        return datetime.fromtimestamp(value, tz=UTC).isoformat(timespec="seconds")
    raw = str(value).strip()
    for parse in (_from_iso, _from_rfc822, _from_words, _from_dateparser):
        result = parse(raw)
        if result:
            return result if int(result[:4]) in PUBLISHED_YEARS else None
    return None


def _from_iso(raw: str) -> str | None:
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(raw) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")


def _from_rfc822(raw: str) -> str | None:
    try:
        return parsedate_to_datetime(raw).isoformat(timespec="seconds")
    except (TypeError, ValueError, IndexError):
        return None


def _from_words(raw: str) -> str | None:
    if not is_date_line(raw):
        return None
    iso = parse_date_line(raw)["date"]
    return iso if iso and not iso.startswith("--") and len(iso) == 10 else None


@lru_cache(maxsize=4096)  # feeds repeat their date formats; dateparser is slow
def _from_dateparser(raw: str) -> str | None:
    if len(raw) > MAX_DATE_CHARS or not any(c.isdigit() for c in raw):
        return None  # an absolute date has a day or a year in digits
    import dateparser

    # absolute dates only: "yesterday" would resolve against today and change per run
    parsed = dateparser.parse(raw, settings={"STRICT_PARSING": True,
                                             "PARSERS": ["timestamp", "absolute-time"]})
    if parsed is None:
        log.debug("unreadable date %r", raw)
        return None
    return parsed.isoformat(timespec="seconds")

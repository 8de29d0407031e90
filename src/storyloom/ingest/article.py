"""Building an Article from text and metadata: title, header lines and body blocks."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from storyloom.errors import InputError
from storyloom.ingest.clean import blocks_of, kept_lines
from storyloom.ingest.dates import WEEKDAY_INDEX
from storyloom.ingest.lines import visible_lines
from storyloom.ingest.title import find_title, guess_title
from storyloom.model import Article

MAX_TEXT_CHARS = 2_000_000
# the credit of a wire's dateline: "OSTREVIK, March 3 (Coastal Wire) - "
_DATELINE_CREDIT = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,[^()\n]{1,30})?\s*\((?P<credit>[^()\n]{2,40})\)\s*[-\u2012-\u2015]")
_NOT_ALNUM = re.compile(r"[\W_]+")
# a copyright line: "Copyright 2026 The Daily Meridian. All rights reserved."
_COPYRIGHT = re.compile(r"(?im)^\s*(?:copyright|\u00a9|\(c\))\s*(?:\u00a9\s*)?(?:\d{4}\s+)?"
                        r"(?P<credit>[A-Z][\w&'\u2019 .-]{1,40}?)\.?\s*(?:all rights reserved\.?)?\s*$")


def cap_text(text: str) -> tuple[str, bool]:
    """The text cut near MAX_TEXT_CHARS at a line break in its last half, else at a
    space (a text of one long line keeps its first MAX_TEXT_CHARS, not its title);
    True when it was cut."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, False
    half = MAX_TEXT_CHARS // 2
    cut = text.rfind("\n", half, MAX_TEXT_CHARS)
    if cut <= 0:
        cut = text.rfind(" ", half, MAX_TEXT_CHARS)
    return text[:cut if cut > 0 else MAX_TEXT_CHARS], True


def build_article(article_id: str, text: str, name: str, title: str | None = None,
                  **fields: Any) -> Article:
    """An Article with its body blocks; the headline is found in the text when not given.

    Raises InputError when nothing but furniture is left.
    """
    if not text.strip():
        raise InputError(name, "empty text")
    lines = visible_lines(text)
    extra: dict[str, Any] = dict(fields.pop("extra", None) or {})
    header: list[int] = []
    echo = title.strip() if title else ""  # a title line repeated in the body is dropped
    if not echo:
        finding = find_title(lines)
        title, header = finding.title, finding.line_indices
        echo = "" if finding.extra.get("title_guessed") else title
        extra.update(finding.extra)
    assert title is not None  # given, or found just above
    blocks = blocks_of(kept_lines(lines, echo, header))
    if not blocks and header and not extra.get("title_guessed"):
        # the only line read as a headline: it is the article itself, keep it as body
        blocks = blocks_of(kept_lines(lines))
        title = guess_title(title)
        extra["title_guessed"] = True
    if not blocks:
        raise InputError(name, "no article text left after removing the title and site furniture")
    if not fields.get("source") and (credit := own_credit(article_id, text, blocks)):
        fields["source"] = credit  # the outlet named as it names itself, not by its file name
    if not fields.get("published") and (trusted := header_date(extra.get("date_header"))):
        fields["published"] = trusted
        extra["published_from"] = "date_header"
    return Article(id=article_id, text=text, title=" ".join(title.split()), blocks=blocks,
                   input=name, extra=extra, **fields)


def own_credit(article_id: str, text: str, blocks: list[tuple[int, int]]) -> str:
    """The outlet's name as the article prints it, when that name is the article's own
    ("coastal-wire": the dateline credit "(Coastal Wire)"; "daily-meridian": "Copyright 2026
    The Daily Meridian"). A copy carrying another wire's credit keeps its own id: the
    credit names who wrote it, not who published it."""
    found = [_DATELINE_CREDIT.match(text[blocks[0][0]:blocks[0][1]])] if blocks else []
    found += list(_COPYRIGHT.finditer(text))
    key = _NOT_ALNUM.sub("", article_id.lower())
    for match in found:
        if match is None:
            continue
        credit = " ".join(match.group("credit").split())
        name = _NOT_ALNUM.sub("", credit.lower())
        if key in (name, name.removeprefix("the")):
            return credit
    return ""


def header_date(header: dict | None) -> str | None:
    """A date line's date when it can stand as the publication date: a full date (with its
    year) whose weekday, if the line names one, is that date's weekday. A line like
    "Monday, March 4" (no year) cannot be checked and is never used."""
    if not header or not header.get("date") or header["date"].startswith("--"):
        return None
    try:
        day = date.fromisoformat(header["date"])
    except ValueError:
        return None
    weekday = header.get("weekday")
    if weekday and WEEKDAY_INDEX.get(weekday) != day.weekday():
        return None
    return header["date"]

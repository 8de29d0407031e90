"""Periods and vague times: years, "last week", "this year", "the third quarter", "now".

`times.py` reads the expressions that name a day or a span of time; this reads those
that name a longer period, or no fixed time at all, and keeps them as vague as the text
is: "last year" is a year (`1988`), never a day; "recently" is the past (`PAST_REF`), not a
date. Values follow TimeML (`YYYY`, `YYYY-MM`, `YYYY-Www`, `YYYY-Qn`, `YYYY-SU`,
`PRESENT_REF`, ...), resolved against a reference date (an article's publication date).
Offsets are relative to the text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyloom.text.en import PERIOD_OFFSETS, QUARTER_ORDINALS, SEASONS, TIME_REFERENCES

_UNIT = r"(?P<unit>year|month|week|quarter|" + "|".join(SEASONS) + r")"
_PATTERNS = [
    ("relative", re.compile(r"\b(?P<mod>(?:earlier|later|early|late)\s+)?(?P<which>last|this|next|"
                            rf"previous|coming)\s+{_UNIT}\b", re.I)),
    ("quarter", re.compile(r"\b(?:the\s+)?(?P<ordinal>first|second|third|fourth)[\s-]quarter\b", re.I)),
    ("quarter", re.compile(r"\bthe\s+(?:latest\s+|most\s+recent\s+)?quarter\b", re.I)),
    ("year", re.compile(r"(?<![\w$\u20ac\u00a3.,/-])(?P<year>1[89]\d\d|20\d\d)(?![\w%/-]|[.,]\d)")),
    # "in recent weeks": some weeks, how many the text does not say (TimeML PXW)
    ("vague", re.compile(r"\b(?:recent|past|coming|next|last)\s+(?P<unit>years|months|weeks|days|decades)\b",
                         re.I)),
    # "for years", "several weeks": a span whose length the text does not give (TimeML
    # DURATION PXY, PXW); "for" stays outside, as TimeML keeps the lead words out
    ("span", re.compile(r"(?:\bfor\s+|\b(?=(?:several|a\s+few|many|some)\s))(?P<span>(?:(?:several|a\s+few|many|"
                        r"some)\s+)?(?P<unit>years|months|weeks|days|decades))\b", re.I)),
    # "the 1980s", "the early 1990s": a decade (TimeML 198X)
    ("decade", re.compile(r"\b(?P<span>(?:(?:early|mid|late)[\s-])?(?P<decade>1[89]\d0|20\d0)s)\b", re.I)),
    # "the past two months" is a span (times.find_durations), not the past
    ("reference", re.compile(r"\b(?P<word>now|currently|current|recently|formerly|the\s+future|the\s+past)\b"
                             r"(?!\s+(?:[\w-]+\s+){0,2}(?:years?|months?|weeks?|days?|decades?|hours?)\b)",
                             re.I)),
]
_VAGUE_UNITS = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE"}


@dataclass(frozen=True)
class Period:
    kind: str  # relative | quarter | year | vague | span | decade | reference
    start: int
    end: int
    text: str
    unit: str = ""  # relative: year, month, week, quarter or a season; vague: years, ...
    offset: int = 0  # relative: -1 last, 0 this, +1 next
    number: int | None = None  # year: the year; decade: its first year; quarter: 1-4 (None: the latest quarter)
    reference: str = ""  # reference: PRESENT_REF, PAST_REF or FUTURE_REF


def find_periods(text: str) -> list[Period]:
    """Periods in reading order; a span is claimed by the first pattern that reads it."""
    found: list[Period] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            found.append(_period(kind, match))
    return sorted(found, key=lambda p: p.start)


def _period(kind: str, match: re.Match) -> Period:
    groups = match.groupdict()
    if kind == "relative":
        return Period(kind, match.start(), match.end(), match.group(), groups["unit"].lower(),
                      PERIOD_OFFSETS[groups["which"].lower()])
    if kind == "quarter":
        ordinal = groups.get("ordinal")
        return Period(kind, match.start(), match.end(), match.group(),
                      number=QUARTER_ORDINALS[ordinal.lower()] if ordinal else None)
    if kind == "year":
        return Period(kind, match.start(), match.end(), match.group(), number=int(groups["year"]))
    if kind == "span":
        return Period(kind, match.start("span"), match.end("span"), match.group("span"),
                      groups["unit"].lower())
    if kind == "decade":
        return Period(kind, match.start("span"), match.end("span"), match.group("span"),
                      number=int(groups["decade"]))
    if kind == "vague":
        return Period(kind, match.start(), match.end(), match.group(), groups["unit"].lower())
    word = " ".join(groups["word"].lower().split())
    return Period(kind, match.start(), match.end(), match.group(), reference=TIME_REFERENCES[word])


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def period_value(period: Period, reference: dt.date | None) -> str:
    """The TimeML value; `XXXX` where the year needs a reference that is missing."""
    if period.kind == "reference":
        return period.reference
    if period.kind in ("vague", "span"):
        return f"PX{_VAGUE_UNITS[period.unit]}"
    if period.kind == "decade":
        assert period.number is not None  # a decade is read with its first year
        return f"{period.number // 10}X"
    if period.kind == "year":
        return f"{period.number:04d}"
    if reference is None:
        return "XXXX"
    if period.kind == "quarter":
        if period.number is None:  # "the quarter" of a results report: the last one ended
            current = _quarter(reference) - 1
            year = reference.year - (current == 0)
            return f"{year:04d}-Q{current or 4}"
        # a quarter still to come this year is last year's ("fourth-quarter" in February)
        year = reference.year - (period.number > _quarter(reference))
        return f"{year:04d}-Q{period.number}"
    if period.unit == "year":
        return f"{reference.year + period.offset:04d}"
    if period.unit == "month":
        month = reference.month - 1 + period.offset
        return f"{reference.year + month // 12:04d}-{month % 12 + 1:02d}"
    if period.unit == "week":
        year, week, _ = (reference + dt.timedelta(weeks=period.offset)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if period.unit == "quarter":
        index = reference.year * 4 + _quarter(reference) - 1 + period.offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{reference.year + period.offset:04d}-{SEASONS[period.unit]}"

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

from storyloom.analyze.quantities import parse_number
from storyloom.text.en import NUMBER_WORDS, PERIOD_OFFSETS, QUARTER_ORDINALS, SEASONS, TIME_REFERENCES

_UNIT = r"(?P<unit>year|month|week|quarter|" + "|".join(SEASONS) + r")"
_TENS = "|".join(word for word, n in NUMBER_WORDS.items() if 10 <= n <= 90 and (n < 20 or n % 10 == 0))
_UNITS = "|".join(word for word, n in NUMBER_WORDS.items() if 1 <= n <= 9)
# a year said in words, as transcripts of broadcasts write it ("nineteen ninety-six")
_SPELLED_YEAR = rf"nineteen[\s-](?:{_TENS})(?:[\s-](?:{_UNITS}))?"
_CENTURY = re.compile(r"(nineteen|two\s+thousand)(?:\s+and)?[\s-]*(.*)")


def _year_number(said: str) -> int:
    """1996 for "1996" or "nineteen ninety-six", 2001 for "two thousand and one"."""
    if said.isdigit():
        return int(said)
    century, rest = _CENTURY.match(said.lower()).groups()  # type: ignore[union-attr]
    return (2000 if century.startswith("two") else 1900) + int(parse_number(rest) or 0 if rest else 0)

# (kind, pattern, words without one of which it cannot match: a cheap test before the
# pattern runs, as most sentences name no quarter, season or decade)
_PATTERNS = [
    # "the third quarter of 1984", "the 1988 second quarter", "next year's first quarter"
    ("quarter", re.compile(r"\b(?:the\s+)?(?:(?P<year_before>1[89]\d\d|20\d\d)\s+|(?P<which>last|this|next)\s+"
                           r"year's\s+)?(?P<ordinal>first|second|third|fourth)[\s-]quarter\b"
                           r"(?:\s+of\s+(?P<year>1[89]\d\d|20\d\d)\b)?", re.I), ("quarter",)),
    # "the second half of 1989", "the first two quarters of 1990": TimeML YYYY-H1 / H2
    ("half", re.compile(r"\b(?:the\s+)?(?P<ordinal>first|second|last|latter)\s+(?:half|two\s+quarters)\s+of\s+"
                        r"(?P<year>1[89]\d\d|20\d\d)\b", re.I), ("half", "quarters")),
    ("quarter", re.compile(r"\bthe\s+(?:latest\s+|most\s+recent\s+)?quarter\b", re.I), ("quarter",)),
    ("relative", re.compile(r"\b(?P<mod>(?:earlier|later|early|late)\s+)?(?P<which>last|this|next|"
                            rf"previous|coming|current)\s+{_UNIT}\b", re.I),
     ("last", "this", "next", "previous", "coming", "current")),
    # "the summer", "the winter of 1994", "this past spring" (a bare "fall" is more often a drop)
    ("season", re.compile(r"\b(?:the\s+|this\s+(?P<past>past\s+))?(?:(?:early|late)\s+)?"
                          r"(?:(?P<unit>summer|winter|spring)|(?P<named>fall|autumn)(?=\s+of\s+(?:1[89]|20)\d\d))"
                          rf"(?:\s+of\s+(?P<year>1[89]\d\d|20\d\d|{_SPELLED_YEAR}))?\b(?!-)", re.I),
     tuple(SEASONS)),
    ("year", re.compile(r"(?<![\w$\u20ac\u00a3.,/-])(?P<year>1[89]\d\d|20\d\d)(?![\w%/-]|[.,]\d)"), ("1", "2")),
    # "for the year", "the fiscal year ended June 30" (a year's span, TimeML P1Y), "by
    # year-end": the year of the report
    ("the_year", re.compile(r"\b(?:the\s+(?:full\s+|fiscal\s+|current\s+(?:fiscal\s+)?)?year(?![-'\u2019\w])"
                            r"(?!\s+(?:\d+|before|after|earlier|later|ago|two|nineteen)\b)(?=(?P<ended>\s+(?:ended|ending)\b)?)"
                            r"|year[\s-]end\b|year's\s+end\b)", re.I), ("year",)),
    ("year", re.compile(rf"\b(?P<year>{_SPELLED_YEAR})\b|\bthe\s+year\s+(?P<thousands>two\s+thousand"
                        rf"(?:\s+and\s+(?:{_UNITS}))?)\b", re.I), ("nineteen", "thousand")),
    # "in recent weeks": some weeks, how many the text does not say (TimeML PXW)
    ("vague", re.compile(r"\b(?:the\s+)?(?:recent|past|coming|next|last)\s+(?:few\s+|several\s+)?"
                         r"(?P<unit>years|months|weeks|days|decades)\b", re.I), ("years", "months", "weeks", "days", "decades")),
    # "for years", "several weeks": a span whose length the text does not give (TimeML
    # DURATION PXY, PXW); "for" stays outside, as TimeML keeps the lead words out
    ("span", re.compile(r"(?:\bfor\s+|\b(?=(?:several|a\s+few|many|some)\s))(?P<span>(?:(?:several|a\s+few|many|"
                        r"some)\s+)?(?P<unit>years|months|weeks|days|decades)(?P<ago>\s+ago)?)\b", re.I),
     ("years", "months", "weeks", "days", "decades")),
    # "the 1980s", "the early 1990s": a decade (TimeML 198)
    ("decade", re.compile(r"\b(?P<span>(?:the\s+)?(?:(?:early|mid|late)[\s-])?(?P<decade>1[89]\d0|20\d0)s)\b",
                          re.I), ("0s",)),
    # "the past two months" is a span (times.find_durations), not the past
    ("reference", re.compile(r"\b(?P<word>now|currently|current|recently|formerly|the\s+future|the\s+past)\b"
                             r"(?!\s+(?:[\w-]+\s+){0,2}(?:years?|months?|weeks?|days?|decades?|hours?)\b)",
                             re.I), ("now", "current", "recently", "formerly", "future", "past")),
]
_SEASON_STARTS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_DISCOURSE_NOW = re.compile(r"Now,")


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 12):start].rstrip(" \n\"'`\u201c\u201d")
    return not before and start <= 12 or bool(before) and before[-1] in ".!?:"

_VAGUE_UNITS = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "DE"}


@dataclass(frozen=True)
class Period:
    kind: str  # relative | quarter | half | season | year | year_of_report | vague | span | decade | reference
    start: int
    end: int
    text: str
    unit: str = ""  # relative: year, month, week, quarter or a season; vague: years, ...
    offset: int = 0  # relative: -1 last, 0 this, +1 next
    number: int | None = None  # year: the year; decade: its first year; quarter: 1-4 (None: the latest quarter); half: 1-2
    reference: str = ""  # reference: PRESENT_REF, PAST_REF or FUTURE_REF
    year: int | None = None  # quarter, half: the year the text gives it


def find_periods(text: str) -> list[Period]:
    """Periods in reading order; a span is claimed by the first pattern that reads it."""
    found: list[Period] = []
    lowered = text.lower()
    for kind, pattern, needs in _PATTERNS:
        if needs and not any(word in lowered for word in needs):
            continue  # the pattern cannot match without one of these words
        for match in pattern.finditer(text):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            if kind == "reference" and _DISCOURSE_NOW.match(text, match.start()) \
                    and _opens_sentence(text, match.start()):
                continue  # "Now, the question is ...": a turn of the argument, not a time
            found.append(_period(kind, match))
    return sorted(found, key=lambda p: p.start)


def _period(kind: str, match: re.Match) -> Period:
    groups = match.groupdict()
    if kind == "relative":
        return Period(kind, match.start(), match.end(), match.group(), groups["unit"].lower(),
                      PERIOD_OFFSETS[groups["which"].lower()])
    if kind == "quarter":
        ordinal = groups.get("ordinal")
        year = groups.get("year") or groups.get("year_before")
        which = groups.get("which")
        return Period(kind, match.start(), match.end(), match.group(),
                      offset=PERIOD_OFFSETS[which.lower()] if which else 0,
                      number=QUARTER_ORDINALS[ordinal.lower()] if ordinal else None,
                      year=int(year) if year else None)
    if kind == "the_year":
        return Period("span" if groups.get("ended") else "year_of_report", match.start(), match.end(),
                      match.group(), "year")
    if kind == "season":
        year = groups.get("year")
        return Period(kind, match.start(), match.end(), match.group(),
                      (groups.get("unit") or groups["named"]).lower(), -1 if groups.get("past") else 0,
                      year=_year_number(year) if year else None)
    if kind == "half":
        return Period(kind, match.start(), match.end(), match.group(),
                      number=1 if groups["ordinal"].lower() == "first" else 2, year=int(groups["year"]))
    if kind == "year":
        return Period(kind, match.start(), match.end(), match.group(),
                      number=_year_number(groups.get("year") or groups["thousands"]))
    if kind == "span" and groups.get("ago"):  # "several years ago": some time back (TimeML PAST_REF)
        return Period("reference", match.start("span"), match.end("span"), match.group("span"),
                      reference="PAST_REF")
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
    if period.kind == "span" and period.unit == "year":  # "the year ended March 31"
        return "P1Y"
    if period.kind in ("vague", "span"):
        return f"PX{_VAGUE_UNITS[period.unit]}"
    if period.kind == "decade":  # TimeML writes a decade as its first three digits
        assert period.number is not None  # a decade is read with its first year
        return f"{period.number // 10}"
    if period.kind == "year":
        return f"{period.number:04d}"
    if period.kind == "season" and period.year is not None:
        return f"{period.year:04d}-{SEASONS[period.unit]}"
    if period.kind == "season" and reference is not None:  # "the summer": this year's;
        begun = _SEASON_STARTS[SEASONS[period.unit]] <= reference.month  # "this past spring": the last
        year = reference.year - (period.offset < 0 and not begun)
        return f"{year:04d}-{SEASONS[period.unit]}"
    if period.kind == "half":
        return f"{period.year:04d}-H{period.number}"
    if period.kind == "quarter" and period.year is not None:
        return f"{period.year:04d}-Q{period.number}"
    if reference is None:
        return "XXXX"
    if period.kind == "quarter":
        if period.number is None:  # "the quarter" of a results report: the last one ended
            current = _quarter(reference) - 1
            year = reference.year - (current == 0)
            return f"{year:04d}-Q{current or 4}"
        if period.offset or "year's" in period.text.lower():  # "next year's first quarter"
            return f"{reference.year + period.offset:04d}-Q{period.number}"
        # a quarter still to come this year is last year's ("fourth-quarter" in February)
        year = reference.year - (period.number > _quarter(reference))
        return f"{year:04d}-Q{period.number}"
    if period.unit == "year":  # "last year", "the year" of a report
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

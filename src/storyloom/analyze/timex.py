"""Time expressions of a text as TimeML sees them: span, type and normalised value.

The readers are `times` (days, months, weekdays, durations) and `periods` (years, "last
week", quarters, "now"); this gives each expression its TimeML span (leading "on",
"since", "by", ... left out), type (DATE or DURATION) and value resolved against a
reference date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`, `YYYY-Qn`, `P2W`, `PXY`,
`PRESENT_REF`, ...), and says how certain the value is: `exact`, `approximate` ("a year
ago", "recent weeks", "now") or `year-less` (a day or month without a year and no
reference). A bare weekday looks back unless its sentence speaks of what is to come.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyloom.analyze.periods import find_periods, period_value
from storyloom.analyze.times import (
    Duration,
    TimeExpr,
    ago_value,
    find_dates,
    find_durations,
    is_rate,
    resolve,
    resolve_month,
    tense_of,
)

# leading words TimeML puts outside the expression ("on Tuesday": the TIMEX3 is "Tuesday")
_OUTSIDE = ("on", "since", "until", "till", "by", "from", "in")
# "$1.2 million from a year earlier": a span, though a figure stands before it
_RELATION_AFTER = re.compile(r"\s+(?:earlier|later|before|after|ago)\b", re.I)
_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE"}
_CLOCK_UNITS = {"hour": "H", "minute": "M", "second": "S"}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str
    type: str  # DATE | DURATION
    certainty: str = "exact"  # exact | approximate | year-less


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def duration_value(duration: Duration) -> str:
    if duration.unit in _CLOCK_UNITS:
        return f"PT{_number(duration.number)}{_CLOCK_UNITS[duration.unit]}"
    return f"P{_number(duration.number)}{_UNITS.get(duration.unit, 'D')}"


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_around(text: str, start: int, end: int) -> str:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[ends[-1] if ends else 0:after.start() if after else len(text)]


def date_value(expr: TimeExpr, reference: dt.date | None, sentence: str = "") -> str:
    if expr.kind == "month":
        return resolve_month(expr, reference) or f"XXXX-{expr.month:02d}"
    if expr.kind == "relative" and expr.offset_days and not expr.text.lower().startswith(
            ("yesterday", "tomorrow")):  # "a year ago"
        return ago_value(expr, reference) or ""
    day = resolve(expr, reference, tense_of(sentence) if sentence else "")
    if day is not None:
        return day.isoformat()
    if expr.kind == "date":
        return f"XXXX-{expr.month:02d}-{expr.day:02d}"
    return ""


def _trimmed(expr: TimeExpr, text: str) -> tuple[int, int]:
    start = expr.start
    if expr.lead in _OUTSIDE:
        start += len(text[expr.start:expr.end]) - len(text[expr.start:expr.end][len(expr.lead):].lstrip())
    return start, expr.end


def annotate_times(text: str, reference: dt.date | None) -> list[Timex]:
    """The time expressions of a text with TimeML-style spans, values and types."""
    found = []
    for expr in find_dates(text):
        start, end = _trimmed(expr, text)
        value = date_value(expr, reference, _sentence_around(text, start, end))
        certainty = ("year-less" if value.startswith("XXXX") else
                     "approximate" if expr.kind == "relative" and len(value) < 10 else "exact")
        found.append(Timex(start, end, value, "DATE", certainty))
    for duration in find_durations(text):
        if duration.ago or is_rate(text, duration) and not _RELATION_AFTER.match(text[duration.end:]):
            continue  # "two weeks ago" is a date (find_dates reads it); "twice a day" a rate
        found.append(Timex(duration.start, duration.end, duration_value(duration), "DURATION"))
    for period in find_periods(text):  # years, "last week", quarters, "now": where no day is read
        if not any(t.start < period.end and period.start < t.end for t in found):
            found.append(Timex(period.start, period.end, period_value(period, reference), "DATE",
                               "approximate" if period.kind in ("reference", "vague") else "exact"))
    return sorted(found, key=lambda t: (t.start, t.end))

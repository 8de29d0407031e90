"""Time expressions of a text as TimeML sees them: span, type and normalised value.

The readers are `times` (days, months, weekdays, durations) and `periods` (years,
decades, "last week", quarters, "now", "for years"); this module adds times of day,
what recurs, weekends and the quarter a text has named. Each expression gets its TimeML
span (leading "on", "since", "by", ... left out), type (DATE, DURATION, TIME or SET)
and value resolved against a reference date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Www`,
`YYYY-Qn`, `YYYY-MM-DDT17:00`, `P2W`, `PXY`, `P1D`, `PRESENT_REF`, ...), and says how
certain the value is: `exact`, `approximate` ("a year ago", "recent weeks", "now") or
`year-less` (a day or month without a year and no reference). A bare weekday looks back
unless its clause speaks of what is to come (`times.tense_at`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from storyloom.analyze.periods import find_periods, period_value
from storyloom.analyze.times import (
    Duration,
    TimeExpr,
    ago_value,
    find_dates,
    find_durations,
    is_rate,
    parse_iso,
    resolve,
    resolve_month,
    tense_at,
)
from storyloom.model import AnalyzedArticle
from storyloom.text.en import HOLIDAYS, MONTH_NAMES, WEEKDAY_NAMES

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
    type: str  # DATE | DURATION | TIME (a time or part of a day) | SET (what recurs)
    certainty: str = "exact"  # exact | approximate | year-less
    # the day, month or weekday read (`times.find_dates`, offsets into the text that was
    # read): what the brief's timeline places; None for spans, periods, sets and the like
    expr: TimeExpr | None = field(default=None, compare=False, repr=False)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# a fraction of a unit is written in the next smaller one ("5 1/2 hours": PT5H30M)
_SMALLER = {"hour": ("minute", 60), "minute": ("second", 60), "year": ("month", 12),
            "week": ("day", 7), "day": ("hour", 24), "decade": ("year", 10)}


def duration_value(duration: Duration) -> str:
    parts = []  # (amount, unit), largest unit first
    number, unit = duration.number, duration.unit
    if unit == "decade":  # ISO 8601 has no decade: "two decades" is P20Y
        number, unit = number * 10, "year"
    while True:
        whole, rest = int(number), number - int(number)
        smaller = _SMALLER.get(unit)
        if not (rest and smaller and float(rest * smaller[1]).is_integer()):
            parts.append((_number(number), unit))
            break
        if whole:
            parts.append((str(whole), unit))
        number, unit = rest * smaller[1], smaller[0]
    date = "".join(f"{n}{_UNITS.get(u, 'D')}" for n, u in parts if u not in _CLOCK_UNITS)
    time = "".join(f"{n}{_CLOCK_UNITS[u]}" for n, u in parts if u in _CLOCK_UNITS)
    return f"P{date}" + (f"T{time}" if time else "")


def date_value(expr: TimeExpr, reference: dt.date | None, tense: str = "") -> str:
    """The TimeML value of a date expression; `tense` ("past" / "future", `times.tense_at`)
    sets which way a bare weekday points."""
    if expr.kind == "month":
        return resolve_month(expr, reference, tense) or f"XXXX-{expr.month:02d}"
    if expr.kind == "relative" and expr.offset_days and not expr.text.lower().startswith(
            ("yesterday", "tomorrow")):  # "a year ago"
        return ago_value(expr, reference) or ""
    day = resolve(expr, reference, tense)
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


def article_times(member: AnalyzedArticle) -> list[Timex]:
    """The time expressions of an analysed article, read sentence by sentence against its
    publication date, offsets into its text, in reading order: what `storyloom annotate`
    shows and the brief's timeline places (one reading of each article)."""
    text = member.article.text
    reference = parse_iso(member.article.published)
    found = [replace(t, start=t.start + sentence.start, end=t.end + sentence.start)
             for sentence in member.sentences for t in time_expressions(sentence.text, reference)]
    # "a year earlier" after "third-quarter profit" reads the quarter named sentences before
    return sorted(in_quarter_discourse(text, found), key=lambda t: (t.start, t.end))


def annotate_times(text: str, reference: dt.date | None) -> list[Timex]:
    """The time expressions of a text with TimeML-style spans, values and types."""
    return sorted(in_quarter_discourse(text, time_expressions(text, reference)),
                  key=lambda t: (t.start, t.end))


def time_expressions(text: str, reference: dt.date | None) -> list[Timex]:
    """annotate_times without the reading of quarters named elsewhere in the text (for a
    caller that reads a long text in parts and does that once over the whole)."""
    if reference is not None and not 1 < reference.year < 9999:
        reference = None  # a date at the calendar's edge is no publication date: "next week" would overflow
    found = []
    for expr in find_dates(text):
        start, end = _trimmed(expr, text)
        value = date_value(expr, reference, tense_at(text, start, end))
        certainty = ("year-less" if value.startswith("XXXX") else
                     "approximate" if expr.kind == "relative" and len(value) < 10 else "exact")
        found.append(Timex(start, end, value, "DATE", certainty, expr))
    for duration in find_durations(text):
        if duration.ago or is_rate(text, duration) and not _RELATION_AFTER.match(text[duration.end:]):
            continue  # "two weeks ago" is a date (find_dates reads it); "twice a day" a rate
        found.append(Timex(duration.start, duration.end, duration_value(duration), "DURATION"))
    for period in find_periods(text):  # years, "last week", quarters, "now": where no day is read
        if not any(t.start < period.end and period.start < t.end for t in found):
            found.append(Timex(period.start, period.end, period_value(period, reference),
                               "DURATION" if period.kind == "span" else "DATE",
                               "approximate" if period.kind in ("reference", "vague", "span", "decade")
                               else "exact"))
    found = _with_parts_of_day(text, found, reference)
    sets = _recurring(text, found)  # "every Thursday" takes the place of the Thursday read
    found = [t for t in found if not any(r.start < t.end and t.start < r.end for r in sets)] + sets
    found += _weekends(text, found, reference) + _holidays(text, found, reference)
    return _with_clock_times(text, found, reference)


# Times of day: "10:35 a.m.", "5 p.m. EST Nov. 9", "noon Thursday" (TimeML TIME): the day
# written next to it, else the reference day, at that hour
_CLOCK = re.compile(r"\b(?:(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s?(?P<half>[ap])\.?m\b\.?"
                    r"|(?P<word>noon|midday|midnight))(?-i:\s+(?:[ECMP][SD]T|[ECP]T|GMT|UTC)\b)?", re.I)
_WORD_HOURS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
_DAY_AFTER = re.compile(r",?\s+(?:on\s+)?$")  # "5 p.m. EST, Nov. 6", "10 p.m. on Wednesday"
_DAY_BEFORE = re.compile(r"^\s+(?:at\s+)?$")  # "Friday at 5 p.m."


def _with_clock_times(text: str, found: list[Timex], reference: dt.date | None) -> list[Timex]:
    out = list(found)
    lowered = text.lower()
    if not any(word in lowered for word in ("a.m", "p.m", "am", "pm", "noon", "midday", "midnight")):
        return out  # (most sentences give no time of day)
    for match in _CLOCK.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in out):
            continue  # inside a span already read ("two hours")
        if match.group("word"):
            clock = _WORD_HOURS[match.group("word").lower()]
        else:
            hour = int(match.group("hour")) % 12 + (12 if match.group("half").lower() == "p" else 0)
            clock = f"{hour:02d}:{match.group('minute') or '00'}"
        days = [t for t in out if t.type == "DATE" and _DAY.match(t.value) and (
            t.start >= match.end() and _DAY_AFTER.match(text[match.end():t.start])
            or t.end <= match.start() and _DAY_BEFORE.match(text[t.end:match.start()]))]
        day = days[0] if days else None
        if day is not None:
            out.remove(day)
            start, end = min(day.start, match.start()), max(day.end, match.end())
            out.append(Timex(start, end, f"{day.value}T{clock}", "TIME", day.certainty, day.expr))
        else:
            value = reference.isoformat() if reference else "XXXX-XX-XX"
            out.append(Timex(match.start(), match.end(), f"{value}T{clock}", "TIME",
                             "exact" if reference else "year-less"))
    return out


# Parts of a day: "Friday morning" is a span over the Friday; "this morning", "tonight" and
# "last night" are the reference day (or the one before) at TMO / TNI (TimeML TIME)
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_PART_AFTER = re.compile(r"\s+(morning|afternoon|evening|night)\b", re.I)
_PART_ALONE = re.compile(r"\b(?:(?P<which>this|last)\s+(?P<part>morning|afternoon|evening|night)"
                         r"|(?P<tonight>tonight))\b", re.I)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _with_parts_of_day(text: str, found: list[Timex], reference: dt.date | None) -> list[Timex]:
    out = []
    for timex in found:
        after = _PART_AFTER.match(text, timex.end)
        if timex.type == "DATE" and _DAY.match(timex.value) and after:
            # the span takes the part ("Friday morning"); the value stays the day, as the
            # annotators of TempEval-3 mostly wrote it (TMO only for "this morning")
            timex = replace(timex, end=after.end())
        out.append(timex)
    lowered = text.lower()
    if reference is None or not any(part in lowered for part in (*_PARTS, "tonight")):
        return out
    for match in _PART_ALONE.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in out):
            continue
        if match.group("tonight"):
            day, part = reference, "NI"
        else:
            last = match.group("which").lower() == "last"
            part = _PARTS[match.group("part").lower()]
            # "last night" is the night before; "last morning" is not said
            day = reference - dt.timedelta(days=1) if last and part == "NI" else reference
        out.append(Timex(match.start(), match.end(), f"{day.isoformat()}T{part}", "TIME"))
    return out


# What recurs: "daily", "every week", "annually" (TimeML SET, valued by the period)
_RECURRING = re.compile(r"\b(?:(?P<adverb>hourly|daily|weekly|monthly|annually|yearly)"
                        r"|(?:each|every)\s+(?P<unit>hour|day|week|month|quarter|year))\b", re.I)
_NEWSPAPER_NAME = re.compile(r" +(?:[A-Z]|newspaper\b)")
_EVERY = {"hourly": "PT1H", "hour": "PT1H", "daily": "P1D", "day": "P1D", "weekly": "P1W",
          "week": "P1W", "monthly": "P1M", "month": "P1M", "quarterly": "P1Q", "quarter": "P1Q",
          "annually": "P1Y", "yearly": "P1Y", "year": "P1Y"}


# "every Thursday", "each July": that day of every week, that month of every year
_EVERY_NAMED = re.compile(r"\b(?:each|every)\s+(?P<name>" + "|".join(WEEKDAY_NAMES + MONTH_NAMES) + r")\b", re.I)


def _recurring(text: str, found: list[Timex]) -> list[Timex]:
    sets: list[Timex] = []
    lowered = text.lower()
    if not any(word in lowered for word in ("each", "every", "ly")):  # "daily", "every week"
        return sets
    for match in _EVERY_NAMED.finditer(text):
        name = match.group("name").lower()
        value = (f"XXXX-WXX-{WEEKDAY_NAMES.index(name) + 1}" if name in WEEKDAY_NAMES
                 else f"XXXX-{MONTH_NAMES.index(name) + 1:02d}")
        sets.append(Timex(match.start(), match.end(), value, "SET"))
    for match in _RECURRING.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in found) \
                or _NEWSPAPER_NAME.match(text, match.end()):
            continue  # "the party daily Nordpost" is a newspaper
        word = (match.group("adverb") or match.group("unit")).lower()
        sets.append(Timex(match.start(), match.end(), _EVERY[word], "SET"))
    return sets


# "the weekend": the last one before the reference, or the next one in a clause about what
# is to come (YYYY-Www-WE, the ISO week of its Saturday)
_WEEKEND = re.compile(r"\b(?:the|this|last|next)\s+weekend\b", re.I)


def _weekends(text: str, found: list[Timex], reference: dt.date | None) -> list[Timex]:
    if reference is None or "weekend" not in text.lower():
        return []
    weekends = []
    for match in _WEEKEND.finditer(text):
        if any(t.start < match.end() and match.start() < t.end for t in found):
            continue
        ahead = match.group().lower().startswith("next") or (
            not match.group().lower().startswith("last")
            and tense_at(text, match.start(), match.end()) == "future")
        saturday = reference + dt.timedelta(days=(5 - reference.weekday()) % 7) if ahead \
            else reference - dt.timedelta(days=(reference.weekday() - 5) % 7)
        year, week, _ = saturday.isocalendar()
        weekends.append(Timex(match.start(), match.end(), f"{year:04d}-W{week:02d}-WE", "DATE"))
    return weekends


# Holidays that name a day ("Thanksgiving", "last Christmas"): the one of the reference's
# year, the year before after "last" or when the clause is told in the past and it is
# still to come
_HOLIDAY = re.compile(r"\b(?:(?P<lead>last|next|this)\s+)?(?P<name>"
                      + "|".join(sorted((re.escape(n) for n in HOLIDAYS), key=len, reverse=True))
                      + r")(?![\w'-])", re.I)


def holiday_day(name: str, year: int) -> dt.date:
    rule = HOLIDAYS[name.lower()]
    if len(rule) == 2:
        return dt.date(year, rule[0], rule[1])
    month, weekday, nth = rule
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


_HOLIDAY_WORDS = tuple({name.split()[0] for name in HOLIDAYS})


def _holidays(text: str, found: list[Timex], reference: dt.date | None) -> list[Timex]:
    days: list[Timex] = []
    lowered = text.lower()
    if not any(word in lowered for word in _HOLIDAY_WORDS):
        return days
    for match in _HOLIDAY.finditer(text):
        if reference is None or any(t.start < match.end() and match.start() < t.end for t in found):
            continue
        lead = (match.group("lead") or "").lower()
        year = reference.year + (lead == "next")
        day = holiday_day(match.group("name"), year)
        if day > reference and (lead == "last" or not lead and tense_at(text, match.start(), match.end()) == "past"):
            day = holiday_day(match.group("name"), year - 1)
        elif day < reference and not lead and tense_at(text, match.start(), match.end()) == "future":
            day = holiday_day(match.group("name"), year + 1)
        days.append(Timex(match.start(), match.end(), day.isoformat(), "DATE"))
    return days


# Quarterly results, as TimeML reads them: once a text has named a quarter ("third-quarter
# profit"), "the quarter" and "the latest period" are that quarter, and "a year earlier",
# "year-ago" or "the year-earlier period" the same quarter a year before (the figure it is
# compared with), not a year, a day or a span
_YEAR_BEFORE = re.compile(r"\b(?:a\s+year\s+(?:earlier|ago|before)|(?:the\s+)?year[\s-](?:earlier|ago)"
                          r"(?:\s+(?:quarter|period))?)(?![\w-])", re.I)
_THAT_QUARTER = re.compile(r"\bthe\s+(?:latest\s+|most\s+recent\s+|same\s+)?(?:quarter|period)\b", re.I)
# "the 1988 quarter", "the 1989 period": the quarter the text names, in that year
_YEARS_QUARTER = re.compile(r"\bthe\s+(?P<year>1[89]\d\d|20\d\d)\s+(?:quarter|period)\b", re.I)
_NAMED_QUARTER = re.compile(r"\b(?:first|second|third|fourth)[\s-]quarter\b", re.I)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_IN = re.compile(r"\d{4}")


def in_quarter_discourse(text: str, found: list[Timex]) -> list[Timex]:
    """`found` (expressions of `text`) with the quarter-relative ones read against the
    quarter the text last named before them; unchanged where it names none."""
    # a quarter given its year ("the third quarter of 1990") is a forecast or a look back,
    # not the quarter the text reports on
    named = [t for t in found if _QUARTER.match(t.value) and _NAMED_QUARTER.search(text[t.start:t.end])
             and not _YEAR_IN.search(text[t.start:t.end])]
    if not named:
        return found
    readings = []
    for pattern, years_back in ((_YEAR_BEFORE, 1), (_THAT_QUARTER, 0), (_YEARS_QUARTER, 0)):
        for match in pattern.finditer(text):
            before = [t for t in named if t.end <= match.start()]
            if not before:
                continue
            year, quarter = _QUARTER.match(before[-1].value).groups()  # type: ignore[union-attr]
            year = match.groupdict().get("year") or str(int(year) - years_back)
            readings.append(Timex(match.start(), match.end(), f"{int(year):04d}-Q{quarter}", "DATE"))
    if not readings:
        return found
    kept = [t for t in found if not any(r.start < t.end and t.start < r.end for r in readings)]
    return kept + readings

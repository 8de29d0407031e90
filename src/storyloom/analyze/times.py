"""Date and duration expressions, and resolving relative ones against a reference date.

Own arithmetic rather than dateparser.search: news dates are few patterns ("December 7",
"Jan. 10", "this Thursday", "two weeks ago", "last June"), and we need the exact span
and the kind of each, which dateparser does not give. Offsets are relative to the text.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from storyloom.analyze.quantities import NUMBER_PATTERN, parse_number
from storyloom.analyze.runs import SENTENCE_CACHE, word_runs
from storyloom.text import calendar_names, merged
from storyloom.text.en import FUTURE_CUES, MONTH_NAMES, MONTHS, PAST_CUES, WEEKDAY_NAMES

WEEKDAYS = {name: n for n, name in enumerate(WEEKDAY_NAMES)}
UNIT_DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
             "month": 30.4, "year": 365.25, "decade": 3652.5}
_MONTH_KEYS = ["", *MONTH_NAMES]
# a day's name in another language: lower case in Spanish, French and Italian running text
# ("el martes", "mardi", "martedì"), after "am" in German ("am Dienstag"); capitalised
# alone it is more often a name ("Domingo", "Sabato")
FOREIGN_WEEKDAYS = calendar_names(list(WEEKDAY_NAMES), 5)
# month names of the other languages, only next to a day ("14. März", "21 de marzo",
# "3 mars"): alone, several are ordinary words or names ("Mars", "Mai")
FOREIGN_MONTHS = merged("MONTHS")
FOREIGN_MONTHS.update({name: n for name, n in calendar_names(_MONTH_KEYS, 4).items()
                       if n and name not in MONTHS})
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_ANY_MONTH = r"(?P<month>" + "|".join(sorted(list(MONTHS) + list(FOREIGN_MONTHS), key=len,
                                             reverse=True)) + r")\b\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
_LEAD = r"(?:(?P<lead>this|last|next|on|since|until|till|by|from|early|late|mid|in)(?:\s+|(?<=mid)-))?"
_PATTERNS = [
    ("date", re.compile(rf"\b{_LEAD}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\.?\s+(?:of\s+|de\s+)?"
                        rf"{_ANY_MONTH}(?:\s+de)?{_YEAR}", re.I)),
    ("date", re.compile(rf"\b{_LEAD}(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}{_YEAR}", re.I)),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month", re.compile(rf"\b{_LEAD}{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d)\b)?", re.I)),
    ("weekday", re.compile(rf"\b{_LEAD}{_WEEKDAY}\b", re.I)),
    ("relative", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.I)),
    ("weekday", re.compile(r"(?:\b[Aa]m\s+(?P<weekday>" + "|".join(
        sorted((w.capitalize() for w in FOREIGN_WEEKDAYS), key=len, reverse=True)) + r")|(?<![\w-])(?P<weekday_lower>"
        + "|".join(sorted(FOREIGN_WEEKDAYS, key=len, reverse=True)) + r"))(?![\w-])")),
]
# durations in German, Spanish, French and Italian: number words and units of those languages
FOREIGN_NUMBERS = merged("NUMBERS")
FOREIGN_UNITS = merged("UNITS")
_FOREIGN_DURATION = re.compile(
    r"(?<![\w-])(?P<num>\d+(?:[.,]\d+)?|" + "|".join(sorted(FOREIGN_NUMBERS, key=len, reverse=True))
    + r")\s+(?P<unit>" + "|".join(sorted(FOREIGN_UNITS, key=len, reverse=True)) + r")(?![\w-])", re.I)
_DURATION = re.compile(
    rf"(?<![\w/-])(?P<num>{NUMBER_PATTERN}|a\s+couple\s+of|a|an)(?P<half>\s+1/2|\s?\u00bd)?[\s-]+"
    # "two more weeks", "eight trading days"
    r"(?:(?:more|additional|straight|consecutive|trading|business|full)\s+)?"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade)s?\b"
    # "a minute and a half"; not an age ("30 years old") nor "the 1988 second quarter"
    r"(?P<and_half>\s+and\s+a\s+half\b)?(?![\s-]*(?:old|quarter|half)\b)(?P<ago>\s+ago\b)?", re.I)
_SCORE_BEFORE = re.compile(r"\d\s*[-\u2013]\s*$")
# "ago" in German, Spanish and French (before the span) and Italian (after it)
_FOREIGN_AGO_BEFORE = re.compile(r"\b(?:vor|hace|il y a)\s+$", re.I)
_FOREIGN_AGO_AFTER = re.compile(r"\s+fa\b", re.I)
_CAPITAL_MONTH_ONLY = {"may", "mar", "jun", "jan", "dec", "oct", "sep", "aug", "nov", "apr"}


@dataclass(frozen=True)
class TimeExpr:
    """A date-like expression; fields that the text does not say are None."""

    kind: str  # date | month | weekday | relative
    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    offset_days: int | None = None  # relative to the reference date ("tomorrow" = 1)
    lead: str = ""  # this | last | next | on | since | ...


@dataclass(frozen=True)
class Duration:
    days: float
    number: float
    unit: str
    start: int
    end: int
    text: str
    ago: bool  # "two weeks ago": also a relative date


def _month_is_word(match: re.Match) -> bool:
    # "May" the verb, "Mar" the name: a bare month needs a capital and a leading word or year
    word = match.group("month")
    if not word[0].isupper():
        return False
    if word.lower().rstrip(".") in _CAPITAL_MONTH_ONLY - {"may"} and len(word.rstrip(".")) == 3:
        return bool(match.group("year"))
    return bool(match.group("lead") or match.group("year")) or word.lower() != "may"


def _expr_from(kind: str, match: re.Match) -> TimeExpr | None:
    groups = match.groupdict()
    lead = (groups.get("lead") or "").lower()
    month = groups.get("month")
    name = month.lower().rstrip(".") if month else ""
    month_no = (int(month) if month and month.isdigit() else MONTHS.get(name, FOREIGN_MONTHS.get(name))
                if month else None)
    year = int(groups["year"]) if groups.get("year") else None
    said = (groups.get("weekday") or groups.get("weekday_lower") or "").lower()
    weekday = WEEKDAYS.get(said, FOREIGN_WEEKDAYS.get(said))
    if kind == "month" and not _month_is_word(match):
        return None
    end = match.end()
    if match.group().endswith(".") and month and month.rstrip(".").lower() in MONTH_NAMES \
            and match.end("month") == end - 1:
        end -= 1  # "in December." ends a sentence: the stop is no abbreviation's
    if kind in ("date", "iso"):
        return TimeExpr("date", match.start(), end, match.string[match.start():end], year, month_no,
                        int(groups["day"]), weekday, None, lead)
    if kind == "month":
        return TimeExpr("month", match.start(), end, match.string[match.start():end], year,
                        month_no, lead=lead)
    if kind == "weekday":
        return TimeExpr("weekday", match.start(), match.end(), match.group(), weekday=weekday,
                        lead=lead)
    # casefold: the pattern is case-insensitive, so it also matches e.g. a long s ("ſ")
    offset = RELATIVE_DAYS.get(groups["word"].casefold())
    if offset is None:
        return None
    return TimeExpr("relative", match.start(), match.end(), match.group(), offset_days=offset)


RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def month_day(expr: TimeExpr) -> tuple[int, int]:
    """(month, day) of a calendar date ("date" kind: the text names both)."""
    if expr.month is None or expr.day is None:
        raise ValueError(f"{expr.text!r} names no day of a month")
    return expr.month, expr.day


def find_dates(text: str) -> list[TimeExpr]:
    """Date expressions in reading order; a span is claimed by its most specific pattern."""
    return list(_dates_of(text))


# Patterns are tried only on texts holding one of their names (see runs.py) and what
# else they cannot match without: the day of "7 December" / "Dec. 7" (a digit 1-9), the
# dashes of "2008-12-10". Per pattern of _PATTERNS: (names or None, pattern or None).
_ENGLISH_MONTHS, _ALL_MONTHS = set(MONTHS), set(MONTHS) | set(FOREIGN_MONTHS)
_DAY_DIGIT, _DASH = re.compile(r"[1-9]"), re.compile(r"-")
_NEEDS = [(_ALL_MONTHS, _DAY_DIGIT), (_ENGLISH_MONTHS, _DAY_DIGIT), (None, _DASH),
          (_ENGLISH_MONTHS, None), (set(WEEKDAYS), None),
          ({"today", "tonight", "yesterday", "tomorrow"}, None), (set(FOREIGN_WEEKDAYS), None)]
_UNIT_WORDS = {unit + end for unit in UNIT_DAYS for end in ("", "s")}  # "day", "days"


def _may_match(index: int, words: frozenset[str], text: str) -> bool:
    """Could pattern `index` of _PATTERNS match `text` at all?"""
    names, needed = _NEEDS[index]
    if names is not None and words.isdisjoint(names):
        return False
    return needed is None or needed.search(text) is not None


# consolidation asks for the dates and durations of one sentence several times (slots,
# timeline, conflict notes); the results are frozen records, so they are memoised
@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _dates_of(text: str) -> tuple[TimeExpr, ...]:
    taken: list[tuple[int, int]] = []
    found: list[TimeExpr] = []
    words = word_runs(text)
    for index, (kind, pattern) in enumerate(_PATTERNS):
        if not _may_match(index, words, text):
            continue
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if kind == "date" and _SCORE_BEFORE.search(text[:match.start()]):
                continue  # "a 30-7 Oct. 19 loss": the 7 is a score
            expr = _expr_from(kind, match)
            if expr is not None:
                found.append(expr)
                taken.append((match.start(), match.end()))
    for duration in _durations_of(text):
        if duration.ago and not any(duration.start < e and s < duration.end for s, e in taken):
            found.append(TimeExpr("relative", duration.start, duration.end, duration.text,
                                  offset_days=-round(duration.days)))
    return tuple(sorted(found, key=lambda e: e.start))


# "4 minutes, 48 seconds", "two years and three months": one span told in two units
_COMPOUND_JOIN = re.compile(r"^(?:,\s*|\s+and\s+|\s+)$")


# "300 ship calls a month", "twice a day", "1.2 million euros a day": a rate, "a month" is
# no span of time
_RATE = re.compile(r"(?:\d[\d,.]*\s+(?:[\w-]+\s+){0,3}|\b(?:once|twice|times)\s+)$", re.I)


def is_rate(text: str, duration: Duration) -> bool:
    """Whether "a day" / "a month" in `text` is a rate ("twice a day"), not a duration."""
    return duration.number == 1 and bool(_RATE.search(text[:duration.start]))


def find_durations(text: str) -> list[Duration]:
    """"three weeks", "21 days", "a two-hour call" (as 2 hours), "two weeks ago",
    "4 minutes, 48 seconds" (as one duration)."""
    return list(_durations_of(text))


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _durations_of(text: str) -> tuple[Duration, ...]:
    words = word_runs(text)
    found: list[Duration] = []
    english = not words.isdisjoint(_UNIT_WORDS)  # (see runs.py)
    for match in (_DURATION.finditer(text) if english else ()):
        raw = match.group("num").lower()
        number = 1.0 if raw in ("a", "an") else 2.0 if raw.startswith("a ") else parse_number(raw)
        if number is None:
            continue
        number += 0.5 if match.group("half") or match.group("and_half") else 0.0
        unit = match.group("unit").lower()
        duration = Duration(number * UNIT_DAYS[unit], number, unit, match.start(),
                            match.end(), match.group(), bool(match.group("ago")))
        previous = found[-1] if found else None
        if previous is not None and not previous.ago and _COMPOUND_JOIN.match(text[previous.end:duration.start]) \
                and UNIT_DAYS[unit] < UNIT_DAYS[previous.unit]:
            found[-1] = Duration(previous.days + duration.days, previous.number, previous.unit,
                                 previous.start, duration.end, text[previous.start:duration.end],
                                 duration.ago)
            continue
        found.append(duration)
    taken = [(d.start, d.end) for d in found]
    foreign = not words.isdisjoint(FOREIGN_UNITS)
    for match in (_FOREIGN_DURATION.finditer(text) if foreign else ()):
        if any(match.start() < e and s < match.end() for s, e in taken):
            continue
        raw, unit = match.group("num").lower(), FOREIGN_UNITS[match.group("unit").lower()]
        number = FOREIGN_NUMBERS.get(raw) or float(raw.replace(",", "."))
        start, end = match.start(), match.end()
        before, after = _FOREIGN_AGO_BEFORE.search(text[:start]), _FOREIGN_AGO_AFTER.match(text[end:])
        if before:
            start = before.start()
        elif after:
            end += after.end()
        found.append(Duration(number * UNIT_DAYS[unit], number, unit, start, end, text[start:end],
                              bool(before or after)))
    return tuple(sorted(found, key=lambda d: d.start))


def same_duration(first: Duration, second: Duration) -> bool:
    """Equal up to wording and rounding: "three weeks" = "21 days", "two weeks" ~ "12
    days", "a year" ~ "10 months": half of the coarser unit, or 10%, of slack."""
    coarser = max(UNIT_DAYS[first.unit], UNIT_DAYS[second.unit])
    slack = max(0.1 * max(first.days, second.days), 0.5 * coarser)
    return abs(first.days - second.days) <= slack


def comparable_durations(first: Duration, second: Duration) -> bool:
    """Durations of one order of magnitude can measure the same span; hours vs weeks cannot."""
    low, high = sorted((first.days, second.days))
    return low > 0 and high / low < 3


# ---- resolution -----------------------------------------------------------------


# a year standing alone ("since 2002", "from 1967 to 1979"), not a figure or a part of one
_BARE_YEAR = re.compile(r"(?<![\d$€£.,])(?:19|20)\d\d(?![\d%]|,\d|\.\d)")


def years_in(text: str) -> frozenset[int]:
    """The years a text names on their own (a date's year too: "March 4, 2017")."""
    return frozenset(int(m.group()) for m in _BARE_YEAR.finditer(text))


def nearest_year(month: int, day: int, reference: dt.date) -> dt.date | None:
    """The month/day closest to the reference (December seen in January: last year)."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - reference).days)) if candidates else None


# what makes a bare weekday's clause speak of the days ahead: "will meet Tuesday", "is
# scheduled for Friday"; without them a news report's bare weekday is a day gone by
_FUTURE_CUES = re.compile(r"\b(?:" + "|".join(FUTURE_CUES) + r")\b|\u2019ll\b", re.I)
_PAST_CUES = re.compile(r"\b(?:" + "|".join(PAST_CUES) + r")\b", re.I)
# "will be held", "has been found": a participle; the auxiliary, not the form, has the tense
_AUXILIARY_BEFORE = re.compile(r"\b(?:be|been|being|is|are|am|has|have)\s+$", re.I)


def tense_of(clause: str) -> str:
    """'future' when the clause speaks of what is to come, 'past' when a verb of it is in
    the past tense, else 'unmarked' (a bare weekday reads that as the past, as news
    mostly reports days gone by; a month as the nearest one): its last cue."""
    return tense_at(clause, len(clause), len(clause))


# what ends a clause for tense: punctuation, quotation marks, a dash, a sentence end
_CLAUSE_BREAK = re.compile(r"[,;:()\"\u201c\u201d\u2014\u2013]|``|''|\s-{1,2}\s|[.!?](?=\s)|\n")


def tense_at(text: str, start: int, end: int) -> str:
    """The tense of the clause holding text[start:end], read from the cue nearest before
    it (else the first after it): in "Fishers will appeal the ruling, the port said Wednesday"
    the Wednesday is past, though the sentence speaks of the future."""
    clause_start = 0
    for clause_break in _CLAUSE_BREAK.finditer(text, 0, start):
        clause_start = clause_break.end()
    after = _CLAUSE_BREAK.search(text, end)
    clause_end = after.start() if after else len(text)
    # the cue nearest the expression: in "said Monday that it intends to sell" the Monday
    # is the saying's, in "said it expects to report in mid-November" the report's
    cues = [(m, "future") for m in _FUTURE_CUES.finditer(text, clause_start, clause_end)]
    cues += [(m, "past") for m in _PAST_CUES.finditer(text, clause_start, clause_end)
             if not _AUXILIARY_BEFORE.search(text, max(0, m.start() - 8), m.start())]
    if not cues:
        return "unmarked"
    before = [cue for cue in cues if cue[0].end() <= start]  # the verb mostly comes first
    if before:
        return max(before, key=lambda cue: cue[0].end())[1]
    return min(cues, key=lambda cue: cue[0].start())[1]


def resolve(expr: TimeExpr, reference: dt.date | None, tense: str = "") -> dt.date | None:
    """The calendar day an expression names, or None when the text does not fix one.
    `tense` ("past" or "future", from `tense_at` the expression's clause) sets which way
    a bare weekday points; without it, the nearest such day (at most three days ahead)."""
    if expr.kind == "date":
        assert expr.month is not None and expr.day is not None  # a date names both
        if expr.year is not None:
            try:
                return dt.date(expr.year, expr.month, expr.day)
            except ValueError:
                return None
        return nearest_year(expr.month, expr.day, reference) if reference else None
    if reference is None:
        return None
    if expr.kind == "relative":
        try:
            return reference + dt.timedelta(days=expr.offset_days or 0)
        except OverflowError:  # "66 million years ago" lies before the calendar's year 1
            return None
    if expr.kind == "weekday":
        assert expr.weekday is not None  # a weekday expression names one
        delta = (expr.weekday - reference.weekday()) % 7  # 0..6 days ahead
        if expr.lead == "next":
            return reference + dt.timedelta(days=delta or 7)
        if expr.lead in ("last", "since"):
            return reference - dt.timedelta(days=(7 - delta) % 7 or 7)
        if tense in ("past", "unmarked"):  # that day this week or before, the publication day included
            return reference - dt.timedelta(days=(7 - delta) % 7)
        if tense == "future":
            return reference + dt.timedelta(days=delta)
        # bare / "this" / "on": the nearest such day, news rarely reaches further
        return reference + dt.timedelta(days=delta if delta <= 3 else delta - 7)
    return None


def ago_value(expr: TimeExpr, reference: dt.date | None) -> str | None:
    """'a year ago' -> '1988', 'two months ago' -> '1989-09', 'three weeks ago' -> '1989-W40':
    as precise as its unit, never a false day; days ago -> the day."""
    day = resolve(expr, reference)
    if day is None:
        return None
    spans = _durations_of(expr.text)  # the unit in any language the readers know
    name = spans[0].unit if spans else "day"
    if name == "decade":
        return f"{day.year // 10}X"
    if name == "year":
        return f"{day.year:04d}"
    if name == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if name == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def resolve_month(expr: TimeExpr, reference: dt.date | None, tense: str = "") -> str | None:
    """'YYYY-MM' for a month expression ("last June", "in January 2020"); a bare month
    in a clause told in the past is the last such month, in one about what is to come
    the next, else the nearest ("this June": the reference's year)."""
    assert expr.month is not None  # a month expression names one
    if expr.year:
        return f"{expr.year:04d}-{expr.month:02d}"
    if reference is None:
        return None
    if expr.lead == "this":
        return f"{reference.year:04d}-{expr.month:02d}"
    year = reference.year
    if expr.lead == "since" or expr.lead not in ("last", "next") and tense == "past":
        year -= expr.month > reference.month
    elif expr.lead not in ("last", "next") and tense == "future":
        year += expr.month < reference.month
    elif expr.lead == "last" or (expr.lead != "next" and expr.month > reference.month + 6):
        year -= expr.month >= reference.month
    elif expr.lead == "next" or expr.month < reference.month - 6:
        year += expr.month <= reference.month
    return f"{year:04d}-{expr.month:02d}"


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_header(text: str, given: str | dict | None = None) -> TimeExpr | None:
    """A line at the top of an article that is only a date ("Monday, March 4")."""
    offset = 0
    if isinstance(given, dict):  # ingest records {"text", "start", "end", ...}
        offset = int(given.get("start") or 0)  # where the line sits in the text
        given = given.get("text")
    if given:
        found = find_dates(given)
        if not found:
            return None
        expr = found[0]
        return TimeExpr(expr.kind, offset + expr.start, offset + expr.end, expr.text, expr.year,
                        expr.month, expr.day, expr.weekday, expr.offset_days, expr.lead)
    for line_match in re.finditer(r"[^\n]+", text[:400]):
        line = line_match.group()
        if not line.strip():
            continue
        found = find_dates(line)
        if len(found) == 1 and found[0].kind == "date" and not line[:found[0].start].strip() \
                and not line[found[0].end:].strip(" .,"):
            expr = found[0]
            return TimeExpr(expr.kind, line_match.start() + expr.start,
                            line_match.start() + expr.end, expr.text, expr.year,
                            expr.month, expr.day, expr.weekday, expr.offset_days, expr.lead)
        return None  # only the first non-empty line can be a header
    return None

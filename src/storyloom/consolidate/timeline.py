"""Timeline of a story: dated events, relative dates resolved, sorted, merged across outlets.

Dates resolve against the article's publication date when known. Without one, a date
without a year stays partial ("--12-07", ISO 8601's year-less form) and the story's
"now" is estimated from its own text: an explicit date plus an elapsed duration in the
same sentence ("three weeks after ... December 7"), else its latest explicit date.
When the sentence that gives the elapsed time also names the event's weekday ("this
Thursday, three weeks after ... December 7"), that pins the weekday to the estimated day,
so weekdays of that week resolve to a day ("on Wednesday": the day before). When an
article gives the anchor's year ("December 7, 2021"), that day becomes the story's
reference date, and everything resolves to full dates, the pinned weekday included. Otherwise a
weekday dates to that month only ("--12"), since naming the day needs a year. Months are ordered around that "now" (December then January: next
year; "last June": before). A date line at the top of an article is never an event.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from storyloom.analyze.times import (
    TimeExpr,
    ago_value,
    date_header,
    find_dates,
    find_durations,
    month_day,
    parse_iso,
    resolve,
    resolve_month,
    tense_at,
)
from storyloom.analyze.timex import Timex, article_times
from storyloom.consolidate.slots import clause_around
from storyloom.model import AnalyzedArticle, Evidence, Sentence, TimelineEntry
from storyloom.text.en import WEEKDAY_NAMES

log = logging.getLogger(__name__)

MERGE_SIMILARITY = 0.45  # sentences on one date that report one event
MAX_TEXT_WORDS, MIN_TEXT_WORDS = 30, 10
_WEEKDAY_NAMES = [day.capitalize() for day in WEEKDAY_NAMES]


@dataclass
class _Dated:
    date: str  # ISO, partial ISO ("2021-06", "--12-07", "--12")
    order: tuple  # sort key
    text: str
    label: str  # the expression as written
    member: AnalyzedArticle
    sentence: Sentence
    approximate: bool = False  # placed by the story's estimated "now", not by a calendar


def _reference(members: list[AnalyzedArticle]) -> dt.date | None:
    dates = [parse_iso(m.article.published) for m in members]
    known = [d for d in dates if d]
    return Counter(known).most_common(1)[0][0] if known else None


class _Now(NamedTuple):
    """The day a story is told from, without a publication date: month and day (a year
    only when the text gives the anchor's year), the weekday the text pins to it."""
    month: int
    day: int
    weekday: int | None = None
    anchor: tuple[int, int] | None = None  # (month, day) of the explicit date counted from
    elapsed_days: int = 0


def _estimated_now(members: list[AnalyzedArticle]) -> _Now | None:
    """The story's "now": explicit date + elapsed duration (with the weekday its sentence
    names), else the most-mentioned explicit date's month."""
    estimates: list[tuple[dt.date, int | None, tuple[int, int], int]] = []
    explicit: list[tuple[int, int]] = []
    for member in members:
        for sentence in member.sentences:
            dates = [d for d in find_dates(sentence.text) if d.kind == "date"]
            explicit += [month_day(d) for d in dates]
            since = [d for d in find_durations(sentence.text) if 1 <= d.days <= 60
                     and sentence.text[d.end:d.end + 8].strip().startswith(("after", "since"))]
            if dates and since:
                month, day = month_day(dates[0])
                start = dt.date(2001, month, min(day, 28))  # any non-leap year
                named = sorted({d.weekday for d in find_dates(sentence.text)
                                if d.kind == "weekday" and d.weekday is not None})
                weekday = named[0] if len(named) == 1 else None
                days = int(since[0].days)
                estimates.append((start + dt.timedelta(days=days), weekday, (month, day), days))
    if estimates:
        middle, _, anchor, days = sorted(estimates, key=lambda e: (e[0], e[3]))[len(estimates) // 2]
        weekdays = Counter(w for d, w, _, _ in estimates if d == middle and w is not None)
        weekday = min(weekdays, key=lambda w: (-weekdays[w], w)) if weekdays else None
        return _Now(middle.month, middle.day, weekday, anchor, days)
    if explicit:
        months = Counter(m for m, _ in explicit)
        return _Now(min(months, key=lambda m: (-months[m], m)), 15)
    return None


def _year_anchored_day(members: list[AnalyzedArticle], now: _Now | None) -> dt.date | None:
    """The story's "now" as a calendar day, when some article gives the anchor date's year
    ("December 7, 2021"): anchor + elapsed time, moved to the weekday the text pins to it
    (elapsed times are round: "three weeks" may be 23 days)."""
    if now is None or now.anchor is None:
        return None
    years = Counter(d.year for m in members for sentence in m.sentences
                    for d in find_dates(sentence.text)
                    if d.kind == "date" and d.year and (d.month, d.day) == now.anchor)
    if not years:
        return None
    year = min(years, key=lambda y: (-years[y], y))
    try:
        day = dt.date(year, *now.anchor) + dt.timedelta(days=now.elapsed_days)
    except ValueError:
        return None
    if now.weekday is not None:
        day += dt.timedelta(days=(now.weekday - day.weekday() + 3) % 7 - 3)
    return day


def _anchored_weekday(expr: TimeExpr, now: _Now) -> dt.date | None:
    """The day of a weekday in the week of the story's anchored "now" (whose weekday is
    known): Thursday = the anchor, Wednesday = the day before. Year 2001 is a stand-in,
    only month and day are reported."""
    month, day, now_weekday = now.month, now.day, now.weekday
    if now_weekday is None or expr.weekday is None:
        return None
    offset = (expr.weekday - now_weekday + 3) % 7 - 3  # nearest: -3..+3 days
    return dt.date(2001, month, day) + dt.timedelta(days=offset)


def _month_order(month: int, lead: str, now_month: int | None) -> int:
    """Month number shifted by a year where the story's 'now' says so."""
    if now_month is None:
        return month
    if lead == "last" or month - now_month > 6:
        return month - 12 if month > now_month or lead == "last" and month >= now_month else month
    if lead == "next" or now_month - month > 6:
        return month + 12
    return month


def _date_of(expr: TimeExpr, reference: dt.date | None, now: _Now | None, tense: str = ""
             ) -> tuple[str, tuple, bool] | None:
    """(date, sort order, whether the day is an estimate) for one expression.

    The sort order starts with 0 for a date with its year and 1 for a year-less one: in a
    story where some expressions carry a year and others do not, the two kinds of key
    ('2017-04', 12) and (4, 12) would not compare; dated entries come first."""
    if reference is not None or expr.year is not None:
        if expr.kind == "month":
            month = resolve_month(expr, reference, tense)
            return (month, (0, month, 0), False) if month else None
        # a bare weekday points the way its sentence's tense does ("met on Tuesday")
        day = resolve(expr, reference, tense if expr.kind == "weekday" else "")
        vague = ago_value(expr, reference) if expr.kind == "relative" else None
        if day is not None and vague is not None and len(vague) < 10:
            # "a year ago" is a year, "three weeks ago" about a month: never a false day
            shown = day.strftime("%Y-%m") if "W" in vague else vague
            return shown, (0, day.strftime("%Y-%m"), day.day), True
        return (day.isoformat(), (0, day.strftime("%Y-%m"), day.day), False) if day else None
    now_month = now[0] if now else None
    if expr.kind == "date":
        month_no, day_no = month_day(expr)
        order = _month_order(month_no, expr.lead, now_month)
        return f"--{month_no:02d}-{day_no:02d}", (1, order, day_no), False
    if expr.kind == "month":
        assert expr.month is not None  # a month expression names one
        return f"--{expr.month:02d}", (1, _month_order(expr.month, expr.lead, now_month), 0), False
    if now is None:
        return None
    anchored = _anchored_weekday(expr, now)
    if anchored is not None:
        order = _month_order(anchored.month, "", now_month)
        return f"--{anchored.month:02d}-{anchored.day:02d}", (1, order, anchored.day), True
    weekday = expr.weekday if expr.weekday is not None else 7
    return f"--{now[0]:02d}", (1, now[0], now[1], weekday), False  # weekday / today: the story's now


def _text(sentence: Sentence, expr: TimeExpr) -> str:
    """The sentence, or for a long one the clauses around the date."""
    if len(sentence.text.split()) <= MAX_TEXT_WORDS:
        return sentence.text.strip(" ,;:\"“”")
    left, right = clause_around(sentence.text, expr.start, expr.end)
    while len(sentence.text[left:right].split()) < MIN_TEXT_WORDS and (left > 0 or right < len(sentence.text)):
        left, right = clause_around(sentence.text, max(left - 2, 0), min(right + 2, len(sentence.text)))
    return sentence.text[left:right].strip(" ,;:.\"“”")


def _apposed_relatives(exprs: list[TimeExpr], text: str) -> set[int]:
    """Starts of relative days set beside a weekday ("tomorrow, Thursday"): one day named
    twice, dated once by the weekday, which the story's anchor can place exactly."""
    ordered = sorted(exprs, key=lambda e: e.start)
    apposed = set()
    for left, right in zip(ordered, ordered[1:]):
        kinds = {left.kind, right.kind}
        if kinds == {"relative", "weekday"} and text[left.end:right.start].strip(" ,") == "":
            apposed.add(left.start if left.kind == "relative" else right.start)
    return apposed


def _sentence_dates(times: Sequence[Timex], sentence: Sentence) -> list[TimeExpr]:
    """The days, months and weekdays read in a sentence (offsets into the sentence), from
    the article's time expressions: not a weekday that an "every Thursday" took."""
    return sorted((t.expr for t in times if t.expr is not None and sentence.start <= t.start < sentence.end),
                  key=lambda e: (e.start, e.end))


def _dated_events(members: list[AnalyzedArticle],
                  times_of: Callable[[AnalyzedArticle], Sequence[Timex]]) -> list[_Dated]:
    reference = _reference(members)
    now = None if reference else _estimated_now(members)
    reference = reference or _year_anchored_day(members, now)
    events = []
    for member in members:
        own = parse_iso(member.article.published) or reference
        header = date_header(member.article.text, member.article.extra.get("date_header"))
        times = times_of(member)
        for sentence in member.sentences:
            if header is not None and sentence.start <= header.start < sentence.end:
                continue  # the date line is no event
            exprs = _sentence_dates(times, sentence)
            explicit_months = {e.month for e in exprs if e.kind == "date"}
            apposed = _apposed_relatives(exprs, sentence.text)
            for expr in exprs:
                if expr.start in apposed:
                    continue
                if expr.kind == "month" and (expr.month in explicit_months or not expr.lead
                                             and expr.year is None):
                    continue  # "the beginning of the month, on December 7" / a bare "January"
                dated = _date_of(expr, own, now, tense_at(sentence.text, expr.start, expr.end))
                if dated is None:
                    continue
                label = expr.text.strip(" .,")
                if expr.kind == "weekday" and own is None and expr.weekday is not None:
                    label = _WEEKDAY_NAMES[expr.weekday]
                events.append(_Dated(dated[0], dated[1], _text(sentence, expr), label, member,
                                     sentence, dated[2]))
    return events


def _is_day(date: str) -> bool:
    return len(date) == 10 or date.startswith("--") and len(date) == 7


def _similar(first: _Dated, second: _Dated) -> bool:
    a, b = first.member.sentence_embeddings, second.member.sentence_embeddings
    if first.label.lower().split()[-1:] == second.label.lower().split()[-1:]:
        return True
    if a is None or b is None:
        return first.text == second.text
    return float(a[first.sentence.index] @ b[second.sentence.index]) >= MERGE_SIMILARITY


def build_timeline(members: list[AnalyzedArticle],
                   times_of: Callable[[AnalyzedArticle], Sequence[Timex]] = article_times
                   ) -> list[TimelineEntry]:
    """One entry per dated event, in date order, with the sources that report it.
    `times_of` gives an article's time expressions (`timex.article_times`: what
    `storyloom annotate` shows; a brief passes the ones its story has read)."""
    groups: list[list[_Dated]] = []
    for event in _dated_events(members, times_of):
        group = next((g for g in groups if g[0].date == event.date and (
            _is_day(event.date) and _similar(g[0], event)
            or g[0].label.lower().split()[-1:] == event.label.lower().split()[-1:])), None)
        if group is None:
            groups.append([event])
        elif all(e.member.id != event.member.id or e.sentence.index != event.sentence.index
                 for e in group):
            group.append(event)
    groups.sort(key=lambda g: (g[0].order, g[0].date))
    entries = []
    for group in groups:
        first = group[0]
        text = first.text if first.label.lower() in first.text.lower() else f"{first.label}: {first.text}"
        sources = list(dict.fromkeys(e.member.id for e in group))
        evidence = [Evidence(e.member.id, e.sentence.start, e.sentence.end, e.sentence.text)
                    for e in group]
        entries.append(TimelineEntry(first.date, text, sources, evidence,
                                     approximate=all(e.approximate for e in group)))
    return entries

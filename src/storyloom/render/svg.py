"""Inline SVG drawings for the HTML report (no scripts, no external assets).

The timeline strip puts each entry as a numbered dot on a date axis; entries on the
same (or a nearby) date stack upwards so none hides another. When one gap dwarfs the
rest the dates are spaced evenly instead, and the strip says so. The numbers match the
list printed under the strip, and each dot carries a `<title>` tooltip.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html import escape

from storyloom.model import TimelineEntry
from storyloom.render.common import YEARLESS_DATE, date_label

WIDTH = 960
MARGIN_X = 48
DOT_RADIUS = 10
STACK_STEP = 24  # vertical distance between stacked dots
MIN_DOT_GAP = 2 * DOT_RADIUS + 4  # closer than this on the axis: stack instead
MIN_LABEL_GAP = 84  # px between date labels, so they never overlap
UNEVEN_GAP_SHARE = 0.7  # one gap above this share of the whole span: space evenly

_ISO_PREFIX = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
STAND_IN_YEAR = 2001  # year-less dates are drawn in a stand-in year, never labelled with it


@dataclass
class _Dot:
    number: int  # 1-based position in the list under the strip
    entry: TimelineEntry
    day: date
    partial: bool  # only year or year-month known: drawn hollow
    x: float = 0.0
    level: int = 0


def parse_partial_date(text: str) -> tuple[date, bool] | None:
    """`YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a time part is ignored) -> (day, is_partial)."""
    match = _ISO_PREFIX.match(text or "")
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        return date(int(year), int(month or 1), int(day or 1)), day is None
    except ValueError:
        return None


def _yearless_days(entries: list[TimelineEntry]) -> dict[int, tuple[date, bool]]:
    """Year-less dates placed on a stand-in calendar, in the timeline's own order (which
    knows that January after December is the next year): each time the month goes
    back, the stand-in year moves on. Keyed by position in `entries`."""
    placed, year, last_month = {}, STAND_IN_YEAR, 0
    for index, entry in enumerate(entries):
        match = YEARLESS_DATE.match(entry.date or "")
        if not match:
            continue
        month, day = int(match.group(1)), match.group(2)
        if month < last_month:
            year += 1
        last_month = month
        try:
            placed[index] = (date(year, month, int(day or 1)), day is None)
        except ValueError:
            continue
    return placed


def _dots(entries: list[TimelineEntry]) -> list[_Dot]:
    dots = []
    yearless = _yearless_days(entries)
    for number, entry in enumerate(entries, 1):
        parsed = yearless.get(number - 1) or parse_partial_date(entry.date)
        if parsed:
            dots.append(_Dot(number, entry, parsed[0], parsed[1]))
    return dots


def _to_scale(days: list[int]) -> bool:
    """Linear time unless one gap dwarfs the rest (an event years before the others
    would squeeze everything else into one stack): then even spacing by date rank."""
    distinct = sorted(set(days))
    if len(distinct) < 3:
        return True
    largest_gap = max(b - a for a, b in zip(distinct, distinct[1:]))
    return largest_gap <= UNEVEN_GAP_SHARE * (distinct[-1] - distinct[0])


def _place(dots: list[_Dot]) -> bool:
    """Set x (and stack level) of every dot; returns whether x is to scale."""
    days = [d.day.toordinal() for d in dots]
    to_scale = _to_scale(days)
    distinct = sorted(set(days))
    first, span = distinct[0], distinct[-1] - distinct[0]
    usable = WIDTH - 2 * MARGIN_X
    for dot, day in zip(dots, days):
        if len(distinct) == 1:
            offset = 0.5
        elif to_scale:
            offset = (day - first) / span
        else:
            offset = distinct.index(day) / (len(distinct) - 1)
        dot.x = MARGIN_X + offset * usable
    placed: list[_Dot] = []
    for dot in sorted(dots, key=lambda d: (d.x, d.number)):
        taken = {p.level for p in placed if abs(p.x - dot.x) < MIN_DOT_GAP}
        dot.level = next(level for level in range(len(placed) + 1) if level not in taken)
        placed.append(dot)
    return to_scale


def _date_labels(dots: list[_Dot], axis_y: float) -> list[str]:
    parts: list[str] = []
    last_x: float = -MIN_LABEL_GAP
    for dot in sorted(dots, key=lambda d: d.x):
        if dot.x - last_x < MIN_LABEL_GAP:
            continue
        last_x = dot.x
        parts.append(f'<line x1="{dot.x:.1f}" y1="{axis_y - 4}" x2="{dot.x:.1f}" '
                     f'y2="{axis_y + 4}" class="tick"/>'
                     f'<text x="{dot.x:.1f}" y="{axis_y + 20}" class="date-label" '
                     f'text-anchor="middle">{escape(date_label(dot.entry.date, True, dot.entry.approximate))}</text>')
    return parts


def _dot_svg(dot: _Dot, axis_y: float) -> str:
    cy = axis_y - DOT_RADIUS - 6 - dot.level * STACK_STEP
    tooltip = escape(f"{dot.entry.date} — {dot.entry.text} [{', '.join(dot.entry.sources)}]")
    kind = "dot partial" if dot.partial else "dot"
    return (f'<g class="event"><title>{tooltip}</title>'
            f'<circle cx="{dot.x:.1f}" cy="{cy:.1f}" r="{DOT_RADIUS}" class="{kind}"/>'
            f'<text x="{dot.x:.1f}" y="{cy + 4:.1f}" text-anchor="middle" '
            f'class="dot-label">{dot.number}</text></g>')


def timeline_svg(entries: list[TimelineEntry]) -> str:
    """The strip for `entries` (numbered in the given order); "" when no date parses."""
    dots = _dots(entries)
    if not dots:
        return ""
    to_scale = _place(dots)
    levels = max(d.level for d in dots) + 1
    axis_y = 16 + levels * STACK_STEP + DOT_RADIUS
    height = axis_y + (48 if not to_scale else 32)
    parts = [f'<svg class="timeline" role="img" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'aria-label="Timeline of {len(dots)} dated events">',
             f'<line x1="{MARGIN_X - 20}" y1="{axis_y}" x2="{WIDTH - MARGIN_X + 20}" '
             f'y2="{axis_y}" class="axis"/>']
    parts += _date_labels(dots, axis_y)
    parts += [_dot_svg(dot, axis_y) for dot in dots]
    if not to_scale:
        parts.append(f'<text x="{WIDTH - MARGIN_X}" y="{axis_y + 40}" text-anchor="end" '
                     'class="date-label">evenly spaced, not to scale</text>')
    parts.append("</svg>")
    return "".join(parts)

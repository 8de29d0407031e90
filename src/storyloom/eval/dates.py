"""`storyloom eval dates FILE`: time expressions and their values on TempEval-3.

Scored as TempEval-3 Task A on documents with gold TIMEX3 annotations
(`tempeval3/train.jsonl`: `{id, dct, text, timexes: [{start, end, text, type, value}]}`),
through the readers of dates and durations the brief uses (`analyze.times`), each value
resolved against the document's creation date as the brief resolves against an article's
publication date:

- a calendar day -> `YYYY-MM-DD`; a month -> `YYYY-MM`; a weekday or "yesterday" -> the
  day it names (a bare weekday looks back unless its sentence speaks of what is to come:
  `times.tense_of`); a duration -> `P<n><Y|M|W|D>` or `PT<n><H|M|S>`; a year, "last week",
  "the third quarter", "now" -> `YYYY`, `YYYY-Www`, `YYYY-Q3`, `PRESENT_REF`
  (`analyze.periods`).
- the words that lead into a date and that TimeML leaves outside the expression ("on",
  "since", "by", "in", ...) are left out of the span; "last", "next", "this", "early",
  "late" and "mid" stay in it, as TimeML keeps them.

Span F1 strict (same start and end) and relaxed (overlap), both ways; value F1 is the
share of relaxed matches whose value equals the gold one, times the relaxed span F1 (the
task's definition). Time expressions the readers do not know (times of day, sets, "the
weekend", fiscal years) are misses, counted per gold type.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import click

from storyloom.analyze.periods import find_periods, period_value
from storyloom.analyze.times import (
    Duration,
    TimeExpr,
    ago_value,
    find_dates,
    find_durations,
    resolve,
    resolve_month,
    tense_of,
)

# leading words TimeML puts outside the expression ("on Tuesday": the TIMEX3 is "Tuesday")
_OUTSIDE = ("on", "since", "until", "till", "by", "from", "in")
_UNITS = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE"}
_CLOCK_UNITS = {"hour": "H", "minute": "M", "second": "S"}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str
    type: str


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
        found.append(Timex(start, end, date_value(expr, reference, _sentence_around(text, start, end)), "DATE"))
    for duration in find_durations(text):
        if duration.ago:
            continue  # "two weeks ago" is a date TimeML resolves; its reading is left to #15
        found.append(Timex(duration.start, duration.end, duration_value(duration), "DURATION"))
    for period in find_periods(text):  # years, "last week", quarters, "now": where no day is read
        if not any(t.start < period.end and period.start < t.end for t in found):
            found.append(Timex(period.start, period.end, period_value(period, reference), "DATE"))
    return sorted(found, key=lambda t: (t.start, t.end))


def _f1(hits_predicted: int, predicted: int, hits_gold: int, gold: int) -> float:
    precision = hits_predicted / predicted if predicted else 0.0
    recall = hits_gold / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score(documents: list[dict]) -> dict:
    predicted_total = gold_total = 0
    strict_p = strict_g = relaxed_p = relaxed_g = right_values = 0
    missed: Counter = Counter()
    for document in documents:
        reference = dt.date.fromisoformat(document["dct"][:10]) if document.get("dct") else None
        predicted = annotate_times(document["text"], reference)
        gold = document.get("timexes") or []
        predicted_total += len(predicted)
        gold_total += len(gold)
        for timex in predicted:
            strict_p += any(g["start"] == timex.start and g["end"] == timex.end for g in gold)
            relaxed_p += any(g["start"] < timex.end and timex.start < g["end"] for g in gold)
        for g in gold:
            strict_g += any(t.start == g["start"] and t.end == g["end"] for t in predicted)
            overlapping = [t for t in predicted if t.start < g["end"] and g["start"] < t.end]
            if not overlapping:
                missed[g.get("type", "?")] += 1
                continue
            relaxed_g += 1
            right_values += overlapping[0].value == g.get("value")
    relaxed = _f1(relaxed_p, predicted_total, relaxed_g, gold_total)
    return {"documents": len(documents), "gold": gold_total, "predicted": predicted_total,
            "strict_span_f1": round(_f1(strict_p, predicted_total, strict_g, gold_total), 3),
            "relaxed_span_f1": round(relaxed, 3),
            "value_accuracy": round(right_values / relaxed_g, 3) if relaxed_g else 0.0,
            "value_f1": round(relaxed * right_values / relaxed_g, 3) if relaxed_g else 0.0,
            "missed_by_type": dict(missed.most_common())}


@click.command("dates")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def command(path: Path, fmt: str) -> None:
    """TempEval-3 Task A: span F1 (strict, relaxed) and value F1 of time expressions."""
    documents = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        document = json.loads(line)
        if not isinstance(document, dict) or "text" not in document:
            raise click.UsageError(f"{path}:{number}: a document needs 'text' (and 'dct', 'timexes')")
        documents.append(document)
    result = score(documents)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"documents {result['documents']}, gold expressions {result['gold']}, found {result['predicted']}")
    click.echo(f"span F1 strict {result['strict_span_f1']:.3f}  relaxed {result['relaxed_span_f1']:.3f}  "
               f"value F1 {result['value_f1']:.3f} (value accuracy {result['value_accuracy']:.3f})")
    click.echo("missed, by gold type: " + ", ".join(f"{k} {v}" for k, v in result["missed_by_type"].items()))

"""`storyloom eval dates FILE`: time expressions and their values on TempEval-3.

Scored as TempEval-3 Task A on documents with gold TIMEX3 annotations
(`tempeval3/train.jsonl`: `{id, dct, text, timexes: [{start, end, text, type, value}]}`),
through the time readers of `storyloom annotate` (`analyze.timex`), each value
resolved against the document's creation date as the brief resolves against an article's
publication date:

- a calendar day -> `YYYY-MM-DD`; a month -> `YYYY-MM`; a weekday or "yesterday" -> the
  day it names (a bare weekday looks back unless its clause speaks of what is to come:
  `times.tense_at`); a duration -> `P<n><Y|M|W|D>` or `PT<n><H|M|S>`; a year, "last week",
  "the third quarter", "now" -> `YYYY`, `YYYY-Www`, `YYYY-Q3`, `PRESENT_REF`
  (`analyze.periods`); "the weekend" -> `YYYY-Www-WE`; "this morning", "last night" ->
  `YYYY-MM-DDTMO` / `TNI` (TIME); "5 p.m. Nov. 6" -> `YYYY-11-06T17:00` (TIME); "daily",
  "every week" -> `P1D`, `P1W` (SET); after a named quarter, "the quarter" and "a year
  earlier" -> that quarter and the same quarter a year before
  (`timex.in_quarter_discourse`).
- the words that lead into a date and that TimeML leaves outside the expression ("on",
  "since", "by", "in", ...) are left out of the span; "last", "next", "this", "early",
  "late" and "mid" stay in it, as TimeML keeps them.

Span F1 strict (same start and end) and relaxed (overlap), both ways; value F1 is the
share of relaxed matches whose value equals the gold one, times the relaxed span F1 (the
task's definition). Time expressions the readers do not know ("each Thursday", "the
weekend" as a span of two days, fiscal years, holidays) are misses, counted per gold
type.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import click

from storyloom.analyze.timex import annotate_times


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

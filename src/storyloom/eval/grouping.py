"""`storyloom eval grouping FILE`: B-cubed and pairwise P/R/F1 of story grouping.

FILE: ECB+ jsonl (`event_cluster`), NeuS `*.source` (one story per line) or the
project's own JSONL with a `story` field.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

import click

from storyloom.eval.datasets import LabelledArticles, load_grouping_file
from storyloom.eval.metrics import PRF, bcubed, pairwise
from storyloom.model import AnalyzedArticle, Story

MODES = ("batch", "incremental")
SHUFFLE_SEED = 13  # incremental runs see the articles in one fixed shuffled order
INCREMENTAL_CHUNK = 50  # arrivals per call, as a stream would deliver them


@dataclass
class GroupingScore:
    n: int
    bcubed: PRF
    pairwise: PRF
    seconds: float  # grouping only, analysis excluded

    def as_dict(self) -> dict:
        return {"n": self.n, "bcubed": self.bcubed.as_dict(), "pairwise": self.pairwise.as_dict()}


def group(analyzed: list[AnalyzedArticle], mode: str) -> list[Story]:
    if mode == "batch":
        from storyloom.group import group_articles

        return group_articles(analyzed)
    from storyloom.group.incremental import group_incremental

    order = list(analyzed)
    random.Random(SHUFFLE_SEED).shuffle(order)
    state = None
    stories: list[Story] = []
    for start in range(0, len(order), INCREMENTAL_CHUNK):
        stories, state = group_incremental(order[start:start + INCREMENTAL_CHUNK], state)
    return stories


def predicted_labels(stories: list[Story], ids: list[str]) -> list[str]:
    story_of = {a: s.id for s in stories for a in s.article_ids}
    return [story_of.get(i, f"missing:{i}") for i in ids]


def score_grouping(data: LabelledArticles, mode: str = "batch",
                   analyzed: list[AnalyzedArticle] | None = None) -> GroupingScore:
    if analyzed is None:
        from storyloom.analyze import analyze_heads

        analyzed = analyze_heads(data.articles)
    started = time.perf_counter()
    stories = group(analyzed, mode)
    seconds = time.perf_counter() - started
    predicted = predicted_labels(stories, [a.id for a in data.articles])
    return GroupingScore(len(data.labels), bcubed(data.labels, predicted),
                         pairwise(data.labels, predicted), seconds)


@click.command("grouping")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--mode", type=click.Choice(MODES), default="batch")
@click.option("--limit", type=int, default=None, help="only the first N articles (N lines for .source)")
def command(file: Path, fmt: str, mode: str, limit: int | None) -> None:
    """B-cubed and pairwise precision/recall/F1 of story grouping on a labelled FILE."""
    score = score_grouping(load_grouping_file(file, limit), mode)
    if fmt == "json":
        click.echo(json.dumps(score.as_dict()))
        return
    click.echo(f"{file.name}: {score.n} articles, mode {mode}, grouped in {score.seconds:.2f}s")
    for name, prf in (("B-cubed", score.bcubed), ("pairwise", score.pairwise)):
        click.echo(f"  {name:9} P {prf.p:.4f}  R {prf.r:.4f}  F1 {prf.f1:.4f}")

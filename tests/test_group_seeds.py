"""Grouping on real articles: the five seed reports are one story, other events stay apart."""
from __future__ import annotations

import pytest

from storyloom.analyze import analyze_heads
from storyloom.eval.datasets import load_ecbplus
from storyloom.group import group_articles
from storyloom.group.incremental import group_incremental
from storyloom.ingest import read_inputs

pytestmark = pytest.mark.slow  # loads a model or reads real data


@pytest.fixture(scope="module")
def seeds_and_others(seeds_dir, data_dir):
    seeds, _ = read_inputs([str(seeds_dir)])
    # two topics of ECB+, each two different events of one kind: other news of the day
    others = load_ecbplus(data_dir / "ecbplus-dev.jsonl", topics={1, 3}).articles[:30]
    return analyze_heads(seeds), analyze_heads(others)


def test_seeds_form_one_story(seeds_and_others):
    seeds, _ = seeds_and_others
    stories = group_articles(seeds)
    assert len(stories) == 1 and len(stories[0].article_ids) == len(seeds) == 5


def test_seeds_stay_together_and_alone_among_other_events(seeds_and_others):
    seeds, others = seeds_and_others
    seed_ids = {a.id for a in seeds}
    for stories in (group_articles(others + seeds), group_incremental(others + seeds)[0]):
        holding = [s for s in stories if seed_ids & set(s.article_ids)]
        assert len(holding) == 1
        assert set(holding[0].article_ids) == seed_ids

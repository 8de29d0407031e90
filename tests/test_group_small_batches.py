"""Regression: tiny batches with the real embedder. In a batch of two, each article is the
other's nearest neighbour, so "relative" similarity once merged unrelated items."""
from __future__ import annotations

import pytest

from storyloom.analyze import analyze_heads
from storyloom.group import group_articles
from storyloom.group.incremental import group_incremental
from storyloom.model import Article

pytestmark = pytest.mark.slow  # loads a model or reads real data

UNRELATED = [
    "Harbour fire destroys warehouses.",
    "Election results delayed by storm.",
    "Central bank raises interest rates by half a point.",
    "Football club sacks its manager after five straight defeats.",
    "Scientists discover a new species of frog in the rainforest.",
]
PARAPHRASES = [
    "A fire destroyed three warehouses at the city harbour on Monday night, firefighters said.",
    "Firefighters said three harbour warehouses in the city burned down on Monday night.",
]


def _articles(texts: list[str], titled: bool = True) -> list[Article]:
    return [Article(str(n), t, title=f"Title {n}" if titled else "", blocks=[(0, len(t))],
                    source=f"outlet{n}", language="en") for n, t in enumerate(texts)]


@pytest.fixture(scope="module")
def analyzed_unrelated():
    return analyze_heads(_articles(UNRELATED))


@pytest.mark.parametrize("size", [2, 3, 5])
def test_unrelated_short_items_never_merge_in_batch(analyzed_unrelated, size):
    stories = group_articles(analyzed_unrelated[:size])
    assert len(stories) == size


@pytest.mark.parametrize("size", [2, 3, 5])
def test_unrelated_short_items_never_merge_incrementally(analyzed_unrelated, size):
    stories, state = group_incremental(analyzed_unrelated[:1])
    stories, _ = group_incremental(analyzed_unrelated[1:size], state)
    assert len(stories) == size


@pytest.mark.parametrize("titled", [True, False])
def test_real_paraphrases_still_merge(titled):
    analyzed = analyze_heads(_articles(PARAPHRASES, titled))
    assert [s.article_ids for s in group_articles(analyzed)] == [["0", "1"]]
    stories, _ = group_incremental(analyzed)
    assert [s.article_ids for s in stories] == [["0", "1"]]


def test_paraphrases_found_among_unrelated_items():
    analyzed = analyze_heads(_articles(UNRELATED[1:] + PARAPHRASES))
    together = {frozenset(s.article_ids) for s in group_articles(analyzed)}
    assert frozenset({"4", "5"}) in together and len(together) == 5

"""Batch and incremental grouping on small synthetic corpora (no model load)."""
from __future__ import annotations

import numpy as np
import pytest

from storyloom.group import group_articles
from storyloom.group.incremental import GroupingState, group_incremental
from storyloom.model import AnalyzedArticle, Article

QUAKE = ("A magnitude 6.1 earthquake struck Ridgeford province on Tuesday, killing 14 people "
         "and injuring 230, Governor Malvina Ostrova said. Rescue teams from Carrow searched "
         "collapsed buildings in Ridgeford overnight.")
FLOOD = ("Flooding in the Talvern valley forced 3,400 residents from their homes on Friday after "
         "the Oster river burst its banks, Mayor Ignatius Pell said. Army units from Belmarch "
         "built sandbag walls along the Oster.")
REWORDINGS = [
    "{} Officials expect the toll to rise.",
    "Reports: {}",
    "{} More updates to follow as the situation develops.",
]


def _vector(seed: int, noise_seed: int) -> np.ndarray:
    base = np.random.default_rng(seed).normal(size=64)
    noisy = base + 0.3 * np.random.default_rng(noise_seed).normal(size=64)
    return (noisy / np.linalg.norm(noisy)).astype(np.float32)


def _article(article_id: str, body: str, event: int, n: int, **kwargs) -> AnalyzedArticle:
    return AnalyzedArticle(Article(article_id, body, title=body.split(",")[0], language="en",
                                   **kwargs), [], _vector(event, 100 * event + n))


@pytest.fixture
def corpus() -> list[AnalyzedArticle]:
    items = []
    for event, text in enumerate((QUAKE, FLOOD)):
        for n, pattern in enumerate(REWORDINGS):
            items.append(_article(f"e{event}-{n}", pattern.format(text), event, n))
    return items


def _partition(stories) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


EXPECTED = {frozenset({"e0-0", "e0-1", "e0-2"}), frozenset({"e1-0", "e1-1", "e1-2"})}


def test_batch_separates_two_events(corpus):
    assert _partition(group_articles(corpus)) == EXPECTED


def test_every_member_is_explained(corpus):
    for story in group_articles(corpus):
        assert [m.article_id for m in story.memberships] == story.article_ids
        for membership in story.memberships:
            assert membership.linked_to in story.article_ids
            assert 0 < membership.score <= 1
            assert {s.name for s in membership.signals} <= {"embedding", "terms", "names", "numbers", "title", "years", "embedding_relative", "terms_relative"}
            assert membership.signals


def test_incremental_matches_batch_in_any_order(corpus):
    for order in (corpus, corpus[::-1], corpus[1::2] + corpus[0::2]):
        stories, state = group_incremental(order)
        assert _partition(stories) == EXPECTED
        assert isinstance(state, GroupingState)


def test_incremental_keeps_state_between_calls(corpus):
    stories, state = group_incremental(corpus[:2])
    stories, state = group_incremental(corpus[2:], state)
    assert _partition(stories) == EXPECTED
    assert sum(len(s.article_ids) for s in stories) == len(corpus)


def test_syndicated_copy_follows_its_original(corpus):
    # a copy whose text and head share nothing with its original still goes with it
    copy = AnalyzedArticle(Article("copy", FLOOD.upper(), language="en", syndicated_of="e0-1"),
                           [], _vector(7, 7))
    for stories in (group_articles(corpus + [copy]), group_incremental(corpus + [copy])[0]):
        story = next(s for s in stories if "copy" in s.article_ids)
        assert "e0-1" in story.article_ids


def test_dates_far_apart_are_kept_apart():
    early = _article("a", QUAKE, 0, 0, published="2020-01-01")
    late = _article("b", REWORDINGS[0].format(QUAKE), 0, 1, published="2020-09-01")
    assert len(group_articles([early, late])) == 2
    near = _article("c", REWORDINGS[1].format(QUAKE), 0, 2, published="2020-01-02")
    assert len(group_articles([early, near])) == 1


def test_empty_and_single_inputs():
    assert group_articles([]) == []
    assert group_incremental([])[0] == []
    single = group_articles([_article("only", QUAKE, 0, 0)])
    assert len(single) == 1 and single[0].memberships[0].linked_to is None


def test_incremental_window_bounds_the_work(corpus):
    state = GroupingState(window_articles=4)
    for item in corpus:
        stories, state = group_incremental([item], state)
        assert len(state.window) <= 4
    # stories outlive the window: every article is still in exactly one story
    assert sorted(a for s in stories for a in s.article_ids) == sorted(a.id for a in corpus)


"""Consolidation shortcuts (bounds, memos, per-name forms) give exactly what the plain
computation gives: they exist for speed only."""
from __future__ import annotations

import copy
import itertools
import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from storyloom.analyze.roles import find_roles
from storyloom.consolidate import quotes as quotes_module
from storyloom.consolidate.align import (
    ANCHOR_BONUS,
    ANCHOR_BONUS_CAP,
    SAME_ARTICLE_PENALTY,
    StatementCluster,
    Unit,
    anchor_weights,
    attach_packed,
    average_link,
    similarity_matrix,
    split_at_breaks,
    split_clauses,
)
from storyloom.consolidate.entities import acronym, article_roles, clean_name, same_org
from storyloom.model import Sentence

VOCABULARY = ["10", "jan", "harbour", "~bridge", "~ferry", "Lisbon", "~strike", "2024", "mayor"]


def _story(seed: int, articles: int = 6, per_article: int = 7, dim: int = 16):
    """Units whose vectors cluster around a few topics, with random anchors."""
    rng = random.Random(seed)
    topics = np.random.default_rng(seed).normal(size=(4, dim))
    units, rows = [], []
    for a in range(articles):
        for s in range(per_article):
            sentence = Sentence(f"a{a}", s, 100 * s, 100 * s + 50, f"sentence {a}.{s}")
            anchors = frozenset(rng.sample(VOCABULARY, rng.randint(0, 4)))
            units.append(Unit(f"a{a}", sentence, sentence.start, sentence.end, sentence.text,
                              "en", anchors))
            row = topics[rng.randrange(4)] + np.random.default_rng(seed * 1000 + len(rows)).normal(
                scale=0.6, size=dim)
            rows.append(row / np.linalg.norm(row))
    return units, np.array(rows, dtype=np.float32)


def _attach_plainly(clusters, units, vectors, threshold) -> None:
    """attach_packed without the bound: every absent article's units scored exactly."""
    weights = anchor_weights(units)
    by_article: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        by_article.setdefault(unit.article_id, []).append(i)
    for cluster in clusters:
        if len(cluster.article_ids) < 2:
            continue
        centroid = cluster.centroid
        shared_anchors = frozenset().union(*(u.anchors for u in cluster.units))
        added = []
        for article_id, idx in by_article.items():
            if article_id in cluster.article_ids:
                continue
            scores = [float(vectors[i] @ centroid) + min(ANCHOR_BONUS * sum(
                weights[a] for a in units[i].anchors & shared_anchors), ANCHOR_BONUS_CAP)
                for i in idx]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                added.append(idx[best])
        if added:
            cluster.units.extend(units[i] for i in added)
            cluster.vectors = np.vstack([cluster.vectors, vectors[added]])
            cluster.article_ids.extend(units[i].article_id for i in added)


def test_attach_bound_attaches_exactly_what_plain_scoring_attaches():
    attached = 0
    for seed in range(12):
        units, vectors = _story(seed)
        groups = average_link(similarity_matrix(units, vectors), 0.5)
        clusters = [StatementCluster([units[i] for i in g], vectors[g]) for g in groups]
        plain = copy.deepcopy(clusters)
        for threshold in (0.45, 0.6):
            attach_packed(clusters, units, vectors, threshold)
            _attach_plainly(plain, units, vectors, threshold)
            assert [[(u.article_id, u.position) for u in c.units] for c in clusters] == \
                [[(u.article_id, u.position) for u in c.units] for c in plain]
            attached += sum(len(c.units) - c.core for c in clusters)
    assert attached > 0  # the comparison covered attachments, not only refusals


def test_similarity_matrix_penalises_one_article_and_blocks_one_sentence():
    units, vectors = _story(3, articles=2, per_article=2)
    # a second clause of the first unit's sentence
    first = units[0]
    units.append(Unit(first.article_id, first.sentence, first.start + 10, first.end,
                      first.text, "en", first.anchors))
    vectors = np.vstack([vectors, vectors[:1]])
    sims = similarity_matrix(units, vectors)
    raw = (vectors @ vectors.T).astype(np.float64)
    assert sims[0, 4] == -np.inf and sims[4, 0] == -np.inf
    assert np.isfinite(sims[0, 1]) and np.isfinite(sims[0, 2])
    bonus = sims - raw
    # same article: the bonus less the penalty; other article: the bonus alone
    assert bonus[0, 1] <= ANCHOR_BONUS_CAP - SAME_ARTICLE_PENALTY + 1e-9
    assert bonus[0, 2] >= -1e-9


def _same_org_plainly(first: str, second: str) -> bool:
    a, b = clean_name(first), clean_name(second)
    if a.replace(".", "").lower() == b.replace(".", "").lower():
        return True
    for short, long in ((a, b), (b, a)):
        if long.lower().startswith(short.lower() + " of "):
            return True
    for short, long in ((a, b), (b, a)):
        short = short.replace(".", "")
        if short.isupper() and 2 <= len(short) <= 6 and len(long.split()) >= 2 \
                and acronym(long) == short:
            return True
    if len(a.split()) == 1 and len(b.split()) == 1 and len(a) >= 5 and len(b) >= 5 \
            and a[:5].lower() == b[:5].lower():
        return True
    return fuzz.ratio(a.lower(), b.lower()) >= 92


ORG_NAMES = ["U.S.", "US", "the U.S", "NATO", "North Atlantic Treaty Organization", "Nato",
             "Portugal", "Portuguese", "Port Authority", "the Port Authority's",
             "Harbour Board", "Harbour Board of the City", "HB", "H.B.", "Europe", "European",
             "World Health Organization", "WHO", "W.H.O.", "Who", "Red Cross", "Red-Cross",
             "International Committee of the Red Cross", "ICRC", "Ministry of Defence",
             "Defence Ministry", "Eu", "EU", "E.U.", "Lisboa", "Lisbon", "İstanbul", "Istanbul"]


def test_same_org_by_name_forms_equals_the_plain_comparison():
    for first, second in itertools.product(ORG_NAMES, repeat=2):
        assert same_org(first, second) == _same_org_plainly(first, second), (first, second)


@pytest.mark.slow
def test_article_roles_are_the_roles_of_each_sentence(seed_members):
    for member in seed_members:
        expected = []
        for sentence in member.sentences:
            spans = [(m.start - sentence.start, m.end - sentence.start) for m in member.mentions
                     if m.label == "PERSON" and m.sentence == sentence.index]
            expected.extend((role, sentence.index) for role in find_roles(sentence.text, spans))
        assert article_roles(member) == expected
        assert article_roles(member) == expected  # the memoised second reading too


@pytest.mark.slow
def test_a_brief_aligns_its_story_and_groups_its_quotes_once(seed_members, monkeypatch):
    from storyloom.consolidate import readings as readings_module
    from storyloom.consolidate.brief import build_brief_isolated
    from storyloom.model import Story

    calls = {"align": 0, "quotes": 0, "articles": 0}
    align, group = readings_module.align_statements, readings_module.quote_groups
    read = readings_module.read_article

    def counted(kind, function):
        return lambda *args: calls.__setitem__(kind, calls[kind] + 1) or function(*args)

    monkeypatch.setattr(readings_module, "align_statements", counted("align", align))
    monkeypatch.setattr(readings_module, "quote_groups", counted("quotes", group))
    monkeypatch.setattr(readings_module, "read_article", counted("articles", read))
    story = Story("s", [m.id for m in seed_members])
    brief, failures = build_brief_isolated(story, list(seed_members), strict=True)
    assert not failures and brief.facts and brief.quotes and brief.timeline
    # each article read once, for its quotes and the timeline alike (what annotate shows)
    assert calls == {"align": 1, "quotes": 1, "articles": len(seed_members)}


@pytest.mark.slow
def test_story_readings_give_each_caller_its_own_quote_lists(seed_members):
    from storyloom.consolidate.readings import StoryReadings

    readings = StoryReadings(list(seed_members))
    first = readings.quote_groups()
    first[0].clear()
    assert readings.quote_groups() == quotes_module.quote_groups(list(seed_members))
    assert readings.clusters() is readings.clusters()


@given(st.lists(st.sampled_from(["the", "mayor", "said", "and", "but", "while", "after", ",",
                                 ";", "-", "\u2013", "\u2014", "talks", "on", "10", "  "]),
                max_size=40))
def test_split_clauses_shortcut_equals_the_plain_split(words):
    text = " ".join(words).replace(" ,", ",")
    assert split_clauses(text) == split_at_breaks(text)

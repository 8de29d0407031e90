"""The summary's word-overlap features equal a plain Counter computation (the class
vectorises it; these are the definitions)."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.consolidate.sentence_overlap import OverlapContext, tokens
from storyloom.model import AnalyzedArticle, Article, Sentence

WORDS = ["the", "ship", "port", "Crew", "of", "240", "three", "weeks", "said", "a"]


def _clip(a: Counter, b: Counter) -> int:
    return sum(min(n, b[t]) for t, n in a.items())


def _naive(members: list[AnalyzedArticle], article_id: str, text: str) -> list[float]:
    words = Counter(tokens(text))
    n = max(sum(words.values()), 1)
    others = [m for m in members if m.id != article_id]
    best = 0.0
    for m in others:
        for s in m.sentences:
            theirs = Counter(tokens(s.text))
            common = _clip(words, theirs)
            if common and words:
                p, r = common / sum(words.values()), common / sum(theirs.values())
                best = max(best, 2 * p * r / (p + r))
    precision = (sum(_clip(words, Counter(tokens(m.article.text))) for m in others)
                 / (n * len(others)) if others else 0.0)
    titles = [Counter(tokens(m.article.title)) for m in others]
    titles = [t for t in titles if t]
    recall = sum(_clip(t, words) / sum(t.values()) for t in titles) / len(titles) if titles else 0.0
    return [best, precision, recall]


def _member(aid: str, title: str, sentences: list[str]) -> AnalyzedArticle:
    text, spans = "", []
    for sentence in sentences:
        start = len(text)
        text += sentence + " "
        spans.append(Sentence(aid, len(spans), start, start + len(sentence), sentence))
    return AnalyzedArticle(Article(aid, text, title=title), spans, np.zeros(4))


sentence_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
article = st.tuples(sentence_text, st.lists(sentence_text, min_size=1, max_size=4))


@settings(max_examples=60, deadline=None)
@given(st.lists(article, min_size=1, max_size=4), sentence_text)
def test_overlap_features_equal_the_counter_definitions(articles, probe):
    members = [_member(f"a{i}", title, body) for i, (title, body) in enumerate(articles)]
    context = OverlapContext(members)
    for m in members:
        for text in [s.text for s in m.sentences] + [probe]:
            row = context.row(m.id, text)
            expected = _naive(members, m.id, text)
            assert np.allclose(row[:3], expected, rtol=1e-12, atol=0)
            assert row[5] == math.log(max(len(tokens(text)), 1))


# -- the previous session's property, kept: exact equality on split sentences --------

from storyloom.analyze.sentences import split_sentences  # noqa: E402

SENTENCE = st.lists(st.sampled_from(["the", "ship", "crew", "port", "two", "weeks", "oil", "7",
                                     "mayor"]), min_size=0, max_size=8).map(
    lambda w: " ".join(w).capitalize() + ".")


def _reference_best(context_sentences: dict[str, list[str]], article_id: str, text: str) -> float:
    words = Counter(tokens(text))
    best = 0.0
    for aid, sentences in context_sentences.items():
        if aid == article_id:
            continue
        for sentence in sentences:
            other = Counter(tokens(sentence))
            common = sum(min(n, other[t]) for t, n in words.items())
            if common:
                p, r = common / sum(words.values()), common / sum(other.values())
                best = max(best, 2 * p * r / (p + r))
    return best


def _split_member(aid: str, sentences: list[str]) -> AnalyzedArticle:
    article = Article(aid, " ".join(sentences), title=sentences[0], language="en")
    return AnalyzedArticle(article, split_sentences(article), None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(SENTENCE, min_size=1, max_size=4), min_size=1, max_size=4), SENTENCE)
def test_best_sentence_f1_equals_pairwise(articles, candidate):
    members = [_split_member(f"a{n}", sentences) for n, sentences in enumerate(articles)]
    context = OverlapContext(members)
    split = {m.id: [s.text for s in m.sentences] for m in members}
    assert context.row("a0", candidate)[0] == _reference_best(split, "a0", candidate)
    for m in members:  # the story's own sentences take the batched path
        for s in m.sentences:
            assert context.row(m.id, s.text)[0] == _reference_best(split, m.id, s.text)

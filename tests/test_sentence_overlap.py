"""The story-wide overlap features equal a plain per-pair computation."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.analyze.sentences import split_sentences
from storyloom.consolidate.sentence_overlap import OverlapContext, tokens
from storyloom.model import AnalyzedArticle, Article

WORDS = st.sampled_from(["the", "ship", "crew", "port", "two", "weeks", "oil", "7", "mayor"])
SENTENCE = st.lists(WORDS, min_size=0, max_size=8).map(lambda w: " ".join(w).capitalize() + ".")


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


def _member(aid: str, sentences: list[str]) -> AnalyzedArticle:
    article = Article(aid, " ".join(sentences), title=sentences[0], language="en")
    return AnalyzedArticle(article, split_sentences(article), None)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(SENTENCE, min_size=1, max_size=4), min_size=1, max_size=4), SENTENCE)
def test_best_sentence_f1_equals_pairwise(articles, candidate):
    members = [_member(f"a{n}", sentences) for n, sentences in enumerate(articles)]
    context = OverlapContext(members)
    split = {m.id: [s.text for s in m.sentences] for m in members}
    assert context.row("a0", candidate)[0] == _reference_best(split, "a0", candidate)

"""Batched analysis gives what one-at-a-time analysis gives."""
from __future__ import annotations

import re

from storyloom.analyze import deepen, analyze_heads
from storyloom.analyze.entities import find_mentions, find_mentions_many
from storyloom.model import Article

TEXTS = [
    "Angela Merkel met Emmanuel Macron in Paris on Monday. The talks at the Elysee lasted "
    "two hours. Google said it would open an office in Berlin.",
    "The United Nations warned of famine in Yemen. Aid groups in Geneva asked for funds.",
    "",
    "Rain fell. Nothing else happened here at all.",
]


def _analyzed():
    articles = [Article(id=f"a{n}", text=text, language="en") for n, text in enumerate(TEXTS)]
    return analyze_heads(articles, "hashing")


def test_batched_mentions_equal_per_article_mentions():
    analyzed = _analyzed()
    batched = find_mentions_many([a.sentences for a in analyzed])
    single = [find_mentions(a.article.text, a.sentences) for a in analyzed]
    assert batched == single
    assert any(m.label == "PERSON" for m in batched[0])
    for item, mentions in zip(analyzed, batched):
        for m in mentions:  # offsets point into the article text
            assert item.article.text[m.start:m.end] == m.text


def test_deepen_tags_each_article_with_its_own_mentions():
    analyzed = _analyzed()
    deepen(analyzed, "hashing")
    for item in analyzed:
        assert item.sentence_embeddings.shape[0] == len(item.sentences)
        assert all(m.start >= 0 and m.end <= len(item.article.text) for m in item.mentions)
    assert not analyzed[2].mentions and not analyzed[3].mentions


def test_regex_cache_is_large_enough_for_the_splitter():
    import storyloom.analyze.sentences as sentences

    assert getattr(re, "_MAXCACHE", sentences._RE_CACHE_ENTRIES) >= sentences._RE_CACHE_ENTRIES

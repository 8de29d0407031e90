"""Extractive summary from facts: citations, budget, redundancy (hand-made stories)."""
from __future__ import annotations

from storyloom.analyze import analyze
from storyloom.consolidate.facts import align_facts
from storyloom.consolidate.summary import summarise
from storyloom.model import Article

SENTENCES = [
    "The two presidents will speak by telephone on Thursday about the border crisis.",
    "Officials from both countries will hold talks in Geneva on 10 January next year.",
    "A separate shipment of grain left the harbour of Odessa late on Monday evening.",
    "Analysts expect the markets to react calmly to the planned telephone conversation.",
    "The foreign minister travelled to Brussels for a meeting with European partners.",
    "Local farmers complained about the weather during the whole of the autumn season.",
]


def _members():
    a = Article("a", " ".join(SENTENCES[:4]), source="A", language="en")
    b = Article("b", " ".join([SENTENCES[0], SENTENCES[1], SENTENCES[4]]), source="B", language="en")
    c = Article("c", " ".join([SENTENCES[0], SENTENCES[5]]), source="C", language="en")
    return analyze([a, b, c], embedder="hashing", entities=False)


def test_each_sentence_is_a_source_sentence_citing_all_reporters():
    members = _members()
    facts = align_facts(members)
    texts = {m.id: m.article.text for m in members}
    summary = summarise(facts, members)
    assert summary
    for sentence in summary:
        first = sentence.evidence[0]
        assert texts[first.article_id][first.start:first.end] == sentence.text
        fact = next(f for f in facts if first in f.evidence)
        assert sentence.sources == fact.sources
    # the statement every outlet reports comes first, citing all three
    assert summary[0].text == SENTENCES[0]
    assert sorted(summary[0].sources) == ["a", "b", "c"]


def test_sentence_count_and_word_budget():
    members = _members()
    facts = align_facts(members)
    assert len(summarise(facts, members, max_sentences=2)) == 2
    short = summarise(facts, members, max_words=20)
    words = [len(s.text.split()) for s in short]
    # stops once the budget is reached: everything but the last fits within it
    assert sum(words[:-1]) < 20 <= sum(words) or sum(words) < 20


def test_no_sentence_twice():
    members = _members()
    summary = summarise(align_facts(members), members, max_sentences=10)
    texts = [s.text for s in summary]
    assert len(texts) == len(set(texts))


def test_empty_story():
    assert summarise([], []) == []

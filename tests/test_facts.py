"""Fact alignment on hand-made stories (hashing embedder: no model, instant)."""
from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from storyloom.analyze import analyze
from storyloom.consolidate.align import anchors_of, average_link, split_clauses, statement_units
from storyloom.consolidate.facts import align_facts, outlet_keys
from storyloom.model import Article

CALL = "The two presidents will speak by telephone on Thursday about the border crisis."
TALKS = "Officials from both countries will hold talks in Geneva on 10 January next year."
ONLY_A = "A separate shipment of grain left the harbour of Odessa late on Monday evening."


def _analyzed(*articles: Article):
    return analyze(list(articles), embedder="hashing", entities=False)


def _article(aid: str, text: str, source: str = "", **kw) -> Article:
    return Article(aid, text, title="", source=source, language="en", **kw)


def test_same_statement_in_several_articles_is_one_fact_with_all_sources():
    members = _analyzed(_article("a", f"{CALL} {TALKS} {ONLY_A}", "Outlet A"),
                        _article("b", f"{TALKS} {CALL}", "Outlet B"),
                        _article("c", CALL, "Outlet C"))
    facts = align_facts(members)
    call = next(f for f in facts if "telephone" in f.text)
    assert sorted(call.sources) == ["a", "b", "c"] and call.corroboration == 3
    talks = next(f for f in facts if "Geneva" in f.text)
    assert sorted(talks.sources) == ["a", "b"] and talks.corroboration == 2
    only = next(f for f in facts if "grain" in f.text)
    assert only.sources == ["a"] and only.corroboration == 1
    # most corroborated first
    assert [f.corroboration for f in facts] == sorted((f.corroboration for f in facts), reverse=True)


def test_evidence_offsets_point_at_the_source_sentence():
    members = _analyzed(_article("a", f"Header line\n\n{CALL} {TALKS}", "A"),
                        _article("b", f"{TALKS}\n{CALL}", "B"))
    texts = {m.id: m.article.text for m in members}
    for fact in align_facts(members):
        assert fact.evidence and {e.article_id for e in fact.evidence} == set(fact.sources)
        for e in fact.evidence:
            assert texts[e.article_id][e.start:e.end] == e.text


def test_corroboration_counts_outlets_not_articles():
    members = _analyzed(_article("a", CALL, "Same Wire"), _article("b", CALL, "same wire "),
                        _article("c", CALL, "Other", syndicated_of="a"),
                        _article("d", CALL, "Third"))
    keys = outlet_keys(members)
    assert keys["a"] == keys["b"] == keys["c"] != keys["d"]
    fact = align_facts(members)[0]
    assert len(fact.sources) == 4 and fact.corroboration == 2


def test_no_articles_no_facts():
    assert align_facts([]) == []


def test_packed_sentence_is_split_into_clauses():
    text = ("Joe Biden and Vladimir Putin will talk again this Thursday about Ukraine, "
            "just three weeks after they met in a video conference on December 7.")
    spans = split_clauses(text)
    assert len(spans) == 2
    assert text[spans[1][0]:spans[1][1]].startswith("just three weeks")


def test_short_fragment_keeps_the_sentence_whole():
    text = "The talks, and the call, were planned by both sides for next week in Geneva."
    assert split_clauses(text) == [(0, len(text))]


def test_a_comma_closing_an_apposition_is_not_a_clause_break():
    text = ("The mayor of the city, Ana Ruiz, and her deputy, Tom Bell, will meet the "
            "union leaders on Thursday to discuss the strike.")
    assert split_clauses(text) == [(0, len(text))]
    text = ("The port stays closed until Monday, and the ships will wait outside the bay "
            "until the storm has passed.")
    assert len(split_clauses(text)) == 2


@given(st.text(alphabet=st.sampled_from("ab ,;-—"), max_size=120))
def test_clause_spans_are_ordered_and_inside_the_text(text):
    spans = split_clauses(text)
    assert spans
    last = 0
    for start, end in spans:
        assert last <= start <= end <= len(text)
        last = end


def test_clause_units_keep_offsets_into_article_text():
    text = ("Joe Biden and Vladimir Putin will talk again this Thursday about Ukraine; "
            "the White House said the call was requested by the Russian side.")
    member = _analyzed(_article("a", text, "A"))[0]
    units = statement_units(member, clauses=True)
    assert len(units) == 2
    for unit in units:
        assert member.article.text[unit.start:unit.end] == unit.text


def test_anchors_are_numbers_months_and_names():
    anchors = anchors_of("Talks are set for Jan. 10 in Geneva, with 175,000 troops nearby.")
    assert {"10", "jan", "geneva", "175000", "~troops"} <= anchors
    assert anchors_of("Talks on 10 January") & anchors_of("talks on January 10th") >= {"10", "jan"}
    assert "may" not in anchors_of("The talks with the Mayor of Marseille")


def test_average_link_does_not_chain():
    # a~b and b~c are close, a and c are not: single link would chain all three
    sims = np.array([[1.0, 0.8, 0.1], [0.8, 1.0, 0.8], [0.1, 0.8, 1.0]])
    groups = average_link(sims, threshold=0.6)
    assert sorted(map(len, groups)) == [1, 2]


def test_average_link_respects_cannot_link():
    sims = np.array([[1.0, 0.9, 0.9], [0.9, 1.0, -np.inf], [0.9, -np.inf, 1.0]])
    groups = average_link(sims, threshold=0.5)
    assert not any({1, 2} <= set(g) for g in groups)


def test_sentences_from_another_embedder_align_whole_sentences():
    # members embedded with "hashing", alignment asked for the default model: clauses
    # would land in another vector space, so whole sentences are aligned instead
    members = _analyzed(_article("a", f"{CALL} {TALKS}", "A"), _article("b", CALL, "B"))
    facts = align_facts(members)
    assert any(sorted(f.sources) == ["a", "b"] for f in facts)
    assert all(f.evidence[0].text in (CALL, TALKS) for f in facts)


def test_a_quotation_is_not_split_into_clauses():
    from storyloom.consolidate.align import split_clauses

    quoted = ('"There is no sign of fuel in the water at all, but we are not taking any '
              'chances," said the spokeswoman for the port.')
    assert split_clauses(quoted) == [(0, len(quoted))]
    german = ("„Es gibt keine Anzeichen für ausgelaufenen Treibstoff im Wasser; wir gehen aber "
              "kein Risiko ein“, sagte die Sprecherin der Behörde.")
    assert split_clauses(german) == [(0, len(german))]
    plain = "The salvage is expected to take two weeks, and the port expects the channel to reopen on 14 March."
    assert len(split_clauses(plain)) == 2

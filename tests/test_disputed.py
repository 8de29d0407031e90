"""Agreed facts never count an outlet that reports another side of a contradiction."""
from __future__ import annotations

import pytest

from storyloom.consolidate.disputed import separate_disputed
from storyloom.model import Article, Claim, Conflict, Evidence, Fact

TEXTS = {
    "a": "The channel will reopen on 14 March.",
    "b": "Officials expect the channel to reopen on 14 March.",
    "c": "The channel is now expected to reopen on 21 March.",
    "d": "El canal no se reabrirá hasta el 21 de marzo.",
    "e": "Divers inspected the hull on Tuesday.",
}
LANGUAGES = {"d": "es"}


@pytest.fixture(scope="module")
def members():
    from storyloom.analyze import analyze

    articles = [Article(k, v, source=f"outlet-{k}", language=LANGUAGES.get(k, "en"))
                for k, v in TEXTS.items()]
    return analyze(articles, "hashing", entities=False)


def _sentence(article_id: str) -> Evidence:
    return Evidence(article_id, 0, len(TEXTS[article_id]), TEXTS[article_id])


def _date_conflict(contradiction: bool = True) -> Conflict:
    return Conflict("date", "the channel to reopen", [
        Claim("14 March", TEXTS["a"], ["a", "b"], [_sentence("a"), _sentence("b")]),
        Claim("21 March", TEXTS["c"], ["c", "d"], [_sentence("c"), _sentence("d")])],
        contradiction=contradiction)


def _merged_fact() -> Fact:
    ids = ["a", "b", "c", "d"]
    return Fact(TEXTS["a"], ids, 4, [_sentence(i) for i in ids])


def test_a_fact_spanning_two_sides_is_split_by_side(members):
    facts = separate_disputed([_merged_fact()], [_date_conflict()], members)
    assert [(f.text, f.sources, f.corroboration) for f in facts] == [
        (TEXTS["a"], ["a", "b"], 2), (TEXTS["c"], ["c", "d"], 2)]
    assert [e.article_id for e in facts[1].evidence] == ["c", "d"]


def test_related_figures_do_not_split_a_fact(members):
    facts = [_merged_fact()]
    assert separate_disputed(facts, [_date_conflict(contradiction=False)], members) == facts


def test_a_fact_on_one_side_or_elsewhere_is_untouched(members):
    one_side = Fact(TEXTS["c"], ["c", "d"], 2, [_sentence("c"), _sentence("d")])
    other = Fact(TEXTS["e"], ["e"], 1, [_sentence("e")])
    assert separate_disputed([one_side, other], [_date_conflict()], members) == [one_side, other]


def test_a_sentence_split_off_two_facts_is_said_once(members):
    duration = Conflict("duration", "salvage", [
        Claim("two weeks", TEXTS["b"], ["b"], [_sentence("b")]),
        Claim("three weeks", TEXTS["d"], ["d"], [_sentence("d")])])
    second = Fact(TEXTS["b"], ["b", "d"], 2, [_sentence("b"), _sentence("d")])
    facts = separate_disputed([_merged_fact(), second], [_date_conflict(), duration], members)
    split_off = [f for f in facts if "d" in f.sources]
    assert len(split_off) == 1 and split_off[0].sources == ["c", "d"]
    assert split_off[0].text == TEXTS["c"]  # the English wording of the split-off side
    assert all(len(f.sources) == len(set(f.sources)) for f in facts)

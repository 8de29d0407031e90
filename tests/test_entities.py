"""Entities: spellings and transliterations merged, types by majority, roles gathered."""
from __future__ import annotations

import numpy as np
import pytest

from storyloom.consolidate.entities import merge_entities, phonetic, same_org, same_person
from storyloom.model import AnalyzedArticle, Article, Mention, Sentence


def test_transliterations_share_a_key():
    assert phonetic("Zelensky") == phonetic("Zelenski") == phonetic("Selenskyj")
    assert phonetic("Peskov") == phonetic("Peskow")
    assert same_person("Volodomir Zelenski", "Volodymyr Zelensky")
    assert same_person("Antony J. Blinken", "Antony Blinken")
    assert not same_person("Joe Biden", "Hunter Biden")


def test_acronyms_and_long_forms():
    assert same_org("NATO", "North Atlantic Treaty Organization")
    assert same_org("U.S", "US")
    assert same_org("National Security Council", "National Security Council of the White House")
    assert not same_org("NATO", "OSCE")


def _member(article_id: str, text: str, mentions: list[tuple[str, str]]) -> AnalyzedArticle:
    found = []
    for name, label in mentions:
        start = text.index(name)
        found.append(Mention(name, label, start, start + len(name), 0))
    sentence = Sentence(article_id, 0, 0, len(text), text)
    return AnalyzedArticle(Article(article_id, text), [sentence], np.zeros(4), None, found)


def test_merge_with_majority_type_and_roles():
    members = [
        _member("a", "Kremlin spokesman Dmitry Peskov met Biden.", [("Dmitry Peskov", "PERSON"), ("Biden", "ORG")]),
        _member("b", "Spokesman Dmitri Peskow said Joe Biden would call.", [("Dmitri Peskow", "PERSON"), ("Joe Biden", "PERSON")]),
        _member("c", "Peskov and the Joe Biden team.", [("Peskov", "PERSON"), ("Joe Biden", "PERSON")]),
    ]
    entities = {e.name: e for e in merge_entities(members)}
    assert set(entities) == {"Dmitry Peskov", "Joe Biden"}
    peskov = entities["Dmitry Peskov"]
    assert peskov.type == "PERSON" and set(peskov.variants) == {"Dmitri Peskow", "Peskov"}
    assert peskov.sources == ["a", "b", "c"]
    assert "Kremlin spokesman" in peskov.roles
    assert entities["Joe Biden"].type == "PERSON" and "Biden" in entities["Joe Biden"].variants


def test_an_office_portfolio_word_is_not_an_entity():
    members = [
        _member("a", "Secretary of State Ana Ruiz met the Treasury.", [("State", "ORG"), ("Treasury", "ORG")]),
        _member("b", "The Minister of Finance spoke; the State Council agreed.",
                [("Finance", "ORG"), ("State Council", "ORG")]),
    ]
    assert {e.name for e in merge_entities(members)} == {"Treasury", "State Council"}


@pytest.fixture(scope="module")
def seed_entities(seed_members):
    return merge_entities(seed_members)


@pytest.mark.slow
def test_seed_entities(seed_entities):
    by_name = {e.name: e for e in seed_entities}
    for name in ("Joe Biden", "Vladimir Putin", "Volodymyr Zelensky", "Antony Blinken",
                 "Emily Horne", "Dmitry Peskov", "Ned Price", "Wendy Sherman", "Josep Borrell",
                 "NATO", "National Security Council", "Geneva", "Ukraine", "Russia"):
        assert name in by_name, name
    zelensky = by_name["Volodymyr Zelensky"]
    assert {"Zelenski", "Volodymyr Selenskyj", "Volodomir Zelenski"} <= set(zelensky.variants)
    assert len(zelensky.sources) == 5
    assert "Dmitri Peskow" in by_name["Dmitry Peskov"].variants
    assert by_name["Joe Biden"].type == "PERSON"
    people = [e for e in seed_entities if e.type == "PERSON"]
    assert len({e.name for e in people}) == len(people)


def _in(language: str, member: AnalyzedArticle) -> AnalyzedArticle:
    member.article.language = language
    return member


def test_nouns_the_english_tagger_finds_in_other_languages_are_dropped():
    members = [
        _in("en", _member("en", "Residents of Kelby Point left as the ship Marisol Star grounded.",
                          [("Kelby Point", "GPE"), ("Marisol Star", "PERSON")])),
        _in("de", _member("de", "Die Behörden räumten die Häuser des Viertels Kelby Point.",
                          [("Behörden", "GPE"), ("Häuser", "PERSON"), ("Viertels Kelby Point", "PERSON")])),
        _in("es", _member("es", "Los vecinos del barrio de Kelby Point tuvieron que salir.",
                          [("del barrio de Kelby Point tuvieron que", "ORG")])),
    ]
    names = {e.name: e.sources for e in merge_entities(members)}
    assert "Behörden" not in names and "Häuser" not in names  # translated nouns: dropped
    assert "Viertels Kelby Point" in names  # carries a name that travels: kept
    assert sorted(names["Kelby Point"]) == ["en", "es"]  # trimmed to the name, then merged
    assert not any("barrio" in n for n in names)


def test_names_given_by_several_non_english_articles_are_kept():
    members = [
        _in("de", _member("d1", "Die Reederei Vantor bestätigte den Unfall.", [("Vantor", "ORG")])),
        _in("de", _member("d2", "Laut Vantor ist niemand verletzt.", [("Vantor", "ORG")])),
    ]
    assert [e.name for e in merge_entities(members)] == ["Vantor"]


def test_short_given_names_and_country_prefixed_acronyms():
    assert same_person("Chuck Schumer", "Charles E. Schumer")
    assert same_person("Jim Mattis", "James Mattis")
    assert not same_person("Loretta Sanchez", "Linda Sánchez")
    assert not same_person("Bill Clinton", "Hillary Clinton")
    assert same_org("FDA", "U.S. Food and Drug Administration")
    assert not same_org("FDA", "U.S. Food Distribution Agency Union")

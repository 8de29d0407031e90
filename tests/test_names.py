"""People's names that disagree between outlets (consolidate/names.py): parsing of full
names, which given names can be one person's, the credit clash, and the conflict found
through the whole digest. Invented names and articles."""
from __future__ import annotations

import pytest

from storyloom.consolidate.credit import clashes
from storyloom.consolidate.names import compatible_given, different_people, names_clash, person_names


def test_full_names_are_read_past_titles_initials_and_suffixes():
    assert person_names("Rep. Laura T. Berg of Kelby Point spoke.") == (("Laura", "Berg", "Laura T. Berg"),)
    assert person_names("Harbour Sheriff Carla Dunmore said so.")[0][:2] == ("Carla", "Dunmore")
    assert person_names("Greta Moss Wrenfield Jr.'s boat") == (("Greta", "Wrenfield", "Greta Moss Wrenfield"),)
    # no known given name, or a title-case headline: no person
    assert person_names("Kelby Point Harbour closed") == ()
    assert person_names("Laura Berg Checks Into Harbour Clinic") == ()


@pytest.mark.parametrize(("first", "second", "same"), [
    ("Laura", "Maria", False), ("Jim", "James", True), ("Bill", "William", True),
    ("Ray", "Raymond", True), ("Katie", "Kathryn", True), ("laura", "Laura", True),
])
def test_given_names_that_can_be_one_person(first, second, same):
    assert compatible_given(first, second) is same


def test_a_surname_of_two_words_is_one_person():
    short = ("Van", "Berg", "Van Berg")
    full = ("Carla", "Berg", "Carla Van Berg")
    assert not different_people(short, full)
    assert different_people(("Laura", "Berg", "Laura Berg"), ("Maria", "Berg", "Maria Berg"))
    assert not different_people(("Laura", "Berg", "Laura Berg"), ("Maria", "Moss", "Maria Moss"))


def test_a_fact_is_not_credited_to_a_statement_naming_another_person():
    fact = "Rep. Maria Berg won the vote for vice chair, defeating Carla Dunmore."
    assert names_clash(fact, "Representative Laura Berg defeated Carla Dunmore in the vote.")
    assert clashes(fact, "Representative Laura Berg defeated Carla Dunmore in the vote.")
    assert not names_clash(fact, "Ms. Berg defeated Carla Dunmore in the vote.")
    assert not names_clash(fact, "Rep. Maria T. Berg defeated Carla Dunmore.")
    # a statement naming both sisters is about two people, not another name for one
    assert not names_clash(fact, "Laura Berg congratulated her sister Maria Berg.")


@pytest.mark.slow
def test_outlets_naming_one_person_differently_conflict():
    from storyloom.model import Article
    from storyloom.pipeline import DigestOptions, digest_articles

    first = Article("harbour-gazette", "Berg wins caucus vote\n\nRep. Maria Berg won the race for vice "
                    "chair of the harbour caucus on Tuesday, defeating fellow councillor Carla Dunmore "
                    "by two votes. The caucus also re-elected its chairman.",
                    title="Berg wins caucus vote", source="Harbour Gazette", language="en",
                    published="2026-03-04")
    second = Article("radio-nord", "Harbour caucus picks vice chair\n\nIn a narrow vote on Tuesday, "
                     "Representative Laura Berg of Kelby Point defeated another councillor, Carla "
                     "Dunmore, to become vice chair of the harbour caucus. The chairman was re-elected "
                     "without a challenger.", title="Harbour caucus picks vice chair",
                     source="Radio Nord", language="en", published="2026-03-04")
    digest = digest_articles([first, second], DigestOptions(executor="local", strict=True))
    conflicts = [c for s in digest.stories for c in s.brief.conflicts if c.kind == "name"]
    assert len(conflicts) == 1
    sides = {claim.value: claim.sources for claim in conflicts[0].claims}
    assert sides == {"Maria Berg": ["harbour-gazette"], "Laura Berg": ["radio-nord"]}
    assert conflicts[0].contradiction

"""Conflicts: values in other languages, compound spans, and the same-fact decision
(local context, alignment, vetoes) on small real-model stories."""
from __future__ import annotations

import pytest

from storyloom.analyze.quantities import find_quantities
from storyloom.analyze.roles import find_roles
from storyloom.analyze.times import find_dates, find_durations
from storyloom.model import Article

# ---- extraction -------------------------------------------------------------------


@pytest.mark.parametrize("text, month, day", [
    ("die Fahrrinne solle am 14. März wieder freigegeben werden", 3, 14),
    ("el canal no se reabrirá hasta el 21 de marzo", 3, 21),
    ("la réunion du 3 mars 2026", 3, 3),
    ("in New Orleans' 30-7 Oct. 19 loss", 10, 19),  # "7 Oct" would read a score as a day
])
def test_dates_in_other_languages_and_after_scores(text, month, day):
    found = [d for d in find_dates(text) if d.kind == "date"]
    assert [(d.month, d.day) for d in found] == [(month, day)]


def test_foreign_month_names_need_a_day():
    assert [d for d in find_dates("The Mars mission and Mai Tai") if d.kind != "weekday"] == []


@pytest.mark.parametrize("text, days", [
    ("Die Bergung werde etwa zwei Wochen dauern", 14),
    ("Los trabajos durarán unas tres semanas", 21),
    ("a 31-24 lead with 4 minutes 48 seconds remaining", 4 / 1440 + 48 / 86400),
    ("for two years and three months", 2 * 365.25 + 3 * 30.4),
])
def test_durations_in_other_languages_and_compound(text, days):
    found = find_durations(text)
    assert len(found) == 1 and found[0].days == pytest.approx(days)
    assert text[found[0].start:found[0].end] == found[0].text


def test_ranks_are_not_counts_and_currency_prefixes():
    assert find_quantities("a shot at the #1 seed, and the five seed") == []
    usd = find_quantities("damage estimated at $US1 million ($1.52 million)")
    assert [(q.value, q.unit) for q in usd] == [(1e6, "USD"), (1.52e6, "USD")]
    rifles = find_quantities("six AK-47 rifles were seized")
    assert [(q.value, q.head) for q in rifles] == [(6, "rifle")]


def test_things_counted_in_german_and_spanish():
    found = find_quantities("Rund 240 Anwohner des Viertels, unos 240 vecinos del barrio, 900 Tonnen")
    assert [(q.value, q.head) for q in found] == [(240, "anwohner"), (240, "vecino"), (900000, "mass")]


@pytest.mark.parametrize("text, org", [
    ("sagte Ilse Varga, Sprecherin der Hafenbehörde von Norby.", "Hafenbehörde von Norby"),
    ("declaró Ilse Varga, portavoz de la Autoridad Portuaria de Norby.", "Autoridad Portuaria de Norby"),
    ("said Ilse Varga, spokeswoman for the Norby Port Authority.", "Norby Port Authority"),
])
def test_roles_in_other_languages_without_a_tagged_name(text, org):
    roles = find_roles(text, names=[])  # the tagger found no name: the apposition still counts
    assert [(r.person, r.org, r.family, r.explicit) for r in roles] == [("Ilse Varga", org, "spokes", True)]


# ---- the same-fact decision, real model -------------------------------------------


def _contradictions(texts: dict[str, str]):
    from storyloom.analyze import analyze
    from storyloom.consolidate.conflicts import find_conflicts

    members = analyze([Article(k, v, source=k, language="en") for k, v in texts.items()])
    return [c for c in find_conflicts(members) if c.contradiction]


@pytest.mark.slow
def test_an_article_giving_both_values_tells_two_facts():
    found = _contradictions({
        "a": "Tam Reyes scored 23 points, including 13 points in the first half, as the Owls won.",
        "b": "Tam Reyes scored 13 points in the first half before the Owls pulled away to win.",
    })
    assert found == []


@pytest.mark.slow
def test_same_reward_worded_differently_conflicts_on_the_amount():
    found = _contradictions({
        "a": "Federal authorities said they were offering a $35,000 reward for information "
             "leading to an arrest in the bombing.",
        "b": "Officials said they were offering a $50,000 reward for information leading to "
             "an arrest in the case.",
    })
    assert [(c.kind, sorted(cl.value for cl in c.claims)) for c in found] == [
        ("number", ["$35,000", "$50,000"])]


@pytest.mark.slow
def test_ages_of_one_named_person_conflict():
    found = _contradictions({
        "a": "The victim, 59-year-old Rosa Delane, was struck by a grey sedan on Friday night.",
        "b": "Witnesses say 61-year-old Rosa Delane was leaving her car when she was hit.",
    })
    assert [sorted(cl.value for cl in c.claims) for c in found] == [["59-year-old", "61-year-old"]]


@pytest.mark.slow
def test_rounded_time_left_is_no_conflict():
    found = _contradictions({
        "a": "Ratliff returned the interception for a touchdown with 4 minutes 48 seconds remaining.",
        "b": "Ratliff returned an interception for a touchdown with just under five minutes left.",
    })
    assert found == []


@pytest.mark.slow
def test_duration_note_without_a_publication_date_says_what_each_claim_implies():
    found = _contradictions({
        "a": "The ministers will meet again this Thursday, three weeks after their talks on December 7.",
        "b": "The ministers will meet again this Thursday, two weeks after their talks on December 7.",
        "c": "The ministers meet again this Thursday, three weeks after the talks on December 7.",
    })
    duration = next(c for c in found if c.kind == "duration")
    assert "'three weeks' after 7 December is 28 December" in duration.note
    assert "'two weeks' after 7 December is 21 December" in duration.note
    assert "cannot be checked" in duration.note  # no year: "this Thursday" cannot be placed


def test_conflicts_with_the_same_camps_are_linked_in_their_notes():
    from storyloom.consolidate.conflict_notes import link_same_camps
    from storyloom.model import Claim, Conflict

    weeks = Conflict("duration", "the repair takes", [Claim("two weeks", "", ["a", "b"]),
                                                     Claim("three weeks", "", ["c"])], note="N1.")
    reopen = Conflict("date", "date: the road reopens", [Claim("21 May", "", ["c"]),
                                                         Claim("14 May", "", ["b", "a"])], note="N2.")
    other = Conflict("number", "number of trucks", [Claim("4 trucks", "", ["a"]),
                                                    Claim("5 trucks", "", ["b", "c"])], note="N3.")
    figures = Conflict("number", "cost", [Claim("$1m", "", ["a", "b"]), Claim("$2m", "", ["c"])],
                       note="N4.", contradiction=False)
    link_same_camps([weeks, reopen, other, figures])
    assert "'two weeks' with '14 May'" in weeks.note and "'three weeks' with '21 May'" in weeks.note
    assert "'14 May' with 'two weeks'" in reopen.note and weeks.note.startswith("N1.")
    # a different split, and figures that are no contradiction, stay unlinked
    assert other.note == "N3." and figures.note == "N4."
    assert "cost" not in weeks.note


def test_a_stored_decision_with_other_features_is_refused_with_its_retrain_command(tmp_path):
    import json

    from storyloom.consolidate.conflict_model import FEATURES, RETRAIN, load_model
    from storyloom.consolidate.logistic import StoredDecisionError

    stale = tmp_path / "decision.json"
    stale.write_text(json.dumps({"features": list(FEATURES[:-1]), "mean": [], "scale": [],
                                 "coefficients": [], "intercept": 0, "threshold": 0.5}))
    with pytest.raises(StoredDecisionError, match=RETRAIN):
        load_model(str(stale))
    shipped = load_model()
    assert shipped.features == FEATURES and 0 < shipped.threshold < 1


def _number_slot(text: str):
    from types import SimpleNamespace

    from storyloom.consolidate.slots import Slot

    quantity = find_quantities(text)[0]
    member = SimpleNamespace(id="a")
    return Slot("number", member, None, quantity.start, quantity.end, quantity, text)  # type: ignore[arg-type]


@pytest.mark.parametrize("first, second, reported", [
    ("a $5,687.75 stay at the retreat", "a $5,587.75 stay at the retreat", False),
    ("the 59 delegates", "the 60 delegates", False),
    ("earned $141 million in all", "earned $140,937,785 in all", True),
    ("about 1,000 residents", "1,000 residents", True),
])
def test_an_article_reports_a_value_only_as_written(first, second, reported):
    """An article "reports" another outlet's figure (and so is on no side of a pair) only
    when one of its figures is that figure at the precision written: two figures 2% apart
    that a pair is weighed on are never one value here."""
    from storyloom.consolidate.same_fact import same_reported

    assert same_reported(_number_slot(first), _number_slot(second)) is reported

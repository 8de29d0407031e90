"""Conflicts are stable under more reporting: agreeing articles never remove a conflict,
one outlier never takes it (or the summary) over, removing one of many agreeing articles
keeps it. Properties over added and removed articles, on the bundled examples (the planted
disagreements are listed in examples/README.md); the one removal that is known to lose a
conflict is an expected failure that says why."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyloom.ingest import read_inputs
from storyloom.model import Article
from storyloom.pipeline import DigestOptions, digest_articles

pytestmark = pytest.mark.slow  # loads a model or reads real data

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PLANTED = {"number": ("240", "420"), "duration": ("two weeks", "three weeks"),
           "date": ("14 March", "21 March")}

# Articles written for this test: each retells the majority side (240 people, two weeks,
# 14 March) in its own words.
AGREEING = [
    Article("harbour-gazette", "Stranded freighter empties Kelby Point\n\nOSTREVIK - The container "
            "ship Marisol Star ran aground at the mouth of Ostrevik harbour early on Tuesday after "
            "its steering failed in a storm. Officials moved 240 people out of their homes in "
            "Kelby Point as a precaution while inspectors checked the hull for fuel leaks. All 18 "
            "crew members were rescued. Harbour master Tomas Wrenfield said the salvage would take "
            "two weeks and that the channel should reopen on 14 March. Families are staying in a "
            "municipal sports hall, Mayor Carla Dunmore said.", title="Stranded freighter empties "
            "Kelby Point", source="Harbour Gazette", language="en", published="2026-03-04"),
    Article("northern-pilot", "Ostrevik channel closed for two weeks\n\nThe approach channel to "
            "Ostrevik will stay shut for about two weeks while salvage crews pump fuel off the "
            "Marisol Star, which struck a sandbank on Tuesday, port officials said. The 210-metre "
            "vessel forced the evacuation of 240 residents. The port authority expects the channel "
            "to reopen on 14 March. Cargo is being diverted to neighbouring ports in the meantime.",
            title="Ostrevik channel closed for two weeks", source="Northern Pilot", language="en",
            published="2026-03-04"),
    Article("bay-herald", "Kelby Point families wait to go home\n\nSome 240 people evacuated from "
            "Kelby Point after a container ship ran aground near Ostrevik are being housed in a "
            "sports hall. Salvage work on the Marisol Star is expected to last two weeks, harbour "
            "master Tomas Wrenfield said, and the port expects to reopen the channel on 14 March. "
            "There was no sign of fuel in the water, the port authority said.",
            title="Kelby Point families wait to go home", source="Bay Herald", language="en",
            published="2026-03-05"),
]
OUTLIER = Article("coast-flash", "9,000 evacuated as ship runs aground at Ostrevik\n\nA container "
                  "ship ran aground at the entrance to Ostrevik harbour on Tuesday, and 9,000 people "
                  "were evacuated from nearby homes, officials said. The Marisol Star lost steering "
                  "during a storm. Salvage is expected to take two weeks.",
                  title="9,000 evacuated as ship runs aground at Ostrevik", source="Coast Flash",
                  language="en", published="2026-03-04")


@pytest.fixture(scope="module")
def event_articles() -> list[Article]:
    found, _ = read_inputs([str(EXAMPLES)])
    return [a for a in found if a.id != "redmarsh-rovers-win"]


def _story(articles: list[Article]):
    digest = digest_articles(list(articles), DigestOptions(executor="local", strict=True))
    return next(s for s in digest.stories if "coastal-wire" in s.story.article_ids)


def _sides(story) -> dict[str, dict[str, set[str]]]:
    """kind -> planted value -> the sources of the claim carrying it."""
    out: dict[str, dict[str, set[str]]] = {}
    for conflict in story.brief.conflicts:
        if not conflict.contradiction or conflict.kind not in PLANTED:
            continue
        for claim in conflict.claims:
            for value in PLANTED[conflict.kind]:
                if value in claim.value:
                    out.setdefault(conflict.kind, {})[value] = set(claim.sources)
    return out


@pytest.fixture(scope="module")
def base_sides(event_articles):
    sides = _sides(_story(event_articles))
    assert set(sides) == set(PLANTED)  # every planted disagreement is found to begin with
    return sides


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sets(st.integers(0, len(AGREEING) - 1), min_size=1))
def test_agreeing_articles_never_remove_a_conflict(event_articles, base_sides, added):
    extra = [AGREEING[i] for i in sorted(added)]
    sides = _sides(_story(event_articles + extra))
    for kind, values in base_sides.items():
        assert kind in sides, f"the {kind} conflict vanished after adding {[a.id for a in extra]}"
        for value, sources in values.items():
            assert sources <= sides[kind][value], (kind, value)  # no side loses an outlet


def test_one_outlier_takes_over_neither_the_conflict_nor_the_summary(event_articles, base_sides):
    story = _story(event_articles + [OUTLIER])
    sides = _sides(story)
    assert base_sides["number"]["240"] <= sides["number"]["240"]  # the majority keeps its side
    outlier_claims = [c for c in story.brief.conflicts if c.kind == "number"
                      for c in c.claims if "coast-flash" in c.sources]
    assert all(c.sources == ["coast-flash"] for c in outlier_claims)
    for sentence in story.brief.summary:
        assert not re.search(r"9,000", sentence.text), sentence.text
        if re.search(r"\b240\b", sentence.text):
            assert "coast-flash" not in sentence.sources



@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, len(AGREEING) - 1))
def test_removing_one_of_many_agreeing_articles_keeps_every_conflict(event_articles, base_sides, gone):
    """With the agreeing articles in, dropping any one of them (its side keeps the others)
    leaves every disagreement found with the sides it had, less that article."""
    sides = _sides(_story(event_articles + [a for k, a in enumerate(AGREEING) if k != gone]))
    for kind, values in base_sides.items():
        assert kind in sides, f"the {kind} conflict vanished after removing {AGREEING[gone].id}"
        for value, sources in values.items():
            assert sources <= sides[kind][value], (kind, value)


@pytest.mark.xfail(strict=True, reason="known: the 240-vs-420 pair decision passes only for "
                   "harbour-ledger's sentence; the other 240 reports are joined through it "
                   "(docs/decisions/conflicts-on-real-news.md, stability)")
def test_removing_the_article_a_conflict_was_decided_on_keeps_it(event_articles, base_sides):
    sides = _sides(_story([a for a in event_articles if a.id != "harbour-ledger"]))
    assert "number" in sides

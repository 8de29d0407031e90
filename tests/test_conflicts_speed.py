"""The shortcuts that make conflict finding cheap give exactly the plain answers.

Each shortcut (a prefilter before a pattern, a search started late, a pair left out) is
compared with the plain computation it replaces, on real news sentences (ECB+ dev, read
from ../shared at run time) and on generated text.
"""
from __future__ import annotations

import json
import re
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyloom.analyze import quantities, roles, times
from storyloom.analyze.runs import word_runs
from storyloom.consolidate import slots

# tokens that exercise the patterns: names in odd cases and spellings, digits, dashes
_TOKENS = ["May", "may", "MAY", "March", "mar", "Dec.", "december", "Sept", "März", "mars",
           "de", "of", "the", "on", "since", "last", "next", "Monday", "ſunday", "tuesday",
           "today", "Tonight", "7", "12th", "31", "2008", "2008-12-10", "1,200", "3.5",
           "two", "Twenty-five", "a dozen", "dozen", "hundred", "$", "€5", "percent", "%",
           "weeks", "day", "Days", "años", "Tagen", "ago", "after", "spokesman", "Spokeſman",
           "prime minister", "of", "Defense", "John", "Smith", ",", ".", "-", ":", "\n",
           "updated", "Poſted", "http", "www", ".html", " / ", "İstanbul", "ı", "4:30"]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=25).map(" ".join)


@pytest.fixture(scope="module")
def sentences(data_dir) -> list[str]:
    """Some thousands of real news sentences (one per line in the ECB+ text)."""
    found: list[str] = []
    with open(data_dir / "ecbplus-dev.jsonl", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= 120:
                break
            found += [s for s in json.loads(line)["text"].split("\n") if s.strip()]
    return found


def _outcome(function, text):
    try:
        return repr(function(text))
    except Exception as error:  # the plain code fails alike ("yeſterday")
        return type(error).__name__


def _plain_dates(monkeypatch, texts: list[str]) -> list[str]:
    """Dates and durations with every prefilter switched off."""
    class Everything:
        def isdisjoint(self, other) -> bool:
            return False

    with monkeypatch.context() as patch:
        patch.setattr(times, "word_runs", lambda text: Everything())
        patch.setattr(times, "_NEEDS", [(None, None)] * len(times._NEEDS))
        times._dates_of.cache_clear()
        times._durations_of.cache_clear()
        plain = [_outcome(times._dates_of, t) + _outcome(times._durations_of, t) for t in texts]
    times._dates_of.cache_clear()
    times._durations_of.cache_clear()
    return plain


def _fast_dates(texts: list[str]) -> list[str]:
    return [_outcome(times._dates_of, t) + _outcome(times._durations_of, t) for t in texts]


@pytest.mark.slow
def test_date_prefilters_change_nothing_on_news(sentences, monkeypatch):
    assert _fast_dates(sentences) == _plain_dates(monkeypatch, sentences)


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=5))
def test_date_prefilters_change_nothing_on_odd_text(texts):
    with pytest.MonkeyPatch.context() as patch:
        assert _fast_dates(texts) == _plain_dates(patch, texts)


def _plain_quantities(texts: list[str]) -> list[str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(quantities, "_DIGIT", re.compile(""))  # the prefilter always passes
        return [_outcome(quantities.find_quantities, t) for t in texts]


@pytest.mark.slow
def test_quantity_prefilter_changes_nothing(sentences):
    texts = sentences + [t.upper() for t in sentences[:300]]
    assert [_outcome(quantities.find_quantities, t) for t in texts] == _plain_quantities(texts)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_quantity_prefilter_changes_nothing_on_odd_text(text):
    assert _outcome(quantities.find_quantities, text) == _plain_quantities([text])[0]


def test_word_runs_fold_case_as_patterns_do():
    assert {"istanbul", "sunday", "i"} <= word_runs("İstanbul ſunday ı")
    assert word_runs("Mid-December, 2008") == {"mid", "december", "2008"}


def _match(found: re.Match | None):
    return None if found is None else (found.span(), found.groupdict())


def _befores(text: str) -> list[str]:
    return [text[max(0, m.start() - 160):m.start()] for m in re.finditer(r"[A-Z]\w+", text)]


@pytest.mark.slow
def test_title_search_starts_late_and_finds_the_same(sentences):
    befores = [b for s in sentences for b in _befores(s)]
    befores += ["Kremlin spokesman ", "Deputy Foreign Minister of Xland \n", "the vicepresidents ",
                "State Department Spokeſman ", "said prime minister "]
    found = [_match(roles._title_before(b)) for b in befores]
    assert found == [_match(roles._TITLE.search(b)) for b in befores]
    assert any(f is not None for f in found)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_title_search_on_odd_text(text):
    for before in (text, text + " ", text + " \n"):
        assert _match(roles._title_before(before)) == _match(roles._TITLE.search(before))


@pytest.mark.slow
def test_url_and_stamp_hints(sentences):
    texts = sentences + ["see http : //x.org", "www . x", "page.shtml", "a / b", "Last Poſted 2009"]
    assert [slots._urlish(t) for t in texts] == [bool(slots._URLISH.search(t)) for t in texts]
    assert [slots._stamp(t) for t in texts] == [bool(slots._STAMP.search(t)) for t in texts]


def _plain_clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    cuts = [0] + [m.end() for m in slots._CLAUSE_CUT.finditer(text)] + [len(text) + 1]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c > end) - 1
    while len(text[left:right].split()) < slots.VALUE_CONTEXT_WORDS and (left > 0 or right < len(text)):
        earlier = [c for c in cuts if c < left]
        later = [c for c in cuts if c - 1 > right]
        left = max(earlier) if earlier else 0
        right = (min(later) - 1) if later else len(text)
    return left, max(right, end)


@pytest.mark.slow
def test_clause_bounds_by_bisection(sentences):
    for text in sentences[:800]:
        for start, end in ((0, 0), (len(text) // 3, len(text) // 2), (len(text), len(text))):
            assert slots.clause_around(text, start, end) == _plain_clause_around(text, start, end)


def _all_pairs(slots_, members, values):
    from storyloom.consolidate.conflicts import independent

    return [(i, j) for i, j in combinations(range(len(slots_)), 2)
            if slots_[i].kind == slots_[j].kind and independent(slots_[i].member, slots_[j].member)]


def _briefs(members) -> list:
    from dataclasses import asdict

    from storyloom.consolidate.conflicts import find_conflicts

    return [asdict(c) for c in find_conflicts(members)]


@pytest.mark.slow
def test_pairs_left_out_change_no_conflict(seed_members, monkeypatch):
    """The seed story (several languages: things counted compared by meaning) and a
    one-language story with bare counts, related heads and a syndicated copy."""
    from storyloom.analyze import analyze
    from storyloom.consolidate import conflicts
    from storyloom.model import Article

    texts = {"a": "Rescuers said 23 people and 40 soldiers were trapped; 3 of them were hurt on May 4.",
             "b": "Rescuers said 41 people and 400 troops were trapped; 3 of them were hurt on May 5.",
             "c": "Some 41 people were trapped for two weeks, officials said, and 3 were hurt.",
             "d": "Some 41 people were trapped for 15 days, officials said, and 4 were hurt."}
    articles = [Article(k, v, source=k, language="en") for k, v in texts.items()]
    articles.append(Article("e", texts["d"], source="e2", language="en", syndicated_of="d"))
    small = analyze(articles, "hashing", entities=False)
    fast = [_briefs(seed_members), _briefs(small)]
    monkeypatch.setattr(conflicts, "_candidate_pairs", _all_pairs)
    assert fast == [_briefs(seed_members), _briefs(small)]
    assert fast[1]  # the small story has conflicts to compare

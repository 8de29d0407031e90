"""Per-outlet coverage: unique and missing facts."""
from __future__ import annotations

import numpy as np

from storyloom.consolidate.coverage import build_coverage
from storyloom.model import AnalyzedArticle, Article, Fact


def _member(aid: str, source: str, syndicated_of: str | None = None) -> AnalyzedArticle:
    article = Article(aid, "text", source=source, syndicated_of=syndicated_of)
    return AnalyzedArticle(article, [], np.zeros(4, np.float32))


def _fact(text: str, sources: list[str]) -> Fact:
    return Fact(text, sources, len(sources))


def test_unique_and_missing_per_outlet():
    members = [_member("a", "Alpha"), _member("b", "Beta"), _member("c", "Gamma"),
               _member("d", "Delta")]
    facts = [_fact("all four", ["a", "b", "c", "d"]), _fact("three", ["a", "b", "c"]),
             _fact("two", ["b", "c"]), _fact("only alpha", ["a"]), _fact("only delta", ["d"])]
    by_source = {c.source: c for c in build_coverage(facts, members)}
    assert set(by_source) == {"Alpha", "Beta", "Gamma", "Delta"}
    assert by_source["Alpha"].unique == ["only alpha"]
    # 3 other outlets: a fact reported by >= 2 of them is missing where absent
    assert by_source["Delta"].missing == ["three", "two"]
    assert by_source["Alpha"].missing == ["two"]
    assert by_source["Beta"].missing == [] and by_source["Beta"].unique == []


def test_missing_needs_a_strict_majority_of_the_others():
    members = [_member(aid, name) for aid, name in zip("abcde", ["A", "B", "C", "D", "E"])]
    facts = [_fact("half of the others", ["b", "c"]), _fact("most of the others", ["b", "c", "d"])]
    by_source = {c.source: c for c in build_coverage(facts, members)}
    # 4 other outlets: two of them are not "most"
    assert by_source["A"].missing == ["most of the others"]
    assert by_source["E"].missing == ["most of the others"]
    assert by_source["D"].missing == []


def test_copies_and_same_publisher_count_as_one_outlet():
    members = [_member("a", "Wire"), _member("b", "wire"), _member("c", "Paper", syndicated_of="a"),
               _member("d", "Other")]
    facts = [_fact("wire story", ["a", "b", "c"]), _fact("other's", ["d"])]
    coverage = build_coverage(facts, members)
    assert [c.source for c in coverage] == ["Wire", "Other"]
    wire = coverage[0]
    assert wire.unique == ["wire story"]


def test_single_outlet_has_nothing_to_compare():
    assert build_coverage([_fact("x", ["a"])], [_member("a", "Alpha")]) == []


def test_outlet_without_a_name_is_shown_by_article_id():
    members = [_member("a1", ""), _member("b1", "")]
    coverage = build_coverage([_fact("x", ["a1"]), _fact("y", ["b1"])], members)
    assert [c.source for c in coverage] == ["a1", "b1"]
    assert coverage[0].unique == ["x"]

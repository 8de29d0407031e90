"""Who is credited with a fact (consolidate/credit.py, facts.credited_clusters): rules,
no models."""
from __future__ import annotations

import numpy as np

from storyloom.analyze.times import years_in
from storyloom.consolidate.align import StatementCluster, Unit
from storyloom.consolidate.credit import clashes, value_clash
from storyloom.consolidate.facts import credited_clusters
from storyloom.model import Sentence


def test_years_standing_alone_are_read_and_figures_are_not():
    assert years_in("She has led the party since 2002.") == {2002}
    assert years_in("He served from 1967 to 1979.") == {1967, 1979}
    assert years_in("the 2019-2020 season") == {2019, 2020}
    assert years_in("it cost $2003 and 2,004 people came; 20.2019") == set()


def test_other_years_clash_and_a_shared_year_does_not():
    assert value_clash("Lind has chaired the port board since 2012.",
                       "Lind has chaired the port board since 2013, and that is the issue.")
    assert not value_clash("He served from 1967 to 1979.", "He left the Senate in 1979.")
    assert not value_clash("Lind has chaired the port board since 2012.", "Lind chairs the port board.")


def test_other_months_clash_and_a_day_of_the_same_month_does_not():
    assert value_clash("The harbour vote is set for mid May.", "The vote will be held on April 30.")
    assert not value_clash("The harbour vote is set for mid May.", "The vote is set for May 14.")
    assert not value_clash("The primary is in May.", "The vote was counted in Wrenfield.")


def test_another_weekday_and_missing_quoted_words_clash():
    assert clashes("The House passed the resolution on Tuesday.", "The House passed it on Wednesday.")
    assert clashes('He called the talks "extremely complicated".', "He spoke about the talks.")
    assert not clashes("The House passed the resolution on Tuesday.", "On Tuesday the House passed it.")


def _unit(article: str, text: str, index: int = 0) -> Unit:
    return Unit(article, Sentence(article, index, 0, len(text), text), 0, len(text), text)


def test_an_outlets_closest_statement_decides_its_credit():
    # b's statement closest to the fact gives another year; its other statement in the
    # loose cluster says nothing of the year and must not make b agree with "2002"
    lead = _unit("a", "Lind has chaired the port board since 2012.")
    closest = _unit("b", "Lind has chaired the port board since 2013.", 1)
    loose = _unit("b", "Her rivals cheered the result as good news for them.", 2)
    agreeing = _unit("c", "Lind, who has chaired the port board since 2012, won again.")
    vectors = np.array([[1.0, 0.0], [0.99, 0.141], [0.6, 0.8], [0.95, 0.312]])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    cluster = StatementCluster([lead, closest, loose, agreeing], vectors)
    parts = credited_clusters(cluster)
    assert [sorted(part.article_ids) for part, _ in parts] == [["a", "c"], ["b"]]
    assert parts[1][1] is closest

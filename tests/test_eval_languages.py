"""The same report in five languages read alike (`storyloom eval languages`), on six
reports written for this test (tests/fixtures/parallel) in English and translated."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyloom.analyze.quantities import find_quantities
from storyloom.analyze.times import find_dates, find_durations
from storyloom.eval.languages import command

PARALLEL = Path(__file__).parent / "fixtures" / "parallel" / "articles.jsonl"


def test_foreign_days_months_ago_and_figures():
    assert [(d.kind, d.weekday) for d in find_dates("el martes y am Dienstag")] == [("weekday", 1), ("weekday", 1)]
    assert find_dates("Placido Domingo sang") == []  # capitalised alone: a name
    assert [(d.kind, d.month) for d in find_dates("il 10 gennaio 2022")] == [("date", 1)]
    assert [(d.text, d.ago) for d in find_durations("vor 25 Jahren, hace 3 años, 25 anni fa")] == [
        ("vor 25 Jahren", True), ("hace 3 años", True), ("25 anni fa", True)]
    figures = [(q.value, q.unit) for t in ("1,2 Millionen Euro", "4,5 millones de euros",
                                           "80 millions d'euros", "2 miliardi di euro", "12\u202f000 trains")
               for q in find_quantities(t)]
    assert figures == [(1.2e6, "EUR"), (4.5e6, "EUR"), (8e7, "EUR"), (2e9, "EUR"), (12000, "")]
    assert [(q.value, q.thing) for q in find_quantities("1,200 people")] == [(1200, "people")]


@pytest.mark.slow  # spaCy over 30 articles
def test_translations_agree_with_english():
    result = CliRunner().invoke(command, [str(PARALLEL), "--format", "json"])
    assert result.exit_code == 0, result.output
    agreement = json.loads(result.output)["agreement"]
    assert set(agreement) == {"de", "es", "fr", "it"}
    for language, kinds in agreement.items():
        assert kinds["dates"]["agreement"] == 1.0 and kinds["durations"]["agreement"] == 1.0, language
        assert kinds["speakers"]["agreement"] == 1.0 and kinds["speakers"]["extra"] == 0, language
        assert kinds["numbers"]["agreement"] == 1.0 and kinds["numbers"]["extra"] == 0, language


def test_number_words_are_read_in_the_articles_language():
    def counts(text: str, language: str) -> list[tuple[float, str]]:
        return [(q.value, q.head) for q in find_quantities(text, language)]

    assert counts("Les trois navires sont arrivés.", "fr") == [(3, "navire")]
    assert counts("Drei Schiffe liefen aus.", "de") == [(3, "schiffe")]
    assert counts("Llegaron cuatro barcos.", "es") == [(4, "barco")]
    assert counts("Sono arrivate cinque navi.", "it") == [(5, "navi")]
    assert counts("Les trois navires sont arrivés.", "en") == []  # another language's words
    # an article ("un", "eine") is no count, nor a number word with nothing counted
    assert counts("Un navire est arrivé. Tu sei stanco. Un bateau neuf.", "fr") == []
    assert counts("Tu sei stanco.", "it") == []
    assert counts("The Sept. 9 vote", "en") == []

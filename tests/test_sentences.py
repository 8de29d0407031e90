"""Sentence splitting: cuts that no sentence can start after are undone."""
from __future__ import annotations

import pytest

from storyloom.analyze.sentences import split_sentences
from storyloom.model import Article


def _split(text: str) -> list[str]:
    return [s.text for s in split_sentences(Article("x", text, language="en"))]


@pytest.mark.parametrize("text, expected", [
    ("Sen. Jane Roe, D-Calif., said the bill would pass. Rep. Ann Doe (D-Calif.) disagreed.",
     ["Sen. Jane Roe, D-Calif., said the bill would pass.", "Rep. Ann Doe (D-Calif.) disagreed."]),
    ("The vote is set for 5 p.m. Thursday in the Senate. Leaders met at 10 a.m. to discuss it.",
     ["The vote is set for 5 p.m. Thursday in the Senate.", "Leaders met at 10 a.m. to discuss it."]),
    ("Polls close at 8 p.m. ET across the state. Results follow.",
     ["Polls close at 8 p.m. ET across the state.", "Results follow."]),
    ("The meeting ended at 5 p.m. The senators then left.",
     ["The meeting ended at 5 p.m.", "The senators then left."]),
])
def test_abbreviations_inside_a_sentence_do_not_end_it(text, expected):
    assert _split(text) == expected


def test_offsets_still_point_at_the_text():
    text = "Gov. Ann Lee, R-Texas, signed it at 9 a.m. Monday. Critics objected."
    article = Article("x", text, language="en")
    for sentence in split_sentences(article):
        assert text[sentence.start:sentence.end] == sentence.text
    assert len(split_sentences(article)) == 2

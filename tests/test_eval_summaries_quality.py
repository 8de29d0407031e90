"""Quality floor of the summariser on real data (NeuS val, first 120 stories).

Measured when written: storyloom 45.8, LexRank 43.8, lead 42.7 (ROUGE-1 F1); with
the learned sentence scorer 46.0 / 43.8 / 42.7 (ROUGE-2 19.6 / 18.5 / 17.2); with
boosted trees and word-overlap features 46.6 / 43.8 / 42.7 (ROUGE-2 20.1 / 18.5 / 17.2).

Lowered on purpose (issue #16), documented in docs/decisions/readable-briefs.md: the
summary no longer says one thing twice (the learned restatement decision) and uses only
sentences that stand alone. NeuS references restate the central event, and so do the
baselines (restating sentence pairs per 20 summaries within the budget: LexRank 56.8,
lead 31.8, storyloom 0.3 on these 120), so ROUGE-1 fell: 40.3 / 43.9 / 42.7 (ROUGE-2
16.0 / 18.5 / 17.2; all 273 val stories: 41.3 / 43.9 / 42.5, ROUGE-2 18.1 / 18.8 / 18.0).
The floors hold that level and the absence of restatements.
"""
from __future__ import annotations

import pytest

from storyloom.eval.summaries import load_cases, report

pytestmark = pytest.mark.slow  # loads a model or reads real data


@pytest.mark.slow  # ~40 s with a cold embedding cache (2 cores)
def test_beats_the_baselines_on_neus_val(data_dir):
    neus = data_dir / "neus-allsides"
    result = report(load_cases(neus / "val.source", neus / "val.target", 120))
    assert result["n"] == 120
    assert result["cited"] == 1.0
    assert result["rouge1"] >= 39.5
    assert result["rouge2"] >= 15.5
    assert result["restating_pairs_per_20"] <= 1.0
    assert result["baselines"]["lexrank"]["restating_pairs_per_20"] >= 10.0

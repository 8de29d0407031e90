"""B-cubed, pairwise and Pearson helpers."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyloom.eval.metrics import bcubed, pairwise, pearson

labels = st.lists(st.integers(0, 4), min_size=1, max_size=30)


def test_bcubed_known_example():
    gold = ["a", "a", "a", "b", "b"]
    predicted = [1, 1, 2, 2, 2]
    score = bcubed(gold, predicted)
    # precision: items of cluster 1 -> 1, 1; cluster 2 -> 1/3, 2/3, 2/3
    assert score.p == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    # recall: gold a -> 2/3, 2/3, 1/3; gold b -> 1, 1
    assert score.r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)


def test_pairwise_known_example():
    score = pairwise(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert score.p == pytest.approx(0.5)  # predicted pairs: (0,1) right, (2,3) wrong
    assert score.r == pytest.approx(1 / 3)  # gold pairs: 3, found 1


@given(labels)
def test_perfect_prediction_scores_one(gold):
    assert bcubed(gold, gold).f1 == pytest.approx(1.0)
    assert pairwise(gold, [f"x{g}" for g in gold]).f1 == pytest.approx(1.0)


@given(labels)
def test_singletons_have_full_bcubed_precision(gold):
    score = bcubed(gold, list(range(len(gold))))
    assert score.p == pytest.approx(1.0)
    assert 0 < score.r <= 1


@given(labels, labels)
def test_scores_stay_in_unit_interval(gold, predicted):
    n = min(len(gold), len(predicted))
    for prf in (bcubed(gold[:n], predicted[:n]), pairwise(gold[:n], predicted[:n])):
        assert 0 <= prf.p <= 1 and 0 <= prf.r <= 1 and 0 <= prf.f1 <= 1


def test_length_mismatch_is_an_error():
    with pytest.raises(ValueError):
        bcubed([1, 2], [1])


def test_pearson():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3]))

"""Boosted trees read out of scikit-learn and evaluated with numpy alone."""
from __future__ import annotations

import json

import numpy as np

from storyloom.consolidate.tree_model import BoostedTrees, Tree, fit_boosted


def test_numpy_evaluation_matches_scikit_learn():
    from sklearn.ensemble import GradientBoostingRegressor

    rng = np.random.default_rng(1)
    rows = rng.normal(size=(600, 4))
    targets = rows[:, 0] * rows[:, 1] + np.sin(rows[:, 2]) + rng.normal(size=600) * 0.1
    ours = fit_boosted(rows, targets, trees=40, rate=0.1, min_leaf=10)
    theirs = GradientBoostingRegressor(n_estimators=40, learning_rate=0.1, max_leaf_nodes=15,
                                       min_samples_leaf=10, subsample=0.8, random_state=0)
    theirs.fit(rows, targets)
    fresh = rng.normal(size=(300, 4))
    assert np.allclose(ours.predict(fresh), theirs.predict(fresh), atol=1e-5)
    again = BoostedTrees.from_json(json.loads(json.dumps(ours.to_json())))
    assert np.array_equal(again.predict(fresh), ours.predict(fresh))


def test_a_hand_made_tree():
    # x0 <= 0.5 -> leaf 1 (value 1.0); else x1 <= 2 -> leaf 3 (2.0) or leaf 4 (3.0)
    tree = Tree(np.array([0, 0, 1, 0, 0]), np.array([0.5, 0, 2.0, 0, 0]),
                np.array([1, -1, 3, -1, -1]), np.array([2, -1, 4, -1, -1]),
                np.array([0, 1.0, 0, 2.0, 3.0]))
    rows = np.array([[0.0, 9.0], [1.0, 1.0], [1.0, 5.0]])
    assert tree.predict(rows).tolist() == [1.0, 2.0, 3.0]
    model = BoostedTrees(baseline=10.0, rate=0.5, trees=[tree, tree])
    assert model.predict(rows).tolist() == [11.0, 12.0, 13.0]


def test_forest_walk_equals_tree_by_tree_sum():
    rng = np.random.default_rng(3)
    rows = rng.normal(size=(300, 4))
    targets = rows[:, 0] * 2 + np.where(rows[:, 1] > 0, 1.0, -1.0) + rng.normal(size=300) * 0.1
    model = fit_boosted(rows, targets, trees=25, leaves=7, min_leaf=5)
    probe = rng.normal(size=(57, 4))
    expected = np.full(len(probe), model.baseline)
    for tree in model.trees:
        expected += model.rate * tree.predict(np.asarray(probe, np.float32).astype(np.float64))
    assert np.array_equal(model.predict(probe), expected)
    assert model.predict(probe[:0]).shape == (0,)

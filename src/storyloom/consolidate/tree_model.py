"""Boosted regression trees as plain JSON arrays: fitted offline with scikit-learn,
evaluated at run time with numpy alone (no pickle, no fitted-object internals).

Why trees rather than a linear model for the summary's sentence scorer: what a
feature is worth depends on the others (a headline's word overlap means something
else than a body sentence's; a short sentence's precision is noisier), and on NeuS
train the linear fit had stopped gaining from new features while the trees still did.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np


@dataclass
class Tree:
    """One regression tree: node i splits on feature[i] <= threshold[i] (left) or is
    a leaf (left[i] == -1) whose output is value[i]."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    def predict(self, rows: np.ndarray) -> np.ndarray:
        node = np.zeros(len(rows), dtype=np.int64)
        while True:
            inner = self.left[node] >= 0
            if not inner.any():
                return self.value[node]
            at = node[inner]
            go_left = rows[inner, self.feature[at]] <= self.threshold[at]
            node[inner] = np.where(go_left, self.left[at], self.right[at])

    def to_json(self) -> dict:
        return {"feature": self.feature.tolist(), "threshold": self.threshold.tolist(),
                "left": self.left.tolist(), "right": self.right.tolist(),
                "value": self.value.tolist()}

    @classmethod
    def from_json(cls, data: dict) -> Tree:
        return cls(np.array(data["feature"], dtype=np.int64), np.array(data["threshold"], dtype=np.float64),
                   np.array(data["left"], dtype=np.int64), np.array(data["right"], dtype=np.int64),
                   np.array(data["value"], dtype=np.float64))


@dataclass
class BoostedTrees:
    """baseline + rate * sum of the trees' outputs (gradient boosting, squared loss)."""

    baseline: float
    rate: float
    trees: list[Tree]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        # as scikit-learn does when it fits and predicts: inputs are compared as float32
        rows = np.asarray(rows, dtype=np.float32).astype(np.float64)
        out = np.full(len(rows), self.baseline)
        for outputs in self._forest.leaf_values(rows).T:  # tree by tree, as a loop would add
            out += self.rate * outputs
        return out

    @cached_property
    def _forest(self) -> _Forest:
        return _Forest(self.trees)

    def to_json(self) -> dict:
        return {"baseline": self.baseline, "rate": self.rate,
                "trees": [t.to_json() for t in self.trees]}

    @classmethod
    def from_json(cls, data: dict) -> BoostedTrees:
        return cls(float(data["baseline"]), float(data["rate"]),
                   [Tree.from_json(t) for t in data["trees"]])


class _Forest:
    """All trees' nodes in one set of arrays, so that every row walks every tree at once
    (one step per tree level instead of one Python call per tree)."""

    def __init__(self, trees: list[Tree]):
        offsets = np.cumsum([0] + [len(t.left) for t in trees])[:-1]
        self.roots = offsets.astype(np.int64)
        self.feature = np.concatenate([t.feature for t in trees])
        self.threshold = np.concatenate([t.threshold for t in trees])
        self.left = np.concatenate([np.where(t.left >= 0, t.left + o, -1)
                                    for t, o in zip(trees, offsets)])
        self.right = np.concatenate([np.where(t.right >= 0, t.right + o, -1)
                                     for t, o in zip(trees, offsets)])
        self.value = np.concatenate([t.value for t in trees])

    def leaf_values(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), trees): each tree's output for each row."""
        node = np.tile(self.roots, (len(rows), 1))
        which_row = np.repeat(np.arange(len(rows)), len(self.roots)).reshape(node.shape)
        while True:
            inner = self.left[node] >= 0
            if not inner.any():
                return self.value[node]
            at = node[inner]
            go_left = rows[which_row[inner], self.feature[at]] <= self.threshold[at]
            node[inner] = np.where(go_left, self.left[at], self.right[at])


def _round(values: np.ndarray) -> np.ndarray:
    # 7 significant digits keep the shipped JSON small; scores move by < 1e-6
    return np.array([float(f"{v:.7g}") for v in values])


def _float32_thresholds(values: np.ndarray) -> np.ndarray:
    """The largest float32 at or below each threshold, written with 9 digits: scikit-learn
    compares float32 inputs, so this split sends every input the same way, in fewer bytes."""
    down = values.astype(np.float32)
    down = np.where(down > values, np.nextafter(down, np.float32(-np.inf)), down)
    return np.array([float(f"{v:.9g}") for v in down])


def fit_boosted(rows: np.ndarray, targets: np.ndarray, trees: int = 300, rate: float = 0.03,
                leaves: int = 15, min_leaf: int = 50, seed: int = 0) -> BoostedTrees:
    """scikit-learn's GradientBoostingRegressor, read out through its public tree arrays."""
    from sklearn.ensemble import GradientBoostingRegressor

    model = GradientBoostingRegressor(n_estimators=trees, learning_rate=rate, max_leaf_nodes=leaves,
                                      min_samples_leaf=min_leaf, subsample=0.8, random_state=seed)
    model.fit(rows, targets)
    baseline = float(model.init_.predict(rows[:1])[0])
    out = []
    for estimator in model.estimators_[:, 0]:
        t = estimator.tree_
        leaf = t.children_left < 0
        out.append(Tree(np.where(leaf, 0, t.feature).astype(np.int64),
                        _float32_thresholds(np.where(leaf, 0.0, t.threshold)),
                        t.children_left.astype(np.int64), t.children_right.astype(np.int64),
                        _round(t.value[:, 0, 0])))
    return BoostedTrees(baseline, rate, out)

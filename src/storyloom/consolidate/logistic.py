"""A small standardised logistic regression shipped as JSON: the form of every learned
yes/no decision of consolidation (is this a contradiction, does this outlet state this
fact). Fitted offline with scikit-learn by a training command in eval/, evaluated here
with numpy alone; the JSON names its features, so a model that no longer fits the code's
features is refused with the command that refits it."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyloom.errors import StoryloomError


class StoredDecisionError(StoryloomError):
    """A stored decision cannot be read or does not fit the code's features."""


@dataclass(frozen=True)
class StandardisedLogistic:
    """p = sigmoid(((x - mean) / scale) . coefficients + intercept); yes when
    p >= threshold (chosen by cross-validation: see the JSON it came from)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coefficients: np.ndarray
    intercept: float
    threshold: float = 0.5

    def probability(self, rows) -> np.ndarray:
        rows = np.atleast_2d(np.asarray(rows, float))
        logits = ((rows - self.mean) / self.scale) @ self.coefficients + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -50.0, 50.0)))

    def decide(self, features: list[float]) -> bool:
        return bool(self.probability([features])[0] >= self.threshold)

    def at(self, threshold: float) -> StandardisedLogistic:
        return replace(self, threshold=threshold)

    def to_dict(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "coefficients": self.coefficients.tolist(),
                "intercept": self.intercept, "threshold": self.threshold}


def from_dict(data: dict, features: tuple[str, ...], retrain: str) -> StandardisedLogistic:
    if tuple(data.get("features", ())) != tuple(features):
        raise StoredDecisionError(f"stored features {data.get('features')} != {list(features)}; "
                                 f"retrain with {retrain}")
    return StandardisedLogistic(tuple(features), np.asarray(data["mean"], float),
                            np.asarray(data["scale"], float), np.asarray(data["coefficients"], float),
                            float(data["intercept"]), float(data["threshold"]))


@lru_cache(maxsize=8)  # shipped files never change during a run: read each once
def load(path: str, features: tuple[str, ...], retrain: str) -> StandardisedLogistic:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StoredDecisionError(f"cannot read the decision model {path}: {exc}") from exc
    return from_dict(data, features, retrain)


def fit(rows: list[list[float]], labels: list[int], features: tuple[str, ...],
        regularisation: float, balanced: bool = True, threshold: float = 0.5,
        signs: tuple[int, ...] | None = None) -> StandardisedLogistic:
    """Standardise, then fit an L2 logistic regression (training only). `signs` (+1, -1
    or 0 per feature) bounds each coefficient to that sign (0: free): what a feature can
    only say for or against, known before any data, so that a few labels cannot learn
    it backwards."""
    from scipy.optimize import minimize

    x = np.asarray(rows, float)
    y = np.asarray(labels, float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.column_stack([(x - mean) / scale, np.ones(len(x))])
    weights = np.ones(len(y))
    if balanced and 0 < y.sum() < len(y):  # as scikit-learn's class_weight="balanced"
        weights = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    penalty = np.r_[np.ones(x.shape[1]), 0.0] / (2 * regularisation)

    def loss(w):
        logits = z @ w
        value = weights @ (np.logaddexp(0, logits) - y * logits) + penalty @ (w * w)
        gradient = z.T @ (weights * (1 / (1 + np.exp(-logits)) - y)) + 2 * penalty * w
        return value, gradient

    bounds = [(0, None) if sign > 0 else (None, 0) if sign < 0 else (None, None)
              for sign in (signs or (0,) * x.shape[1])] + [(None, None)]
    found = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds)
    return StandardisedLogistic(tuple(features), mean, scale, found.x[:-1].copy(), float(found.x[-1]),
                            threshold)

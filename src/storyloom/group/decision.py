"""The same-story decision: pair features -> probability that two articles share a story.

The default is a logistic regression whose few coefficients live in
`same_story.json` beside this module, produced by `python -m storyloom.eval.train_grouping`
(the file records the exact command and its cross-validated scores). Publication
dates are absent from every labelled set we have, so the time term is not learned:
it is a stated prior (a grace period, then exponential decay).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from storyloom.errors import StoryloomError
from storyloom.group.similarity import PAIR_FEATURES
from storyloom.registry import Registry

log = logging.getLogger(__name__)
MODEL_PATH = Path(__file__).with_name("same_story.json")


class DecisionModelError(StoryloomError):
    """The stored decision model cannot be read or does not fit the features."""


class SameStoryModel(Protocol):
    link_threshold: float  # average-link probability needed to join / merge stories
    link_veto: float  # no story may join two articles whose probability is below this

    def probability(self, features: np.ndarray, day_gaps: np.ndarray | None = None) -> np.ndarray: ...

    def contributions(self, features: np.ndarray) -> np.ndarray: ...


DECISIONS: Registry[SameStoryModel] = Registry("same-story model")


@dataclass
class LogisticDecision:
    coefficients: np.ndarray
    intercept: float
    link_threshold: float
    link_veto: float = 0.0
    grace_days: float = 3.0
    decay_days: float = 7.0

    def logits(self, features: np.ndarray) -> np.ndarray:
        return features @ self.coefficients + self.intercept

    def probability(self, features: np.ndarray, day_gaps: np.ndarray | None = None) -> np.ndarray:
        from scipy.special import expit  # no overflow warning on large negative logits

        prob = expit(self.logits(features))
        if day_gaps is not None:
            late = np.nan_to_num(np.asarray(day_gaps, float) - self.grace_days, nan=0.0)
            prob = prob * np.exp(-np.maximum(late, 0.0) / self.decay_days)
        return prob

    def contributions(self, features: np.ndarray) -> np.ndarray:
        """Per-feature share of the logit: what an explanation shows."""
        return features * self.coefficients


def model_from_dict(data: dict) -> LogisticDecision:
    if list(data.get("features", [])) != list(PAIR_FEATURES):
        raise DecisionModelError(f"model features {data.get('features')} != {PAIR_FEATURES}; "
                                 "retrain with python -m storyloom.eval.train_grouping")
    time = data.get("time", {})
    return LogisticDecision(np.asarray(data["coefficients"], float), float(data["intercept"]),
                            float(data["link_threshold"]), float(data.get("link_veto", 0.0)),
                            float(time.get("grace_days", 3.0)),
                            float(time.get("decay_days", 7.0)))


@DECISIONS.register("logistic")
@lru_cache(maxsize=4)
def load_logistic(path: str = str(MODEL_PATH)) -> LogisticDecision:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DecisionModelError(f"cannot read decision model {path}: {exc}") from exc
    return model_from_dict(data)


def default_model() -> SameStoryModel:
    return DECISIONS.create("logistic")

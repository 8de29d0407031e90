"""Clustering and correlation metrics: B-cubed, pairwise P/R/F1, Pearson."""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class PRF:
    p: float
    r: float
    f1: float

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        return {k: round(v, digits) for k, v in asdict(self).items()}


def _prf(p: float, r: float) -> PRF:
    return PRF(p, r, 0.0 if p + r == 0 else 2 * p * r / (p + r))


def _check(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predicted")


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> PRF:
    """Per-item precision/recall of its cluster, averaged over items (Bagga & Baldwin)."""
    _check(gold, predicted)
    if not gold:
        return PRF(1.0, 1.0, 1.0)
    both = Counter(zip(gold, predicted))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    # an item's precision = |its gold ∩ its predicted| / |its predicted|; summed per cell
    p = sum(n * n / pred_sizes[c] for (g, c), n in both.items()) / len(gold)
    r = sum(n * n / gold_sizes[g] for (g, c), n in both.items()) / len(gold)
    return _prf(p, r)


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> PRF:
    """Precision/recall over all same-cluster article pairs."""
    _check(gold, predicted)
    together = sum(_pairs(n) for n in Counter(zip(gold, predicted)).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold).values())
    p = together / predicted_pairs if predicted_pairs else 1.0
    r = together / gold_pairs if gold_pairs else 1.0
    return _prf(p, r)


def pearson(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> float:
    a, b = np.asarray(x, float), np.asarray(y, float)
    if len(a) != len(b):
        raise ValueError("pearson needs two sequences of the same length")
    if len(a) < 2 or a.std() == 0 or b.std() == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])

"""Scoring pairs, average-link clustering of small components, and explanations."""
from __future__ import annotations

import numpy as np

from storyloom.group.decision import SameStoryModel
from storyloom.group.similarity import PAIR_FEATURES, WeightedTable, block_features, day_gaps, pair_features
from storyloom.model import Membership, Signal

SHOWN_SIGNALS = 4


def score_pairs(model: SameStoryModel, first: WeightedTable, i: np.ndarray,
                second: WeightedTable, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities, features) of the pairs (first[i], second[j])."""
    features = pair_features(first, i, second, j)
    if len(features) == 0:
        return np.zeros(0), features
    gaps = day_gaps(first.table, i, second.table, j)
    return model.probability(features, gaps), features


def score_block(model: SameStoryModel, first: WeightedTable, i: np.ndarray,
                second: WeightedTable, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(probabilities (len(i), len(j)), features (len(i), len(j), F)) of all pairs."""
    features = block_features(first, i, second, j)
    flat = features.reshape(-1, len(PAIR_FEATURES))
    gaps = np.abs(first.table.days[np.asarray(i, int)][:, None]
                  - second.table.days[np.asarray(j, int)][None, :]).ravel()
    return model.probability(flat, gaps).reshape(features.shape[:2]), features


def average_link(probabilities: np.ndarray, threshold: float, veto: float = 0.0) -> np.ndarray:
    """Cluster labels of a square same-story probability matrix (average linkage).

    Clusters are merged, closest first, while their mean pairwise probability stays >=
    threshold; a merge is skipped when any pair across the two clusters is below `veto`.
    Why the veto: two same-subject stories (one trial, two hearings) have many strong
    cross links whose mean can pass the threshold, but usually also a few pairs the
    model is sure are different (two reports from one outlet, say); without it, those
    certain pairs are averaged away.
    """
    n = probabilities.shape[0]
    if n == 1:
        return np.zeros(1, dtype=int)
    if n == 2:  # the common case; no tree needed
        return np.array([0, 0 if probabilities[0, 1] >= threshold else 1])
    if veto <= 0.0:
        return _scipy_average_link(probabilities, threshold)
    return _vetoed_average_link(np.clip(probabilities, 0.0, 1.0), threshold, veto)


def _scipy_average_link(probabilities: np.ndarray, threshold: float) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = 1.0 - np.clip(probabilities, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance") - 1


def _vetoed_average_link(probabilities: np.ndarray, threshold: float, veto: float
                         ) -> np.ndarray:
    """Greedy average linkage over cluster sums, with the weakest cross pair tracked."""
    n = probabilities.shape[0]
    sums = probabilities.astype(float)  # summed probabilities between clusters
    weakest = probabilities.astype(float)  # weakest pair between clusters
    sizes = np.ones(n)
    labels = np.arange(n)
    closed = np.eye(n, dtype=bool)  # merged away, or the diagonal, or vetoed
    closed |= weakest < veto
    while True:
        mean = np.where(closed, -1.0, sums / np.outer(sizes, sizes))
        a, b = divmod(int(mean.argmax()), n)
        if mean[a, b] < threshold:
            break
        sums[a] += sums[b]
        sums[:, a] = sums[a]
        weakest[a] = np.minimum(weakest[a], weakest[b])
        weakest[:, a] = weakest[a]
        sizes[a] += sizes[b]
        closed[a] = closed[a] | closed[b] | (weakest[a] < veto)
        closed[:, a] = closed[a]
        closed[a, a] = True
        closed[b, :] = closed[:, b] = True
        labels[labels == b] = a
    return np.unique(labels, return_inverse=True)[1]


def full_matrix(model: SameStoryModel, table: WeightedTable, members: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """All pairwise probabilities and features among `members` (a small component)."""
    matrix, features = score_block(model, table, members, table, members)
    np.fill_diagonal(matrix, 1.0)
    return matrix, features


def component_matrices(model: SameStoryModel, table: WeightedTable, groups: list[np.ndarray]
                       ) -> list[tuple[np.ndarray, np.ndarray]]:
    """`full_matrix` of many small groups at once: one row-wise scoring call over every
    pair inside every group (per-group sparse products cost more in overhead than work)."""
    firsts, seconds, spans = [], [], []
    for members in groups:
        upper = np.triu_indices(len(members), 1)
        firsts.append(members[upper[0]])
        seconds.append(members[upper[1]])
        spans.append(len(upper[0]))
    if not groups:
        return []
    probs, features = score_pairs(model, table, np.concatenate(firsts), table,
                                  np.concatenate(seconds))
    out, start = [], 0
    for members, span in zip(groups, spans):
        m = len(members)
        upper = np.triu_indices(m, 1)
        matrix = np.eye(m)
        matrix[upper] = probs[start:start + span]
        matrix.T[upper] = probs[start:start + span]
        cube = np.zeros((m, m, len(PAIR_FEATURES)), np.float32)
        cube[upper] = features[start:start + span]
        cube.transpose(1, 0, 2)[upper] = features[start:start + span]
        out.append((matrix, cube))
        start += span
    return out


def explain(model: SameStoryModel, article_id: str, linked_to: str | None, score: float,
            features: np.ndarray | None, day_gap: float = float("nan")) -> Membership:
    """The membership record: strongest link and the signals that drove it, strongest first."""
    if linked_to is None or features is None:
        return Membership(article_id, None, 1.0, [])
    contribution = model.contributions(features[None, :])[0]
    order = np.argsort(-contribution)
    signals = [Signal(PAIR_FEATURES[k], round(float(features[k]), 4)) for k in order
               if not PAIR_FEATURES[k].startswith(("cross_language", "embedding_cross"))]
    signals = signals[:SHOWN_SIGNALS]
    if not np.isnan(day_gap):
        signals.append(Signal("time", round(float(np.exp(-day_gap / 7.0)), 4)))
    return Membership(article_id, linked_to, round(float(score), 4), signals)

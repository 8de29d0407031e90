"""Pair features between articles and the candidate (blocking) step.

Comparing every article with every other is quadratic; instead each article is only
compared with its top-k neighbours by title+lead embedding and by whole-text term
vector, found with numpy in row blocks (memory stays flat) and, when publication
dates are known, only within a time window.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from storyloom.group.features import BAGS, FeatureTable, TermStatistics

# order of the columns of `pair_features`; the decision model's coefficients follow it
PAIR_FEATURES = ("embedding", "terms", "names", "numbers", "cross_language",
                 "embedding_cross_language")
BLOCK_ROWS = 1024


@dataclass
class WeightedTable:
    """A FeatureTable with its bags weighted (tf-idf, unit rows) by some statistics."""

    table: FeatureTable
    weighted: dict[str, sparse.csr_matrix]

    @classmethod
    def build(cls, table: FeatureTable, stats: TermStatistics | dict[str, TermStatistics]
              ) -> "WeightedTable":
        by_bag = stats if isinstance(stats, dict) else {b: stats for b in BAGS}
        return cls(table, {b: by_bag[b].weigh(table.counts[b]) for b in BAGS})


def fit_statistics(table: FeatureTable) -> dict[str, TermStatistics]:
    """Document frequencies of each bag over the table itself (batch grouping)."""
    stats = {b: TermStatistics() for b in BAGS}
    for bag in BAGS:
        stats[bag].update(table.counts[bag])
    return stats


def _rowwise_dot(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def pair_features(first: WeightedTable, i: np.ndarray, second: WeightedTable,
                  j: np.ndarray) -> np.ndarray:
    """(len(i), len(PAIR_FEATURES)) features of pairs (first[i], second[j])."""
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    if len(i) == 0:
        return np.zeros((0, len(PAIR_FEATURES)), np.float32)
    embedding = np.einsum("ij,ij->i", first.table.heads[i], second.table.heads[j])
    bags = [_rowwise_dot(first.weighted[b][i], second.weighted[b][j]) for b in BAGS]
    lang_a = np.array([first.table.languages[k] for k in i])
    lang_b = np.array([second.table.languages[k] for k in j])
    cross = ((lang_a != lang_b) & (lang_a != "") & (lang_b != "")).astype(np.float32)
    return np.column_stack([embedding, *bags, cross, embedding * cross]).astype(np.float32)


def day_gaps(first: FeatureTable, i: np.ndarray, second: FeatureTable, j: np.ndarray
             ) -> np.ndarray:
    """Absolute days between publication dates; NaN where either is unknown."""
    return np.abs(first.days[np.asarray(i, int)] - second.days[np.asarray(j, int)])


def top_k_pairs(queries: WeightedTable, pool: WeightedTable, k: int,
                same_table: bool, window_days: float | None = None,
                before: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs: each query's k nearest pool rows by embedding and by terms.

    Work per query is one block product with the pool; with a time window the pool is
    cut to the articles published near the query (unknown dates are always kept).
    `before[q]`, when given, hides pool rows >= it from query q (incremental arrivals).
    """
    rows, cols = [], []
    n_pool = len(pool.table)
    if n_pool == 0 or len(queries.table) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    for start in range(0, len(queries.table), BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, len(queries.table))
        block = np.arange(start, stop)
        for scores in (queries.table.heads[block] @ pool.table.heads.T,
                       (queries.weighted["terms"][block] @ pool.weighted["terms"].T).toarray()):
            scores = np.asarray(scores, dtype=np.float32)
            if same_table:
                scores[np.arange(len(block)), block] = -np.inf
            if window_days is not None:
                scores[_outside_window(queries.table.days[block], pool.table.days,
                                       window_days)] = -np.inf
            if before is not None:
                scores[np.arange(n_pool)[None, :] >= before[block][:, None]] = -np.inf
            take = min(k, n_pool)
            best = np.argpartition(-scores, take - 1, axis=1)[:, :take]
            keep = np.take_along_axis(scores, best, axis=1) > -np.inf
            rows.append(np.repeat(block, take)[keep.ravel()])
            cols.append(best.ravel()[keep.ravel()])
    return np.concatenate(rows), np.concatenate(cols)


def _outside_window(query_days: np.ndarray, pool_days: np.ndarray, window: float) -> np.ndarray:
    gaps = np.abs(query_days[:, None] - pool_days[None, :])
    return np.nan_to_num(gaps, nan=0.0) > window


def unique_pairs(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Undirected pairs (a < b) without repeats."""
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    keep = low != high
    packed = np.unique(low[keep].astype(np.int64) * (1 << 32) + high[keep])
    return packed >> 32, packed & ((1 << 32) - 1)

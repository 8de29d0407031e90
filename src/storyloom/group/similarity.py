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

# order of the columns of `pair_features`; the decision model's coefficients follow it.
# No "same outlet" column: the only training data with outlets (NeuS) labels parts by
# their left/centre/right position, not by outlet, and real outlets do file updates of
# one event, so such a feature would learn an artefact of how that data was built.
PAIR_FEATURES = ("embedding", "terms", "names", "numbers", "title", "years",
                 "embedding_relative", "terms_relative", "cross_language",
                 "embedding_cross_language", "embedding_rank_worse",
                 "embedding_rank_better", "terms_rank_worse", "terms_rank_better")
# views searched for candidates; an article's best score in each view is remembered so a
# pair can be judged relative to each side's nearest neighbour: in a dense news day the
# absolute similarity of two reports of one story varies, their being mutual best less so
VIEWS = ("embedding", "terms")
# a cosine over one or two shared tokens (a lone "2020") is weak evidence: bag cosines are
# shrunk by k / (k + SHRINK) where k is the smaller bag's number of distinct tokens
SHRINK = 2.0
# a nearest-neighbour score is only a yardstick when there were neighbours to pick from:
# with c articles compared, the yardstick is trusted c / (c + RELATIVE_PRIOR_ROWS) and the
# rest of the way it stays at the neutral 1.0 (then "relative" = the absolute score).
# Without this, in a batch of two each article is the other's best match by default.
RELATIVE_PRIOR_ROWS = 10.0
# each row remembers its TOP best scores per view; a pair's rank on each side (how many
# articles that side prefers to the other, capped at TOP) is read off them. Two reports
# of one story are usually among each other's first few neighbours; two same-subject
# stories are not, once each has found its own reports.
TOP = 4
BLOCK_ROWS = 1024
RARE_TERMS = 12  # the terms view looks a query up by its this many highest-weighted terms


@dataclass
class WeightedTable:
    """A FeatureTable with its bags weighted (tf-idf, unit rows) by some statistics."""

    table: FeatureTable
    weighted: dict[str, sparse.csr_matrix]
    sizes: dict[str, np.ndarray]  # distinct tokens per row and bag
    # given or zeros (__post_init__): never None once built
    nearest: np.ndarray = None  # type: ignore[assignment]  # (n, len(VIEWS), TOP) best scores per view
    compared: np.ndarray = None  # type: ignore[assignment]  # (n,) how many articles `nearest` covers

    def __post_init__(self) -> None:
        if self.nearest is None:
            self.nearest = np.zeros((len(self.table), len(VIEWS), TOP), np.float32)
        if self.compared is None:
            self.compared = np.zeros(len(self.table), np.float32)

    @classmethod
    def build(cls, table: FeatureTable, stats: TermStatistics | dict[str, TermStatistics]
              ) -> WeightedTable:
        by_bag = stats if isinstance(stats, dict) else {b: stats for b in BAGS}
        return cls(table, {b: _compact(by_bag[b].weigh(table.counts[b])) for b in BAGS},
                   {b: np.diff(table.counts[b].indptr).astype(np.float32) for b in BAGS})

    def rows(self, keep: np.ndarray, table: FeatureTable) -> WeightedTable:
        """The given rows (already cut from this table as `table`), same columns."""
        return WeightedTable(table, {b: self.weighted[b][keep] for b in BAGS},
                             {b: self.sizes[b][keep] for b in BAGS}, self.nearest[keep].copy(),
                             self.compared[keep].copy())


def _compact(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Keep only the used hash columns: sparse products then cost ~ the vocabulary of
    these rows, not the 2**20 hash space (scipy allocates per column)."""
    used, new_indices = np.unique(matrix.indices, return_inverse=True)
    return sparse.csr_matrix((matrix.data, new_indices.astype(np.int32), matrix.indptr),
                             shape=(matrix.shape[0], max(len(used), 1)))


def fit_statistics(table: FeatureTable) -> dict[str, TermStatistics]:
    """Document frequencies of each bag over the table itself (batch grouping)."""
    stats = {b: TermStatistics() for b in BAGS}
    for bag in BAGS:
        stats[bag].update(table.counts[bag])
    return stats


def _shrink(smaller_size: np.ndarray) -> np.ndarray:
    return smaller_size / (smaller_size + SHRINK)


def _relative(score: np.ndarray, nearest_a: np.ndarray, nearest_b: np.ndarray,
              compared_a: np.ndarray, compared_b: np.ndarray) -> np.ndarray:
    """Score over the better of the two sides' best scores: 1 = as close as either gets.

    The yardstick is shrunk toward 1.0 by how few articles it was measured over (see
    RELATIVE_PRIOR_ROWS): the fewer neighbours, the closer this is to the plain score.
    """
    seen = np.minimum(compared_a, compared_b)
    trust = seen / (seen + RELATIVE_PRIOR_ROWS)
    yardstick = trust * np.maximum(nearest_a, nearest_b) + (1.0 - trust)
    return np.clip(score / np.maximum(yardstick, 1e-6), 0.0, 1.0)


def _rowwise_dot(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


# pairs per feature pass: each gathers two head rows per pair (2 x 2 KB), so 200k pairs
# at once took ~850 MB on the driver (profiled at 4k articles); 16k take ~70 MB
PAIR_CHUNK = 16_384


def pair_features(first: WeightedTable, i: np.ndarray, second: WeightedTable,
                  j: np.ndarray) -> np.ndarray:
    """(len(i), len(PAIR_FEATURES)) features of pairs (first[i], second[j]).

    Both tables must share their columns: in practice `first is second`.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    if len(i) == 0:
        return np.zeros((0, len(PAIR_FEATURES)), np.float32)
    if len(i) > PAIR_CHUNK:  # row-wise features: chunks give the same rows, bounded memory
        return np.vstack([pair_features(first, i[s:s + PAIR_CHUNK], second, j[s:s + PAIR_CHUNK])
                          for s in range(0, len(i), PAIR_CHUNK)])
    embedding = np.einsum("ij,ij->i", first.table.heads[i], second.table.heads[j])
    raw = [_rowwise_dot(first.weighted[b][i], second.weighted[b][j]) for b in BAGS]
    bags = [r * _shrink(np.minimum(first.sizes[b][i], second.sizes[b][j]))
            for r, b in zip(raw, BAGS)]
    relative = [_relative(v, first.nearest[i, n, 0], second.nearest[j, n, 0], first.compared[i],
                          second.compared[j]) for n, v in enumerate((embedding, raw[0]))]
    seen = np.minimum(first.compared[i], second.compared[j])
    ranks = [r for n, v in enumerate((embedding, raw[0]))
             for r in _rank_pair(_rank(first.nearest[i, n], v), _rank(second.nearest[j, n], v),
                                 seen)]
    lang_a = np.asarray(first.table.languages, dtype=object)[i]
    lang_b = np.asarray(second.table.languages, dtype=object)[j]
    cross = ((lang_a != lang_b) & (lang_a != "") & (lang_b != "")).astype(np.float32)
    shared = _rowwise_dot(first.table.counts["years"][i], second.table.counts["years"][j]) > 0
    both = (_year_counts(first)[i] > 0) & (_year_counts(second)[j] > 0)
    years = np.where(shared, 1.0, np.where(both, -1.0, 0.0))
    return np.column_stack([embedding, *bags, years, *relative, cross,
                            embedding * cross, *ranks]).astype(np.float32)


def block_features(first: WeightedTable, i: np.ndarray, second: WeightedTable,
                   j: np.ndarray) -> np.ndarray:
    """(len(i), len(j), len(PAIR_FEATURES)) features of every pair first[i] x second[j].

    Matrix products instead of per-pair row products: much faster for whole blocks.
    """
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    embedding = first.table.heads[i] @ second.table.heads[j].T
    raw = [(first.weighted[b][i] @ second.weighted[b][j].T).toarray() for b in BAGS]
    bags = [r * _shrink(np.minimum.outer(first.sizes[b][i], second.sizes[b][j]))
            for r, b in zip(raw, BAGS)]
    relative = [_relative(v, first.nearest[i, n, 0][:, None], second.nearest[j, n, 0][None, :],
                          first.compared[i][:, None], second.compared[j][None, :])
                for n, v in enumerate((embedding, raw[0]))]
    seen = np.minimum.outer(first.compared[i], second.compared[j])
    ranks = [r for n, v in enumerate((embedding, raw[0]))
             for r in _rank_pair(_rank(first.nearest[i, n][:, None, :], v),
                                 _rank(second.nearest[j, n][None, :, :], v), seen)]
    lang_a = np.array([first.table.languages[k] for k in i], dtype=object)
    lang_b = np.array([second.table.languages[k] for k in j], dtype=object)
    cross = ((lang_a[:, None] != lang_b[None, :]) & (lang_a[:, None] != "")
             & (lang_b[None, :] != "")).astype(np.float32)
    shared = (first.table.counts["years"][i] @ second.table.counts["years"][j].T).toarray() > 0
    both = (_year_counts(first)[i][:, None] > 0) & (_year_counts(second)[j][None, :] > 0)
    years = np.where(shared, 1.0, np.where(both, -1.0, 0.0))
    return np.stack([embedding, *bags, years, *relative, cross, embedding * cross,
                     *ranks], axis=-1).astype(np.float32)


def _rank(top: np.ndarray, score: np.ndarray) -> np.ndarray:
    """How many of a side's remembered best scores beat this pair's (0 = its best)."""
    return (top > score[..., None] + 1e-5).sum(axis=-1)


def _rank_pair(first: np.ndarray, second: np.ndarray, seen: np.ndarray
               ) -> tuple[np.ndarray, ...]:
    """(worse, better) side's rank, scaled to 0..1 (1 = not among the TOP best).

    A rank means little among few articles (in a batch of two, each is the other's
    best): it is trusted seen / (seen + RELATIVE_PRIOR_ROWS) and the rest of the way
    it stays at 1, the rank of an unrelated article.
    """
    trust = seen / (seen + RELATIVE_PRIOR_ROWS)
    ranks = (np.maximum(first, second), np.minimum(first, second))
    return tuple(trust * (r / TOP) + (1.0 - trust) for r in ranks)


def merge_top(current: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The TOP best of each row's remembered scores and new ones, best first."""
    both = np.concatenate([current, scores], axis=1)
    return -np.sort(-both, axis=1)[:, :TOP]


def _year_counts(table: WeightedTable) -> np.ndarray:
    """How many distinct years each row names. The `years` feature is +1 when both
    articles name a shared year, -1 when both name years but none in common, else 0."""
    return np.diff(table.table.counts["years"].indptr)


def day_gaps(first: FeatureTable, i: np.ndarray, second: FeatureTable, j: np.ndarray
             ) -> np.ndarray:
    """Absolute days between publication dates; NaN where either is unknown."""
    return np.abs(first.days[np.asarray(i, int)] - second.days[np.asarray(j, int)])


def top_k_pairs(queries: WeightedTable, pool: WeightedTable, k: int,
                same_table: bool, window_days: float | None = None,
                before: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs: each query's k nearest pool rows by embedding and by terms.

    Also sets `queries.nearest` to each query's TOP best scores per view over this pool
    and raises `queries.compared` to the number of pool rows it was compared with.
    The embedding view is one dense (BLAS) block product per block of queries; the terms
    view only looks at pool rows sharing one of the query's RARE_TERMS best terms (an
    inverted-index lookup as a sparse product), so its cost follows those terms'
    document frequencies, not the pool size. With a time window, queries are taken in
    date order and each block only meets the pool rows dated within the window of it
    (plus the undated ones, which are always kept): on a long dated stream the work per
    block stays bounded and grouping grows linearly. `before[q]`, when given, hides pool
    rows >= it from query q (incremental arrivals).
    """
    rows, cols = [], []
    if len(pool.table) == 0 or len(queries.table) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    for block, reach in _blocks(queries, pool, window_days):
        if len(block) == 0 or len(reach) == 0:
            continue
        hidden = _hidden(queries, pool, block, reach, same_table, window_days, before)
        queries.compared[block] = np.maximum(queries.compared[block],
                                             len(reach) - hidden.sum(axis=1))
        for view, (r, c, best) in enumerate((_embedding_view(queries, pool, block, reach,
                                                             hidden, k),
                                             _terms_view(queries, pool, block, reach, hidden, k))):
            queries.nearest[block, view] = best  # set, not merged: calling twice is harmless
            rows.append(block[r])
            cols.append(reach[c])
    if not rows:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(rows), np.concatenate(cols)


def _blocks(queries: WeightedTable, pool: WeightedTable, window_days: float | None):
    """(query rows, the pool rows they can reach) in blocks of at most BLOCK_ROWS queries.

    Without a window (or without any dated pool row) every block reaches the whole pool.
    With one, undated queries still reach everything; dated ones go in date order and
    reach the dated pool rows within `window_days` of the block's first and last day,
    plus every undated pool row. Reached rows stay in pool order, so where all dates fall
    in one window the products, ties included, are exactly those over the whole pool.
    """
    everything = np.arange(len(pool.table))
    pool_days, query_days = pool.table.days, queries.table.days
    if window_days is None or not np.isfinite(pool_days).any():
        for start in range(0, len(queries.table), BLOCK_ROWS):
            yield np.arange(start, min(start + BLOCK_ROWS, len(queries.table))), everything
        return
    undated_queries = np.flatnonzero(~np.isfinite(query_days))
    for start in range(0, len(undated_queries), BLOCK_ROWS):
        yield undated_queries[start:start + BLOCK_ROWS], everything
    dated_pool = np.flatnonzero(np.isfinite(pool_days))
    by_day = dated_pool[np.argsort(pool_days[dated_pool], kind="stable")]
    sorted_days = pool_days[by_day]
    undated_pool = np.flatnonzero(~np.isfinite(pool_days))
    dated_queries = np.flatnonzero(np.isfinite(query_days))
    dated_queries = dated_queries[np.argsort(query_days[dated_queries], kind="stable")]
    margin = 1e-6  # the exact per-pair window test is `_outside_window`'s; this only slices
    for start in range(0, len(dated_queries), BLOCK_ROWS):
        block = dated_queries[start:start + BLOCK_ROWS]
        low = np.searchsorted(sorted_days, query_days[block[0]] - window_days - margin, "left")
        high = np.searchsorted(sorted_days, query_days[block[-1]] + window_days + margin,
                               "right")
        if high - low + len(undated_pool) == len(everything):
            yield block, everything
        else:
            yield block, np.sort(np.concatenate([by_day[low:high], undated_pool]))


def _hidden(queries: WeightedTable, pool: WeightedTable, block: np.ndarray, reach: np.ndarray,
            same_table: bool, window_days: float | None, before: np.ndarray | None
            ) -> np.ndarray:
    """(len(block), len(reach)) True where a reached pool row may not be a candidate."""
    hidden = np.zeros((len(block), len(reach)), bool)
    if same_table:
        hidden |= block[:, None] == reach[None, :]
    if window_days is not None and np.isfinite(pool.table.days).any():
        hidden |= _outside_window(queries.table.days[block], pool.table.days[reach], window_days)
    if before is not None:
        hidden |= reach[None, :] >= before[block][:, None]
    return hidden


def _rows_of(matrix, reach: np.ndarray, total: int):
    """`matrix[reach]` without a copy when every row is reached."""
    return matrix if len(reach) == total else matrix[reach]


def _embedding_view(queries: WeightedTable, pool: WeightedTable, block: np.ndarray,
                    reach: np.ndarray, hidden: np.ndarray, k: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(local query rows, local reached rows, each query's TOP best scores) by head embedding."""
    heads = _rows_of(pool.table.heads, reach, len(pool.table))
    scores = np.asarray(queries.table.heads[block] @ heads.T, dtype=np.float32)
    scores[hidden] = -np.inf
    take = min(k, scores.shape[1])
    best = np.argpartition(-scores, take - 1, axis=1)[:, :take]
    chosen = np.take_along_axis(scores, best, axis=1)
    keep = (chosen > -np.inf).ravel()
    tops = np.zeros((len(block), TOP), np.float32)
    width = min(TOP, take)
    tops[:, :width] = -np.sort(-chosen, axis=1)[:, :width]
    tops[~np.isfinite(tops)] = 0.0
    return np.repeat(np.arange(len(block)), take)[keep], best.ravel()[keep], tops


def _terms_view(queries: WeightedTable, pool: WeightedTable, block: np.ndarray,
                reach: np.ndarray, hidden: np.ndarray, k: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(local query rows, local reached rows, each query's TOP best cosines) by rare terms.

    Candidates are ranked by the dot product over the query's best terms only; their
    exact cosines then give each query's nearest score (the `terms_relative` yardstick).
    """
    terms = queries.weighted["terms"][block]
    reached = _rows_of(pool.weighted["terms"], reach, len(pool.table))
    partial = (_top_terms(terms, RARE_TERMS) @ reached.T).tocoo()
    keep = ~hidden[partial.row, partial.col]
    r, c = _top_per_row(partial.row[keep], partial.col[keep], partial.data[keep], k)
    exact = _rowwise_dot(terms[r], reached[c]) if len(r) else np.zeros(0)
    return r.astype(np.int64), c.astype(np.int64), _tops_per_row(len(block), r, exact)


def _tops_per_row(n: int, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """(n, TOP) each row's best values, best first, 0 where it has fewer."""
    tops = np.zeros((n, TOP), np.float32)
    if len(rows) == 0:
        return tops
    order = np.lexsort((-values, rows))
    rows, values = rows[order], values[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < TOP
    tops[rows[keep], rank[keep]] = values[keep]
    return tops


def _top_terms(matrix: sparse.csr_matrix, n: int) -> sparse.csr_matrix:
    """Each row's n highest weights (the rest dropped)."""
    row_of = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    order = np.lexsort((-matrix.data, row_of))
    rank = np.arange(len(order)) - matrix.indptr[row_of[order]]
    chosen = order[rank < n]
    return sparse.csr_matrix((matrix.data[chosen], (row_of[chosen], matrix.indices[chosen])),
                             shape=matrix.shape)


def _top_per_row(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, k: int
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The k highest-valued (row, col) entries of each row."""
    if len(rows) == 0:
        return rows, cols
    order = np.lexsort((-values, rows))
    rows, cols = rows[order], cols[order]
    first = np.searchsorted(rows, rows, side="left")
    keep = np.arange(len(rows)) - first < k
    return rows[keep], cols[keep]


def _outside_window(query_days: np.ndarray, pool_days: np.ndarray, window: float) -> np.ndarray:
    gaps = np.abs(query_days[:, None] - pool_days[None, :])
    return np.nan_to_num(gaps, nan=0.0) > window


def unique_pairs(rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Undirected pairs (a < b) without repeats."""
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    keep = low != high
    packed = np.unique(low[keep].astype(np.int64) * (1 << 32) + high[keep])
    return packed >> 32, packed & ((1 << 32) - 1)

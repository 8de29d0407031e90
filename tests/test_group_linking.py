"""Average link with a veto, rank features and the same-outlet feature."""
from __future__ import annotations

import numpy as np

from storyloom.group.features import extract
from storyloom.group.linking import average_link
from storyloom.group.similarity import (
    PAIR_FEATURES,
    RELATIVE_PRIOR_ROWS,
    TOP,
    WeightedTable,
    block_features,
    fit_statistics,
    merge_top,
    pair_features,
    top_k_pairs,
)
from storyloom.model import AnalyzedArticle, Article


def _two_stories(cross: float, certain_no: float) -> np.ndarray:
    """Two tight stories of three whose cross links are strong except one pair."""
    matrix = np.full((6, 6), cross)
    matrix[:3, :3] = matrix[3:, 3:] = 0.95
    matrix[0, 3] = matrix[3, 0] = certain_no
    np.fill_diagonal(matrix, 1.0)
    return matrix


def test_veto_keeps_apart_what_the_mean_would_merge():
    matrix = _two_stories(cross=0.7, certain_no=0.01)
    assert len(set(average_link(matrix, 0.5).tolist())) == 1  # the mean alone merges them
    labels = average_link(matrix, 0.5, veto=0.05)
    assert labels[0] == labels[1] == labels[2] != labels[3] == labels[4] == labels[5]


def test_veto_changes_nothing_without_certain_negatives():
    rng = np.random.default_rng(1)
    for _ in range(20):
        upper = np.triu(rng.uniform(0.2, 1.0, (8, 8)), 1)
        matrix = upper + upper.T + np.eye(8)
        plain = average_link(matrix, 0.55)
        vetoed = average_link(matrix, 0.55, veto=0.1)
        # same partition (labels may be numbered differently)
        assert len({(a, b) for a, b in zip(plain, vetoed)}) == len(set(plain)) == len(set(vetoed))


def test_vetoed_link_respects_the_threshold():
    matrix = _two_stories(cross=0.3, certain_no=0.3)
    labels = average_link(matrix, 0.5, veto=0.05)
    assert len(set(labels.tolist())) == 2


def test_merge_top_keeps_the_best_scores_first():
    current = np.array([[0.9, 0.5, 0.0, 0.0]], np.float32)[:, :TOP]
    merged = merge_top(current, np.array([[0.7, 0.95]], np.float32))
    assert merged.shape == (1, TOP)
    assert merged[0, :3].tolist() == np.array([0.95, 0.9, 0.7], np.float32).tolist()


def _articles(sources: list[str]) -> list[AnalyzedArticle]:
    rng = np.random.default_rng(5)
    out = []
    for n, source in enumerate(sources):
        vector = rng.normal(size=16)
        out.append(AnalyzedArticle(Article(f"a{n}", f"Harbour strike number {n} in Carrow.",
                                           source=source, language="en"),
                                   [], (vector / np.linalg.norm(vector)).astype(np.float32)))
    return out


def test_ranks_in_a_batch_of_two_say_nothing():
    table = extract(_articles(["", ""]))
    weighted = WeightedTable.build(table, fit_statistics(table))
    top_k_pairs(weighted, weighted, 5, same_table=True)
    features = pair_features(weighted, np.array([0]), weighted, np.array([1]))[0]
    trust = 1 / (1 + RELATIVE_PRIOR_ROWS)
    # each is the other's best, but that is the default with one neighbour: ranks stay
    # near the "unrelated" value
    assert features[PAIR_FEATURES.index("terms_rank_better")] >= 1.0 - trust - 1e-6


def test_ranks_read_off_the_remembered_neighbours():
    table = extract(_articles([""] * 12))
    weighted = WeightedTable.build(table, fit_statistics(table))
    top_k_pairs(weighted, weighted, 5, same_table=True)
    scores = table.heads @ table.heads.T
    np.fill_diagonal(scores, np.nan)
    best, worst = int(np.nanargmax(scores[0])), int(np.nanargmin(scores[0]))
    worse_rank = PAIR_FEATURES.index("embedding_rank_worse")
    better_rank = PAIR_FEATURES.index("embedding_rank_better")
    pairs = pair_features(weighted, np.array([0, 0]), weighted, np.array([best, worst]))
    trust = 11 / (11 + RELATIVE_PRIOR_ROWS)  # each article was compared with 11 others
    assert np.isclose(pairs[0, better_rank], 1.0 - trust)  # article 0's nearest neighbour
    assert np.isclose(pairs[1, worse_rank], 1.0)  # nobody's top: capped
    assert np.isclose(pairs[1, better_rank], 1.0)
    # the block form gives the same features as the pair form
    block = block_features(weighted, np.array([0]), weighted, np.array([best, worst]))[0]
    assert np.allclose(block, pairs)

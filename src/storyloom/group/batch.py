"""Batch grouping: candidate pairs -> learned same-story probability -> components ->
average-link inside each component (the cluster-level check), syndicated copies forced
into their original's story.
"""
from __future__ import annotations

import logging

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from storyloom.group.decision import SameStoryModel, default_model
from storyloom.group.features import extract
from storyloom.group.linking import average_link, explain, full_matrix, score_pairs
from storyloom.group.similarity import WeightedTable, fit_statistics, top_k_pairs, unique_pairs
from storyloom.model import AnalyzedArticle, Story

log = logging.getLogger(__name__)

NEIGHBOURS = 10  # candidates per article and per view (embedding, terms)
WINDOW_DAYS = 30.0  # dated articles further apart are never compared


def group_articles(analyzed: list[AnalyzedArticle], model: SameStoryModel | None = None,
                   neighbours: int = NEIGHBOURS) -> list[Story]:
    if not analyzed:
        return []
    model = model or default_model()
    table = extract(analyzed)
    weighted = WeightedTable.build(table, fit_statistics(table))
    labels = cluster_labels(weighted, model, neighbours)
    return stories_from_labels(weighted, model, labels)


def _copy_links(syndicated_of: list[str | None], ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {article_id: n for n, article_id in enumerate(ids)}
    pairs = [(n, index[orig]) for n, orig in enumerate(syndicated_of)
             if orig is not None and orig in index and index[orig] != n]
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    arr = np.array(pairs, dtype=np.int64)
    return arr[:, 0], arr[:, 1]


def cluster_labels(weighted: WeightedTable, model: SameStoryModel,
                   neighbours: int = NEIGHBOURS) -> np.ndarray:
    n = len(weighted.table)
    rows, cols = top_k_pairs(weighted, weighted, neighbours, same_table=True,
                             window_days=WINDOW_DAYS)
    a, b = unique_pairs(rows, cols)
    probs, _ = score_pairs(model, weighted, a, weighted, b)
    strong = probs >= model.link_threshold
    copy_a, copy_b = _copy_links(weighted.table.syndicated_of, weighted.table.ids)
    edge_a, edge_b = np.concatenate([a[strong], copy_a]), np.concatenate([b[strong], copy_b])
    graph = sparse.coo_matrix((np.ones(len(edge_a)), (edge_a, edge_b)), shape=(n, n))
    _, components = connected_components(graph, directed=False)
    labels = np.full(n, -1)
    next_label = 0
    for members in _groups(components):
        local = _split_component(weighted, model, members)
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    _force_copies(labels, copy_a, copy_b)
    return labels


def _groups(components: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(components, kind="stable")
    bounds = np.flatnonzero(np.diff(components[order])) + 1
    return np.split(order, bounds)


def _split_component(weighted: WeightedTable, model: SameStoryModel,
                     members: np.ndarray) -> np.ndarray:
    if len(members) == 1:
        return np.zeros(1, dtype=int)
    matrix, _ = full_matrix(model, weighted, members)
    return average_link(matrix, model.link_threshold)


def _force_copies(labels: np.ndarray, copies: np.ndarray, originals: np.ndarray) -> None:
    # a copy is the same report: it belongs wherever its original went
    for _ in range(3):  # copies of copies settle within a few passes
        labels[copies] = labels[originals]


def stories_from_labels(weighted: WeightedTable, model: SameStoryModel,
                        labels: np.ndarray) -> list[Story]:
    """Stories in order of first appearance, each member explained by its best link."""
    ids = weighted.table.ids
    order = list(dict.fromkeys(int(label) for label in labels))
    stories = []
    for label in order:
        members = np.flatnonzero(labels == label)
        stories.append(Story(f"s{len(stories) + 1}", [ids[m] for m in members],
                             _memberships(weighted, model, members)))
    return stories


def _memberships(weighted: WeightedTable, model: SameStoryModel, members: np.ndarray) -> list:
    ids = weighted.table.ids
    if len(members) == 1:
        return [explain(model, ids[members[0]], None, 1.0, None)]
    matrix, features = full_matrix(model, weighted, members)
    matrix = matrix.copy()
    np.fill_diagonal(matrix, -1.0)
    out = []
    for local, member in enumerate(members):
        best = int(matrix[local].argmax())
        gap = abs(weighted.table.days[member] - weighted.table.days[members[best]])
        out.append(explain(model, ids[member], ids[members[best]], matrix[local, best],
                           features[local, best], gap))
    return out

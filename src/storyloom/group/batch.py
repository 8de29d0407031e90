"""Batch grouping: candidate pairs -> learned same-story probability -> components ->
average-link inside each component (the cluster-level check), syndicated copies forced
into their original's story.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from storyloom.group.decision import SameStoryModel, default_model
from storyloom.group.features import FeatureTable, extract
from storyloom.group.linking import average_link, component_matrices, explain, full_matrix, score_pairs
from storyloom.group.similarity import WeightedTable, fit_statistics, top_k_pairs, unique_pairs
from storyloom.model import AnalyzedArticle, Story

log = logging.getLogger(__name__)

NEIGHBOURS = 10  # candidates per article and per view (embedding, terms)
WINDOW_DAYS = 30.0  # dated articles further apart are never compared
MAX_COMPONENT = 300  # largest group given to the dense (quadratic) average-link step
PAIRS_PER_BATCH = 200_000  # component pairs scored per call (bounds memory)


def group_articles(analyzed: list[AnalyzedArticle], model: SameStoryModel | None = None,
                   neighbours: int = NEIGHBOURS) -> list[Story]:
    if not analyzed:
        return []
    return group_table(extract(analyzed), model, neighbours)


def group_table(table: FeatureTable, model: SameStoryModel | None = None,
                neighbours: int = NEIGHBOURS) -> list[Story]:
    """`group_articles` on features already extracted (the pipeline extracts them in its
    analysis tasks, in parallel; row i = article i)."""
    if len(table) == 0:
        return []
    model = model or default_model()
    weighted = WeightedTable.build(table, fit_statistics(table))
    scored: list[Scored] = []
    labels = cluster_labels(weighted, model, neighbours, scored)
    return stories_from_labels(weighted, model, labels, scored)


@dataclass
class Scored:
    """A component's dense probabilities, kept so explanations need not recompute them."""

    members: np.ndarray  # sorted article rows
    matrix: np.ndarray
    features: np.ndarray


def _copy_links(syndicated_of: list[str | None], ids: list[str]) -> tuple[np.ndarray, np.ndarray]:
    index = {article_id: n for n, article_id in enumerate(ids)}
    pairs = [(n, index[orig]) for n, orig in enumerate(syndicated_of)
             if orig is not None and orig in index and index[orig] != n]
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    arr = np.array(pairs, dtype=np.int64)
    return arr[:, 0], arr[:, 1]


def cluster_labels(weighted: WeightedTable, model: SameStoryModel,
                   neighbours: int = NEIGHBOURS, scored: list[Scored] | None = None) -> np.ndarray:
    n = len(weighted.table)
    rows, cols = top_k_pairs(weighted, weighted, neighbours, same_table=True,
                             window_days=WINDOW_DAYS)
    a, b = unique_pairs(rows, cols)
    probs, _ = score_pairs(model, weighted, a, weighted, b)
    copy_a, copy_b = _copy_links(weighted.table.syndicated_of, weighted.table.ids)
    # copies are linked with certainty: they never leave their original's component
    edge_a, edge_b = np.concatenate([a, copy_a]), np.concatenate([b, copy_b])
    edge_p = np.concatenate([probs, np.ones(len(copy_a))])
    labels = np.full(n, -1)
    next_label = 0
    components = _bounded_components(n, edge_a, edge_b, edge_p, model.link_threshold)
    for members, local in _split_components(weighted, model, components, scored):
        labels[members] = local + next_label
        next_label += int(local.max()) + 1
    _attach_singletons(labels, a, b, probs, model.link_threshold)
    _force_copies(labels, copy_a, copy_b)
    return labels


def _attach_singletons(labels: np.ndarray, a: np.ndarray, b: np.ndarray, probs: np.ndarray,
                       threshold: float) -> None:
    """A lone article with a strong link (>= threshold) joins its best partner's story.

    Average link leaves out an article that matches one member well but the rest weakly
    (a short report, a different angle); alone it would be a story of one.
    """
    sizes = np.bincount(labels)
    best_prob = np.zeros(len(labels))
    best_partner = np.full(len(labels), -1)
    for lone, other in ((a, b), (b, a)):
        for i, j, p in zip(lone, other, probs):
            if sizes[labels[i]] == 1 and p >= threshold and p > best_prob[i]:
                best_prob[i], best_partner[i] = p, j
    lone = np.flatnonzero(best_partner >= 0)
    labels[lone] = labels[best_partner[lone]]


def _bounded_components(n: int, a: np.ndarray, b: np.ndarray, probs: np.ndarray,
                        threshold: float) -> list[np.ndarray]:
    """Connected components of the edges with probability >= threshold, none larger than
    MAX_COMPONENT: a bigger one (a dense news day chaining many stories) is cut again at
    a stricter threshold, so the dense average-link step stays bounded in size."""
    strong = probs >= threshold
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (a[strong], b[strong])), shape=(n, n))
    _, components = connected_components(graph, directed=False)
    out = []
    for members in _groups(components):
        if len(members) <= MAX_COMPONENT or threshold >= 1.0:
            out.extend(_chunks(members) if len(members) > MAX_COMPONENT else [members])
            continue
        inside = np.zeros(n, bool)
        inside[members] = True
        keep = inside[a] & inside[b]
        local = np.searchsorted(members, [a[keep], b[keep]])  # members are sorted
        out.extend(members[part] for part in _bounded_components(
            len(members), local[0], local[1], probs[keep], min(1.0, threshold + 0.05)))
    return out


def _chunks(members: np.ndarray) -> list[np.ndarray]:
    return [members[i:i + MAX_COMPONENT] for i in range(0, len(members), MAX_COMPONENT)]


def _groups(components: np.ndarray) -> list[np.ndarray]:
    order = np.argsort(components, kind="stable")
    bounds = np.flatnonzero(np.diff(components[order])) + 1
    return np.split(order, bounds)


def _split_components(weighted: WeightedTable, model: SameStoryModel,
                      components: list[np.ndarray], scored: list[Scored] | None):
    """(members, local labels) of each component, average-link inside the bigger ones;
    their pair matrices are scored together in batches of about PAIRS_PER_BATCH pairs."""
    batch: list[np.ndarray] = []
    pairs = 0
    for members in components + [None]:
        if members is not None and len(members) == 1:
            yield members, np.zeros(1, dtype=int)
            continue
        if batch and (members is None or pairs + len(members) ** 2 // 2 > PAIRS_PER_BATCH):
            for part, (matrix, features) in zip(batch, component_matrices(model, weighted, batch)):
                if scored is not None:
                    scored.append(Scored(part, matrix, features))
                yield part, average_link(matrix, model.link_threshold, model.link_veto)
            batch, pairs = [], 0
        if members is not None:
            batch.append(members)
            pairs += len(members) ** 2 // 2


def _force_copies(labels: np.ndarray, copies: np.ndarray, originals: np.ndarray) -> None:
    # a copy is the same report: it belongs wherever its original went
    for _ in range(3):  # copies of copies settle within a few passes
        labels[copies] = labels[originals]


def stories_from_labels(weighted: WeightedTable, model: SameStoryModel, labels: np.ndarray,
                        scored: list[Scored] | None = None) -> list[Story]:
    """Stories in order of first appearance, each member explained by its best link."""
    ids = weighted.table.ids
    component = np.full(len(ids), -1)
    for n, item in enumerate(scored or []):
        component[item.members] = n
    groups = sorted(_groups(labels), key=lambda members: members[0])
    cached = [_cached(members, component, scored) for members in groups]
    missing = [n for n, item in enumerate(cached) if item is None and len(groups[n]) > 1]
    # stories joined by attached singletons or copies: their matrices in one batch
    for n, matrices in zip(missing, component_matrices(model, weighted, [groups[n] for n in missing])):
        cached[n] = matrices
    return [Story(f"s{n + 1}", [ids[m] for m in members],
                  _memberships(weighted, model, members, cached[n]))
            for n, members in enumerate(groups)]


def _cached(members: np.ndarray, component: np.ndarray, scored: list[Scored] | None
            ) -> tuple[np.ndarray, np.ndarray] | None:
    where = set(component[members].tolist())
    if len(where) != 1 or -1 in where or scored is None:
        return None  # e.g. a copy forced in from another component
    item = scored[where.pop()]
    pos = np.searchsorted(item.members, members)
    return item.matrix[np.ix_(pos, pos)], item.features[np.ix_(pos, pos)]


def _memberships(weighted: WeightedTable, model: SameStoryModel, members: np.ndarray,
                 cached: tuple[np.ndarray, np.ndarray] | None) -> list:
    ids = weighted.table.ids
    if len(members) == 1:
        return [explain(model, ids[members[0]], None, 1.0, None)]
    matrix, features = cached or full_matrix(model, weighted, members)
    matrix = matrix.copy()
    np.fill_diagonal(matrix, -1.0)
    out = []
    for local, member in enumerate(members):
        best = int(matrix[local].argmax())
        gap = abs(weighted.table.days[member] - weighted.table.days[members[best]])
        out.append(explain(model, ids[member], ids[members[best]], matrix[local, best],
                           features[local, best], gap))
    return out

"""Incremental grouping: articles arrive in time order and join or start stories.

Each call takes the new arrivals, updates the document frequencies, re-weighs the
articles still inside the window once (cost ~ window size per call, not per article)
and finds every arrival's candidates among the articles that came before it in one
blocked product. Then, one arrival at a time: the story with the highest average
same-story probability over all its members joins it if that average reaches the
model's threshold; any other story that also reaches it is merged in when the
average link between the two stories does (online average-link). The window keeps
the last `window_articles` articles, and drops dated articles older than
`window_days` before the newest one.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from storyloom.group.decision import SameStoryModel, default_model
from storyloom.group.features import BAGS, FeatureTable, TermStatistics, extract
from storyloom.group.linking import average_link, explain, full_matrix, score_block
from storyloom.group.similarity import WeightedTable, merge_top, top_k_pairs
from storyloom.model import AnalyzedArticle, Membership, Story

log = logging.getLogger(__name__)

NEIGHBOURS = 10
RECHECK_MAX = 300  # bigger stories skip the re-check: it is quadratic in their size


@dataclass
class GroupingState:
    """What survives between calls: statistics, the window's features, the stories."""

    stats: dict[str, TermStatistics] = field(default_factory=lambda: {b: TermStatistics() for b in BAGS})
    window: FeatureTable | None = None  # articles still comparable
    nearest: np.ndarray | None = None  # window rows' best scores per view (see similarity.TOP)
    compared: np.ndarray | None = None  # window rows: how many articles `nearest` covers
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id
    stories: dict[str, list[str]] = field(default_factory=dict)  # story id -> article ids
    memberships: dict[str, Membership] = field(default_factory=dict)
    created: int = 0
    window_articles: int = 20000
    window_days: float = 30.0


def _concat(first: FeatureTable | None, second: FeatureTable) -> FeatureTable:
    if first is None or len(first) == 0:
        return second
    return FeatureTable(first.ids + second.ids, np.vstack([first.heads, second.heads]),
                        {b: sparse.vstack([first.counts[b], second.counts[b]]).tocsr() for b in first.counts},
                        np.concatenate([first.days, second.days]),
                        first.languages + second.languages,
                        first.syndicated_of + second.syndicated_of,
                        first.sources + second.sources)


def _take(table: FeatureTable, keep: np.ndarray) -> FeatureTable:
    return FeatureTable([table.ids[i] for i in keep], table.heads[keep],
                        {b: table.counts[b][keep] for b in table.counts}, table.days[keep],
                        [table.languages[i] for i in keep],
                        [table.syndicated_of[i] for i in keep],
                        [table.sources[i] for i in keep])


@dataclass
class _Link:
    mean: float  # average probability with the story's members
    weakest: float
    partner: int  # the member it links to best
    score: float
    features: np.ndarray


class _Run:
    """One call's work: the pool (window + arrivals) and the story bookkeeping."""

    def __init__(self, state: GroupingState, model: SameStoryModel, pool: WeightedTable,
                 first_new: int):
        self.state, self.model, self.pool, self.first_new = state, model, pool, first_new
        self.index = {article_id: n for n, article_id in enumerate(pool.table.ids)}

    def members_in_pool(self, story_id: str) -> np.ndarray:
        return np.array([self.index[a] for a in self.state.stories[story_id] if a in self.index],
                        dtype=np.int64)

    def mean_links(self, row: int, story_ids: list[str]) -> dict[str, _Link]:
        """Per story: how `row` links to its members (mean, weakest, best member)."""
        groups = {s: self.members_in_pool(s) for s in story_ids}
        groups = {s: m for s, m in groups.items() if len(m)}
        if not groups:
            return {}
        everyone = np.concatenate(list(groups.values()))
        probs, feats = score_block(self.model, self.pool, np.array([row]), self.pool, everyone)
        probs, feats = probs[0], feats[0]
        out, start = {}, 0
        for story_id, members in groups.items():
            part = slice(start, start + len(members))
            best = start + int(probs[part].argmax())
            out[story_id] = _Link(float(probs[part].mean()), float(probs[part].min()),
                                  int(everyone[best]), float(probs[best]), feats[best])
            start += len(members)
        return out

    def story_link(self, first: str, second: str) -> float:
        """Mean probability between two stories' members; 0 when any pair is vetoed."""
        a, b = self.members_in_pool(first), self.members_in_pool(second)
        if len(a) == 0 or len(b) == 0:
            return 0.0
        probs = score_block(self.model, self.pool, a, self.pool, b)[0]
        return 0.0 if probs.min() < self.model.link_veto else float(probs.mean())

    def place(self, row: int, neighbours: np.ndarray) -> None:
        table = self.pool.table
        article_id = table.ids[row]
        self._raise_nearest(row, neighbours)
        original = table.syndicated_of[row]
        if original is not None and original in self.state.story_of:
            link = None
            if original in self.index:
                partner = self.index[original]
                score, features = self._pair(row, partner)
                link = _Link(score, score, partner, score, features)
            self._join(row, self.state.story_of[original], link)
            return
        candidates = {self.state.story_of[table.ids[n]] for n in neighbours
                      if table.ids[n] in self.state.story_of}
        links = self.mean_links(row, sorted(candidates))
        passing = sorted((s for s in links if links[s].mean >= self.model.link_threshold
                          and links[s].weakest >= self.model.link_veto),
                         key=lambda s: -links[s].mean)
        if not passing:  # as in batch: a strong single link is enough for a lone article
            strong = [s for s in links if links[s].score >= self.model.link_threshold]
            if not strong:
                self._start(article_id)
                return
            passing = [max(strong, key=lambda s: links[s].score)]
        target = passing[0]
        self._join(row, target, links[target])
        merged = False
        for other in passing[1:]:
            if other in self.state.stories and self.story_link(target, other) >= self.model.link_threshold:
                self._merge(target, other)
                merged = True
        # an arrival that links strongly to every member cannot start a chain
        if merged or links[target].weakest < self.model.link_threshold:
            self.recheck(target)

    def recheck(self, story_id: str) -> None:
        """The batch's cluster-level check on a story that just grew: average-link over
        its members; parts that no longer hold together become stories of their own.
        Arrival order can make an early chain join two events; this undoes it."""
        members = self.members_in_pool(story_id)
        if len(members) < 3 or len(members) > RECHECK_MAX:
            return
        matrix = full_matrix(self.model, self.pool, members)[0]
        labels = average_link(matrix, self.model.link_threshold, self.model.link_veto)
        if labels.max() == 0:
            return
        matrix = matrix.copy()
        np.fill_diagonal(matrix, 0.0)
        sizes = np.bincount(labels)
        keep = sizes.argmax()
        for n in np.flatnonzero(sizes[labels] == 1):  # lone but strongly linked: stays
            if matrix[n, labels == keep].max() >= self.model.link_threshold:
                labels[n] = keep
        for label in sorted(set(labels.tolist()) - {int(keep)}):
            self._split_off(story_id, [self.pool.table.ids[m] for m in members[labels == label]])

    def _split_off(self, story_id: str, article_ids: list[str]) -> None:
        moving = set(article_ids)
        self.state.stories[story_id] = [a for a in self.state.stories[story_id] if a not in moving]
        self.state.created += 1
        new_id = f"s{self.state.created}"
        self.state.stories[new_id] = list(article_ids)
        for article_id in article_ids:
            self.state.story_of[article_id] = new_id

    def _pair(self, row: int, other: int) -> tuple[float, np.ndarray]:
        probs, feats = score_block(self.model, self.pool, np.array([row]), self.pool,
                                   np.array([other]))
        return float(probs[0, 0]), feats[0, 0]

    def _raise_nearest(self, row: int, neighbours: np.ndarray) -> None:
        """The arrival may be an earlier article's new nearest neighbour."""
        pool = self.pool
        assert pool.nearest is not None and pool.compared is not None  # set by WeightedTable.build
        pool.compared[:row] += 1  # every earlier article now has one more to compare with
        if len(neighbours) == 0:
            return
        neighbours = np.unique(neighbours)  # a row found by both views counts once
        views = (pool.table.heads[neighbours] @ pool.table.heads[row],
                 (pool.weighted["terms"][neighbours] @ pool.weighted["terms"][row].T).toarray().ravel())
        for view, scores in enumerate(views):
            pool.nearest[neighbours, view] = merge_top(pool.nearest[neighbours, view],
                                                       scores[:, None].astype(np.float32))

    def _start(self, article_id: str) -> None:
        self.state.created += 1
        story_id = f"s{self.state.created}"
        self.state.stories[story_id] = [article_id]
        self.state.story_of[article_id] = story_id
        self.state.memberships[article_id] = Membership(article_id, None, 1.0, [])

    def _join(self, row: int, story_id: str, link: _Link | None) -> None:
        article_id = self.pool.table.ids[row]
        self.state.stories[story_id].append(article_id)
        self.state.story_of[article_id] = story_id
        if link is None:  # a copy whose original left the window: it still follows it
            self.state.memberships[article_id] = Membership(article_id, None, 1.0, [])
            return
        gap = abs(self.pool.table.days[row] - self.pool.table.days[link.partner])
        self.state.memberships[article_id] = explain(
            self.model, article_id, self.pool.table.ids[link.partner], link.score,
            link.features, gap)

    def _merge(self, keep: str, gone: str) -> None:
        for article_id in self.state.stories.pop(gone):
            self.state.stories[keep].append(article_id)
            self.state.story_of[article_id] = keep


def _trim_window(state: GroupingState) -> None:
    table = state.window
    if table is None or len(table) == 0:
        return
    keep = np.arange(len(table))
    if np.isfinite(table.days).any():
        newest = np.nanmax(table.days)
        keep = keep[~(table.days[keep] < newest - state.window_days)]
    keep = keep[-state.window_articles:]
    if len(keep) < len(table):
        state.window = _take(table, keep)
        state.nearest = state.nearest[keep] if state.nearest is not None else None
        state.compared = state.compared[keep] if state.compared is not None else None


def group_incremental(analyzed_in_time_order: list[AnalyzedArticle],
                      state: GroupingState | None = None,
                      model: SameStoryModel | None = None,
                      neighbours: int = NEIGHBOURS) -> tuple[list[Story], GroupingState]:
    """Add arrivals to the stories in `state` (a new state when None); all stories back."""
    state = state or GroupingState()
    model = model or default_model()
    if analyzed_in_time_order:
        arrivals = extract(analyzed_in_time_order)
        for bag in BAGS:
            state.stats[bag].update(arrivals.counts[bag])
        first_new = len(state.window) if state.window is not None else 0
        state.window = _concat(state.window, arrivals)
        pool = WeightedTable.build(state.window, state.stats)
        assert pool.nearest is not None and pool.compared is not None
        if state.nearest is not None:
            pool.nearest[:first_new] = state.nearest
        if state.compared is not None:
            pool.compared[:first_new] = state.compared
        run = _Run(state, model, pool, first_new)
        for row, earlier in _earlier_neighbours(pool, first_new, neighbours, state.window_days):
            run.place(row, earlier)
        state.nearest, state.compared = pool.nearest, pool.compared
        _trim_window(state)
    return _stories(state), state


def _earlier_neighbours(pool: WeightedTable, first_new: int, k: int, window_days: float):
    """For each arrival (in order), its candidate rows among the articles before it."""
    arrivals = np.arange(first_new, len(pool.table))
    assert pool.nearest is not None and pool.compared is not None
    queries = pool.rows(arrivals, _take(pool.table, arrivals))
    rows, cols = top_k_pairs(queries, pool, k, same_table=False, window_days=window_days,
                             before=arrivals)
    pool.nearest[arrivals] = queries.nearest  # each arrival's best among earlier articles
    pool.compared[arrivals] = queries.compared
    rows = rows + first_new
    order = np.argsort(rows, kind="stable")
    rows, cols = rows[order], cols[order]
    bounds = np.searchsorted(rows, arrivals, side="left"), np.searchsorted(rows, arrivals, side="right")
    for n, row in enumerate(arrivals):
        yield int(row), cols[bounds[0][n]:bounds[1][n]]


def _stories(state: GroupingState) -> list[Story]:
    return [Story(story_id, list(members), [state.memberships[a] for a in members])
            for story_id, members in state.stories.items()]

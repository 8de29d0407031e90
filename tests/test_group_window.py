"""The candidate search only compares articles within the time window, and slicing the
pool by date changes nothing but the work done."""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from storyloom.group import similarity
from storyloom.group.features import extract
from storyloom.group.similarity import WeightedTable, fit_statistics, top_k_pairs
from storyloom.model import AnalyzedArticle, Article

WORDS = ("harbour", "strike", "vote", "flood", "bridge", "court", "budget", "fire", "storm",
         "election", "factory", "protest", "treaty", "virus", "school", "railway")


def _stream(n: int, days: int, undated_every: int = 0, seed: int = 3) -> list[AnalyzedArticle]:
    rng = np.random.default_rng(seed)
    start = date(2021, 1, 1)
    items = []
    for i in range(n):
        vector = rng.normal(size=32)
        words = " ".join(rng.choice(WORDS, size=6))
        published = None if undated_every and i % undated_every == 0 else \
            (start + timedelta(days=int(rng.integers(days)))).isoformat()
        items.append(AnalyzedArticle(
            Article(f"a{i}", f"Report {i}: {words}.", title=words, published=published,
                    language="en"), [], (vector / np.linalg.norm(vector)).astype(np.float32)))
    return items


def _candidates(items, window, block_rows, monkeypatch):
    monkeypatch.setattr(similarity, "BLOCK_ROWS", block_rows)
    table = extract(items)
    weighted = WeightedTable.build(table, fit_statistics(table))
    rows, cols = top_k_pairs(weighted, weighted, 5, same_table=True, window_days=window)
    return table, weighted, set(zip(rows.tolist(), cols.tolist()))


def _reference_embedding_top(table, k: int, window: float) -> set[tuple[int, int]]:
    """Brute force: each article's k best head cosines among those it may meet."""
    scores = table.heads @ table.heads.T
    gaps = np.nan_to_num(np.abs(table.days[:, None] - table.days[None, :]), nan=0.0)
    scores[gaps > window] = -np.inf
    np.fill_diagonal(scores, -np.inf)
    out = set()
    for q in range(len(table)):
        allowed = np.flatnonzero(np.isfinite(scores[q]))
        best = allowed[np.argsort(-scores[q, allowed])[:k]]
        out.update((q, int(c)) for c in best)
    return out


@pytest.mark.parametrize("undated_every", [0, 7])
def test_candidates_stay_within_the_window(undated_every, monkeypatch):
    items = _stream(300, days=200, undated_every=undated_every)
    table, _, pairs = _candidates(items, 10.0, 32, monkeypatch)
    gaps = np.array([abs(table.days[a] - table.days[b]) for a, b in pairs])
    assert np.all(np.nan_to_num(gaps, nan=0.0) <= 10.0)
    # the embedding view finds exactly the brute-force neighbours inside the window
    assert _reference_embedding_top(table, 5, 10.0) <= pairs


def test_one_window_gives_the_same_result_as_no_window(monkeypatch):
    items = _stream(200, days=5, undated_every=9)
    _, windowed, with_window = _candidates(items, 30.0, 16, monkeypatch)
    table = extract(items)
    plain = WeightedTable.build(table, fit_statistics(table))
    rows, cols = top_k_pairs(plain, plain, 5, same_table=True)
    assert with_window == set(zip(rows.tolist(), cols.tolist()))
    assert np.allclose(windowed.nearest, plain.nearest)
    assert np.array_equal(windowed.compared, plain.compared)


def test_blocks_reach_only_the_window_on_a_long_stream(monkeypatch):
    items = _stream(1000, days=1000)
    monkeypatch.setattr(similarity, "BLOCK_ROWS", 50)
    table = extract(items)
    weighted = WeightedTable.build(table, fit_statistics(table))
    reaches = [len(reach) for _, reach in similarity._blocks(weighted, weighted, 10.0)]
    # ~50 days of articles per block plus 20 days either side, never the whole stream
    assert max(reaches) < len(items) / 5
    covered = np.concatenate([block for block, _ in similarity._blocks(weighted, weighted, 10.0)])
    assert sorted(covered.tolist()) == list(range(len(items)))

"""Executors give the same digest as the in-process run."""
from __future__ import annotations

import pytest

from storyloom.engine import get_executor
from storyloom.errors import UnknownChoiceError
from storyloom.pipeline import DigestOptions, digest_paths
from storyloom.render.jsonout import digest_to_dict


def _digest(seeds_dir, executor: str) -> dict:
    options = DigestOptions(embedder="hashing", strict=True, executor=executor, chunk_size=2)
    return digest_to_dict(digest_paths([str(seeds_dir)], options))


def test_unknown_executor_lists_choices():
    with pytest.raises(UnknownChoiceError) as info:
        get_executor("spark")
    assert "dask" in str(info.value) and "local" in str(info.value)


@pytest.mark.slow
def test_process_pool_matches_local(seeds_dir):
    assert _digest(seeds_dir, "process") == _digest(seeds_dir, "local")


@pytest.mark.slow
def test_dask_local_cluster_matches_local(seeds_dir):
    pytest.importorskip("dask.distributed")
    assert _digest(seeds_dir, "dask") == _digest(seeds_dir, "local")


def test_auto_executor_uses_processes_only_for_big_batches(monkeypatch):
    from storyloom.engine import resolve_auto
    from storyloom.engine.base import AUTO_PROCESS_MIN_ARTICLES

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert resolve_auto("auto", 5) == "local"
    assert resolve_auto("auto", AUTO_PROCESS_MIN_ARTICLES) == "process"
    assert resolve_auto("dask", 5) == "dask"  # an explicit choice is kept
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert resolve_auto("auto", 10 * AUTO_PROCESS_MIN_ARTICLES) == "local"


def _blas_threads_in_worker(_: int) -> list[int]:
    from threadpoolctl import threadpool_info

    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_process_workers_run_one_blas_thread(monkeypatch):
    monkeypatch.delenv("STORYLOOM_BLAS_THREADS", raising=False)
    executor = get_executor("process")
    try:
        per_worker = executor.map(_blas_threads_in_worker, [0, 1, 2])
    finally:
        executor.close()
    assert all(threads == [1] * len(threads) for threads in per_worker)


def test_analysis_chunks_by_time_keep_input_order():
    from storyloom.engine.base import LocalExecutor
    from storyloom.model import Article
    from storyloom.pipeline import analyze_all

    dates = ["2021-03-02", None, "2020-01-05", "2021-03-01", None, "2019-12-31"]
    articles = [Article(id=f"a{n}", text=f"Report number {n}. It rained in town {n}.",
                        published=day, language="en") for n, day in enumerate(dates)]
    options = DigestOptions(embedder="hashing", strict=True, chunk_size=2)
    analyzed = analyze_all(articles, options, LocalExecutor())
    assert [a.id for a in analyzed] == [a.id for a in articles]
    assert all(a.sentences and a.sentences[0].article_id == a.id for a in analyzed)


class _Recording:
    """A local executor that notes which stage functions went through it."""

    name = "recording"

    def __init__(self):
        self.calls: list[str] = []

    @staticmethod
    def _name(fn) -> str:
        return getattr(getattr(fn, "func", fn), "__name__", "?")

    def map(self, fn, items, on_done=None):
        self.calls.append(self._name(fn))
        out = [fn(item) for item in items]
        if on_done is not None and out:
            on_done(len(out))
        return out

    def run(self, fn, *args):
        self.calls.append(self._name(fn))
        return fn(*args)

    def close(self):
        pass


@pytest.mark.slow
def test_every_stage_goes_through_the_executor(seeds_dir):
    from storyloom.ingest import read_inputs
    from storyloom.pipeline import run_stages

    executor = _Recording()
    articles, _ = read_inputs([str(seeds_dir)], executor.map)
    assert articles and executor.calls == ["read_target"]
    run_stages(articles, DigestOptions(embedder="hashing", strict=True, chunk_size=2), executor)
    assert executor.calls == ["read_target", "_analyze_chunk", "group_table", "_packed_brief"]


@pytest.mark.slow
def test_ingest_through_a_mapper_reads_what_local_reading_reads(seeds_dir):
    from storyloom.ingest import read_inputs

    seen: list = []

    def mapper(fn, targets):
        seen.extend(targets)
        return [fn(t) for t in reversed(targets)][::-1]  # any order of work, results in order

    mapped = read_inputs([str(seeds_dir)], mapper)
    assert len(seen) >= 5 and mapped == read_inputs([str(seeds_dir)])


@pytest.mark.slow
def test_grouping_features_from_chunks_equal_features_of_the_whole_batch(seeds_dir):
    from storyloom.engine.base import LocalExecutor
    from storyloom.group import group_articles
    from storyloom.group.batch import group_table
    from storyloom.ingest import read_inputs
    from storyloom.pipeline import analyze_and_extract

    articles, _ = read_inputs([str(seeds_dir)])
    analyzed, table = analyze_and_extract(articles, DigestOptions(embedder="hashing", strict=True, chunk_size=2),
                                          LocalExecutor())
    assert table.ids == [a.id for a in analyzed]
    assert group_table(table) == group_articles(analyzed)


@pytest.mark.slow
def test_dask_scheduler_address_matches_local(seeds_dir):
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    try:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        assert _digest(seeds_dir, address) == _digest(seeds_dir, "local")
    finally:
        cluster.close()


def _mark_process(folder: str) -> None:
    import os
    from pathlib import Path

    (Path(folder) / f"loaded-{os.getpid()}").touch()


def _pid(_item) -> int:
    import os

    return os.getpid()


def test_process_pool_warm_runs_the_loader_once_in_every_worker(tmp_path):
    from functools import partial

    executor = get_executor("process")
    try:
        executor.warm(partial(_mark_process, str(tmp_path)))
        pids = set(executor.map(_pid, range(40)))
    finally:
        executor.close()
    loaded = {int(p.name.split("-")[1]) for p in tmp_path.iterdir()}
    assert pids <= loaded  # every worker that ran a task had loaded first
    assert len(loaded) == executor.workers


@pytest.mark.slow
def test_auto_digest_of_a_big_input_with_few_articles_matches_local(tmp_path, monkeypatch):
    """A large file starts a warm pool early; too few articles then fall back to local."""
    import storyloom.pipeline as pipeline

    monkeypatch.setattr(pipeline, "WARM_MIN_BYTES", 1)
    source = tmp_path / "story.txt"
    source.write_text("Harbour closed after storm\n\nThe harbour closed on Monday after a storm.\n",
                      encoding="utf-8")
    auto = digest_to_dict(digest_paths([str(source)], DigestOptions(embedder="hashing", strict=True)))
    local = digest_to_dict(digest_paths([str(source)], DigestOptions(embedder="hashing", strict=True,
                                                                     executor="local")))
    assert auto == local and auto["stories"]


@pytest.mark.slow
def test_progress_moves_per_chunk_and_per_story(seeds_dir):
    """A progress callback sees the analysis in several steps (not 0% then 100%) and
    every story's consolidation; the digest is the same with and without it."""
    from storyloom.ingest import read_inputs
    from storyloom.pipeline import DigestOptions, digest_articles
    from storyloom.render.jsonout import render_json

    articles, _ = read_inputs([str(seeds_dir)])
    seen: list[tuple[str, int, int]] = []
    options = DigestOptions(embedder="hashing", executor="local")
    with_bar = digest_articles(articles, options, progress=lambda *step: seen.append(step))
    without = digest_articles(articles, options)
    analyze = [done for stage, done, _ in seen if stage == "analyze"]
    consolidate = [done for stage, done, _ in seen if stage == "consolidate"]
    assert len(set(analyze)) >= 2 and analyze == sorted(analyze) and analyze[-1] == len(articles)
    assert consolidate[-1] == len(with_bar.stories) and len(set(consolidate)) == len(with_bar.stories) + 1
    assert render_json(with_bar) == render_json(without)


@pytest.mark.slow
def test_quiet_dask_run_prints_no_cluster_logs(seeds_dir, tmp_path):
    import os
    import subprocess
    import sys

    pytest.importorskip("dask.distributed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASK_")}
    run = subprocess.run([sys.executable, "-m", "storyloom", "digest", str(seeds_dir), "--executor",
                          "dask", "--embedder", "hashing", "--format", "json", "-q",
                          "-o", str(tmp_path / "d.json")], capture_output=True, text=True,
                         env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "distributed." not in run.stderr and "INFO" not in run.stderr, run.stderr


def _square(x: int) -> int:
    return x * x


class _Taken:
    """A sized iterable that records how far it has been read when each item is taken."""

    def __init__(self, n: int):
        self.n, self.read = n, 0

    def __len__(self) -> int:
        return self.n

    def __iter__(self):
        for k in range(self.n):
            self.read = k + 1
            yield k


def test_process_pool_reads_a_sized_input_as_it_goes_and_keeps_order():
    executor = get_executor("process")
    try:
        items, done = _Taken(300), []
        out = executor.map(_square, items, lambda k: done.append((k, items.read)))
        assert out == [k * k for k in range(300)]
        assert [k for k, _ in done] == list(range(1, 301))
        # the first results came back before the whole input was read (a bounded window)
        assert done[0][1] < 300
        assert executor.map(_square, iter(range(5))) == [0, 1, 4, 9, 16]  # unsized: read whole
    finally:
        executor.close()


def test_packed_briefs_read_back_as_the_briefs_with_their_articles():
    from storyloom.model import Article, Brief, Story, StoryBrief
    from storyloom.pipeline import PackedBriefs, pack

    articles = [[Article("a1", "One."), Article("a2", "Two.")], [Article("b1", "Three.")]]
    briefs = [StoryBrief(Story(f"s{n}", [a.id for a in group]), f"Title {n}", [], Brief())
              for n, group in enumerate(articles)]
    packed = PackedBriefs([pack(b) for b in briefs], articles)
    for brief, group in zip(briefs, articles):
        brief.articles = group
    assert len(packed) == 2 and list(packed) == briefs and packed == briefs
    assert packed[-1] == briefs[-1] and packed[:1] == briefs[:1]


def test_sentences_sent_as_offsets_are_made_again_exactly():
    from storyloom.analyze import analyze_heads
    from storyloom.model import Article
    from storyloom.pipeline import _analyze_chunk, with_sentences

    articles = [Article("a", "Ana Lind spoke on Monday. The quay reopened.\n\nTomas Berg left.",
                        language="en"),
                Article("b", "", language="en"), Article("c", "One line only", language="en")]
    whole = analyze_heads(articles, "hashing")
    bare, _, offsets = _analyze_chunk(articles, "hashing", keep_sentences=False)
    assert all(not member.sentences for member in bare)
    assert [with_sentences(m, o).sentences for m, o in zip(bare, offsets)] == [m.sentences for m in whole]

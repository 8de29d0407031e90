"""The digest pipeline: ingest -> analyze -> group -> consolidate, as plain functions.

Analysis runs in chunks and consolidation per story through an executor (in-process,
process pool or Dask); grouping needs the whole batch and runs on the driver.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from storyloom.analyze import analyze_heads, deepen
from storyloom.consolidate import build_brief, story_title
from storyloom.engine import Executor, get_executor, resolve_auto
from storyloom.group import group_articles
from storyloom.ingest import read_inputs
from storyloom.model import AnalyzedArticle, Article, Brief, Digest, InputWarning, Story, StoryBrief

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
ANALYSIS_CHUNK = 256  # articles per analysis task: big enough to batch model calls well


@dataclass(frozen=True)
class DigestOptions:
    embedder: str = "use-multilingual"
    briefs: bool = True  # False: grouping only (`storyloom group`)
    entities: bool = True
    executor: str = "auto"  # process pool for big batches on several cores, else local
    chunk_size: int = ANALYSIS_CHUNK


def _noop(stage: str, done: int, total: int) -> None:
    pass


def _analyze_chunk(articles: list[Article], embedder: str) -> list[AnalyzedArticle]:
    return analyze_heads(articles, embedder)


def _consolidate_story(job: tuple[Story, list[AnalyzedArticle]], options: DigestOptions) -> StoryBrief:
    story, members = job
    brief = Brief()
    if options.briefs:
        deepen(members, options.embedder, options.entities)
        brief = build_brief(story, members)
    return StoryBrief(story, story_title(members), [m.article for m in members], brief)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _time_order(articles: list[Article]) -> list[int]:
    """Article positions by publication time (undated last, then input order): analysis
    chunks then cover time windows, the unit a cluster partitions work by."""
    return sorted(range(len(articles)),
                  key=lambda i: (articles[i].published is None, articles[i].published or "", i))


def analyze_all(articles: list[Article], options: DigestOptions, executor: Executor) -> list[AnalyzedArticle]:
    """Head analysis of every article, in chunks through the executor; input order kept."""
    order = _time_order(articles)
    chunks = _chunks([articles[i] for i in order], options.chunk_size)
    done = executor.map(partial(_analyze_chunk, embedder=options.embedder), chunks)
    analyzed: list[AnalyzedArticle | None] = [None] * len(articles)
    for position, item in zip(order, (item for chunk in done for item in chunk)):
        analyzed[position] = item
    return analyzed  # type: ignore[return-value]  # every position was filled


def run_stages(articles: list[Article], options: DigestOptions, executor: Executor,
               progress: Progress = _noop) -> list[StoryBrief]:
    progress("analyze", 0, len(articles))
    analyzed = analyze_all(articles, options, executor)
    progress("analyze", len(articles), len(articles))
    stories = group_articles(analyzed)
    by_id = {a.id: a for a in analyzed}
    # biggest stories first: they take longest, so workers finish together
    jobs = sorted(((story, [by_id[i] for i in story.article_ids]) for story in stories),
                  key=lambda job: -len(job[1]))
    progress("consolidate", 0, len(jobs))
    result = executor.map(partial(_consolidate_story, options=options), jobs)
    progress("consolidate", len(jobs), len(jobs))
    result.sort(key=lambda sb: (-len(sb.articles), sb.story.id))
    return result


def digest_articles(articles: list[Article], options: DigestOptions = DigestOptions(),
                    warnings: list[InputWarning] | None = None,
                    progress: Progress = _noop) -> Digest:
    executor = get_executor(resolve_auto(options.executor, len(articles)))
    try:
        stories = run_stages(articles, options, executor, progress)
    finally:
        executor.close()
    return Digest(stories, list(warnings or []))


def digest_paths(paths: list[str], options: DigestOptions = DigestOptions(),
                 progress: Progress = _noop) -> Digest:
    articles, warnings = read_inputs(paths)
    return digest_articles(articles, options, warnings, progress)

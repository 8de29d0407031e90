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
from storyloom.engine import Executor, get_executor
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
    executor: str = "local"
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


def run_stages(articles: list[Article], options: DigestOptions, executor: Executor,
               progress: Progress = _noop) -> list[StoryBrief]:
    progress("analyze", 0, len(articles))
    analyzed = [item for chunk in executor.map(partial(_analyze_chunk, embedder=options.embedder),
                                               _chunks(articles, options.chunk_size))
                for item in chunk]
    progress("analyze", len(articles), len(articles))
    stories = group_articles(analyzed)
    by_id = {a.id: a for a in analyzed}
    jobs = [(story, [by_id[i] for i in story.article_ids]) for story in stories]
    progress("consolidate", 0, len(jobs))
    result = executor.map(partial(_consolidate_story, options=options), jobs)
    progress("consolidate", len(jobs), len(jobs))
    result.sort(key=lambda sb: (-len(sb.articles), sb.story.id))
    return result


def digest_articles(articles: list[Article], options: DigestOptions = DigestOptions(),
                    warnings: list[InputWarning] | None = None,
                    progress: Progress = _noop) -> Digest:
    executor = get_executor(options.executor)
    try:
        stories = run_stages(articles, options, executor, progress)
    finally:
        executor.close()
    return Digest(stories, list(warnings or []))


def digest_paths(paths: list[str], options: DigestOptions = DigestOptions(),
                 progress: Progress = _noop) -> Digest:
    articles, warnings = read_inputs(paths)
    return digest_articles(articles, options, warnings, progress)

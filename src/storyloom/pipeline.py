"""The digest pipeline: ingest -> analyze -> group -> consolidate, as plain functions."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from storyloom.analyze import analyze_heads, deepen
from storyloom.consolidate import build_brief, story_title
from storyloom.group import group_articles
from storyloom.ingest import read_inputs
from storyloom.model import AnalyzedArticle, Article, Brief, Digest, InputWarning, StoryBrief

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class DigestOptions:
    embedder: str = "use-multilingual"
    briefs: bool = True  # False: grouping only (`storyloom group`)
    entities: bool = True


def _noop(stage: str, done: int, total: int) -> None:
    pass


def digest_articles(articles: list[Article], options: DigestOptions = DigestOptions(),
                    warnings: list[InputWarning] | None = None,
                    progress: Progress = _noop) -> Digest:
    progress("analyze", 0, len(articles))
    analyzed = analyze_heads(articles, options.embedder)
    progress("group", 0, len(articles))
    stories = group_articles(analyzed)
    by_id = {a.id: a for a in analyzed}
    result: list[StoryBrief] = []
    for n, story in enumerate(stories):
        members = [by_id[i] for i in story.article_ids]
        brief = Brief()
        if options.briefs:
            deepen(members, options.embedder, options.entities)
            brief = build_brief(story, members)
        result.append(StoryBrief(story, story_title(members), [m.article for m in members], brief))
        progress("consolidate", n + 1, len(stories))
    result.sort(key=lambda sb: (-len(sb.articles), sb.story.id))
    return Digest(result, list(warnings or []))


def digest_paths(paths: list[str], options: DigestOptions = DigestOptions(),
                 progress: Progress = _noop) -> Digest:
    articles, warnings = read_inputs(paths)
    return digest_articles(articles, options, warnings, progress)


def analyzed_by_id(analyzed: list[AnalyzedArticle]) -> dict[str, AnalyzedArticle]:
    return {a.id: a for a in analyzed}

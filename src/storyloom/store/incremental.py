"""Incremental ingest: new articles join stored stories or start new ones.

Three steps, each committed in small transactions so that a crash at any point leaves
the store consistent and a re-run finishes the job:
1. store articles (deduplicated by URL and content hash; same article again = no-op);
2. group stored-but-ungrouped articles, a chunk at a time: candidate stories are found
   by head-embedding similarity to story centroids, then `group_articles` runs on the
   new articles plus those stories' articles; existing stories are never split, a new
   article that bridges two stories merges them (recorded in the membership history);
3. rebuild the briefs of every story marked stale by step 2.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from storyloom.errors import StoreError
from storyloom.model import AnalyzedArticle, Article, SectionFailure, Story
from storyloom.render.jsonout import failure_to_dict
from storyloom.store.base import Store, chunks, content_hash

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
CANDIDATE_SIMILARITY = 0.35  # looser than grouping's threshold: grouping decides, this only shortlists
CANDIDATE_STORIES = 5  # per new article
CANDIDATE_MEMBERS = 40  # per story: the members closest to the new articles


@dataclass(frozen=True)
class IngestOptions:
    embedder: str = "use-multilingual"
    entities: bool = True
    chunk_size: int = 50
    briefs: bool = True
    strict: bool = False  # True: a brief that fails raises instead of being kept stale
    actor: str = "cli"  # who writes, for the store's audit trail ("api 10.0.0.5", "cli")


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {input/id, existing}
    grouped: int = 0
    new_stories: list[str] = field(default_factory=list)
    merged_stories: list[dict[str, str]] = field(default_factory=list)
    rebuilt_stories: list[str] = field(default_factory=list)
    # new versions of stored articles (same URL, other text): {id, changes}
    updated: list[dict[str, str]] = field(default_factory=list)
    # briefs built with a failed section (or not at all): kept stale, retried next run
    failures: list[SectionFailure] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"added": self.added, "duplicates": self.duplicates, "grouped": self.grouped,
                "new_stories": self.new_stories, "merged_stories": self.merged_stories,
                "rebuilt_stories": self.rebuilt_stories, "updated": self.updated,
                "failures": [failure_to_dict(f) for f in self.failures]}


def _noop(stage: str, done: int, total: int) -> None:
    pass


def ingest_articles(store: Store, articles: list[Article], options: IngestOptions = IngestOptions(),
                    progress: Progress = _noop) -> IngestReport:
    report = IngestReport()
    check_embedder(store, options.embedder)
    store_articles(store, articles, report, options.chunk_size, progress, options.actor)
    finish_pending(store, options, report, progress)
    return report


def finish_pending(store: Store, options: IngestOptions, report: IngestReport,
                   progress: Progress = _noop) -> None:
    """Group whatever is ungrouped and rebuild stale briefs (also resumes a crashed run)."""
    check_embedder(store, options.embedder)
    group_pending(store, options, report, progress)
    rebuild_stale_briefs(store, options, report, progress)


def check_embedder(store: Store, embedder: str) -> None:
    """Head vectors of one store must come from one model, or similarities mean nothing."""
    with store.transaction():
        used = store.get_setting("embedder")
        if used is None:
            store.set_setting("embedder", embedder)
        elif used != embedder:
            raise StoreError(f"this store was built with --embedder {used}; "
                             f"use the same embedder (asked for {embedder})")


def store_articles(store: Store, articles: list[Article], report: IngestReport,
                   chunk_size: int = 50, progress: Progress = _noop, actor: str = "cli") -> None:
    done = 0
    for part in chunks(articles, chunk_size):
        with store.transaction():
            for article in part:
                if _store_one(store, article, report, actor):
                    store.record_write("add", article.id, None, actor)
        done += len(part)
        progress("store", done, len(articles))


_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def figure_changes(old: str, new: str, most: int = 5) -> str:
    """"1,200 -> 2,100; 3 -> 4": the figures the old text had and the new one has not,
    beside those the new one brings, in order; "text changed" when no figure did."""
    before, after = Counter(_FIGURE.findall(old)), Counter(_FIGURE.findall(new))
    gone = [f for f in dict.fromkeys(_FIGURE.findall(old)) if before[f] > after[f]]
    came = [f for f in dict.fromkeys(_FIGURE.findall(new)) if after[f] > before[f]]
    pairs = [f"{a} -> {b}" for a, b in zip(gone, came)]
    pairs += [f"{a} -> (gone)" for a in gone[len(came):]] + [f"(new) {b}" for b in came[len(gone):]]
    return "; ".join(pairs[:most]) or "text changed"


def _store_one(store: Store, article: Article, report: IngestReport, actor: str = "cli") -> bool:
    """Store the article unless the store has it (same URL or text); True when stored.
    The same URL with another text is a new version (a correction): it replaces the
    stored one, its story is rebuilt, and the change is reported and audited."""
    digest = content_hash(article)
    at_url = store.article_at_url(article.url or "")
    if at_url is not None and at_url[1] != digest:
        stored_id, _, old_text = at_url
        story_id = store.replace_article(stored_id, article, digest)
        changes = figure_changes(old_text, article.text)
        store.record_write("update", stored_id, story_id, actor, changes)
        report.updated.append({"id": stored_id, "changes": changes})
        return False
    existing = store.find_duplicate(article.url or "", digest)
    if existing is not None:
        report.duplicates.append({"input": article.input or article.id, "id": article.id,
                                  "existing": existing})
        return False
    if store.has_article_id(article.id):
        # a different article under a taken id (e.g. two folders with 'a.txt')
        article.id = f"{article.id}-{digest[:8]}"
    store.add_article(article, digest)
    report.added.append(article.id)
    return True


def remove_articles(store: Store, article_ids: list[str], options: IngestOptions = IngestOptions(),
                    progress: Progress = _noop) -> IngestReport:
    """Remove articles (each recorded in the audit trail) and rebuild the briefs of the
    stories that lost one; a story left empty disappears from the list. An unknown id is a
    NotFoundError naming it, and nothing is removed."""
    report = IngestReport()
    with store.transaction():
        for article_id in article_ids:
            store.article_story(article_id)  # raises NotFoundError before anything changes
        for article_id in article_ids:
            story_id = store.remove_article(article_id)
            store.record_write("remove", article_id, story_id, options.actor)
    rebuild_stale_briefs(store, options, report, progress)
    return report


def group_pending(store: Store, options: IngestOptions, report: IngestReport,
                  progress: Progress = _noop) -> None:
    from storyloom.analyze import analyze_heads

    while True:
        pending = store.pending_article_ids(options.chunk_size)
        if not pending:
            return
        with store.transaction():
            new = analyze_heads(store.get_articles(pending), options.embedder)
            for item in new:
                store.set_analysis(item.id, item.article.language, item.head_embedding)
            _group_chunk(store, new, options.embedder, report)
        report.grouped += len(new)
        progress("group", report.grouped, report.grouped + len(store.pending_article_ids(10**9)))


def _candidates(store: Store, new: list[AnalyzedArticle], embedder: str) -> list[AnalyzedArticle]:
    """Stored articles of the stories the new ones may belong to."""
    from storyloom.analyze import analyze_heads

    stored = store.story_ids_with_centroid()
    if not stored:
        return []
    heads = np.vstack([a.head_embedding for a in new])
    centroids = np.vstack([c for _, c in stored])
    if centroids.shape[1] != heads.shape[1]:
        raise StoreError("stored story vectors have another size: was the embedder changed?")
    sims = heads @ centroids.T
    chosen: set[str] = set()
    for row in sims:
        for j in np.argsort(-row)[:CANDIDATE_STORIES]:
            if row[j] >= CANDIDATE_SIMILARITY:
                chosen.add(stored[j][0])
    member_ids: list[str] = []
    for story_id in sorted(chosen):
        ids = store.story_article_ids(story_id)
        vectors = store.head_vectors(ids)
        ids = [i for i in ids if i in vectors]
        if len(ids) > CANDIDATE_MEMBERS:
            closeness = np.vstack([vectors[i] for i in ids]) @ heads.T
            order = np.argsort(-closeness.max(axis=1))[:CANDIDATE_MEMBERS]
            ids = [ids[k] for k in sorted(order)]
        member_ids.extend(ids)
    return analyze_heads(store.get_articles(member_ids), embedder) if member_ids else []


def _group_chunk(store: Store, new: list[AnalyzedArticle], embedder: str,
                 report: IngestReport) -> None:
    from storyloom.group import group_articles

    candidates = _candidates(store, new, embedder)
    story_of = {c.id: story for c in candidates if (story := store.article_story(c.id)) is not None}
    redirect: dict[str, str] = {}

    def current(story_id: str) -> str:
        while story_id in redirect:
            story_id = redirect[story_id]
        return story_id

    for group in group_articles(new + candidates):
        new_members = [m for m in group.memberships if m.article_id not in story_of]
        if not new_members:
            continue  # only stored articles: existing stories are never split
        existing = sorted({current(story_of[i]) for i in group.article_ids if i in story_of},
                          key=lambda s: (-len(store.story_article_ids(s)), s))
        if existing:
            target = existing[0]
            for other in existing[1:]:
                store.merge_story(other, target)
                redirect[other] = target
                report.merged_stories.append({"from": other, "into": target})
        else:
            target = new_story_id(new_members[0].article_id)
            store.create_story(target)
            report.new_stories.append(target)
        for membership in new_members:
            store.assign(membership, target, "join")
        _update_centroid(store, target)


def _update_centroid(store: Store, story_id: str) -> None:
    """Kept current while grouping, so the next chunk can find this story."""
    vectors = list(store.head_vectors(store.story_article_ids(story_id)).values())
    if vectors:
        store.set_centroid(story_id, unit_mean(np.vstack(vectors)))


def unit_mean(vectors: np.ndarray) -> np.ndarray:
    mean = vectors.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def new_story_id(first_article_id: str) -> str:
    return "s" + hashlib.sha1(first_article_id.encode("utf-8")).hexdigest()[:12]


def rebuild_stale_briefs(store: Store, options: IngestOptions, report: IngestReport,
                         progress: Progress = _noop) -> None:
    stale = store.stale_story_ids()
    for n, story_id in enumerate(stale):
        with store.transaction():
            data = rebuild_brief(store, story_id, options)
        failures = [SectionFailure(**f) for f in data.get("failures", [])]
        if failures:  # saved as far as it goes, and built again on the next run
            store.mark_stale(story_id)
            report.failures.extend(failures)
        report.rebuilt_stories.append(story_id)
        progress("briefs", n + 1, len(stale))


def rebuild_brief(store: Store, story_id: str, options: IngestOptions) -> dict:
    from storyloom.analyze import analyze_heads
    from storyloom.pipeline import consolidate_story
    from storyloom.render.jsonout import story_to_dict

    articles = store.get_articles(store.story_article_ids(story_id))
    members = analyze_heads(articles, options.embedder)
    story = Story(story_id, [m.id for m in members], store.memberships(story_id))
    # without briefs: grouping only, like `storyloom group`
    built = consolidate_story(story, members, embedder=options.embedder, entities=options.entities,
                              briefs=options.briefs, strict=options.strict)
    built.articles = articles
    data = story_to_dict(built)
    latest = max((a.published or "") for a in articles) if articles else ""
    store.save_brief(story_id, data, latest)
    return data

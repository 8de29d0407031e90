"""The digest pipeline: ingest -> analyze -> group -> consolidate, as plain functions.

Every stage runs through an executor (in-process, process pool or Dask): ingest per
input file, analysis in chunks cut by publication time (time windows; each chunk also
extracts its grouping features), grouping as one task over the features of the whole
batch, consolidation per story. Results are the same whichever executor runs them.
"""
from __future__ import annotations

import dataclasses
import logging
import pickle
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import overload

import numpy as np
from scipy import sparse

from storyloom.analyze import analyze_heads, deepen
from storyloom.consolidate import build_brief_isolated, story_title
from storyloom.engine import Executor, get_executor, resolve_auto
from storyloom.engine.base import AUTO_PROCESS_MIN_ARTICLES
from storyloom.errors import SectionError
from storyloom.group.batch import group_table
from storyloom.group.features import FeatureTable, extract
from storyloom.ingest import read_inputs
from storyloom.model import (
    AnalyzedArticle,
    Article,
    Brief,
    Digest,
    InputWarning,
    SectionFailure,
    Sentence,
    Story,
    StoryBrief,
)

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)
ANALYSIS_CHUNK = 256  # articles per analysis task: big enough to batch model calls well
PROGRESS_STEPS = 20  # with a progress bar: at least this many analysis chunks, so it moves
MIN_PROGRESS_CHUNK = 4  # ... but never so small that model calls stop batching


@dataclass(frozen=True)
class DigestOptions:
    embedder: str = "use-multilingual"
    briefs: bool = True  # False: grouping only (`storyloom group`)
    entities: bool = True
    executor: str = "auto"  # process pool for big batches on several cores, else local
    chunk_size: int = ANALYSIS_CHUNK
    # False: an internal error in one story's brief (or one section of it) is caught
    # there and reported in the digest's failures; True: it is raised (tests, --strict)
    strict: bool = False


def _noop(stage: str, done: int, total: int) -> None:
    pass


def _analyze_chunk(articles: list[Article], embedder: str, keep_sentences: bool = True
                   ) -> tuple[list[AnalyzedArticle], FeatureTable, list[np.ndarray] | None]:
    """Heads and grouping features of a chunk; without `keep_sentences` each article's
    sentences come back as their offsets only (a row per sentence)."""
    analyzed = analyze_heads(articles, embedder)
    table = extract(analyzed)
    if keep_sentences:
        return analyzed, table, None
    # the driver holds every analysed article until its story is sent, and the
    # sentences (each an object with a copy of its text) were half of each
    offsets = [np.array([(s.start, s.end) for s in a.sentences], dtype=np.int64).reshape(-1, 2)
               for a in analyzed]
    return [dataclasses.replace(a, sentences=[]) for a in analyzed], table, offsets


def with_sentences(member: AnalyzedArticle, offsets: np.ndarray) -> AnalyzedArticle:
    """The member with its sentences made again from their offsets (a sentence's text is
    the article's text between them, as split_sentences cuts it)."""
    text = member.article.text
    return dataclasses.replace(member, sentences=[
        Sentence(member.id, k, start, end, text[start:end])
        for k, (start, end) in enumerate(offsets.tolist())])


def consolidate_story(story: Story, members: list[AnalyzedArticle], *, embedder: str,
                      entities: bool = True, briefs: bool = True, strict: bool = False
                      ) -> StoryBrief:
    """One story's brief. A section that fails is reported and the rest kept; a failure
    outside any section (analysis of the members, the title) leaves an empty brief and is
    reported as section "story". The other stories never see either."""
    failures: list[SectionFailure] = []
    brief = Brief()
    title = ""
    try:
        title = story_title(members)
        if briefs:
            members = [within_brief_limit(m) for m in members]
            deepen(members, embedder, entities)
            brief, failures = build_brief_isolated(story, members, strict)
    except SectionError:
        raise
    except Exception as exc:  # the story's boundary
        if strict:
            raise SectionError(story.id, "story", exc) from exc
        failures = [SectionFailure(story.id, "story", f"{type(exc).__name__}: {exc}")]
        brief = Brief()
    for failure in failures:
        log.warning("story %s: %s", failure.story, failure.problem)
    # the articles are not sent back: the driver has them (see run_stages)
    return StoryBrief(story, title, [], brief, failures)


MAX_BRIEF_SENTENCES = 400  # ~8,000 words: past it the brief reads an article's first part


def within_brief_limit(member: AnalyzedArticle) -> AnalyzedArticle:
    """The member as the brief reads it: its first MAX_BRIEF_SENTENCES sentences. The
    brief compares every statement of a story with every other, so an article of 2 MB
    (~16,000 sentences) would cost memory with the square of its length; past the limit
    its cost is that of the limit (grouping still reads the whole text)."""
    if len(member.sentences) <= MAX_BRIEF_SENTENCES:
        return member
    log.warning("article %s: %d sentences; its brief reads the first %d", member.id,
                len(member.sentences), MAX_BRIEF_SENTENCES)
    embeddings = member.sentence_embeddings
    return dataclasses.replace(
        member, sentences=member.sentences[:MAX_BRIEF_SENTENCES],
        sentence_embeddings=None if embeddings is None else embeddings[:MAX_BRIEF_SENTENCES],
        mentions=[m for m in member.mentions
                  if m.sentence < MAX_BRIEF_SENTENCES] if member.mentions else [])


# a consolidation job: the story, its analysed members, each member's sentence offsets
_Job = tuple[Story, list[AnalyzedArticle], list[np.ndarray]]


def _consolidate_story(job: _Job,
                       options: DigestOptions) -> StoryBrief:
    story, members, offsets = job
    return consolidate_story(story, [with_sentences(m, o) for m, o in zip(members, offsets)],
                             embedder=options.embedder, entities=options.entities,
                             briefs=options.briefs, strict=options.strict)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _time_order(articles: list[Article]) -> list[int]:
    """Article positions by publication time (undated last, then input order): analysis
    chunks then cover time windows, the unit a cluster partitions work by."""
    return sorted(range(len(articles)),
                  key=lambda i: (articles[i].published is None, articles[i].published or "", i))


def analyze_all(articles: list[Article], options: DigestOptions, executor: Executor) -> list[AnalyzedArticle]:
    """Head analysis of every article, in chunks through the executor; input order kept."""
    return analyze_and_extract(articles, options, executor)[0]


def analyze_and_extract(articles: list[Article], options: DigestOptions, executor: Executor,
                        progress: Progress | None = None
                        ) -> tuple[list[AnalyzedArticle], FeatureTable | None]:
    """Head analysis and grouping features of every article, in input order. With a
    `progress` callback the chunks are small enough (`PROGRESS_STEPS` of them at least)
    for a bar that moves; the analysis is the same whatever the chunks."""
    analyzed, table, _ = _analyze_in_chunks(articles, options, executor, progress, keep_sentences=True)
    return analyzed, table


def _analyze_in_chunks(articles: list[Article], options: DigestOptions, executor: Executor,
                       progress: Progress | None, keep_sentences: bool
                       ) -> tuple[list[AnalyzedArticle], FeatureTable | None, list[np.ndarray]]:
    """analyze_and_extract; without `keep_sentences` the articles come without their
    sentences, and their offsets (_analyze_chunk) are the third item, in input order."""
    if not articles:
        return [], None, []
    order = _time_order(articles)
    size = options.chunk_size
    if progress is not None:
        size = min(size, max(MIN_PROGRESS_CHUNK, -(-len(articles) // PROGRESS_STEPS)))
    chunks = _chunks([articles[i] for i in order], size)
    ends = np.cumsum([len(c) for c in chunks])
    on_done = None if progress is None else (
        lambda k: progress("analyze", int(ends[k - 1]), len(articles)))
    done = executor.map(partial(_analyze_chunk, embedder=options.embedder, keep_sentences=keep_sentences),
                        chunks, on_done)
    analyzed: list[AnalyzedArticle | None] = [None] * len(articles)
    for position, item in zip(order, (item for chunk, _, _ in done for item in chunk)):
        analyzed[position] = item
    offsets: list[np.ndarray] = []
    if not keep_sentences:
        offsets = [np.empty((0, 2), np.int64)] * len(articles)
        for position, rows in zip(order, (rows for _, _, chunk in done for rows in chunk or [])):
            offsets[position] = rows
    back = np.empty(len(order), dtype=np.int64)
    back[order] = np.arange(len(order))  # time-ordered row of each input position
    tables = [table for _, table, _ in done]
    del done  # the chunks' tables are held once, not again in the stacked one's making
    stacked = _concat_tables(tables)
    del tables
    return analyzed, _take_rows(stacked, back), offsets  # type: ignore[return-value]


def _concat_tables(tables: list[FeatureTable]) -> FeatureTable:
    """Rows of several tables stacked: every column is per row (hashed bags share their
    columns), so this is exactly the table of all their articles."""
    return FeatureTable(**{name: _stack([getattr(t, name) for t in tables])
                           for name in _columns()})


def _take_rows(table: FeatureTable, rows: np.ndarray) -> FeatureTable:
    return FeatureTable(**{name: _rows(getattr(table, name), rows) for name in _columns()})


def _columns() -> list[str]:
    return [f.name for f in dataclasses.fields(FeatureTable)]


def _stack(parts: list):
    first = parts[0]
    if isinstance(first, dict):  # bag name -> sparse counts
        return {key: _stack([part[key] for part in parts]) for key in first}
    if sparse.issparse(first):
        return sparse.vstack(parts, format="csr")
    if isinstance(first, np.ndarray):
        return np.concatenate(parts, axis=0)
    return [item for part in parts for item in part]


def _rows(column, rows: np.ndarray):
    if isinstance(column, dict):
        return {key: _rows(value, rows) for key, value in column.items()}
    if sparse.issparse(column) or isinstance(column, np.ndarray):
        return column[rows]
    return [column[r] for r in rows]


class _Jobs:
    """The consolidation jobs, (story, its analysed members), made as they are read: each
    story's members leave the driver's hands once its job is taken (an executor that
    reads its items as it goes then holds only the stories in flight, not every analysed
    article until the last brief is in)."""

    def __init__(self, stories: list[Story], members: dict[str, AnalyzedArticle],
                 offsets: dict[str, np.ndarray]):
        self._stories = stories
        self._members = members
        self._offsets = offsets  # each member's sentences (see _analyze_chunk)
        self._count = len(stories)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[_Job]:
        stories, self._stories = self._stories, []
        for story in stories:
            yield story, [self._members.pop(i) for i in story.article_ids], \
                [self._offsets.pop(i) for i in story.article_ids]


def _packed_brief(job: _Job, options: DigestOptions) -> bytes:
    return pack(_consolidate_story(job, options))


def pack(story_brief: StoryBrief) -> bytes:
    return zlib.compress(pickle.dumps(story_brief, protocol=pickle.HIGHEST_PROTOCOL), 1)


class PackedBriefs(Sequence[StoryBrief]):
    """A digest's story briefs, each kept compressed until it is read (while the briefs
    of 8,000 real articles came in as objects the driver grew by ~230 MB; compressed
    they are ~40 MB) and given its articles then. Each read makes a new object: change
    a brief through a list of them (`list(digest.stories)`), not through this sequence."""

    def __init__(self, packed: list[bytes], articles: list[list[Article]]):
        self._packed = packed
        self._articles = articles

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> StoryBrief: ...

    @overload
    def __getitem__(self, index: slice) -> list[StoryBrief]: ...

    def __getitem__(self, index: int | slice) -> StoryBrief | list[StoryBrief]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        story_brief: StoryBrief = pickle.loads(zlib.decompress(self._packed[index]))
        story_brief.articles = self._articles[index]
        return story_brief

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def run_stages(articles: list[Article], options: DigestOptions, executor: Executor,
               progress: Progress = _noop) -> Sequence[StoryBrief]:
    progress("analyze", 0, len(articles))
    analyzed, table, offsets = _analyze_in_chunks(articles, options, executor,
                                                  None if progress is _noop else progress,
                                                  keep_sentences=False)
    stories = executor.run(group_table, table) if table is not None else []
    by_id = {a.id: a for a in analyzed}
    read = {a.id: a.article for a in analyzed}
    # biggest stories first: they take longest, so workers finish together
    ordered = sorted(stories, key=lambda story: -len(story.article_ids))
    jobs = _Jobs(ordered, by_id, {a.id: rows for a, rows in zip(analyzed, offsets)})
    del by_id, analyzed, table, offsets  # the jobs hold what consolidation needs
    progress("consolidate", 0, len(jobs))
    packed = executor.map(partial(_packed_brief, options=options), jobs,
                          lambda k: progress("consolidate", k, len(jobs)))
    shown = sorted(range(len(ordered)), key=lambda k: (-len(ordered[k].article_ids), ordered[k].id))
    # the driver's copies of the articles, not a second copy from each worker
    return PackedBriefs([packed[k] for k in shown],
                        [[read[i] for i in ordered[k].article_ids] for k in shown])


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
    spec = options.executor
    if spec == "auto" and (_input_bytes(paths) < WARM_MIN_BYTES
                           or resolve_auto(spec, AUTO_PROCESS_MIN_ARTICLES) != "process"):
        articles, warnings = read_inputs(paths)  # the choice depends on the batch
        return digest_articles(articles, options, warnings, progress)
    executor = get_executor("process" if spec == "auto" else spec)
    try:
        # workers load their models while the input is read (otherwise the first
        # analysis task would wait for them)
        executor.warm(partial(load_models, options.embedder, options.briefs and options.entities))
        articles, warnings = read_inputs(paths, executor.map)  # one task per input file
        if spec == "auto" and resolve_auto(spec, len(articles)) == "local":
            executor.close()  # fewer articles than the input's size suggested
            executor = get_executor("local")
        stories = run_stages(articles, options, executor, progress)
    finally:
        executor.close()
    return Digest(stories, warnings)


# an input this big is most likely AUTO_PROCESS_MIN_ARTICLES articles or more: for `auto`
# the process pool is started (and its models loaded) before the input is read
WARM_MIN_BYTES = 512 * 1024


def _input_bytes(paths: list[str]) -> int:
    """Size of the local files among `paths` (folders walked; URLs and stdin count 0)."""
    total = 0
    for path in map(Path, paths):
        try:
            if path.is_file():
                total += path.stat().st_size
            elif path.is_dir():
                total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
        except OSError:
            continue  # unreadable: read_inputs reports it
        if total >= WARM_MIN_BYTES:
            break
    return total


def load_models(embedder: str, entities: bool) -> None:
    """Load what analysis will use, once per process."""
    from storyloom.analyze.embed import get_embedder
    from storyloom.analyze.entities import load_tagger

    get_embedder(embedder)
    if entities:
        load_tagger()

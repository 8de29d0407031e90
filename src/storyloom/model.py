"""Records that flow between the pipeline stages.

ingest -> Article; analyze -> AnalyzedArticle; group -> Story; consolidate -> Brief.
Character offsets (`start`, `end`) always point into `Article.text`, the text as it
was read (for HTML: the text trafilatura extracted), so every citation in a brief can
be traced back to the exact source characters.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Article:
    id: str
    text: str  # original text as read; offsets point here
    title: str = ""
    source: str = ""  # outlet name (or domain); "" when unknown
    url: str = ""
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime, when known
    language: str = ""
    # kept paragraphs after boilerplate removal: (start, end) offsets into `text`
    blocks: list[tuple[int, int]] = field(default_factory=list)
    input: str = ""  # the file / URL / stream it came from, for messages
    syndicated_of: str | None = None  # id of the article this one copies, if any
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. a `story` label in JSONL

    @property
    def clean_text(self) -> str:
        """The body without furniture: kept blocks joined by blank lines."""
        if not self.blocks:
            return self.text
        return "\n\n".join(self.text[s:e] for s, e in self.blocks)

    @property
    def publisher(self) -> str:
        """Who counts as one independent outlet (source, else URL host, else the id)."""
        if self.source:
            return self.source.strip().lower()
        if self.url:
            from urllib.parse import urlparse

            host = urlparse(self.url).netloc.lower()
            return host[4:] if host.startswith("www.") else host
        return f"article:{self.id}"

    @property
    def outlet(self) -> str:
        """The outlet's name as readers know it: the source as written, else the URL
        host, else the article id."""
        if self.source:
            return self.source
        publisher = self.publisher
        return self.id if publisher.startswith("article:") else publisher


@dataclass
class Sentence:
    article_id: str
    index: int  # position in the article, 0-based
    start: int
    end: int
    text: str


@dataclass
class Mention:
    """A named entity occurrence."""

    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, ...
    start: int
    end: int
    sentence: int


@dataclass
class AnalyzedArticle:
    article: Article
    sentences: list[Sentence]
    head_embedding: np.ndarray  # title + lead, unit length
    sentence_embeddings: np.ndarray | None = None  # (len(sentences), dim), unit length
    mentions: list[Mention] = field(default_factory=list)
    embedder: str = "use-multilingual"  # the model behind the embeddings: new text must share its space

    @property
    def id(self) -> str:
        return self.article.id


# ---- grouping -------------------------------------------------------------------


@dataclass
class Signal:
    name: str  # e.g. "embedding", "entities", "numbers", "time"
    score: float


@dataclass
class Membership:
    """Why an article is in its story: the strongest link and its signals."""

    article_id: str
    linked_to: str | None  # the article it matched best; None for the story's seed
    score: float
    signals: list[Signal] = field(default_factory=list)


@dataclass
class Story:
    id: str
    article_ids: list[str]
    memberships: list[Membership] = field(default_factory=list)


# ---- consolidation --------------------------------------------------------------


@dataclass
class Evidence:
    """One source sentence backing a claim."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class SummarySentence:
    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Fact:
    text: str
    sources: list[str]
    corroboration: int  # independent outlets reporting it
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Claim:
    value: str
    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Conflict:
    kind: str  # number | date | duration | role | place | speaker | name
    about: str
    claims: list[Claim]
    note: str = ""
    contradiction: bool = True  # False: related but different figures, shown side by side
    # contradiction | update (every report of one side is later than every report of the
    # others: the later figure may revise the earlier) | related (contradiction False)
    relation: str = "contradiction"


@dataclass
class QuoteItem:
    speaker: str
    text: str
    sources: list[str]
    variants: list[str] = field(default_factory=list)
    role: str = ""
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Entity:
    name: str
    type: str
    variants: list[str]
    sources: list[str]
    roles: list[str] = field(default_factory=list)


@dataclass
class TimelineEntry:
    date: str  # ISO date, or a partial one (YYYY-MM, year-less --MM-DD)
    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    # the day is estimated from an elapsed time ("three weeks after December 7"), which
    # is round: the true day may be a few days off
    approximate: bool = False


@dataclass
class Coverage:
    source: str
    unique: list[str]
    missing: list[str]


@dataclass
class Brief:
    summary: list[SummarySentence] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)


@dataclass
class InputWarning:
    input: str
    problem: str


@dataclass
class SectionFailure:
    """One part of one story's brief that could not be built (an internal error caught at
    that boundary): the story keeps every other part. `section` is a Brief field name, or
    "story" when the whole brief failed."""

    story: str
    section: str
    error: str  # "ExceptionType: message"

    @property
    def problem(self) -> str:
        what = "the brief" if self.section == "story" else f"the {self.section} section"
        return f"{what} could not be built ({self.error})"


@dataclass
class StoryBrief:
    """A story with its articles and brief: one entry of the digest's `stories`."""

    story: Story
    title: str
    articles: list[Article]
    brief: Brief
    failures: list[SectionFailure] = field(default_factory=list)


@dataclass
class Digest:
    stories: Sequence[StoryBrief]  # a list, or the pipeline's compressed PackedBriefs
    warnings: list[InputWarning] = field(default_factory=list)

    @property
    def failures(self) -> list[SectionFailure]:
        return [f for s in self.stories for f in s.failures]

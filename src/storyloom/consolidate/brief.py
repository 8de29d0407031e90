"""Assemble a story's brief from the consolidation parts, one module per part."""
from __future__ import annotations

import numpy as np

from storyloom.consolidate.conflicts import find_conflicts
from storyloom.consolidate.coverage import build_coverage
from storyloom.consolidate.disputed import separate_disputed
from storyloom.consolidate.entities import merge_entities
from storyloom.consolidate.facts import align_facts
from storyloom.consolidate.quotes import extract_quotes
from storyloom.consolidate.readings import StoryReadings
from storyloom.consolidate.summary import summarise
from storyloom.consolidate.timeline import build_timeline
from storyloom.errors import SectionError
from storyloom.model import AnalyzedArticle, Brief, Conflict, Evidence, SectionFailure, Story


def story_title(members: list[AnalyzedArticle]) -> str:
    """The title of the article most central to the story."""
    titled = [m for m in members if m.article.title] or members
    if len(titled) == 1:
        return titled[0].article.title
    vectors = np.vstack([m.head_embedding for m in titled])
    centrality = (vectors @ vectors.T).sum(axis=1)
    return titled[int(centrality.argmax())].article.title


def outvoted_evidence(conflicts: list[Conflict]) -> list[Evidence]:
    """Sentences carrying a side of a contradiction that fewer outlets report than
    another side (ties outvote nobody)."""
    spans = []
    for conflict in conflicts:
        if not conflict.contradiction:
            continue
        most = max(len(set(c.sources)) for c in conflict.claims)
        spans += [e for c in conflict.claims if len(set(c.sources)) < most for e in c.evidence]
    return spans


def build_brief(story: Story, members: list[AnalyzedArticle]) -> Brief:
    """Members must be deepened (sentence embeddings, mentions). Any error propagates
    (as a SectionError naming the story and section)."""
    return build_brief_isolated(story, members, strict=True)[0]


def build_brief_isolated(story: Story, members: list[AnalyzedArticle], strict: bool = False
                         ) -> tuple[Brief, list[SectionFailure]]:
    """The brief with each section built behind its own boundary: a section that raises
    is left empty and reported, and the others are still built (those that read it get
    it empty: facts without conflicts are not split by side). `strict` re-raises instead,
    so that tests and `--strict` runs do not hide bugs."""
    failures: list[SectionFailure] = []

    def section(name, build, empty):
        try:
            return build()
        except Exception as exc:  # the section's boundary: see the docstring
            if strict:
                raise SectionError(story.id, name, exc) from exc
            failures.append(SectionFailure(story.id, name, f"{type(exc).__name__}: {exc}"))
            return empty

    readings = StoryReadings(members)  # each article's readings, the alignment and quote groups, made once
    conflicts = section("conflicts", lambda: find_conflicts(members, readings=readings), [])
    facts = section("facts", lambda: separate_disputed(
        align_facts(members, clusters=readings.clusters()), conflicts, members), [])
    brief = Brief(
        summary=section("summary", lambda: summarise(facts, members, avoid=outvoted_evidence(conflicts)), []),
        facts=facts,
        conflicts=conflicts,
        quotes=section("quotes", lambda: extract_quotes(members, readings.quote_groups()), []),
        entities=section("entities", lambda: merge_entities(members), []),
        timeline=section("timeline", lambda: build_timeline(members, lambda m: readings.article(m).times), []),
        coverage=section("coverage", lambda: build_coverage(facts, members), []),
    )
    return brief, failures

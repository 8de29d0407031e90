"""Assemble a story's brief from the consolidation parts, one module per part."""
from __future__ import annotations

import numpy as np

from storyloom.consolidate.conflicts import find_conflicts
from storyloom.consolidate.coverage import build_coverage
from storyloom.consolidate.disputed import separate_disputed
from storyloom.consolidate.entities import merge_entities
from storyloom.consolidate.facts import align_facts
from storyloom.consolidate.quotes import extract_quotes
from storyloom.consolidate.summary import summarise
from storyloom.consolidate.timeline import build_timeline
from storyloom.model import AnalyzedArticle, Brief, Conflict, Evidence, Story


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
    """Members must be deepened (sentence embeddings, mentions)."""
    conflicts = find_conflicts(members)
    facts = separate_disputed(align_facts(members), conflicts, members)
    return Brief(
        summary=summarise(facts, members, avoid=outvoted_evidence(conflicts)),
        facts=facts,
        conflicts=conflicts,
        quotes=extract_quotes(members),
        entities=merge_entities(members),
        timeline=build_timeline(members),
        coverage=build_coverage(facts, members),
    )

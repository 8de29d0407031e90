"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Conflict, Entity, Fact, QuoteItem, TimelineEntry


def align_facts(members: list[AnalyzedArticle]) -> list[Fact]:
    return []

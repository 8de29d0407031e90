"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Conflict, Entity, Fact, QuoteItem, TimelineEntry


def merge_entities(members: list[AnalyzedArticle]) -> list[Entity]:
    return []

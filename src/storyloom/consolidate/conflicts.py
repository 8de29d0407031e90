"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Conflict, Entity, Fact, QuoteItem, TimelineEntry


def find_conflicts(members: list[AnalyzedArticle]) -> list[Conflict]:
    return []

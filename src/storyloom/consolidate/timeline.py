"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Conflict, Entity, Fact, QuoteItem, TimelineEntry


def build_timeline(members: list[AnalyzedArticle]) -> list[TimelineEntry]:
    return []

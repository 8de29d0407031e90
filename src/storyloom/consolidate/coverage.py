"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Coverage, Fact


def build_coverage(facts: list[Fact], members: list[AnalyzedArticle]) -> list[Coverage]:
    return []

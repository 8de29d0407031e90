"""Placeholder: the real implementation is being written."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Evidence, Fact, SummarySentence


def summarise(facts: list[Fact], members: list[AnalyzedArticle]) -> list[SummarySentence]:
    out = []
    for member in members[:3]:
        if member.sentences:
            s = member.sentences[0]
            out.append(SummarySentence(s.text, [member.id], [Evidence(member.id, s.start, s.end, s.text)]))
    return out

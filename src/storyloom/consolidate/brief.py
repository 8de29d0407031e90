"""Assemble a story's brief from the consolidation parts (first version)."""
from __future__ import annotations

from storyloom.model import AnalyzedArticle, Brief, Evidence, Story, SummarySentence


def story_title(members: list[AnalyzedArticle]) -> str:
    """The title of the article most central to the story."""
    titled = [m for m in members if m.article.title] or members
    if len(titled) == 1:
        return titled[0].article.title
    import numpy as np

    vectors = np.vstack([m.head_embedding for m in titled])
    centrality = (vectors @ vectors.T).sum(axis=1)
    return titled[int(centrality.argmax())].article.title


def build_brief(story: Story, members: list[AnalyzedArticle]) -> Brief:
    summary = []
    for member in members[:3]:
        if member.sentences:
            s = member.sentences[0]
            summary.append(SummarySentence(s.text, [member.id],
                                           [Evidence(member.id, s.start, s.end, s.text)]))
    return Brief(summary=summary)

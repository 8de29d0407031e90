"""Batch grouping: average-link clustering of title+lead embeddings (first version)."""
from __future__ import annotations

import numpy as np

from storyloom.model import AnalyzedArticle, Membership, Signal, Story

SAME_STORY_THRESHOLD = 0.55


def group_articles(analyzed: list[AnalyzedArticle]) -> list[Story]:
    if not analyzed:
        return []
    from sklearn.cluster import AgglomerativeClustering

    vectors = np.vstack([a.head_embedding for a in analyzed])
    if len(analyzed) == 1:
        labels = np.array([0])
    else:
        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average",
            distance_threshold=1 - SAME_STORY_THRESHOLD).fit_predict(vectors)
    stories = []
    for label in sorted(set(labels), key=lambda l: int(np.where(labels == l)[0][0])):
        members = [analyzed[i] for i in np.where(labels == label)[0]]
        stories.append(_story(len(stories), members))
    return stories


def _story(index: int, members: list[AnalyzedArticle]) -> Story:
    vectors = np.vstack([m.head_embedding for m in members])
    sims = vectors @ vectors.T
    memberships = []
    for i, member in enumerate(members):
        if len(members) == 1:
            memberships.append(Membership(member.id, None, 1.0))
            continue
        row = sims[i].copy()
        row[i] = -1
        j = int(row.argmax())
        memberships.append(Membership(member.id, members[j].id, float(row[j]),
                                      [Signal("embedding", float(row[j]))]))
    return Story(f"s{index + 1}", [m.id for m in members], memberships)

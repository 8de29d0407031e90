"""Extractive story summary built from the story's facts.

Each summary sentence is an exact source sentence (the wording of one fact) and cites
every article that reports the fact. Selection is MMR-like: a fact's importance
mixes how many outlets report it (cross-document centrality), how early it comes
(news leads carry the essentials) and how close it is to the story as a whole;
redundancy with what was already chosen is subtracted, so the summary covers
different facts instead of one fact in five wordings.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from storyloom.model import AnalyzedArticle, Fact, SummarySentence

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 5
# importance weights (see module doc); REDUNDANCY is the MMR trade-off
CORROBORATION_WEIGHT = 1.0
LEAD_WEIGHT = 0.5
CENTRALITY_WEIGHT = 1.0
REDUNDANCY = 0.7
MIN_SUMMARY_WORDS = 6  # headlines and fragments read badly in a summary


@dataclass
class Candidate:
    fact: Fact
    vector: np.ndarray
    importance: float
    words: int


def _sentence_vectors(members: list[AnalyzedArticle]) -> dict[tuple[str, int], np.ndarray]:
    vectors = {}
    for member in members:
        if member.sentence_embeddings is None:
            continue
        for sentence, row in zip(member.sentences, member.sentence_embeddings):
            vectors[(member.id, sentence.start)] = row
    return vectors


def _positions(members: list[AnalyzedArticle]) -> dict[tuple[str, int], float]:
    """Relative position of each sentence in its article: 0 = first."""
    return {(m.id, s.start): s.index / max(len(m.sentences), 1)
            for m in members for s in m.sentences}


def _candidates(facts: list[Fact], members: list[AnalyzedArticle]) -> list[Candidate]:
    vectors = _sentence_vectors(members)
    positions = _positions(members)
    outlets = max((f.corroboration for f in facts), default=1)
    rows = []
    for fact in facts:
        keys = [(e.article_id, e.start) for e in fact.evidence if (e.article_id, e.start) in vectors]
        if not keys or len(fact.evidence[0].text.split()) < MIN_SUMMARY_WORDS:
            continue
        mean = np.mean([vectors[k] for k in keys], axis=0)
        lead = 1.0 - min(positions.get(k, 1.0) for k in keys)
        share = fact.corroboration / outlets
        rows.append((fact, mean / max(float(np.linalg.norm(mean)), 1e-12), share, lead))
    if not rows:
        return []
    story = np.mean([r[1] for r in rows], axis=0)
    story /= max(float(np.linalg.norm(story)), 1e-12)
    return [Candidate(fact, vec, CORROBORATION_WEIGHT * share + LEAD_WEIGHT * lead
                      + CENTRALITY_WEIGHT * float(vec @ story),
                      len(fact.evidence[0].text.split()))
            for fact, vec, share, lead in rows]


def _pick(pool: list[Candidate], chosen: list[Candidate]) -> Candidate:
    def gain(c: Candidate) -> float:
        overlap = max((float(c.vector @ s.vector) for s in chosen), default=0.0)
        return c.importance - REDUNDANCY * overlap

    return max(pool, key=gain)


def summarise(facts: list[Fact], members: list[AnalyzedArticle],
              max_sentences: int = DEFAULT_SENTENCES,
              max_words: int | None = None) -> list[SummarySentence]:
    """Pick facts until `max_sentences`, or until `max_words` is reached (the last
    sentence may cross the budget; callers that need an exact budget trim the text)."""
    pool = _candidates(facts, members)
    chosen: list[Candidate] = []
    words = 0
    while pool and (max_words is not None or len(chosen) < max_sentences):
        if max_words is not None and words >= max_words:
            break
        best = _pick(pool, chosen)
        # one sentence can word two facts (a packed sentence): never say it twice
        pool = [c for c in pool if c.fact.evidence[0].text != best.fact.evidence[0].text]
        chosen.append(best)
        words += best.words
    log.debug("summary: %d of %d facts, %d words", len(chosen), len(facts), words)
    return [SummarySentence(c.fact.evidence[0].text, list(c.fact.sources), list(c.fact.evidence))
            for c in chosen]

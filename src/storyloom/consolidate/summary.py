"""Extractive story summary built from the story's facts.

Each summary sentence is an exact source sentence (one wording of one fact) and
cites every article that reports the fact. Selection is greedy, MMR-like. A
sentence's fixed importance mixes how many outlets report its fact (cross-document
centrality), how early it comes (news leads and headlines carry the essentials),
how close it is to the story's embedding centroid, and a small penalty for direct
speech (a summary reports; quotes have their own section). On top comes a
SumBasic-style coverage gain: the mean weight of its content words, a word's
weight being the share of the story's articles that use it, and words already
said counting COVERED_DECAY as much — which is the redundancy control: a second
wording of a chosen fact brings no new words and loses to a different fact.
Weights were tuned on NeuS train (first 300 stories), see `storyloom eval summaries`.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyloom.model import AnalyzedArticle, Evidence, Fact, SummarySentence

log = logging.getLogger(__name__)

DEFAULT_SENTENCES = 5
# weights of the importance parts (see module doc)
CORROBORATION_WEIGHT = 1.0
LEAD_WEIGHT = 0.5
CENTRALITY_WEIGHT = 1.0
HEADLINE_WEIGHT = 1.0  # the lead prior of a headline (a first sentence gets 1)
DIRECT_SPEECH_PENALTY = 0.25
LEXICAL_WEIGHT = 4.0  # the coverage gain (the two tuned: this and COVERED_DECAY)
COVERED_DECAY = 0.3
MIN_SUMMARY_WORDS = 6  # headlines and fragments read badly in a summary
_WORD = re.compile(r"\w+")
_DIRECT_SPEECH = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb?]|\b(?:I|we|We|my|My|our|Our|you|You)\b")


@dataclass
class Candidate:
    fact: Fact
    sentence: Evidence  # the exact source sentence that would be shown
    importance: float  # what does not change as sentences are chosen
    headline: bool = False
    content: frozenset[str] = frozenset()  # content words, for the coverage gain

    @property
    def words(self) -> int:
        return len(self.sentence.text.split())


def _sentence_vectors(members: list[AnalyzedArticle]) -> dict[tuple[str, int], np.ndarray]:
    vectors = {}
    for member in members:
        if member.sentence_embeddings is None:
            continue
        for sentence, row in zip(member.sentences, member.sentence_embeddings):
            vectors[(member.id, sentence.start)] = row
    return vectors


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _positions(members: list[AnalyzedArticle]) -> dict[tuple[str, int], float]:
    """Relative position of each sentence in its article: 0 = first; a headline
    (the sentence that is the article's title) comes before the first, at -1."""
    out = {}
    for m in members:
        title = _normal(m.article.title)
        for s in m.sentences:
            headline = bool(title) and _normal(s.text) == title
            out[(m.id, s.start)] = -1.0 if headline else s.index / max(len(m.sentences), 1)
    return out


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower())
            if w not in ENGLISH_STOP_WORDS and len(w) > 2}


def _shared_vocabulary(members: list[AnalyzedArticle]) -> dict[str, float]:
    """Word -> share of the story's articles using it. Words several outlets use are
    the story's substance (names, the event, the figures), not one outlet's angle."""
    counts: dict[str, int] = {}
    for member in members:
        for word in _content_words(member.article.text):
            counts[word] = counts.get(word, 0) + 1
    n = max(len(members), 1)
    return {w: c / n for w, c in counts.items()}


def _is_direct_speech(text: str) -> bool:
    """Quotes, questions and first/second person: an outlet's voice or a speaker's,
    where a summary reports in the third person (quotes have their own section)."""
    return bool(_DIRECT_SPEECH.search(text))


def _wordings(facts: list[Fact]) -> list[tuple[Fact, Evidence]]:
    """Every source sentence of every fact is a possible wording of it; a sentence
    backing several facts stands for the most corroborated one (facts come sorted)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for fact in facts:
        for evidence in fact.evidence:
            key = (evidence.article_id, evidence.start)
            if key not in seen and len(evidence.text.split()) >= MIN_SUMMARY_WORDS:
                seen.add(key)
                out.append((fact, evidence))
    return out


def _candidates(facts: list[Fact], members: list[AnalyzedArticle]) -> list[Candidate]:
    vectors = _sentence_vectors(members)
    positions = _positions(members)
    outlets = max((f.corroboration for f in facts), default=1)
    rows = [(f, e, vectors[(e.article_id, e.start)]) for f, e in _wordings(facts)
            if (e.article_id, e.start) in vectors]
    if not rows:
        return []
    story = np.mean([r[2] for r in rows], axis=0)
    story /= max(float(np.linalg.norm(story)), 1e-12)
    out = []
    for fact, evidence, vector in rows:
        position = positions.get((evidence.article_id, evidence.start), 1.0)
        lead = HEADLINE_WEIGHT if position < 0 else 1.0 - position
        importance = (CORROBORATION_WEIGHT * fact.corroboration / outlets
                      + LEAD_WEIGHT * lead + CENTRALITY_WEIGHT * float(vector @ story)
                      - DIRECT_SPEECH_PENALTY * _is_direct_speech(evidence.text))
        out.append(Candidate(fact, evidence, importance, position < 0,
                             frozenset(_content_words(evidence.text))))
    return out


def _coverage_gain(candidate: Candidate, vocabulary: dict[str, float],
                   covered: set[str]) -> float:
    """Mean shared-vocabulary weight of the sentence's words, words already said
    counting DECAY as much (SumBasic-style: say the story's substance once)."""
    if not candidate.content:
        return 0.0
    total = sum(vocabulary.get(w, 0.0) * (COVERED_DECAY if w in covered else 1.0)
                for w in candidate.content)
    return total / len(candidate.content)


def _pick(pool: list[Candidate], vocabulary: dict[str, float], covered: set[str]) -> Candidate:
    return max(pool, key=lambda c: c.importance
               + LEXICAL_WEIGHT * _coverage_gain(c, vocabulary, covered))


def summarise(facts: list[Fact], members: list[AnalyzedArticle],
              max_sentences: int = DEFAULT_SENTENCES,
              max_words: int | None = None) -> list[SummarySentence]:
    """Pick facts until `max_sentences`, or until `max_words` is reached (the last
    sentence may cross the budget; callers that need an exact budget trim the text)."""
    pool = _candidates(facts, members)
    vocabulary = _shared_vocabulary(members)
    covered: set[str] = set()
    chosen: list[Candidate] = []
    words = 0
    while pool and (max_words is not None or len(chosen) < max_sentences):
        if max_words is not None and words >= max_words:
            break
        best = _pick(pool, vocabulary, covered)
        covered |= best.content
        # identical sentences (a repeated line, a syndicated copy) are said once, and
        # one headline is enough: a row of headlines reads like an index, not a summary
        pool = [c for c in pool if c.sentence.text != best.sentence.text
                and not (c.headline and best.headline)]
        chosen.append(best)
        words += best.words
    log.debug("summary: %d of %d facts, %d words", len(chosen), len(facts), words)
    return [SummarySentence(c.sentence.text, list(c.fact.sources),
                            [c.sentence] + [e for e in c.fact.evidence if e is not c.sentence])
            for c in chosen]

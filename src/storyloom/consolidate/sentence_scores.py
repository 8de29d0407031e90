"""Learned importance of a candidate summary sentence.

Each candidate (one source sentence wording one fact) gets a feature row: where it
sits in its article, how many outlets report its fact, how close it is to the
story's centroid, the headlines and the other outlets' leads, how many of its words
the other articles and headlines use (`sentence_overlap`), its length and form.
Boosted regression trees (`tree_model`) map the row to the expected share of the
sentence's words (and word pairs) that a human-written neutral summary also uses.
They are fitted on NeuS train only (`storyloom eval summaries train.source
train.target --fit-weights FILE`) and shipped as JSON next to this module — no pickle.
Predicting a per-word share, not a sum, keeps long sentences from winning just by
length when the summary has a word budget.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyloom.analyze.runs import SENTENCE_CACHE
from storyloom.consolidate.sentence_overlap import OVERLAP_FEATURES, OVERLAP_RELATIVE, OverlapContext
from storyloom.consolidate.tree_model import BoostedTrees, fit_boosted
from storyloom.errors import StoryloomError
from storyloom.model import AnalyzedArticle, Evidence, Fact
from storyloom.text import WORD
from storyloom.text.en import STOP_WORDS

log = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("sentence_weights.json")
MIN_SUMMARY_WORDS = 6  # headlines and fragments read badly in a summary
LEAD_SENTENCES = 2  # an article's lead: its first sentences after the headline
_DIRECT_SPEECH = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb?]|\b(?:I|we|We|my|My|our|Our|you|You)\b")
_QUOTE_MARK = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_DIGIT = re.compile(r"\d")

FEATURES = ("relative_position", "headline", "first_body", "log_index", "corroboration_share",
            "extra_outlets", "source_share", "centroid_cosine", "head_cosine", "support_cosine",
            "log_words", "direct_speech", "quote_mark", "has_digit", "shared_vocabulary",
            "lead_overlap", "title_overlap") + OVERLAP_FEATURES
# Features also compared within the story (minus the story's best and its mean): what
# counts is being the most central sentence of this story, not an absolute cosine.
RELATIVE = ("centroid_cosine", "head_cosine", "support_cosine", "shared_vocabulary",
            "lead_overlap", "title_overlap") + OVERLAP_RELATIVE
# Last, the sentence's length against the summary's word budget: a sentence longer
# than the space left is cut, and only its opening words count.
ROW_NAMES = (FEATURES + tuple(f"{f}-best" for f in RELATIVE)
             + tuple(f"{f}-mean" for f in RELATIVE) + ("budget_share",))
NOMINAL_BUDGET = 65  # words, when the caller gives none: about five short sentences
_RELATIVE_COLUMNS = [FEATURES.index(f) for f in RELATIVE]


class ScoringModelError(StoryloomError):
    """The packaged sentence-scoring weights are missing or do not match the features."""


@dataclass
class Wording:
    """One candidate: a source sentence wording a fact, with its feature row."""

    fact: Fact
    sentence: Evidence
    headline: bool
    content: frozenset[str]
    features: np.ndarray
    vector: np.ndarray | None = None  # the sentence's unit embedding


# a story's sentences are read several times (candidate, lead, headline checks) and
# recombined or syndicated copies repeat them: memoised per text, bounded
@lru_cache(maxsize=SENTENCE_CACHE)
def normal(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


@lru_cache(maxsize=SENTENCE_CACHE)
def content_words(text: str) -> frozenset[str]:
    return _content_words(text)


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text.lower())
                     if w not in STOP_WORDS and len(w) > 2)


def is_direct_speech(text: str) -> bool:
    """Quotes, questions and first/second person: an outlet's voice or a speaker's,
    where a summary reports in the third person (quotes have their own section)."""
    return bool(_DIRECT_SPEECH.search(text))


def shared_vocabulary(members: list[AnalyzedArticle]) -> dict[str, float]:
    """Word -> share of the story's articles using it. Words several outlets use are
    the story's substance (names, the event, the figures), not one outlet's angle."""
    counts: dict[str, int] = {}
    for member in members:
        for word in _content_words(member.article.text):  # whole texts: not memoised
            counts[word] = counts.get(word, 0) + 1
    n = max(len(members), 1)
    return {w: c / n for w, c in counts.items()}


def _is_headline(member: AnalyzedArticle, text: str) -> bool:
    title = normal(member.article.title)
    return bool(title) and normal(text) == title


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


@dataclass
class _Story:
    """What every candidate's features are measured against."""

    members: dict[str, AnalyzedArticle]
    sentences: dict[tuple[str, int], tuple[int, int, bool, np.ndarray]]  # index, body index, headline, vector
    centroid: np.ndarray
    heads: np.ndarray
    vocabulary: dict[str, float]
    leads: dict[str, set[str]]  # article id -> content words of the other articles' leads
    titles: set[str]
    outlets: int
    overlap: OverlapContext
    vectors: np.ndarray  # the sentences' vectors, in `sentences` order
    owners: np.ndarray  # each of those rows' article id


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _lead_words(member: AnalyzedArticle) -> set[str]:
    body = [s for s in member.sentences if not _is_headline(member, s.text)]
    return set().union(*(content_words(s.text) for s in body[:LEAD_SENTENCES]))


def _story(facts: list[Fact], members: list[AnalyzedArticle],
           vocabulary: dict[str, float] | None = None) -> _Story:
    sentences = {}
    for m in members:
        if m.sentence_embeddings is None:
            continue
        body = 0
        for s, row in zip(m.sentences, m.sentence_embeddings):
            headline = _is_headline(m, s.text)
            sentences[(m.id, s.start)] = (s.index, body, headline, row)
            body += not headline
    vectors = [v[3] for v in sentences.values()]
    lead_words = {m.id: _lead_words(m) for m in members}
    leads = {aid: set().union(*(w for other, w in lead_words.items() if other != aid))
             for aid in lead_words}
    return _Story({m.id: m for m in members}, sentences,
                  _unit(np.mean(vectors, axis=0)) if vectors else np.zeros(1),
                  np.array([m.head_embedding for m in members]),
                  shared_vocabulary(members) if vocabulary is None else vocabulary, leads,
                  set().union(*(content_words(m.article.title) for m in members)),
                  max((f.corroboration for f in facts), default=1), OverlapContext(members),
                  np.array(vectors), np.array([aid for aid, _ in sentences], dtype=object))


EMBEDDING_BLOCK = 512  # candidates per matrix product: a block x story-sentences array


def _embedding_features(story: _Story, keys: list[tuple[str, int]]) -> np.ndarray:
    """(candidates, 3): cosine with the story's centroid, the best cosine with a
    headline+lead, and the best with a sentence of another article (does another
    outlet say much the same?), for all of a story's candidates in a few products."""
    out = np.zeros((len(keys), 3), np.float64)
    width = len(story.sentences[keys[0]][3]) if keys else 0
    heads_fit = story.heads.ndim == 2 and story.heads.shape[1] == width  # same embedder
    for start in range(0, len(keys), EMBEDDING_BLOCK):
        block = keys[start:start + EMBEDDING_BLOCK]
        rows = np.array([story.sentences[key][3] for key in block])
        out[start:start + len(block), 0] = rows @ story.centroid
        if heads_fit:
            out[start:start + len(block), 1] = (rows @ story.heads.T).max(axis=1)
        own = np.array([key[0] for key in block], dtype=object)[:, None] == story.owners[None, :]
        scores = np.where(own, -np.inf, rows @ story.vectors.T).max(axis=1)
        out[start:start + len(block), 2] = np.where(np.isfinite(scores), scores, 0.0)
    return out


def _share(words: frozenset[str], reference: set[str]) -> float:
    return len(words & reference) / len(words) if words else 0.0


def _features(story: _Story, fact: Fact, evidence: Evidence, words: frozenset[str],
              embedding: np.ndarray) -> np.ndarray:
    index, body_index, headline, _ = story.sentences[(evidence.article_id, evidence.start)]
    member = story.members[evidence.article_id]
    text = evidence.text
    centroid_cosine, head_cosine, support_cosine = embedding.tolist()
    vocabulary = (sum(story.vocabulary.get(w, 0.0) for w in words) / len(words)) if words else 0.0
    return np.array([
        index / max(len(member.sentences), 1), float(headline), float(body_index == 0 and not headline),
        np.log1p(index), fact.corroboration / max(story.outlets, 1), min(fact.corroboration - 1, 3),
        len(fact.sources) / max(len(story.members), 1), centroid_cosine, head_cosine,
        support_cosine, np.log(max(len(text.split()), 1)),
        float(is_direct_speech(text)), float(bool(_QUOTE_MARK.search(text))),
        float(bool(_DIGIT.search(text))), vocabulary,
        _share(words, story.leads.get(evidence.article_id, set())), _share(words, story.titles),
        *story.overlap.row(evidence.article_id, text),
    ], dtype=np.float64)


def with_relative(rows: np.ndarray) -> np.ndarray:
    """A story's feature rows plus the RELATIVE columns against the story's best and mean."""
    columns = rows[:, _RELATIVE_COLUMNS]
    return np.hstack([rows, columns - columns.max(axis=0), columns - columns.mean(axis=0)])


def wordings(facts: list[Fact], members: list[AnalyzedArticle],
             budget: int | None = None,
             vocabulary: dict[str, float] | None = None) -> list[Wording]:
    """Every candidate sentence of the story with its feature row (sentences without
    an embedding cannot be placed in the story and are left out); `budget` is the
    summary's word budget, if it has one; `vocabulary`, the members'
    `shared_vocabulary` when the caller already has it."""
    story = _story(facts, members, vocabulary)
    placed = [(fact, evidence) for fact, evidence in _wordings(facts)
              if (evidence.article_id, evidence.start) in story.sentences]
    embedding = _embedding_features(story, [(e.article_id, e.start) for _, e in placed])
    out = []
    for (fact, evidence), cosines in zip(placed, embedding):
        words = frozenset(content_words(evidence.text))
        _, _, headline, vector = story.sentences[(evidence.article_id, evidence.start)]
        out.append(Wording(fact, evidence, headline, words,
                           _features(story, fact, evidence, words, cosines), _unit(vector)))
    if out:
        space = max(budget or NOMINAL_BUDGET, 1)
        for wording, row in zip(out, with_relative(np.array([w.features for w in out]))):
            wording.features = np.append(row, len(wording.sentence.text.split()) / space)
    return out


@dataclass
class SentenceScorer:
    """Feature rows -> expected word share, through the packaged boosted trees."""

    trees: BoostedTrees

    def score(self, rows: np.ndarray) -> np.ndarray:
        return self.trees.predict(rows)

    def to_json(self) -> dict:
        return {"features": list(ROW_NAMES), **self.trees.to_json()}

    @classmethod
    def from_json(cls, data: dict) -> SentenceScorer:
        if data.get("features") != list(ROW_NAMES):
            raise ScoringModelError("sentence weights were fitted on other features")
        try:
            return cls(BoostedTrees.from_json(data))
        except (KeyError, TypeError, ValueError) as exc:
            raise ScoringModelError(f"malformed sentence weights: {exc}") from exc


def fit_scorer(rows: np.ndarray, targets: np.ndarray, **params) -> SentenceScorer:
    return SentenceScorer(fit_boosted(rows, targets, **params))


@lru_cache(maxsize=1)
def default_scorer() -> SentenceScorer:
    try:
        data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScoringModelError(f"cannot read {WEIGHTS_FILE.name}: {exc}") from exc
    return SentenceScorer.from_json(data)

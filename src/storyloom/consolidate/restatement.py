"""Does one summary sentence restate another? A decision learned from hand labels.

A pair of sentences is described by: the cosine of their embeddings; the share of the
shorter one's content words, and of its names and figures, that the other also uses (a
headline and the lead that tells the same news share most of the headline's words while
their embeddings may sit far apart); whether they come from one article (an article
rarely says its news twice, different outlets' leads often do); how early in their
articles they stand (each outlet leads with the main news); whether one of them is a
headline or a quote; and how their lengths compare. A standardised logistic regression over these, fitted on sentence pairs of
real summaries read by hand (`labels/summary_restatements.jsonl`: "duplicate" when a
reader of both learns nothing essential from the second), is shipped as
`restatement.json`; refit with `python -m storyloom.eval.train_restatements`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from storyloom.consolidate.logistic import StandardisedLogistic, load

FEATURES = ("cosine", "shorter_words", "longer_words", "shorter_names", "same_article",
            "first_position", "second_position", "headline", "quote", "length_ratio")
# what each feature can only say, known before any data: closer meaning and more shared
# words or names make a restatement likelier; the rest are left to the data
SIGNS = (1, 1, 1, 1, 0, 0, 0, 0, 0, 0)
_OPEN_QUOTE = tuple("\"\u201c\u201e\u00ab")
MODEL_PATH = Path(__file__).with_name("restatement.json")
RETRAIN = "python -m storyloom.eval.train_restatements"
_NAME = re.compile(r"\b(?:[A-Z][a-z\u00e0-\u00ff]+|[A-Z]{2,}|\d[\d,.]*\d|\d)\b")
_NOT_NAMES = frozenset({"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I",
                        "But", "And", "This", "That", "These", "Those", "His", "Her", "Their"})


@dataclass(frozen=True)
class SentenceView:
    """What the decision reads of one sentence."""

    text: str
    words: frozenset[str]  # content words (`sentence_scores.content_words`)
    vector: np.ndarray | None  # unit embedding
    article_id: str
    position: float  # start offset over the article's length: 0 = its first words
    headline: bool


def view_in(text: str, vector: np.ndarray | None, article_id: str, start: int, article_text: str,
            title: str, words: frozenset[str] | None = None) -> SentenceView:
    """A sentence at `start` of its article (text and title as read)."""
    from storyloom.consolidate.sentence_scores import content_words

    return SentenceView(text, content_words(text) if words is None else words, vector, article_id,
                        start / max(len(article_text), 1),
                        bool(title.strip()) and text.strip() == title.strip())


def names_of(text: str) -> frozenset[str]:
    """Capitalised words, acronyms and figures: who, what and how many."""
    return frozenset(_NAME.findall(text)) - _NOT_NAMES


def _shorter_share(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / max(1, min(len(first), len(second)))


def pair_features(a: SentenceView, b: SentenceView) -> list[float]:
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    first, second = sorted((a.position, b.position))
    shorter, longer = sorted((len(a.words), len(b.words)))
    return [cosine, _shorter_share(a.words, b.words), len(a.words & b.words) / max(1, longer),
            _shorter_share(names_of(a.text), names_of(b.text)),
            float(a.article_id == b.article_id), first, second, float(a.headline or b.headline),
            float(a.text.lstrip().startswith(_OPEN_QUOTE) or b.text.lstrip().startswith(_OPEN_QUOTE)),
            shorter / max(1, longer)]


def restating_pairs(views: list[SentenceView], decision: StandardisedLogistic | None = None
                    ) -> list[tuple[int, int]]:
    """Index pairs (i < j) of the sentences that restate each other."""
    decision = decision or load_model()
    return [(i, j) for i in range(len(views)) for j in range(i + 1, len(views))
            if decision.decide(pair_features(views[i], views[j]))]


def load_model(path: str = str(MODEL_PATH)) -> StandardisedLogistic:
    return load(path, FEATURES, RETRAIN)

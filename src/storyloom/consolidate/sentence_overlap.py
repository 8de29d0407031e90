"""Word-overlap features of a candidate summary sentence against the rest of its story.

The embedding features (`sentence_scores`) say whether another outlet says much the
same; these say whether it uses the same *words*, which is what a reader-facing
summary of several reports ends up reusing: a sentence whose words recur in the
other articles and in their headlines carries the story's common vocabulary, one
full of an outlet's own phrasing does not. Plain lower-cased word tokens, no stemmer
(the runtime has none), counted as multisets so that a repeated word is not
credited twice.
"""
from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyloom.model import AnalyzedArticle

_TOKEN = re.compile(r"[a-z0-9]+")

OVERLAP_FEATURES = ("best_sentence_f1", "other_articles_precision", "other_titles_recall",
                    "function_word_share", "capitalised_share", "log_tokens")
# compared within the story too: being the story's most shared sentence is what counts
OVERLAP_RELATIVE = ("best_sentence_f1", "other_articles_precision", "other_titles_recall")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _clipped(a: Counter, b: Counter) -> int:
    """Tokens of `a` also in `b`, each counted at most as often as `b` has it."""
    return sum(min(n, b[t]) for t, n in a.items())


class OverlapContext:
    """The story's tokens, per sentence, per article and per headline."""

    def __init__(self, members: list[AnalyzedArticle]):
        sentences = {m.id: [Counter(tokens(s.text)) for s in m.sentences] for m in members}
        self.articles = {m.id: Counter(tokens(m.article.text)) for m in members}
        self.titles = {m.id: Counter(tokens(m.article.title)) for m in members}
        # every sentence's counts as one sparse matrix: a candidate is compared with all
        # of them at once (a per-pair Counter loop was quadratic in the story's sentences)
        self.vocabulary: dict[str, int] = {}
        rows, cols, counts, owners = [], [], [], []
        for aid, counters in sentences.items():
            for counter in (c for c in counters if c):
                for token, n in counter.items():
                    rows.append(len(owners))
                    cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                    counts.append(n)
                owners.append(aid)
        self.counts = sparse.csc_matrix((np.array(counts, np.float64), (rows, cols)),
                                        shape=(len(owners), len(self.vocabulary)))
        self.owners = np.array(owners, dtype=object)
        self.lengths = np.asarray(self.counts.sum(axis=1)).ravel()

    def _best_f1(self, words: Counter, article_id: str) -> float:
        """Best word-overlap F1 with a sentence of another article (0 when none)."""
        others = self.owners != article_id
        known = [(self.vocabulary[t], n) for t, n in words.items() if t in self.vocabulary]
        if not others.any() or not known:
            return 0.0
        columns, wanted = zip(*known)
        block = self.counts[:, list(columns)].toarray()[others]
        common = np.minimum(block, np.array(wanted, np.float64)).sum(axis=1)
        hit = common > 0
        if not hit.any():
            return 0.0
        precision = common[hit] / sum(words.values())
        recall = common[hit] / self.lengths[others][hit]
        return float((2 * precision * recall / (precision + recall)).max())

    def row(self, article_id: str, text: str) -> list[float]:
        words = Counter(tokens(text))
        n = max(sum(words.values()), 1)
        others = [a for a in self.articles if a != article_id]
        best = self._best_f1(words, article_id)
        precision = (sum(_clipped(words, self.articles[a]) for a in others) / (n * len(others))
                     if others else 0.0)
        titles = [self.titles[a] for a in others if self.titles[a]]
        recall = (sum(_clipped(t, words) / sum(t.values()) for t in titles) / len(titles)
                  if titles else 0.0)
        function = sum(c for t, c in words.items() if t in ENGLISH_STOP_WORDS) / n
        capitalised = sum(w[:1].isupper() for w in text.split()[1:]) / n
        return [best, precision, recall, function, capitalised, math.log(n)]

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

from storyloom.model import AnalyzedArticle
from storyloom.text.en import STOP_WORDS

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
        sentences = {m.id: [(s.text, Counter(tokens(s.text))) for s in m.sentences]
                     for m in members}
        self.articles = {m.id: Counter(tokens(m.article.text)) for m in members}
        self.titles = {m.id: Counter(tokens(m.article.title)) for m in members}
        # every sentence's counts as one sparse matrix: a candidate is compared with all
        # of them at once (a per-pair Counter loop was quadratic in the story's sentences)
        self.vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        counts: list[int] = []
        owners: list[str] = []  # each row's article
        self._row_of: dict[tuple[str, str], int] = {}  # (article, sentence text) -> row
        self._counters = {(aid, text): counter for aid, texts in sentences.items()
                          for text, counter in texts}
        for aid, texts in sentences.items():
            for text, counter in ((t, c) for t, c in texts if c):
                for token, n in counter.items():
                    rows.append(len(owners))
                    cols.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                    counts.append(n)
                self._row_of[(aid, text)] = len(owners)
                owners.append(aid)
        counts_matrix = sparse.csc_matrix((np.array(counts, np.float64), (rows, cols)),
                                          shape=(len(owners), len(self.vocabulary)))
        self.owners = np.array(owners, dtype=object)
        self.lengths = np.asarray(counts_matrix.sum(axis=1)).ravel()
        # per token, the sentences using it and how often: a candidate's overlap with
        # every sentence is a bincount over its tokens' postings (slicing the sparse
        # matrix per candidate cost more than the arithmetic)
        self.postings = [(counts_matrix.indices[a:b], counts_matrix.data[a:b])
                         for a, b in zip(counts_matrix.indptr[:-1], counts_matrix.indptr[1:])]
        self._article_counts = _ArticleCounts(self.articles)
        self._title_counts = _ArticleCounts(self.titles)
        self._matrix = counts_matrix
        self._sentence_values: dict[tuple[str, str], tuple[float, float, float]] | None = None

    def _best_f1(self, words: Counter, article_id: str) -> float:
        """Best word-overlap F1 with a sentence of another article (0 when none)."""
        others = self.owners != article_id
        known = [(self.vocabulary[t], n) for t, n in words.items() if t in self.vocabulary]
        if not others.any() or not known:
            return 0.0
        lists = [self.postings[column] for column, _ in known]
        sentences = np.concatenate([rows for rows, _ in lists])
        used = np.concatenate([n for _, n in lists])
        wanted = np.repeat([n for _, n in known], [len(rows) for rows, _ in lists])
        common = np.bincount(sentences, weights=np.minimum(used, wanted),
                             minlength=len(self.owners))[others]
        hit = common > 0
        if not hit.any():
            return 0.0
        precision = common[hit] / sum(words.values())
        recall = common[hit] / self.lengths[others][hit]
        return float((2 * precision * recall / (precision + recall)).max())

    def row(self, article_id: str, text: str) -> list[float]:
        words = self._counters.get((article_id, text)) or Counter(tokens(text))
        n = max(sum(words.values()), 1)
        if self._sentence_values is None and (article_id, text) in self._row_of:
            self._sentence_values = sentence_values(self)
        known = (self._sentence_values or {}).get((article_id, text))
        best, precision, recall = known or self._overlaps(words, n, article_id)
        function = sum(c for t, c in words.items() if t in STOP_WORDS) / n
        capitalised = sum(w[:1].isupper() for w in text.split()[1:]) / n
        return [best, precision, recall, function, capitalised, math.log(n)]


    def _overlaps(self, words: Counter, n: int, article_id: str) -> tuple[float, float, float]:
        """Best sentence F1, other articles' precision, other titles' recall of any text."""
        others = [a for a in self.articles if a != article_id]
        best = self._best_f1(words, article_id)
        precision = (self._article_counts.clipped_sum(words, others) / (n * len(others))
                     if others else 0.0)
        titled = [a for a in others if self.titles[a]]
        recall = (sum(c / self._title_counts.total[a]
                      for a, c in zip(titled, self._title_counts.clipped_each(titled, words)))
                  / len(titled) if titled else 0.0)
        return best, precision, recall


MAX_BATCH_SENTENCES = 1500  # sentence x sentence overlaps at once: ~6 dense n x n arrays, ~110 MB at most


def _clipped_matrix(left: sparse.csr_matrix, right: sparse.csr_matrix) -> np.ndarray:
    """[i, j] = sum over tokens of min(left[i, t], right[j, t]) for integer counts.

    Shared tokens count once by one product of 0/1 matrices; the rest,
    min(a, b) - 1 where both counts are 2 or more, only concerns the few tokens a
    row of `left` repeats, so those are added token by token."""
    out = ((left > 0).astype(np.float64) @ (right > 0).astype(np.float64).T).toarray()
    left_columns, right_columns = left.tocsc(), right.tocsc()
    for token in np.unique(left.indices[left.data >= 2]):
        mine = _repeats(left_columns, token)
        theirs = _repeats(right_columns, token)
        if len(mine[0]) and len(theirs[0]):
            out[np.ix_(mine[0], theirs[0])] += np.minimum.outer(mine[1], theirs[1]) - 1
    return out


def _repeats(columns: sparse.csc_matrix, token: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows with the token at least twice, and their counts."""
    start, end = columns.indptr[token], columns.indptr[token + 1]
    rows, counts = columns.indices[start:end], columns.data[start:end]
    keep = counts >= 2
    return rows[keep], counts[keep]


def _counts_on(counters: dict[str, Counter], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows, cols, data = [], [], []
    for n, counter in enumerate(counters.values()):
        for token, count in counter.items():
            if token in vocabulary:
                rows.append(n)
                cols.append(vocabulary[token])
                data.append(count)
    return sparse.csr_matrix((np.array(data, np.float64), (rows, cols)),
                             shape=(len(counters), len(vocabulary)))


def sentence_values(context: OverlapContext) -> dict[tuple[str, str], tuple[float, float, float]]:
    """`_overlaps` of every story sentence at once, with the same arithmetic (so the same
    floats): a summary scores each of them, and one matrix product per count level
    replaces a pass over the story per sentence. Empty when the story is too big."""
    sentences = context._matrix.tocsr()
    if not 0 < sentences.shape[0] <= MAX_BATCH_SENTENCES:
        return {}
    owners, ids = context.owners, list(context.articles)
    n = np.asarray(sentences.sum(axis=1)).ravel()
    common = _clipped_matrix(sentences, sentences)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = common / n[:, None]
        recall = common / context.lengths[None, :]
        f1 = 2 * precision * recall / (precision + recall)
    valid = (common > 0) & (owners[:, None] != owners[None, :])
    best = np.where(valid, f1, -1.0).max(axis=1)
    in_articles = _clipped_matrix(sentences, _counts_on(context.articles, context.vocabulary))
    in_titles = _clipped_matrix(sentences, _counts_on(context.titles, context.vocabulary))
    # the per-sentence arithmetic below is Python's, on Python numbers (integer counts,
    # so converting them is exact): reading numpy scalars one by one cost more
    article_totals = in_articles.sum(axis=1).tolist()
    in_articles, in_titles = in_articles.tolist(), in_titles.tolist()
    best_counts, counted = best.tolist(), n.tolist()
    position = {aid: a for a, aid in enumerate(ids)}
    others = len(ids) - 1
    title_totals = [context._title_counts.total[aid] for aid in ids]
    titled_by_own = [[a for a in range(len(ids)) if a != own and context.titles[ids[a]]]
                     for own in range(len(ids))]
    values = {}
    for key, i in context._row_of.items():
        own = position[key[0]]
        total = int(article_totals[i]) - int(in_articles[i][own])
        titled, row = titled_by_own[own], in_titles[i]
        recall_share = (sum(int(row[a]) / title_totals[a] for a in titled) / len(titled)
                        if titled else 0.0)
        values[key] = (float(best_counts[i]) if best_counts[i] >= 0 else 0.0,
                       total / (int(counted[i]) * others) if others else 0.0, recall_share)
    return values


class _ArticleCounts:
    """The articles' token counts as one integer matrix (articles x tokens), so that a
    candidate's clipped overlap with each article is one vectorised min-and-sum over its
    own tokens instead of a Python loop per article. Integer sums: the same numbers as
    `_clipped`. Very large stories keep the Counter loop (the matrix would be big)."""

    MAX_CELLS = 4_000_000

    def __init__(self, articles: dict[str, Counter]):
        self.articles = articles
        self.row = {aid: n for n, aid in enumerate(articles)}
        self.column: dict[str, int] = {}
        for counter in articles.values():
            for token in counter:
                self.column.setdefault(token, len(self.column))
        self.matrix = None
        if len(articles) * len(self.column) <= self.MAX_CELLS:
            self.matrix = np.zeros((len(articles), len(self.column)), np.int64)
            for aid, counter in articles.items():
                for token, n in counter.items():
                    self.matrix[self.row[aid], self.column[token]] = n

        self.total = {aid: sum(counter.values()) for aid, counter in articles.items()}

    def clipped_each(self, article_ids: list[str], words: Counter) -> list[int]:
        """Per article, its tokens also in `words`, each at most as often as `words` has
        it (`_clipped(article, words)`; the min is symmetric, so also `_clipped(words,
        article)`)."""
        if self.matrix is None:
            return [_clipped(words, self.articles[a]) for a in article_ids]
        known = [(self.column[t], n) for t, n in words.items() if t in self.column]
        if not known:
            return [0] * len(article_ids)
        columns, wanted = zip(*known)
        rows = [self.row[a] for a in article_ids]
        block = self.matrix[np.ix_(rows, list(columns))]
        return np.minimum(block, np.array(wanted, np.int64)).sum(axis=1).tolist()

    def clipped_sum(self, words: Counter, article_ids: list[str]) -> int:
        """Sum over the articles of `_clipped(words, article)`."""
        return sum(self.clipped_each(article_ids, words))

"""Cheap per-article features for grouping, computed from text (no spaCy needed).

Grouping runs before `deepen`, so entity mentions are usually absent. What separates
two reports of the same kind of event (two earthquakes, two arrests) is mostly in the
body: the words, the capitalised names, the numbers and dates. Each is kept as a
hashed bag of tokens; weights come from document frequencies that can grow as
articles arrive (`TermStatistics`), so batch and incremental grouping share them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from scipy import sparse

from storyloom.model import AnalyzedArticle
from storyloom.text import fold
from storyloom.text import stop_words as text_stop_words

N_FEATURES = 2 ** 20
MAX_CHARS = 20000  # long bodies add little beyond their first pages
TITLE_FALLBACK_CHARS = 150
_TOKEN = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*\w")
# a word after anything but a sentence end, starting with anything but an ASCII lower-case
# letter or digit (case is checked after: there is no Unicode upper-case class in `re`);
# sentence-initial capitals say nothing about names
_NAME = re.compile(r"(?<![.!?:;\"“”«»\n] )(?<![.!?:;\"“”«»\n])(?<![\w'’-])[^\W\da-z_][\w'’-]*\w")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Stop words of the main languages of news (text.stop_words), folded as tokens are."""
    return frozenset(fold(word) for word in text_stop_words())


def _cjk_bigrams(token: str) -> list[str]:
    return [token[i:i + 2] for i in range(max(1, len(token) - 1))]


def word_tokens(text: str) -> list[str]:
    """Content words (folded, stop words and bare numbers removed)."""
    stops = stop_words()
    lowered = text[:MAX_CHARS].lower()
    if lowered.isascii():  # fast path: the regex already drops numbers and single letters
        return [t for t in _WORD.findall(lowered) if t not in stops]
    tokens = [piece for token in _TOKEN.findall(lowered)
              for piece in (_cjk_bigrams(token) if _CJK.search(token) else [fold(token)])]
    return [t for t in tokens if len(t) > 1 and t not in stops and not t[0].isdigit()]


def name_tokens(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: a cheap stand-in for named entities."""
    stops = stop_words()
    found = _NAME.findall("\n" + text[:MAX_CHARS])  # the newline marks the first word initial
    return [f for f in (fold(t) for t in found if t[0].isupper()) if f not in stops]


def number_tokens(text: str) -> list[str]:
    """Numbers with their thousands separators removed (1,500 = 1.500 = 1500)."""
    out = []
    for match in _NUMBER.finditer(text[:MAX_CHARS]):
        digits = re.sub(r"[.,\s]", "", match.group())
        out.append(digits.lstrip("0") or "0")
    return out


def published_day(value: str | None) -> float:
    """Days since 1970 of an ISO date/datetime, NaN when unknown or unreadable."""
    if not value:
        return float("nan")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value.strip()[:10]), datetime.min.time())
        except ValueError:
            return float("nan")
    # plain arithmetic on the wall-clock time: `.timestamp()` on a naive datetime goes
    # through the machine's local time zone, which fails for year 1 ("0001-01-01", a
    # common placeholder for "no date") and made the result depend on TZ
    return (parsed.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400.0


_EPOCH = datetime(1970, 1, 1)


def _hash_bags(bags: list[list[str]]) -> sparse.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer

    vectoriser = HashingVectorizer(analyzer=lambda bag: bag, n_features=N_FEATURES,
                                   alternate_sign=False, norm=None)
    return vectoriser.transform(bags).tocsr()


@dataclass
class TermStatistics:
    """Document frequencies of hashed tokens; grows with every article seen."""

    df: np.ndarray = field(default_factory=lambda: np.zeros(N_FEATURES, np.float32))
    n_docs: int = 0

    def update(self, counts: sparse.csr_matrix) -> None:
        present = counts.copy()
        present.data[:] = 1
        np.add.at(self.df, present.indices, 1.0)
        self.n_docs += counts.shape[0]

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Sublinear tf * smoothed idf, rows scaled to unit length (so dot = cosine)."""
        weighted = counts.astype(np.float32, copy=True)
        idf = np.log((1.0 + self.n_docs) / (1.0 + self.df[weighted.indices])) + 1.0
        weighted.data = (1.0 + np.log(weighted.data)) * idf
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        return sparse.diags(1.0 / np.maximum(norms, 1e-12)).dot(weighted).tocsr()


BAGS = ("terms", "names", "numbers", "title")  # weighted bags; `counts` also holds "years"
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
FIRST_YEAR, LAST_YEAR = 1800, 2099


def year_matrix(texts: list[str]) -> sparse.csr_matrix:
    """Which years (1800-2099) each text mentions, as a 0/1 matrix.

    Two reports of one event almost always share a year when both name one; two events
    of the same kind (two earthquakes, two trials) mostly name different years.
    """
    rows, cols = [], []
    for n, text in enumerate(texts):
        for year in {int(y) for y in _YEAR.findall(text[:MAX_CHARS])}:
            rows.append(n)
            cols.append(year - FIRST_YEAR)
    return sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                             shape=(len(texts), LAST_YEAR - FIRST_YEAR + 1))


@dataclass
class FeatureTable:
    """Raw features of a list of articles, row i = article i."""

    ids: list[str]
    heads: np.ndarray  # (n, dim) unit title+lead embeddings
    counts: dict[str, sparse.csr_matrix]  # bag name -> raw token counts
    days: np.ndarray  # published day or NaN
    languages: list[str]
    syndicated_of: list[str | None]
    sources: list[str]  # outlet (or URL host), "" when unknown

    def __len__(self) -> int:
        return len(self.ids)


def extract(analyzed: list[AnalyzedArticle]) -> FeatureTable:
    texts = [_text_of(a) for a in analyzed]
    counts = {"terms": _hash_bags([word_tokens(t) for t in texts]),
              "names": _hash_bags([name_tokens(t) for t in texts]),
              "numbers": _hash_bags([number_tokens(t) for t in texts]),
              "title": _hash_bags([word_tokens(_title_of(a)) for a in analyzed]),
              "years": year_matrix(texts)}
    dim = analyzed[0].head_embedding.shape[0] if analyzed else 1
    heads = (np.vstack([a.head_embedding for a in analyzed]).astype(np.float32)
             if analyzed else np.zeros((0, dim), np.float32))
    return FeatureTable([a.id for a in analyzed], heads, counts,
                        np.array([published_day(a.article.published) for a in analyzed]),
                        [a.article.language for a in analyzed],
                        [a.article.syndicated_of for a in analyzed],
                        [_outlet_of(a) for a in analyzed])


def _outlet_of(item: AnalyzedArticle) -> str:
    publisher = item.article.publisher
    return "" if publisher.startswith("article:") else publisher


def _title_of(item: AnalyzedArticle) -> str:
    # headlines are where outlets name the event most compactly
    return item.article.title or item.article.clean_text[:TITLE_FALLBACK_CHARS]


def _text_of(item: AnalyzedArticle) -> str:
    article = item.article
    body = article.clean_text
    if article.title and not body.lstrip().startswith(article.title[:40]):
        return f"{article.title}\n{body}"
    return body

"""Cheap per-article features for grouping, computed from text (no spaCy needed).

Grouping runs before `deepen`, so entity mentions are usually absent. What separates
two reports of the same kind of event (two earthquakes, two arrests) is mostly in the
body: the words, the capitalised names, the numbers and dates. Each is kept as a
hashed bag of tokens; weights come from document frequencies that can grow as
articles arrive (`TermStatistics`), so batch and incremental grouping share them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from scipy import sparse

from storyloom.model import AnalyzedArticle

N_FEATURES = 2 ** 20
MAX_CHARS = 20000  # long bodies add little beyond their first pages
_TOKEN = re.compile(r"\w[\w'’-]*\w|\w", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")
_SENTENCE_END = re.compile(r"[.!?:;\"“”«»\n]\s*$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_STOP_LANGS = ("en", "de", "es", "fr", "it", "pl", "ru", "tr", "pt", "nl", "ar")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Stop words of the main languages, from spaCy's language data (no model load)."""
    import importlib

    words: set[str] = set()
    for lang in _STOP_LANGS:
        try:
            module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
        except ImportError:  # a language spaCy lacks: its stop words just stay in
            continue
        words.update(fold(w) for w in module.STOP_WORDS)
    return frozenset(words)


def fold(token: str) -> str:
    """Lower case without accents: Selenskyj/Selenskij and café/cafe meet."""
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cjk_bigrams(token: str) -> list[str]:
    return [token[i:i + 2] for i in range(max(1, len(token) - 1))]


def word_tokens(text: str) -> list[str]:
    """Content words (folded, stop words and bare numbers removed)."""
    stops = stop_words()
    out: list[str] = []
    for match in _TOKEN.finditer(text[:MAX_CHARS]):
        token = match.group()
        if _CJK.search(token):  # no spaces between words: overlapping bigrams instead
            out.extend(_cjk_bigrams(token))
            continue
        folded = fold(token)
        if len(folded) > 1 and folded not in stops and not folded[0].isdigit():
            out.append(folded)
    return out


def name_tokens(text: str) -> list[str]:
    """Capitalised words that do not start a sentence: a cheap stand-in for named entities."""
    stops = stop_words()
    out: list[str] = []
    head = text[:MAX_CHARS]
    for match in _TOKEN.finditer(head):
        token = match.group()
        if not token[0].isupper() or len(token) < 2:
            continue
        before = head[max(0, match.start() - 3):match.start()]
        if match.start() == 0 or _SENTENCE_END.search(before):
            continue  # sentence-initial capitals say nothing
        folded = fold(token)
        if folded not in stops:
            out.append(folded)
    return out


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
    return parsed.replace(tzinfo=None).timestamp() / 86400.0


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


BAGS = ("terms", "names", "numbers")


@dataclass
class FeatureTable:
    """Raw features of a list of articles, row i = article i."""

    ids: list[str]
    heads: np.ndarray  # (n, dim) unit title+lead embeddings
    counts: dict[str, sparse.csr_matrix]  # bag name -> raw token counts
    days: np.ndarray  # published day or NaN
    languages: list[str]
    syndicated_of: list[str | None]

    def __len__(self) -> int:
        return len(self.ids)


def extract(analyzed: list[AnalyzedArticle]) -> FeatureTable:
    texts = [_text_of(a) for a in analyzed]
    counts = {"terms": _hash_bags([word_tokens(t) for t in texts]),
              "names": _hash_bags([name_tokens(t) for t in texts]),
              "numbers": _hash_bags([number_tokens(t) for t in texts])}
    dim = analyzed[0].head_embedding.shape[0] if analyzed else 1
    heads = (np.vstack([a.head_embedding for a in analyzed]).astype(np.float32)
             if analyzed else np.zeros((0, dim), np.float32))
    return FeatureTable([a.id for a in analyzed], heads, counts,
                        np.array([published_day(a.article.published) for a in analyzed]),
                        [a.article.language for a in analyzed],
                        [a.article.syndicated_of for a in analyzed])


def _text_of(item: AnalyzedArticle) -> str:
    article = item.article
    body = article.clean_text
    if article.title and not body.lstrip().startswith(article.title[:40]):
        return f"{article.title}\n{body}"
    return body

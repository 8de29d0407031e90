"""Cross-article statement alignment: which sentences (or clauses) say the same thing.

Units are sentences, or the clauses of a sentence that packs several statements
("X will call Y on Thursday, three weeks after their video call on 7 December").
Units are grouped by average-link agglomerative clustering on embedding cosine,
slightly raised when two units share rare anchors (numbers, months, capitalised
names, more weakly longer content words): a translation that mangled the wording
still keeps "10", "January", "Lisbon".
Average link (not single link) keeps a chain of loosely related sentences from
collapsing into one cluster, and two clauses of one sentence never share a cluster.
"""
from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from storyloom.analyze.embed import embed_texts, embedder_of
from storyloom.analyze.runs import SENTENCE_CACHE
from storyloom.errors import StoryloomError
from storyloom.model import AnalyzedArticle, Sentence
from storyloom.text.en import CLAUSE_OPENERS, MONTH_NAMES, STOP_WORDS

if TYPE_CHECKING:  # scipy loads only where a story needs its sparse products
    from scipy.sparse import csr_matrix

log = logging.getLogger(__name__)

# Cosine above which two units state the same thing. USE-multilingual gives
# paraphrases and translations of one statement roughly 0.5-0.85, different
# statements about the same story 0.25-0.6 (the ranges overlap: anchors and
# average linkage do the rest).
SAME_STATEMENT = 0.5
# How much one shared anchor (number, month, name) adds to the cosine, and its cap.
# An anchor counts in proportion to its rarity in the story: "Lisbon" or "10" in a
# story about a phone call says much more than the ever-present name of the president.
ANCHOR_BONUS = 0.05
ANCHOR_BONUS_CAP = 0.2
TIME_NUMBER_WEIGHT = 2.0
SAME_ARTICLE_PENALTY = 0.1
CONTENT_WORD_WEIGHT = 0.5  # a shared common word is weaker evidence than a shared name
RARE_ANCHOR_SHARE = 0.15  # anchors in more than this share of units add nothing
# A unit of an absent article joins a multi-article cluster (as well as its own)
# when this close to the cluster's centroid: packed sentences back several facts.
ATTACH_PACKED = 0.6
MIN_STATEMENT_WORDS = 6

# clause boundaries: semicolons, dashes, and ", but/while/and ..." between two
# statements; each part must still be a statement (MIN_STATEMENT_WORDS words)
_CLAUSE_BREAK = re.compile(
    r"\s*;\s+|\s+[\u2013\u2014-]\s+|,\s+(?=(?:" + "|".join(CLAUSE_OPENERS) + r")\s)", re.IGNORECASE)
_BREAK_MARKS = (";", ",", "-", "\u2013", "\u2014")  # every _CLAUSE_BREAK match holds one
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z\u00c0-\u017f]{2,}")
_LOWER_WORD = re.compile(r"\b[a-z]{5,}\b")
_STOP_NAMES = {"The", "This", "That", "These", "Those", "But", "And", "However"}


class AlignmentError(StoryloomError):
    """The analysed articles lack what alignment needs (sentence embeddings)."""


@dataclass
class Unit:
    """One statement: a whole sentence or one clause of it."""

    article_id: str
    sentence: Sentence
    start: int  # offsets of the clause into Article.text
    end: int
    text: str
    language: str = ""
    anchors: frozenset[str] = frozenset()

    @property
    def position(self) -> int:
        return self.sentence.index


@dataclass
class StatementCluster:
    units: list[Unit]
    vectors: np.ndarray  # unit-length rows, one per unit
    article_ids: list[str] = field(default_factory=list)
    core: int = 0  # units[:core] were clustered; later ones were attached (see attach_packed)

    def __post_init__(self) -> None:
        self.article_ids = list(dict.fromkeys(u.article_id for u in self.units))
        self.core = self.core or len(self.units)

    @property
    def centroid(self) -> np.ndarray:
        mean = self.vectors.mean(axis=0)
        return mean / max(float(np.linalg.norm(mean)), 1e-12)

    @property
    def position(self) -> int:
        return min(u.position for u in self.units)


_QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


def _inside_quote(text: str, position: int) -> bool:
    """Whether `position` lies inside a quotation. Every mark toggles: the opening and
    closing marks differ by language (\u201e...\u201c, \u201c...\u201d, \u00ab...\u00bb)."""
    return sum(text.count(mark, 0, position) for mark in _QUOTE_MARKS) % 2 == 1


def split_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the statements inside one sentence, relative to `text`."""
    if not any(mark in text for mark in _BREAK_MARKS):
        return [(0, len(text))]  # no break can match: a third of sentences, found cheaply
    return split_at_breaks(text)


def split_at_breaks(text: str) -> list[tuple[int, int]]:
    """split_clauses without its shortcut for sentences that hold no break mark."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text)
              # a quotation is one statement: its halves are no facts of their own
              if not _inside_quote(text, m.start())]
    spans, last = [], 0
    for match in breaks:
        if match.group().lstrip().startswith(",") and text.count(",", last, match.start()) % 2:
            # "The president, Jane Doe, and her deputy ...": this comma closes an
            # apposition or a list, and what follows is no statement of its own
            continue
        spans.append((last, match.start()))
        last = match.end()
    spans.append((last, len(text)))
    parts = [(s, e) for s, e in spans if len(text[s:e].split()) >= MIN_STATEMENT_WORDS]
    if len(parts) < 2 or len(parts) != len(spans):
        # a fragment too short to stand alone: keep the sentence whole
        return [(0, len(text))]
    return parts


_MONTHS = tuple(m[:3] for m in MONTH_NAMES)
_MONTH_FORMS = {m: m[:3] for m in MONTH_NAMES} | {m[:3]: m[:3] for m in MONTH_NAMES} | {"sept": "sep"}


def _name_key(name: str) -> str:
    # "January" and "Jan." are one anchor ("Mayor" and "Marco" are not months)
    low = name.lower()
    return _MONTH_FORMS.get(low, low)


def anchors_of(text: str) -> frozenset[str]:
    """Tokens that survive translation or paraphrase: numbers, names, and (weaker)
    longer content words."""
    found = {n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text)}
    found |= {_name_key(m) for m in _NAME.findall(text) if m not in _STOP_NAMES}
    # longer lowercase words ("video", "sanctions") as weaker anchors, marked "~"
    found |= {"~" + w for w in _LOWER_WORD.findall(text) if w not in STOP_WORDS}
    return frozenset(found)


def statement_units(member: AnalyzedArticle, clauses: bool) -> list[Unit]:
    units = []
    for sentence in member.sentences:
        for offset, text, anchors in _statements(sentence.text, clauses):
            start = sentence.start + offset
            units.append(Unit(member.id, sentence, start, start + len(text), text,
                              member.article.language, anchors))
    return units


# syndicated and recombined copies repeat sentences word for word: a sentence's
# statements (a pure function of its text; immutable parts) are found once per text
@lru_cache(maxsize=SENTENCE_CACHE)
def _statements(sentence: str, clauses: bool) -> tuple[tuple[int, str, frozenset[str]], ...]:
    """(offset in the sentence, text, anchors) of each statement of one sentence."""
    found = []
    for s, e in split_clauses(sentence) if clauses else [(0, len(sentence))]:
        text = sentence[s:e].strip(" ,;")
        offset = sentence.index(text, s) if text else s
        found.append((offset, text, anchors_of(text)))
    return tuple(found)


def _unit_vectors(members: list[AnalyzedArticle], units: list[Unit]) -> np.ndarray:
    """Whole sentences reuse the stored embedding; clauses are embedded (cached)."""
    stored = {}
    for member in members:
        if member.sentence_embeddings is None:
            raise AlignmentError(f"article {member.id} has no sentence embeddings; run deepen()")
        for sentence, row in zip(member.sentences, member.sentence_embeddings):
            stored[(member.id, sentence.start, sentence.end)] = row
    keys = [(u.article_id, u.start, u.end) for u in units]
    todo = [u.text for u, k in zip(units, keys) if k not in stored]
    fresh = iter(embed_texts(todo, embedder_of(members)) if todo else [])
    return np.vstack([stored[k] if k in stored else next(fresh) for k in keys])


def anchor_weights(units: list[Unit]) -> dict[str, float]:
    """1 for an anchor found in one unit, falling to 0 at RARE_ANCHOR_SHARE of units;
    numbers and months count TIME_NUMBER_WEIGHT times: "10" and "January" are what
    two reports of one scheduled event share, whatever the translation did."""
    counts = Counter(chain.from_iterable(u.anchors for u in units))
    ceiling = max(RARE_ANCHOR_SHARE * len(units), 2.0)
    return {a: max(0.0, 1.0 - (c - 1) / ceiling)
            * (TIME_NUMBER_WEIGHT if a[:1].isdigit() or a in _MONTHS
               else CONTENT_WORD_WEIGHT if a[:1] == "~" else 1.0)
            for a, c in counts.items()}


@dataclass
class _AnchorIndex:
    """The story's anchors: their weights, and a sparse (unit, anchor) -> weight
    matrix. Clustering and attaching both read it; it is built once per story."""

    weights: dict[str, float]
    columns: dict[str, int]
    matrix: csr_matrix  # units x anchors


def _anchor_index(units: list[Unit]) -> _AnchorIndex:
    from scipy.sparse import csr_matrix

    weights = anchor_weights(units)
    columns = {a: k for k, a in enumerate(weights)}
    # rows in unit order, each row's anchors in the unit's own order: the sparse
    # products below then add the same numbers in the same order as ever
    rows = np.repeat(np.arange(len(units)), [len(u.anchors) for u in units])
    cols = [columns[a] for u in units for a in u.anchors]
    values = [weights[a] for u in units for a in u.anchors]
    matrix = csr_matrix((values, (rows, cols)), shape=(len(units), max(len(columns), 1)))
    return _AnchorIndex(weights, columns, matrix)


def _shared_anchor_weight(index: _AnchorIndex) -> np.ndarray:
    """(i, j) -> summed weight of the anchors units i and j share (sparse product)."""
    weighted = index.matrix
    present = weighted.copy()
    present.data[:] = 1.0
    return (weighted @ present.T).toarray()


def _codes(keys: list) -> np.ndarray:
    """Small integers standing for the keys (equal keys, equal codes): comparing them
    for all pairs is much cheaper than comparing strings."""
    index: dict = {}
    return np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.int64)


_BLAS: list = []  # the threadpoolctl controller, made on first use ([None] without it)


def _one_blas_thread():
    """A context running BLAS on one thread (see `gram`); none without threadpoolctl."""
    if not _BLAS:
        try:
            from threadpoolctl import ThreadpoolController
        except ImportError:  # scikit-learn brings it; without it threads stay as they are
            _BLAS.append(None)
        else:
            _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas") if _BLAS[0] else contextlib.nullcontext()


def gram(vectors: np.ndarray) -> np.ndarray:
    """vectors @ vectors.T on one BLAS thread. A story's matrices are small (hundreds
    of rows): a second OpenBLAS thread busy-waits and, on a machine whose cores are
    taken, made this product 4-10x slower (measured; see engine.workers, which sets
    one thread in executor workers but not in the caller's process). OpenBLAS splits
    the output between threads, not the sums, so the numbers are the same."""
    with _one_blas_thread():
        return vectors @ vectors.T


def similarity_matrix(units: list[Unit], vectors: np.ndarray,
                      anchors: _AnchorIndex | None = None) -> np.ndarray:
    """Cosine plus a small bonus per shared anchor; -inf where units may not merge."""
    sims = gram(vectors).astype(np.float64)
    shared = _shared_anchor_weight(anchors or _anchor_index(units))
    sims += np.minimum(ANCHOR_BONUS * shared, ANCHOR_BONUS_CAP)
    articles = _codes([u.article_id for u in units])
    # one writer rarely states a thing twice; their sentences share topic and style,
    # which cosine mistakes for sameness
    np.subtract(sims, SAME_ARTICLE_PENALTY, out=sims, where=articles[:, None] == articles[None, :])
    sentences = _codes([id(u.sentence) for u in units])
    sims[sentences[:, None] == sentences[None, :]] = -np.inf  # two clauses, two statements
    return sims


# stands for "never merge" in the distance matrix: any average including it is far
_BLOCKED = 1e9


def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering (UPGMA): merge the pair of clusters with the highest
    mean similarity until it drops below `threshold`; a -inf pair blocks a merge."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(sims)
    if n < 2:
        return [[i] for i in range(n)]
    distances = np.where(np.isfinite(sims), 1.0 - sims, _BLOCKED)
    distances = np.maximum((distances + distances.T) / 2, 0.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())


def align_statements(members: list[AnalyzedArticle], threshold: float = SAME_STATEMENT,
                     clauses: bool = True,
                     attach: float | None = ATTACH_PACKED) -> list[StatementCluster]:
    """Group the story's statements so that each group says one thing. A brief aligns
    its story once (consolidate.readings) and gives the result to facts and conflicts."""
    return _align(members, threshold, clauses, attach)


def _align(members: list[AnalyzedArticle], threshold: float, clauses: bool,
           attach: float | None) -> list[StatementCluster]:
    units = [u for m in members for u in statement_units(m, clauses)]
    if not units:
        return []
    vectors = _unit_vectors(members, units)
    anchors = _anchor_index(units)
    groups = average_link(similarity_matrix(units, vectors, anchors), threshold)
    clusters = [StatementCluster([units[i] for i in g], vectors[g]) for g in groups]
    if attach is not None:
        attach_packed(clusters, units, vectors, attach, anchors)
    return clusters


def attach_packed(clusters: list[StatementCluster], units: list[Unit], vectors: np.ndarray,
                  threshold: float, anchors: _AnchorIndex | None = None) -> None:
    """Hard clustering gives each statement one home, but a sentence that packs
    several statements supports several facts. For every multi-article cluster,
    add each absent article's unit closest to the cluster centroid when it is close
    enough (the unit then backs several facts)."""
    anchors = anchors or _anchor_index(units)
    by_article: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        by_article.setdefault(unit.article_id, []).append(i)
    multi = [c for c in clusters if len(c.article_ids) >= 2]
    # a cluster changes only in its own turn below, so these can be read up front
    centroids = [c.centroid for c in multi]
    shared = [frozenset().union(*(u.anchors for u in c.units)) for c in multi]
    reach = _reach_bounds(vectors, centroids, shared, anchors, list(by_article.values()))
    for k, cluster in enumerate(multi):
        added = []
        for a, (article_id, idx) in enumerate(by_article.items()):
            # most articles have no unit anywhere near the threshold: skip them on the
            # bound, score the rest exactly as before
            if article_id in cluster.article_ids or reach[k, a] < threshold:
                continue
            scores = [float(vectors[i] @ centroids[k]) + min(ANCHOR_BONUS * sum(
                anchors.weights[x] for x in units[i].anchors & shared[k]), ANCHOR_BONUS_CAP)
                for i in idx]
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                added.append(idx[best])
        if added:
            cluster.units.extend(units[i] for i in added)
            cluster.vectors = np.vstack([cluster.vectors, vectors[added]])
            cluster.article_ids.extend(units[i].article_id for i in added)


# Rounding between a matrix product and unit-by-unit dot products of unit vectors
# (float32, 512 dimensions) stays far below this; the bound adds it.
_BOUND_SLACK = 1e-3


def _reach_bounds(vectors: np.ndarray, centroids: list[np.ndarray],
                  cluster_anchors: list[frozenset[str]], anchors: _AnchorIndex,
                  articles: list[list[int]]) -> np.ndarray:
    """(cluster, article) -> an upper bound of the article's best attach score for the
    cluster (cosine with the centroid plus the anchor bonus), all pairs in a few
    array steps."""
    if not centroids:
        return np.zeros((0, len(articles)))
    present = np.zeros((len(centroids), anchors.matrix.shape[1]))
    for k, found in enumerate(cluster_anchors):
        present[k, [anchors.columns[a] for a in found]] = 1.0
    shared = (anchors.matrix @ present.T).T
    with _one_blas_thread():
        dots = np.vstack(centroids) @ vectors.T
    bound = dots + np.minimum(ANCHOR_BONUS * shared, ANCHOR_BONUS_CAP) + _BOUND_SLACK
    return np.column_stack([bound[:, idx].max(axis=1) for idx in articles])

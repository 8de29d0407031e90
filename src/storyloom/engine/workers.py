"""Per-process setup for executor workers.

Each worker process is one core's worth of work: numeric libraries must not start
their own thread pools on top of it. OpenBLAS threads busy-wait for work, so on a
machine whose cores are already busy (other workers, other users) two BLAS threads
per process made the embedding model ~5x slower per sentence than one (measured:
126 vs 550 sentences/s on the shared 2-core machine). One thread per process, and
one process per core, is the configuration that scales.
"""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

log = logging.getLogger(__name__)

BLAS_THREADS_ENV = "STORYLOOM_BLAS_THREADS"
_ready = False


def blas_threads() -> int:
    """BLAS threads per process: 1 unless STORYLOOM_BLAS_THREADS says otherwise."""
    try:
        return max(1, int(os.environ.get(BLAS_THREADS_ENV, "1")))
    except ValueError:
        return 1


def prepare_worker() -> None:
    """Limit BLAS/OpenMP threads in this process (idempotent; a process-pool initializer)."""
    global _ready
    if _ready:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # scikit-learn brings it; without it threads stay as they are
        log.debug("threadpoolctl missing: BLAS threads not limited")
    else:
        threadpool_limits(limits=blas_threads())
    _ready = True


@contextlib.contextmanager
def limited_threads() -> Iterator[None]:
    """BLAS threads limited as in a worker, for work run in the calling process (the
    local executor), restored afterwards: the caller may be a program of its own."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=blas_threads()):
        yield

"""Executors: where the stage functions run (in-process, a local process pool, Dask).

The stages do not change with the executor; only how their per-chunk / per-story calls
are mapped. Results are identical whichever executor runs them.
"""
from __future__ import annotations

from storyloom.engine.base import Executor, get_executor, resolve_auto
from storyloom.engine.workers import prepare_worker

__all__ = ["Executor", "get_executor", "prepare_worker", "resolve_auto"]

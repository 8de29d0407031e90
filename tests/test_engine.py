"""Executors give the same digest as the in-process run."""
from __future__ import annotations

import pytest

from storyloom.engine import get_executor
from storyloom.errors import UnknownChoiceError
from storyloom.pipeline import DigestOptions, digest_paths
from storyloom.render.jsonout import digest_to_dict


def _digest(seeds_dir, executor: str) -> dict:
    options = DigestOptions(embedder="hashing", executor=executor, chunk_size=2)
    return digest_to_dict(digest_paths([str(seeds_dir)], options))


def test_unknown_executor_lists_choices():
    with pytest.raises(UnknownChoiceError) as info:
        get_executor("spark")
    assert "dask" in str(info.value) and "local" in str(info.value)


def test_process_pool_matches_local(seeds_dir):
    assert _digest(seeds_dir, "process") == _digest(seeds_dir, "local")


def test_dask_local_cluster_matches_local(seeds_dir):
    pytest.importorskip("dask.distributed")
    assert _digest(seeds_dir, "dask") == _digest(seeds_dir, "local")

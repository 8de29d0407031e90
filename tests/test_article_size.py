"""One 2 MB article digests within a fixed memory budget (issue #19).

Before: the brief compared every statement of the article with every other, and quotes
with quotes, so memory grew with the square of its length (512 KB: 1.7 GB; 2 MB: 17 GB).
Now the brief reads an article's first `MAX_BRIEF_SENTENCES` sentences, quotes only in
that part, and sentence splitting cuts blocks over 20,000 characters at safe sentence
ends. `bench/article_size/run.py` prints the curve for 0.25-2 MB.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # loads a model or reads real data

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 1024


def _article(size: int) -> str:
    sys.path.insert(0, str(ROOT / "bench" / "article_size"))
    try:
        from run import article  # the bench's own builder: our examples' paragraphs
    finally:
        sys.path.pop(0)
    return article(size, one_line=True)


@pytest.mark.slow  # ~7 s: a 2 MB article through the whole digest
def test_two_megabyte_article_digests_within_one_gigabyte(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(_article(2 * 1024 * 1024), encoding="utf-8")
    out, err = tmp_path / "out.json", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "storyloom", "digest", str(path),
                                  "--embedder", "hashing", "--format", "json", "-q"],
                                 stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
    assert os.waitstatus_to_exitcode(status) == 0, err.read_text()[-2000:]
    assert usage.ru_maxrss / 1024 < BUDGET_MB
    assert '"stories"' in out.read_text()
    warnings = err.read_text()
    assert "its brief reads the first" in warnings and "read only the first 2.0 MB" in warnings

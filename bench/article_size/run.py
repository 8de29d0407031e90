"""Time and peak memory of one big article, 0.25-2 MB (issue #19: linear, under 1 GB at 2 MB).

    python bench/article_size/run.py [--embedder use-multilingual|hashing] [--sizes 256,512,1024,2048]

The article is built from the bundled examples' paragraphs (our own text), numbers varied
so sentences differ, in two shapes: paragraphs (blank lines) and one single line. Each
size runs `storyloom digest` in a fresh process; peak memory is that process's max RSS.
Printed: KB, shape, seconds, peak MB, and the ratio of each to the smallest size's.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def article(size: int, one_line: bool, seed: int = 0) -> str:
    paragraphs = [p for f in sorted((ROOT / "examples").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    parts, total, n = [], 0, 0
    while total < size:
        text = rng.choice(paragraphs).replace("240", str(rng.randint(1, 9999))) + f" Item {n}."
        parts.append(" ".join(text.split()) if one_line else text)
        total += len(text) + 2
        n += 1
    return "Big article\n\n" + (" " if one_line else "\n\n").join(parts)


def run(path: Path, embedder: str) -> tuple[float, float]:
    """Wall seconds and that one process's peak RSS in MB (os.wait4: per child)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "storyloom", "digest", str(path),
                              "--embedder", embedder, "-q"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"digest of {path} failed ({child.returncode})")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument("--sizes", default="256,512,1024,2048")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as folder:
        for shape in ("paragraphs", "one line"):
            base = None
            for size in sizes:
                path = Path(folder) / f"{size}-{shape.replace(' ', '')}.txt"
                path.write_text(article(size * 1024, shape == "one line"), encoding="utf-8")
                seconds, peak = run(path, args.embedder)
                base = base or (size, seconds, peak)
                print(f"{size:5d} KB  {shape:10s}  {seconds:6.1f} s  peak {peak:6.0f} MB  "
                      f"(x{size / base[0]:.0f} size: x{seconds / base[1]:.2f} time, "
                      f"x{peak / base[2]:.2f} memory)", flush=True)


if __name__ == "__main__":
    main()

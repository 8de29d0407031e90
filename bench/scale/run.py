"""Scale benchmark: articles/s and peak memory of `digest` for growing inputs.

    python bench/scale/run.py [--sizes 1000,2000,4000,8000] [--dask] [--words 500]

Articles are built by recombining ECB+ dev texts (../shared/data): the sentences of one
article followed by those of another article about the same event, cut at about
`--words` words, so stories have realistic overlap. Each measurement runs in a fresh
process with an empty embedding cache (cold), and prints:
  - wall time, articles/s and peak RSS per size (local executor, and Dask with two workers)
  - the growth exponent (slope of log time vs log n)
  - the ratio of total time to the model calls alone (embedding + entity tagging of the
    same texts), measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "ecbplus-dev.jsonl"


def build_corpus(n: int, words: int, seed: int = 7) -> list[dict]:
    docs = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    by_event: dict[str, list[dict]] = {}
    for doc in docs:
        by_event.setdefault(doc["event_cluster"], []).append(doc)
    events = sorted(e for e, members in by_event.items() if len(members) >= 2)
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        first, second = rng.sample(by_event[events[i % len(events)]], 2)
        sentences = first["text"].split("\n") + second["text"].split("\n")[1:]
        body, count = [], 0
        for sentence in sentences:
            body.append(sentence)
            count += len(sentence.split())
            if count >= words:
                break
        articles.append({"id": f"x{i}", "title": sentences[0], "text": " ".join(body[1:]),
                         "story": first["event_cluster"]})
    return articles


def _child(args) -> None:
    """Runs in a fresh process: one measurement, printed as JSON on stdout."""
    articles = [json.loads(line) for line in Path(args.corpus).open(encoding="utf-8")]
    started = time.perf_counter()
    if args.mode == "models":
        _models_only(articles)
    else:
        from storyloom.pipeline import DigestOptions, digest_paths

        digest_paths([args.corpus], DigestOptions(executor=args.executor))
    seconds = time.perf_counter() - started
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_mb": max(own, workers) / 1024}))


def _models_only(articles: list[dict]) -> None:
    """The model calls the pipeline cannot avoid: embeddings of heads and sentences, NER."""
    from storyloom.analyze import analyze
    from storyloom.ingest import read_inputs

    parsed, _ = read_inputs([os.environ["BENCH_CORPUS"]])
    analyze(parsed)


def measure(corpus: Path, mode: str, executor: str = "local") -> dict:
    cache = tempfile.mkdtemp(prefix="storyloom-bench-cache-")
    env = {**os.environ, "STORYLOOM_CACHE": cache, "BENCH_CORPUS": str(corpus)}
    out = subprocess.run([sys.executable, __file__, "--child", "--corpus", str(corpus),
                          "--mode", mode, "--executor", executor],
                         stdout=subprocess.PIPE, env=env, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--dask", action="store_true", help="also run with --executor dask")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="digest", help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="storyloom-bench-"))
    rows = []
    for n in sizes:
        corpus = workdir / f"corpus-{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for article in build_corpus(n, args.words):
                handle.write(json.dumps(article) + "\n")
        row = {"n": n, "digest": measure(corpus, "digest")}
        if n == sizes[-1]:
            row["models"] = measure(corpus, "models")
        if args.dask:
            row["dask"] = measure(corpus, "digest", "dask")
        rows.append(row)
        secs = row["digest"]["seconds"]
        print(f"n={n:6d}  digest {secs:8.1f}s  {n / secs:7.1f} articles/s  "
              f"peak {row['digest']['peak_mb']:.0f} MB"
              + (f"  dask {row['dask']['seconds']:.1f}s" if "dask" in row else ""), flush=True)
    if len(sizes) > 1:
        exponent = growth_exponent(sizes, [r["digest"]["seconds"] for r in rows])
        print(f"growth exponent (local): {exponent:.2f}")
    last = rows[-1]
    ratio = last["digest"]["seconds"] / last["models"]["seconds"]
    print(f"total / model-calls-only time at n={last['n']}: {ratio:.2f}")


if __name__ == "__main__":
    main()

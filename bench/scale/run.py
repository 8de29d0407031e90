"""Scale benchmark: articles/s and peak memory of `digest` for growing inputs.

    python bench/scale/run.py [--sizes 1000,2000,4000,8000] [--dask] [--words 500]

Articles are built by recombining ECB+ dev texts (../shared/data): the sentences of one
article followed by those of another article about the same event, cut at about
`--words` words, so stories have realistic overlap. A newsroom's stream has more
stories as it grows, not bigger ones: every `--story-size` x 66 articles form one
"news period" dated 45 days after the previous one (beyond grouping's 30-day window),
so the same ECB+ event recurring in a later period is a new story, as a repeated kind
of event would be. Each measurement runs in a fresh process with an empty embedding
cache (cold), and prints:
  - wall time, articles/s and peak RSS per size (default executor, and Dask with two
    workers), with the load average of the (shared) machine when it started
  - the growth exponent (slope of log time vs log n)
  - the ratio of total time to the model calls alone (embedding of heads and sentences,
    entity tagging) on the same input and the same number of processes.
"""
from __future__ import annotations

import argparse
import datetime
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


PERIOD_DAYS = 45  # > grouping's 30-day window: periods never merge


def build_corpus(n: int, words: int, story_size: int = 8, seed: int = 7) -> list[dict]:
    docs = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    by_event: dict[str, list[dict]] = {}
    for doc in docs:
        by_event.setdefault(doc["event_cluster"], []).append(doc)
    events = sorted(e for e, members in by_event.items() if len(members) >= 2)
    per_period = len(events) * story_size
    rng = random.Random(seed)
    start = datetime.date(2020, 1, 1)
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
        day = start + datetime.timedelta(days=(i // per_period) * PERIOD_DAYS + rng.randint(0, 3))
        articles.append({"id": f"x{i}", "title": sentences[0], "text": " ".join(body[1:]),
                         "published": day.isoformat(), "source": f"outlet{i % 23}",
                         "story": f"{first['event_cluster']}@{i // per_period}"})
    return articles


def _child(args) -> None:
    """Runs in a fresh process: one measurement, printed as JSON on stdout."""
    from storyloom.ingest import read_inputs

    started = time.perf_counter()
    if args.mode == "models":
        articles, _ = read_inputs([args.corpus])
        seconds = _models_only(articles, args.executor)
    else:
        from storyloom.pipeline import DigestOptions, digest_paths

        digest = digest_paths([args.corpus], DigestOptions(executor=args.executor))
        seconds = time.perf_counter() - started
        sizes = sorted((len(s.articles) for s in digest.stories), reverse=True)
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    extra = {"stories": len(sizes), "largest": sizes[:3]} if args.mode != "models" else {}
    print(json.dumps({"seconds": seconds, "driver_peak_mb": own, "worker_peak_mb": workers,
                      **extra}))


def _model_calls(articles, embedder_name: str = "use-multilingual") -> float:
    """Exactly the model calls of a digest: title+lead embeddings, sentence embeddings and
    entity tagging (every article here is in a multi-article story). Returns seconds."""
    from storyloom.analyze import head_text
    from storyloom.analyze.embed import embed_texts, get_embedder
    from storyloom.analyze.entities import find_mentions_many
    from storyloom.analyze.sentences import split_sentences

    sentence_lists = [split_sentences(a) for a in articles]  # not a model call: untimed
    embedder = get_embedder(embedder_name)
    started = time.perf_counter()
    embed_texts([head_text(a, s) for a, s in zip(articles, sentence_lists)], embedder)
    embed_texts([s.text for sentences in sentence_lists for s in sentences], embedder)
    find_mentions_many(sentence_lists)
    return time.perf_counter() - started


def _models_only(articles, executor_spec: str) -> float:
    """Model calls on the same number of processes as the digest; returns the slowest
    process's model time (model loading excluded, as the digest amortises it)."""
    from storyloom.engine import get_executor, resolve_auto

    for article in articles:
        article.language = article.language or "en"
    executor = get_executor(resolve_auto(executor_spec, len(articles)))
    workers = getattr(executor, "workers", 1)
    size = -(-len(articles) // workers)
    parts = [articles[i:i + size] for i in range(0, len(articles), size)]
    try:
        return max(executor.map(_model_calls, parts))
    finally:
        executor.close()


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
    parser.add_argument("--story-size", type=int, default=8,
                        help="articles per story and news period")
    parser.add_argument("--dask", action="store_true", help="also run with --executor dask")
    parser.add_argument("--dask-sizes", default="",
                        help="with --dask: only these sizes (default: all)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="digest", help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="auto",
                        help="executor of the main measurement (auto: process pool)")
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    dask_sizes = {int(s) for s in args.dask_sizes.split(",") if s}
    workdir = Path(tempfile.mkdtemp(prefix="storyloom-bench-"))
    rows = []
    for n in sizes:
        corpus = workdir / f"corpus-{n}.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for article in build_corpus(n, args.words, args.story_size):
                handle.write(json.dumps(article) + "\n")
        load = os.getloadavg()[0]
        row = {"n": n, "load": load, "digest": measure(corpus, "digest", args.executor)}
        if n == sizes[-1]:
            row["models"] = measure(corpus, "models", args.executor)
        if args.dask and (not dask_sizes or n in dask_sizes):
            row["dask"] = measure(corpus, "digest", "dask")
        rows.append(row)
        secs = row["digest"]["seconds"]
        peak = row["digest"]["driver_peak_mb"] + row["digest"]["worker_peak_mb"] * _workers()
        print(f"n={n:6d}  load {load:4.1f}  digest {secs:8.1f}s  {n / secs:7.1f} articles/s  "
              f"peak {peak:.0f} MB (driver {row['digest']['driver_peak_mb']:.0f} + "
              f"{_workers()} x worker {row['digest']['worker_peak_mb']:.0f})  "
              f"stories {row['digest']['stories']} largest {row['digest']['largest']}"
              + (f"  dask {row['dask']['seconds']:.1f}s ({n / row['dask']['seconds']:.1f}/s)"
                 if "dask" in row else ""), flush=True)
    if len(sizes) > 1:
        exponent = growth_exponent(sizes, [r["digest"]["seconds"] for r in rows])
        print(f"growth exponent ({args.executor}): {exponent:.2f}")
        dask_rows = [r for r in rows if "dask" in r]
        if len(dask_rows) > 1:
            exponent = growth_exponent([r["n"] for r in dask_rows],
                                       [r["dask"]["seconds"] for r in dask_rows])
            print(f"growth exponent (dask, 2 workers): {exponent:.2f}")
    last = rows[-1]
    ratio = last["digest"]["seconds"] / last["models"]["seconds"]
    print(f"model calls alone at n={last['n']}: {last['models']['seconds']:.1f}s; "
          f"total / model calls: {ratio:.2f}")
    (workdir / "results.json").write_text(json.dumps(rows, indent=1))
    print(f"rows: {workdir / 'results.json'}")


def _workers() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()

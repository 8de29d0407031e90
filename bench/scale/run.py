"""Scale benchmark: articles/s and peak memory of `digest` for growing inputs.

    python bench/scale/run.py [--corpus baly|ecb] [--sizes 1000,2000,4000,8000] [--dask]

`--corpus baly` (default): time-ordered slices (the first n lines) of
../shared/data/baly-news/articles.jsonl, 10,000 real full-text articles in date order
(the undated ones first), in which sentences almost never repeat: caches do not flatter
the figures.

`--corpus ecb`: articles built by recombining ECB+ dev texts (../shared/data), events with at least
7 reports and 3,000 words (47 of 66): the title and about a third of the words of one
report, then the opening sentences of two other reports of the same event, cut at about
`--words` words, so stories have realistic overlap; each article of an event is a
different mix of reports. A newsroom's stream has more stories as it grows, not bigger
ones: every `--story-size` x 47 articles form one "news period" dated 45 days after the
previous one (beyond grouping's 30-day window), and each period uses a different two
thirds of every report's sentences, so the same ECB+ event recurring in a later period
is a new story, not a syndicated copy of the earlier one (as a repeated kind of event
would be). Each measurement runs in a fresh process with an empty embedding
cache (cold), and prints:
  - wall time, articles/s and peak RSS per size (default executor, and Dask with two
    workers), with the load average of the (shared) machine when it started; the time
    and the driver's memory include writing the JSON report as `digest -o` writes it
  - the growth exponent (slope of log time vs log n)
  - the ratio of total time to the model calls alone: the digest records every text
    its processes sent to a model (embedder and entity tagger, including the clauses
    consolidation embeds), and a fresh run replays exactly those calls, one process per
    digest worker; "model calls alone" is the slowest replaying process
  - the share of distinct sentences in the corpus: recombined texts repeat sentences,
    and the digest sends each distinct text to a model once (content-hash caches), so
    `--uncached-sizes` also measures with STORYLOOM_CONTENT_CACHE=off (every sentence
    occurrence embedded and tagged: the cost of a corpus without repeats)
"""
from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data" / "ecbplus-dev.jsonl"
BALY = REPO.parent / "shared" / "data" / "baly-news" / "articles.jsonl"


PERIOD_DAYS = 45  # > grouping's 30-day window: periods never merge
MIN_REPORTS = 7
KEEP_SHARE = 2 / 3  # of a report's sentences in one period (see _period_lines)
MIN_EVENT_WORDS = 3000  # smaller events would repeat near-identical mixes


def build_corpus(n: int, words: int, story_size: int = 8, seed: int = 7) -> list[dict]:
    docs = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    by_event: dict[str, list[dict]] = {}
    for doc in docs:
        by_event.setdefault(doc["event_cluster"], []).append(doc)
    # events with enough reports and text for different mixes up to 8k articles
    events = sorted(e for e, members in by_event.items() if len(members) >= MIN_REPORTS
                    and sum(len(d["text"].split()) for d in members) >= MIN_EVENT_WORDS)
    per_period = len(events) * story_size
    rng = random.Random(seed)
    combos = {e: _combos(len(by_event[e]), rng) for e in events}
    start = datetime.date(2020, 1, 1)
    articles = []
    for i in range(n):
        event = events[i % len(events)]
        picks = combos[event][(i // len(events)) % len(combos[event])]
        # the three picked reports, then the event's others as filler for short ones
        filler = [k for k in range(len(by_event[event])) if k not in picks]
        rng.shuffle(filler)
        order = list(picks) + filler
        period = i // per_period
        body = _recombine([_period_lines(by_event[event][k]["text"], seed, period, event, k)
                           for k in order], words)
        day = start + datetime.timedelta(days=period * PERIOD_DAYS + rng.randint(0, 3))
        articles.append({"id": f"x{i}", "title": body[0], "text": " ".join(body[1:]),
                         "published": day.isoformat(), "source": f"outlet{i % 23}",
                         "story": f"{event}@{period}", "_lines": body})
    return articles


def baly_slice(n: int) -> list[dict]:
    """The first n articles of the (date-ordered) real corpus, as the crawl gave them."""
    articles = []
    with BALY.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, n):
            article = json.loads(line)
            article["_lines"] = _rough_sentences(article.get("text") or "")
            articles.append(article)
    return articles


def _rough_sentences(text: str) -> list[str]:
    """Sentences near enough for a share of repeats (not the digest's splitter)."""
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _period_lines(text: str, seed: int, period: int, event: str, report: int) -> list[str]:
    """A report's lines as used in one news period: its title and a seeded two thirds of
    its other sentences. The pool of reports is small, so later periods reuse reports;
    without this a mix in a later period would be a near copy (shingle Jaccard >= 0.7)
    of one in an earlier period, and ingest would mark it a syndicated copy, which
    grouping keeps in its original's story whatever the dates."""
    lines = text.split("\n")
    keep = random.Random(f"{seed}:{period}:{event}:{report}")
    return lines[:1] + [line for line in lines[1:] if keep.random() < KEEP_SHARE]


def _combos(size: int, rng: random.Random) -> list[tuple[int, ...]]:
    """Every ordered choice of three of an event's reports (two where it has two), in a
    seeded random order: articles of one event are all different mixes, so a big corpus
    does not fill up with identical texts (which ingest would mark as syndicated copies
    and grouping would then join across news periods)."""
    combos = list(itertools.permutations(range(size), min(3, size)))
    rng.shuffle(combos)
    return combos


def _recombine(reports: list[list[str]], words: int) -> list[str]:
    """Title and lead from the first report (about a third of the words), the opening of
    the second (a third), then the third and any further ones, cut at about `words` words.
    A report's first line is its title: left out after the first report, unless the
    report is only a line or two (some ECB+ reports are a single sentence)."""
    limits = [words // 3, words * 2 // 3]  # running word totals after reports 1 and 2
    body: list[str] = []
    count = 0
    for n, lines in enumerate(reports):
        for sentence in lines if n == 0 or len(lines) <= 2 else lines[1:]:
            if n < len(limits) and count >= limits[n]:
                break
            body.append(sentence)
            count += len(sentence.split())
            if count >= words:
                return body
    return body


def distinct_share(articles: list[dict]) -> float:
    """Distinct sentences / sentence occurrences over the corpus."""
    seen, total = set(), 0
    for article in articles:
        for sentence in article["_lines"]:
            seen.add(sentence)
            total += 1
    return len(seen) / max(total, 1)


def _child(args) -> None:
    """Runs in a fresh process: one measurement, printed as JSON on stdout."""
    started = time.perf_counter()
    extra: dict = {}
    if args.mode == "models":
        seconds, extra = _replay(Path(args.record), args.executor)
    else:
        from storyloom.pipeline import DigestOptions, digest_paths

        if args.record:
            _record_model_calls(Path(args.record))
        marks: dict[str, float] = {}

        def progress(stage: str, done: int, total: int) -> None:
            # a stage starts at its first call and ends at its last (done == total)
            marks.setdefault(f"{stage}_start", time.perf_counter())
            if done == total:
                marks[f"{stage}_end"] = time.perf_counter()

        digest = digest_paths([args.corpus_file], DigestOptions(executor=args.executor), progress)
        digested = time.perf_counter()
        # the JSON report written as `storyloom digest -o` writes it (streamed story by
        # story): its time and memory are part of a digest
        from storyloom.render.jsonout import write_json

        with tempfile.TemporaryFile() as report:
            write_json(digest, report)
        seconds = time.perf_counter() - started
        sizes = sorted((len(s.articles) for s in digest.stories), reverse=True)
        stages = {"ingest": marks.get("analyze_start", started) - started,
                  "analyze": marks.get("analyze_end", 0) - marks.get("analyze_start", 0),
                  "group": marks.get("consolidate_start", 0) - marks.get("analyze_end", 0),
                  "consolidate": digested - marks.get("consolidate_start", started),
                  "output": started + seconds - digested}
        extra = {"articles": sum(sizes), "stories": len(sizes), "largest": sizes[:3],
                 "stages": {k: round(v, 1) for k, v in stages.items()}}
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "driver_peak_mb": own, "worker_peak_mb": workers,
                      **extra}))


def _record_model_calls(folder: Path) -> None:
    """Log every batch of texts the digest's processes send to a model, one file per
    process (the process pool forks, so the patch reaches its workers)."""
    import storyloom.analyze.entities as entities
    from storyloom.analyze.embed import UseMultilingual

    def log(kind: str, texts: list[str]) -> None:
        with (folder / f"calls-{os.getpid()}.jsonl").open("a", encoding="utf-8") as handle:
            handle.write(json.dumps({"kind": kind, "texts": texts}) + "\n")

    embed = UseMultilingual.embed

    def logged_embed(self, texts):
        log("embed", list(texts))
        return embed(self, texts)

    class LoggedTagger:
        def __init__(self, nlp):
            self._nlp = nlp

        def __getattr__(self, name):
            return getattr(self._nlp, name)

        def pipe(self, texts, **kwargs):
            texts = list(texts)
            log("ner", texts)
            return self._nlp.pipe(texts, **kwargs)

    pipeline = entities._pipeline
    UseMultilingual.embed = logged_embed
    entities._pipeline = lambda: LoggedTagger(pipeline())


def _replay_file(path: str) -> dict:
    """One digest process's model calls, same batches, no caches; seconds spent."""
    from storyloom.analyze.embed import get_embedder
    from storyloom.analyze.entities import BATCH_SENTENCES, _pipeline

    embedder, nlp = get_embedder("use-multilingual"), _pipeline()  # loading: untimed
    calls = [json.loads(line) for line in Path(path).open(encoding="utf-8")]
    spent = {"embed": 0.0, "ner": 0.0}
    counts = {"embed": 0, "ner": 0}
    for call in calls:
        started = time.perf_counter()
        if call["kind"] == "embed":
            embedder.embed(call["texts"])
        else:
            for _ in nlp.pipe(call["texts"], batch_size=BATCH_SENTENCES):
                pass
        spent[call["kind"]] += time.perf_counter() - started
        counts[call["kind"]] += len(call["texts"])
    return {"seconds": sum(spent.values()), "spent": spent, "texts": counts}


def _replay(folder: Path, executor_spec: str) -> tuple[float, dict]:
    """Replay each digest process's model calls in its own process, in parallel as the
    digest ran them; the slowest process is the model-only time."""
    from storyloom.engine import get_executor

    files = sorted(str(p) for p in folder.glob("calls-*.jsonl"))
    executor = get_executor("process" if len(files) > 1 else "local")
    try:
        done = executor.map(_replay_file, files)
    finally:
        executor.close()
    spent = {kind: round(sum(d["spent"][kind] for d in done), 1) for kind in ("embed", "ner")}
    texts = {kind: sum(d["texts"][kind] for d in done) for kind in ("embed", "ner")}
    return max(d["seconds"] for d in done), {"processes": len(files), "cpu_spent": spent,
                                            "texts": texts}


def measure(corpus: Path, mode: str, executor: str = "local", record: Path | None = None,
            cached: bool = True) -> dict:
    cache = tempfile.mkdtemp(prefix="storyloom-bench-cache-")
    env = {**os.environ, "STORYLOOM_CACHE": cache, "BENCH_CORPUS": str(corpus)}
    if not cached:
        env["STORYLOOM_CONTENT_CACHE"] = "off"
    command = [sys.executable, __file__, "--child", "--corpus-file", str(corpus), "--mode", mode,
               "--executor", executor]
    if record:
        command += ["--record", str(record)]
    out = subprocess.run(command, stdout=subprocess.PIPE, env=env, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(s) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def _write_corpus(path: Path, articles: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({k: v for k, v in article.items() if not k.startswith("_")}) + "\n")


def _print_row(row: dict) -> None:
    # articles/s counts the articles digested: the reader drops exact duplicate records
    n, digest = row["digest"]["articles"], row["digest"]
    peak = digest["driver_peak_mb"] + digest["worker_peak_mb"] * _workers()
    line = (f"n={row['n']:6d} ({n} read)  load {row['load']:4.1f}  distinct sentences {row['distinct']:.0%}  "
            f"digest {digest['seconds']:7.1f}s {n / digest['seconds']:6.1f}/s  "
            f"peak {peak:.0f} MB (driver {digest['driver_peak_mb']:.0f} + {_workers()} x worker "
            f"{digest['worker_peak_mb']:.0f})  stories {digest['stories']} "
            f"largest {digest['largest']}  stages {digest['stages']}")
    for key, label in (("uncached", "content cache off"), ("dask", "dask 2 workers")):
        if key in row:
            line += f"\n         {label}: {row[key]['seconds']:.1f}s ({n / row[key]['seconds']:.1f}/s)"
            line += f" peak driver {row[key]['driver_peak_mb']:.0f} MB"
    if "uncached_models" in row:
        models = row["uncached_models"]
        line += (f"\n         content cache off, model calls alone: {models['seconds']:.1f}s "
                 f"(texts {models['texts']}); total / model calls "
                 f"{row['uncached']['seconds'] / models['seconds']:.2f}")
    if "models" in row:
        models = row["models"]
        line += (f"\n         model calls alone: {models['seconds']:.1f}s (cpu {models['cpu_spent']}, "
                 f"texts {models['texts']}); total / model calls "
                 f"{digest['seconds'] / models['seconds']:.2f}")
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="baly", choices=["baly", "ecb"],
                        help="baly: slices of the real corpus; ecb: recombined ECB+ reports")
    parser.add_argument("--sizes", default="1000,2000,4000,8000")
    parser.add_argument("--words", type=int, default=500, help="ecb: words per article")
    parser.add_argument("--story-size", type=int, default=8,
                        help="articles per story and news period")
    parser.add_argument("--dask", action="store_true", help="also run with --executor dask")
    parser.add_argument("--dask-sizes", default="",
                        help="with --dask: only these sizes (default: all)")
    parser.add_argument("--models-sizes", default="",
                        help="replay the model calls at these sizes (default: the largest)")
    parser.add_argument("--uncached-sizes", default="",
                        help="also digest with STORYLOOM_CONTENT_CACHE=off at these sizes")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-file", help=argparse.SUPPRESS)
    parser.add_argument("--record", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="digest", help=argparse.SUPPRESS)
    parser.add_argument("--executor", default="auto",
                        help="executor of the main measurement (auto: process pool)")
    args = parser.parse_args()
    if args.child:
        _child(args)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    dask_sizes = {int(s) for s in args.dask_sizes.split(",") if s}
    model_sizes = {int(s) for s in args.models_sizes.split(",") if s} or {sizes[-1]}
    uncached_sizes = {int(s) for s in args.uncached_sizes.split(",") if s}
    workdir = Path(tempfile.mkdtemp(prefix="storyloom-bench-"))
    rows = []
    for n in sizes:
        corpus = workdir / f"corpus-{n}.jsonl"
        articles = (baly_slice(n) if args.corpus == "baly"
                    else build_corpus(n, args.words, args.story_size))
        _write_corpus(corpus, articles)
        row = {"n": n, "corpus": args.corpus, "load": os.getloadavg()[0],
               "distinct": distinct_share(articles)}
        record = workdir / f"calls-{n}" if n in model_sizes else None
        if record:
            record.mkdir()
        row["digest"] = measure(corpus, "digest", args.executor, record)
        if record:
            row["models"] = measure(corpus, "models", args.executor, record)
        if n in uncached_sizes:
            replay = workdir / f"calls-{n}-uncached" if record else None
            if replay:
                replay.mkdir()
            row["uncached"] = measure(corpus, "digest", args.executor, replay, cached=False)
            if replay:
                row["uncached_models"] = measure(corpus, "models", args.executor, replay)
        if args.dask and (not dask_sizes or n in dask_sizes):
            row["dask"] = measure(corpus, "digest", "dask")
        rows.append(row)
        _print_row(row)
    if len(sizes) > 1:
        counts = [r["digest"]["articles"] for r in rows]
        exponent = growth_exponent(counts, [r["digest"]["seconds"] for r in rows])
        print(f"growth exponent ({args.executor}): {exponent:.2f}")
        dask_rows = [r for r in rows if "dask" in r]
        if len(dask_rows) > 1:
            exponent = growth_exponent([r["digest"]["articles"] for r in dask_rows],
                                       [r["dask"]["seconds"] for r in dask_rows])
            print(f"growth exponent (dask, 2 workers): {exponent:.2f}")
    (workdir / "results.json").write_text(json.dumps(rows, indent=1))
    print(f"rows: {workdir / 'results.json'}")


def _workers() -> int:
    return os.cpu_count() or 1


if __name__ == "__main__":
    main()

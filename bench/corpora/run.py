"""Every real corpus digested: one `storyloom digest --strict` run per corpus, then all mixed.

    python bench/corpora/run.py [--corpus NAME ...] [--limit N] [--seed 0]
                                [--embedder use-multilingual] [--executor local]

Each corpus under ../shared/data is converted to article JSONL in a temporary folder
(tests/real_corpora.py, the converters the CI test uses) and digested by the CLI as a
subprocess:

    python -m storyloom digest FILE --format json --strict -q --out TMP/digest.json
        --embedder EMBEDDER --executor EXECUTOR

One line per run: articles, stories, exit code, wall seconds, peak RSS, internal
failures (warnings with a "section" key: must be 0) and bad-input warnings. Peak RSS is
the child's `ru_maxrss` from os.wait4: with `--executor local` (the default here) the
digest is one process, so that is its whole peak; with `process` it would be only the
biggest single process of the pool. Each run gets a fresh embedding cache
(STORYLOOM_CACHE) so that no run is flattered by texts an earlier one embedded;
`--shared-cache` uses the user's cache instead.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))  # the converters live beside the test that uses them

import real_corpora  # noqa: E402

HEADER = (f"{'corpus':<12} {'articles':>8} {'stories':>7} {'exit':>4} {'wall_s':>8} "
          f"{'peak_MB':>8} {'internal':>8} {'input_w':>7}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=real_corpora.DATA)
    parser.add_argument("--corpus", action="append", choices=sorted(real_corpora.CORPORA),
                        help="only this corpus (repeatable); default: every one available")
    parser.add_argument("--limit", type=int, default=None,
                        help="at most about N articles per corpus: a seeded sample of whole "
                             "stories (baly-news: its first N in file order)")
    parser.add_argument("--baly-size", type=int, default=real_corpora.BALY_SLICE,
                        help="baly-news: the first N articles in file order")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--embedder", default="use-multilingual")
    parser.add_argument("--executor", default="local")
    parser.add_argument("--no-mix", action="store_true", help="skip the run over all corpora mixed")
    parser.add_argument("--shared-cache", action="store_true",
                        help="use the user's embedding cache instead of a fresh one per run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    return parser.parse_args(argv)


def corpus_records(name: str, args: argparse.Namespace) -> list[dict]:
    if name == "baly-news":
        size = args.baly_size if args.limit is None else min(args.limit, args.baly_size)
        return real_corpora.baly(args.data, size)
    records = real_corpora.load(name, args.data)
    if args.limit is not None and args.limit < len(records):
        records = real_corpora.sample(records, args.limit, args.seed)
    return records


def digest_command(path: Path, out: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "storyloom", "digest", str(path), "--format", "json", "--strict",
            "-q", "--out", str(out), "--embedder", args.embedder, "--executor", args.executor]


def run_digest(name: str, records: list[dict], work: Path, args: argparse.Namespace) -> str:
    folder = work / name
    path = real_corpora.write_jsonl(records, folder / f"{name}.jsonl")
    out = folder / "digest.json"
    env = dict(os.environ)
    env.pop("STORYLOOM_STRICT", None)  # --strict is on the command line
    if not args.shared_cache:
        env["STORYLOOM_CACHE"] = str(folder / "cache")
    with (folder / "stderr.log").open("wb") as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(digest_command(path, out, args), stdout=subprocess.DEVNULL,
                                stderr=stderr, env=env, cwd=REPO)
        # wait4 reports this child's own peak RSS (getrusage(RUSAGE_CHILDREN) is a
        # maximum over every child so far, so it cannot separate one run from the next)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    stories = internal = bad_input = "-"
    if code == 0 and out.is_file():
        digest = json.loads(out.read_text(encoding="utf-8"))
        stories = str(len(digest["stories"]))
        internal = str(sum("section" in w for w in digest["warnings"]))
        bad_input = str(sum("section" not in w for w in digest["warnings"]))
    line = (f"{name:<12} {len(records):>8} {stories:>7} {code:>4} {wall:>8.1f} "
            f"{usage.ru_maxrss / 1024:>8.0f} {internal:>8} {bad_input:>7}")
    if code != 0:
        errors = [ln for ln in (folder / "stderr.log").read_text(errors="replace").splitlines()
                  if "error" in ln]
        line += "\n    " + "\n    ".join(errors[-3:] or ["(no error line on stderr)"])
    return line


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = args.corpus or real_corpora.available(args.data)
    missing = [n for n in names if n not in real_corpora.available(args.data)]
    if missing or not names:
        print(f"not available under {args.data}: {', '.join(missing) or 'any corpus'}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="storyloom-corpora-"))
    example = digest_command(Path("FILE.jsonl"), Path("TMP/digest.json"), args)
    print("command:", " ".join(["python", *example[1:]]), flush=True)
    print(f"executor {args.executor}, embedder {args.embedder}, seed {args.seed}, "
          f"limit {args.limit}, {'shared' if args.shared_cache else 'fresh'} cache; workdir {work}",
          flush=True)
    print(HEADER, flush=True)
    failed = False
    mixed: list[dict] = []
    try:
        # small corpora first: a long run stopped early has reported most corpora
        loaded = sorted(((n, corpus_records(n, args)) for n in names), key=lambda item: len(item[1]))
        for name, records in loaded:
            line = run_digest(name, records, work, args)
            failed |= line.split()[3] != "0" or line.split()[6] not in ("0",)
            print(line, flush=True)
            mixed.extend(records)
        if len(loaded) > 1 and not args.no_mix:
            random.Random(args.seed).shuffle(mixed)  # interleaved, not one corpus after another
            line = run_digest("all-mixed", mixed, work, args)
            failed |= line.split()[3] != "0" or line.split()[6] not in ("0",)
            print(line, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`storyloom watch`: poll feeds, URLs and folders, ingesting what is new.

A first Ctrl-C (SIGINT) or SIGTERM asks to stop: the item being ingested is finished
(each step commits on its own anyway) and the loop ends before the next one.
"""
from __future__ import annotations

import logging
import signal
import threading
import tomllib
from collections.abc import Callable
from pathlib import Path

from storyloom.errors import StoryloomError
from storyloom.store.base import Store
from storyloom.store.fetch import Fetcher
from storyloom.store.incremental import IngestOptions
from storyloom.store.service import run_ingest

log = logging.getLogger(__name__)
Say = Callable[[str], None]


def tenth_steps(say: Say, prefix: str = "") -> Callable[[str, int, int], None]:
    """A progress callback saying "<stage> done/total" about every tenth of each stage
    (whose name starts with `prefix`): enough to follow a long run without flooding."""
    last: dict[str, int] = {}

    def report(stage: str, done: int, total: int) -> None:
        step = max(1, total // 10)
        if not stage.startswith(prefix) or (done < total and done - last.get(stage, -step) < step):
            return
        last[stage] = done
        say(f"{stage} {done}/{total}")

    return report


WATCH_KEYS = {"sources": "a list of feed URLs, page URLs or paths (strings)",
              "interval": "a number of seconds, at least 0.1"}


def read_watch_config(path: Path) -> dict:
    """The `[watch]` table of storyloom.toml: sources = [...], interval = seconds,
    checked on load: a wrong type or an unknown key is an error naming the file, the key
    and what it must be (`sources = "http://..."` would otherwise be read a character at a
    time, each one a path)."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise StoryloomError(f"{path}: not valid TOML ({exc})") from exc
    table = data.get("watch", {})
    if not isinstance(table, dict):
        raise StoryloomError(f"{path}: [watch] must be a table with keys {', '.join(WATCH_KEYS)}")
    for key in table:
        if key not in WATCH_KEYS:
            raise StoryloomError(f"{path}: unknown key watch.{key}; valid keys: {', '.join(WATCH_KEYS)}")
    sources = table.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) and s.strip() for s in sources):
        raise StoryloomError(f"{path}: watch.sources must be {WATCH_KEYS['sources']}, "
                             f"not {type(sources).__name__} {sources!r:.60}")
    interval = table.get("interval")
    if interval is not None and (isinstance(interval, bool) or not isinstance(interval, (int, float))
                                 or interval < 0.1):
        raise StoryloomError(f"{path}: watch.interval must be {WATCH_KEYS['interval']}, "
                             f"not {interval!r:.60}")
    return table


class StopFlag:
    """Set by SIGINT/SIGTERM; a second SIGINT interrupts at once."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)

    def _handle(self, signum, frame) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.event.set()


def watch(store: Store, sources: list[str], interval: float, options: IngestOptions,
          say: Say, stop: StopFlag, rounds: int = 0) -> int:
    """Poll until stopped (or for `rounds` rounds when > 0); returns articles added."""
    fetcher = Fetcher(store)
    added, done_rounds = 0, 0
    try:
        while not stop.event.is_set():
            for source in sources:
                if stop.event.is_set():
                    break
                report = run_ingest(store, [source], options, fetcher, progress=tenth_steps(say, "feed "))
                added += len(report.ingest.added)
                say(f"{source}: {report.summary()}")
                for failure in report.ingest.failures:  # kept stale: the next round retries
                    say(f"warning: story {failure.story}: {failure.problem}")
            done_rounds += 1
            if rounds and done_rounds >= rounds:
                break
            stop.event.wait(interval)
    finally:
        fetcher.close()
    say(f"stopped; {added} articles added")
    return added

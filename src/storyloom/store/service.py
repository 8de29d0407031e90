"""One ingest run over inputs: collect -> quarantine problems -> store, group, rebuild briefs."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

from storyloom.store.base import Store
from storyloom.store.fetch import Fetcher
from storyloom.store.incremental import (
    IngestOptions,
    IngestReport,
    Progress,
    _noop,
    check_embedder,
    finish_pending,
    store_articles,
)
from storyloom.store.sources import collect, is_url

log = logging.getLogger(__name__)


@dataclass
class RunReport:
    ingest: IngestReport
    quarantined: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {**self.ingest.as_dict(), "quarantined": self.quarantined}

    def summary(self) -> str:
        i = self.ingest
        updated = "".join(f"\nupdated {u['id']}: {u['changes']}" for u in i.updated)
        return (f"added {len(i.added)}, duplicates {len(i.duplicates)}, "
                + (f"updated {len(i.updated)}, " if i.updated else "")
                + f"quarantined {len(self.quarantined)}; stories: {len(i.new_stories)} new, "
                f"{len(i.merged_stories)} merged, {len(i.rebuilt_stories)} rebuilt"
                + (f", {len(i.failures)} brief section(s) failed" if i.failures else "") + updated)


def quarantine_all(store: Store, problems: list[tuple[str, str]]) -> list[dict[str, str]]:
    with store.transaction():
        for input_name, reason in problems:
            log.warning("quarantined %s: %s", input_name, reason)
            store.quarantine(input_name, reason)
    return [{"input": i, "reason": r} for i, r in problems]


def run_ingest(store: Store, inputs: list[str], options: IngestOptions,
               fetcher: Fetcher | None = None, progress: Progress = _noop) -> RunReport:
    own_fetcher = fetcher is None and any(is_url(v) for v in inputs)
    if own_fetcher:
        fetcher = Fetcher(store)
    report = IngestReport()
    check_embedder(store, options.embedder)

    def store_now(articles: list) -> None:  # a feed's entry, committed as it is fetched
        store_articles(store, articles, report, options.chunk_size, _noop, options.actor)

    try:
        collected = collect(inputs, store, fetcher, sink=store_now, progress=progress)
        quarantined = quarantine_all(store, collected.problems)
        store_articles(store, collected.articles, report, options.chunk_size, progress, options.actor)
        finish_pending(store, options, report, progress)
        for fetched in collected.fetched:
            fetcher.remember(fetched)  # type: ignore[union-attr]
    finally:
        if own_fetcher and fetcher is not None:
            fetcher.close()
    return RunReport(report, quarantined)

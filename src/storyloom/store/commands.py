"""`storyloom ingest` and `storyloom watch`: the store's command line."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from storyloom.errors import IncompleteError, NoArticlesError

db_option = click.option("--db", "db", envvar="STORYLOOM_DB", default=None,
                         help="Store: a SQLite file or postgresql:// URL "
                              "[env STORYLOOM_DB; default storyloom.db].")
_embedder_opt = click.option("--embedder", default="use-multilingual", show_default=True,
                             help="Embedding model (use-multilingual, hashing); one per store.")
_entities_opt = click.option("--entities/--no-entities", default=True, show_default=True,
                             help="Run entity recognition when building briefs.")
_chunk_opt = click.option("--chunk-size", default=50, show_default=True, type=click.IntRange(1),
                          help="Articles per committed transaction.")
_briefs_opt = click.option("--briefs/--no-briefs", default=True, show_default=True,
                           help="Build story briefs (off: grouping only, like `group`).")
_quiet_opt = click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
strict_opt = click.option("--strict", is_flag=True, envvar="STORYLOOM_STRICT",
                          help="Stop with an internal error when a story's brief fails, instead "
                               "of keeping it stale for the next run (exit 3).")


def _progress(quiet: bool):
    from storyloom.store.watch import tenth_steps

    return tenth_steps(lambda line: None if quiet else click.echo(line, err=True))


def _store_options(store):
    """Options for a run that only finishes work in an existing store: its own embedder."""
    return _options(store.get_setting("embedder") or "use-multilingual", True, 50, True)


def _options(embedder: str, entities: bool, chunk_size: int, briefs: bool, strict: bool = False):
    from storyloom.store.incremental import IngestOptions

    return IngestOptions(embedder=embedder, entities=entities, chunk_size=chunk_size,
                         briefs=briefs, strict=strict)


@click.command()
@click.argument("inputs", nargs=-1)
@db_option
@_embedder_opt
@_entities_opt
@_chunk_opt
@_briefs_opt
@click.option("--json", "as_json", is_flag=True, help="Print what happened as JSON on stdout.")
@_quiet_opt
@strict_opt
def ingest(inputs, db, embedder, entities, chunk_size, briefs, as_json, quiet, strict):
    """Add files, folders, page URLs or feed URLs to the store, incrementally.

    Already stored articles (same URL or same text) are skipped; new ones join existing
    stories or start new ones, and the briefs of changed stories are rebuilt. With no
    INPUTS, finishes whatever an interrupted run left (ungrouped articles, stale briefs).
    """
    from storyloom.store import open_store
    from storyloom.store.service import run_ingest

    store = open_store(db)
    try:
        result = run_ingest(store, list(inputs), _options(embedder, entities, chunk_size, briefs,
                                                          strict), progress=_progress(quiet))
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    click.echo(result.summary(), err=True)
    for failure in result.ingest.failures:
        click.echo(f"warning: story {failure.story}: {failure.problem} (kept stale: built again "
                   "on the next run)", err=True)
    if result.ingest.failures:
        raise IncompleteError(len(result.ingest.failures))
    if inputs and not result.ingest.added and not result.ingest.duplicates and result.quarantined:
        raise NoArticlesError("no usable article found in " + ", ".join(inputs))


@click.command()
@click.argument("sources", nargs=-1)
@db_option
@click.option("--interval", type=click.FloatRange(0.1), default=None,
              help="Seconds between polls [default: [watch] interval, else 300].")
@click.option("--config", "config_path", default="storyloom.toml", show_default=True,
              type=click.Path(dir_okay=False), help="Reads sources/interval from [watch].")
@click.option("--rounds", default=0, type=click.IntRange(0), help="Stop after N polls (0: never).")
@_embedder_opt
@_entities_opt
@_chunk_opt
@_briefs_opt
@strict_opt
def watch(sources, db, interval, config_path, rounds, embedder, entities, chunk_size, briefs, strict):
    """Poll feeds, URLs and folders and ingest what is new, until Ctrl-C."""
    from storyloom.store import open_store
    from storyloom.store.watch import StopFlag, read_watch_config
    from storyloom.store.watch import watch as run_watch

    config = read_watch_config(Path(config_path))
    all_sources = list(sources) + [s for s in config.get("sources", []) if s not in sources]
    if not all_sources:
        raise click.UsageError("nothing to watch: give SOURCES or a [watch] sources list")
    seconds = interval or float(config.get("interval", 300))
    stop = StopFlag()
    stop.install()
    store = open_store(db)

    def say(line: str) -> None:
        click.echo(line, err=True)
        sys.stderr.flush()

    say(f"watching {len(all_sources)} source(s) every {seconds:g}s; Ctrl-C stops")
    try:
        run_watch(store, all_sources, seconds, _options(embedder, entities, chunk_size, briefs, strict), say,
                  stop, rounds)
    finally:
        store.close()


@click.command()
@click.argument("article_ids", nargs=-1, required=True)
@db_option
@_quiet_opt
def remove(article_ids, db, quiet):
    """Remove articles from the store by id; the stories that held them are rebuilt (an
    emptied story leaves the list). Each removal is recorded in the store's audit trail."""
    from storyloom.store import open_store
    from storyloom.store.incremental import remove_articles

    store = open_store(db)
    try:
        report = remove_articles(store, list(article_ids), _store_options(store),
                                 progress=_progress(quiet))
    finally:
        store.close()
    click.echo(f"removed {len(article_ids)}; stories rebuilt: {len(report.rebuilt_stories)}",
               err=True)


@click.command()
@db_option
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1),
              help="The most recent N quarantined inputs.")
@click.option("--json", "as_json", is_flag=True, help="Print them as a JSON list on stdout.")
@click.option("--retry", is_flag=True, help="Ingest the listed inputs again (those that are "
              "files or URLs), with the store's own embedder; what is still bad is "
              "quarantined again.")
@_quiet_opt
def quarantine(db, limit, as_json, retry, quiet):
    """List the inputs the store set aside (bad files, feeds, pages) and why; --retry
    ingests them again."""
    from storyloom.store import open_store
    from storyloom.store.service import run_ingest

    store = open_store(db)
    try:
        rows = store.quarantined(limit)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                click.echo(f"{row['at']}  {row['input']}: {row['reason']}")
            click.echo(f"{len(rows)} quarantined input(s)", err=True)
        inputs = list(dict.fromkeys(r["input"] for r in rows if "://" in r["input"]
                                    or Path(r["input"]).exists()))
        if retry and inputs:
            result = run_ingest(store, inputs, _store_options(store), progress=_progress(quiet))
            click.echo(result.summary(), err=True)
    finally:
        store.close()


COMMANDS = [ingest, watch, quarantine, remove]

"""`storyloom serve`: the web UI and JSON API over a store."""
from __future__ import annotations

import ipaddress
import logging
import threading

import click

from storyloom.store.commands import db_option

log = logging.getLogger(__name__)
LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="STORYLOOM_TOKEN", default=None,
              help="Bearer token for write endpoints [env STORYLOOM_TOKEN]; required when "
                   "--host is not a loopback address.")
@click.option("--max-upload-mb", default=5.0, show_default=True, type=click.FloatRange(0.001))
@click.option("--embedder", default="use-multilingual", show_default=True)
@click.option("--entities/--no-entities", default=True, show_default=True)
@click.option("--briefs/--no-briefs", default=True, show_default=True)
@click.option("--allow-host", "allow_hosts", multiple=True,
              help="Another Host name:port the server answers to (behind a proxy); "
                   "by default only the address it listens on.")
def serve(db, host, port, token, max_upload_mb, embedder, entities, briefs, allow_hosts):
    """Serve the stories of a store: web pages, and the JSON API under /api (docs: /docs)."""
    from storyloom.errors import MissingExtraError

    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} is reachable from other machines: "
                               "give --token (or STORYLOOM_TOKEN) to protect write endpoints")
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("the web UI", "web") from exc
    from storyloom.web.app import ServiceSettings, create_app, served_hosts

    if host in ("0.0.0.0", "::") and not allow_hosts:
        raise click.UsageError(f"--host {host} listens on every address: give --allow-host "
                               "NAME:PORT for each name clients use (requests naming any "
                               "other host are refused, against DNS rebinding)")
    hosts = served_hosts(host, port) | {h.lower() for h in allow_hosts}
    app = create_app(ServiceSettings(db=db, token=token,
                                     max_upload_bytes=int(max_upload_mb * 1024 * 1024),
                                     embedder=embedder, entities=entities, briefs=briefs,
                                     allowed_hosts=frozenset(hosts)))
    click.echo(f"serving {app.state.stores.url} on http://{host}:{port}", err=True)
    threading.Thread(target=finish_on_start, args=(app,), daemon=True, name="finish").start()
    uvicorn.run(app, host=host, port=port, log_level="warning")


def finish_on_start(app) -> None:
    """What a crash left (ungrouped articles, stories without a fresh brief) is finished in
    the background once the server is up, so those stories become visible without a
    manual `storyloom ingest` run; readers are served meanwhile."""
    from storyloom.store.incremental import IngestOptions, IngestReport, finish_pending

    settings = app.state.settings
    options = IngestOptions(embedder=settings.embedder, entities=settings.entities,
                            briefs=settings.briefs, actor="serve")
    stores = app.state.stores
    try:
        with stores.write_lock:
            report = IngestReport()
            finish_pending(stores.get(), options, report)
        if report.rebuilt_stories or report.grouped:
            log.warning("finished on start: %d grouped, %d briefs rebuilt", report.grouped,
                        len(report.rebuilt_stories))
    except Exception:  # a background chore: never takes the server down
        log.exception("finishing pending work on start failed")


COMMANDS = [serve]

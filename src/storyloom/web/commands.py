"""`storyloom serve`: the web UI and JSON API over a store."""
from __future__ import annotations

import ipaddress

import click

from storyloom.store.commands import db_option

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
def serve(db, host, port, token, max_upload_mb, embedder, entities, briefs):
    """Serve the stories of a store: web pages, and the JSON API under /api (docs: /docs)."""
    from storyloom.errors import MissingExtraError

    if not is_loopback(host) and not token:
        raise click.UsageError(f"--host {host} is reachable from other machines: "
                               "give --token (or STORYLOOM_TOKEN) to protect write endpoints")
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtraError("the web UI", "web") from exc
    from storyloom.web.app import ServiceSettings, create_app

    app = create_app(ServiceSettings(db=db, token=token,
                                     max_upload_bytes=int(max_upload_mb * 1024 * 1024),
                                     embedder=embedder, entities=entities, briefs=briefs))
    click.echo(f"serving {app.state.stores.url} on http://{host}:{port}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


COMMANDS = [serve]

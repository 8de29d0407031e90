"""Command line: `storyloom digest|group|eval|...`. Domain errors become exit codes here only.

Exit codes: 0 when anything was processed, 2 when nothing usable was found (or a usage
error), 1 on an internal error (with --strict: also one inside a single story's brief),
3 when the output was written but some story's brief, or a section of it, could not be
built (completed with errors; the warnings name the story and section).
"""
from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import click

from storyloom.errors import IncompleteError, NoArticlesError, StoryloomError
from storyloom.model import Digest

EXIT_OK, EXIT_INTERNAL, EXIT_NOTHING, EXIT_INCOMPLETE = 0, 1, 2, 3
log = logging.getLogger("storyloom")

# subsystems that add their own commands: each module exposes COMMANDS
COMMAND_MODULES = ("storyloom.annotate", "storyloom.eval.commands", "storyloom.store.commands",
                   "storyloom.web.commands")


class Progress:
    """A tqdm bar on stderr, only when stderr is a terminal and the run takes a while."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self._bars: dict[str, Any] = {}  # tqdm bars, imported only when shown

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total < 1:
            return
        from tqdm import tqdm

        bar = self._bars.get(stage)
        if bar is None:
            bar = self._bars[stage] = tqdm(total=total, desc=stage, file=sys.stderr, delay=2.0,
                                           leave=False, unit="item")
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self._bars.values():
            bar.close()


def _write_output(text: str | Callable[[BinaryIO], None], out: str | None, fmt: str) -> None:
    """The report to `out` (a file, or a folder for digest.<fmt>) or to stdout. `text` is
    the report, or a function writing it as UTF-8 to a binary stream (JSON is streamed
    story by story rather than held whole: render/jsonout.write_json)."""
    if not out:
        if isinstance(text, str):
            click.echo(text)
        else:
            sys.stdout.flush()
            stream = sys.stdout.buffer
            text(stream)
            stream.write(b"\n")
            stream.flush()
        return
    target = Path(out)
    if target.is_dir() or out.endswith(("/", "\\")):
        target.mkdir(parents=True, exist_ok=True)
        target = target / f"digest.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    if isinstance(text, str):
        tmp.write_text(text, encoding="utf-8")
    else:
        with tmp.open("wb") as handle:
            text(handle)
    tmp.replace(target)  # atomic: a crash never leaves half a report
    click.echo(f"wrote {target}", err=True)


def _report_warnings(digest: Digest) -> None:
    for warning in digest.warnings:
        click.echo(f"warning: {warning.input}: {warning.problem}", err=True)
    for failure in digest.failures:
        click.echo(f"warning: story {failure.story}: {failure.problem}", err=True)


def _run_digest(paths: tuple[str, ...], fmt: str, out: str | None, embedder: str,
                briefs: bool, quiet: bool, executor: str = "auto", strict: bool = False,
                full: bool = False) -> None:
    from storyloom.pipeline import DigestOptions, digest_paths
    from storyloom.render import render

    progress = Progress(enabled=not quiet)
    try:
        digest = digest_paths(list(paths), DigestOptions(embedder=embedder, briefs=briefs,
                                                            executor=executor, strict=strict),
                              progress=progress)
    finally:
        progress.close()
    _report_warnings(digest)
    if not digest.stories:
        raise NoArticlesError("no usable article found in " + ", ".join(paths))
    if fmt == "json":
        from storyloom.render.jsonout import write_json

        _write_output(lambda stream: write_json(digest, stream), out, fmt)
    else:
        _write_output(render(digest, fmt, full=full), out, fmt)
    if digest.failures:
        raise IncompleteError(len(digest.failures))


strict_opt = click.option("--strict", is_flag=True, envvar="STORYLOOM_STRICT",
                          help="Stop with an internal error (exit 1) when any story's brief or "
                               "section fails, instead of reporting it and going on (exit 3).")
_paths_arg = click.argument("paths", nargs=-1, required=True)
_out_opt = click.option("--out", "-o", help="Write to this file, or into this directory.")
_embedder_opt = click.option("--embedder", default="use-multilingual", show_default=True,
                             help="Embedding model (use-multilingual, hashing).")
def _quiet_libraries(ctx: click.Context, param: click.Parameter, quiet: bool) -> bool:
    """-q: no progress bar, and the libraries' own warnings and logs (Dask's cluster
    chatter, deprecation notices) silenced; storyloom's warnings about inputs stay."""
    if quiet:
        import warnings

        warnings.filterwarnings("ignore")
        # distributed configures its own loggers from dask's config when it is imported
        # (later, with the Dask executor) and in each worker process: say it there too
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        for name in ("distributed", "dask", "tornado", "asyncio", "bokeh"):
            logging.getLogger(name).setLevel(logging.ERROR)
    return quiet


def _more_logging(ctx: click.Context, param: click.Parameter, verbose: int) -> int:
    if verbose:
        _set_log_level(verbose)
    return verbose


def _set_log_level(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)


_quiet_opt = click.option("--quiet", "-q", is_flag=True, callback=_quiet_libraries,
                          help="No progress bar; libraries' warnings and Dask's logs silenced.")
_verbose_opt = click.option("--verbose", "-v", count=True, expose_value=False,
                            callback=_more_logging, help="More log output on stderr (-vv: debug).")
_executor_opt = click.option("--executor", default="auto", show_default=True,
                             help="Where stages run: auto (process for big batches), "
                                  "local, process (all cores), dask "
                                  "(a local cluster) or dask://HOST:PORT.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storyloom")
@click.option("--verbose", "-v", count=True, help="More log output on stderr.")
def main_group(verbose: int) -> None:
    """storyloom: group news reports into stories and consolidate each into a brief."""
    _set_log_level(verbose)


@main_group.command()
@_paths_arg
@click.option("--format", "fmt", type=click.Choice(["md", "json", "html"]), default="md",
              show_default=True)
@_out_opt
@_embedder_opt
@_quiet_opt
@_executor_opt
@strict_opt
@_verbose_opt
@click.option("--full", is_flag=True, help="Every section of every brief, uncut (md, html); "
              "by default a brief is about a screen or two, and says what it leaves out.")
def digest(paths, fmt, out, embedder, quiet, executor, strict, full):
    """Read articles (files, folders, '-' for JSONL on stdin) and print story briefs."""
    _run_digest(paths, fmt, out, embedder, briefs=True, quiet=quiet, executor=executor,
                strict=strict, full=full)


@main_group.command()
@_paths_arg
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json",
              show_default=True)
@_out_opt
@_embedder_opt
@_quiet_opt
@_executor_opt
@strict_opt
@_verbose_opt
def group(paths, fmt, out, embedder, quiet, executor, strict):
    """Group articles into stories only (the digest JSON with empty brief fields)."""
    _run_digest(paths, fmt, out, embedder, briefs=False, quiet=quiet, executor=executor,
                strict=strict)


def _add_subsystem_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("storyloom"):
                continue  # subsystem not built yet
            raise
        for command in getattr(module, "COMMANDS", []):
            main_group.add_command(command)


_add_subsystem_commands()


def main(argv: list[str] | None = None) -> None:
    try:
        main_group.main(args=argv, prog_name="storyloom", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_NOTHING)
    except IncompleteError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_INCOMPLETE)
    except NoArticlesError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_NOTHING)
    except StoryloomError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_NOTHING)
    except Exception as exc:  # the edge: anything unexpected is an internal error
        log.debug("internal error", exc_info=True)
        click.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)

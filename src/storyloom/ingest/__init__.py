"""Ingest stage: read files, directories, feeds and JSONL into Articles.

`read_inputs` never stops on a bad input: every problem becomes an InputWarning and
the rest of the batch goes on. Each Article keeps its original text; cleaning only
records which blocks of it are body text. Syndicated copies are marked at the end.
"""
from __future__ import annotations

import logging
import sys

from storyloom.errors import InputError
from storyloom.ingest import feed, html, jsonl, plaintext  # noqa: F401  (register readers)
from storyloom.ingest.decode import looks_binary, read_capped
from storyloom.ingest.discover import Target, expand_paths
from storyloom.ingest.readers import READERS, ReadResult, Source, sniff_format
from storyloom.ingest.syndication import mark_syndicated
from storyloom.model import Article, InputWarning

__all__ = ["read_inputs", "mark_syndicated"]
log = logging.getLogger(__name__)
SNIFF_BYTES = 8192
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_inputs(paths: list[str], map_targets=None) -> tuple[list[Article], list[InputWarning]]:
    """Articles from files, directories (recursive, sorted) and "-" (JSONL on stdin).

    `map_targets(fn, files)`, e.g. an executor's `map`, reads the files elsewhere (in
    parallel, on a cluster); standard input is always read here.
    """
    targets, warnings = expand_paths(paths)
    files = [t for t in targets if t.path is not None]
    read = iter((map_targets or _map_here)(read_target, files))
    articles: list[Article] = []
    for target in targets:
        result = next(read) if target.path is not None else read_target(target)
        if isinstance(result, InputWarning):
            warnings.append(result)
            continue
        articles.extend(result.articles)
        warnings.extend(result.warnings)
    _make_ids_unique(articles, warnings)
    mark_syndicated(articles)
    log.info("read %d articles from %d inputs (%d warnings)", len(articles), len(targets),
             len(warnings))
    return articles, warnings


def _map_here(fn, items):
    return [fn(item) for item in items]


def read_target(target: Target) -> ReadResult | InputWarning:
    """One file's articles, or the warning that says why it gave none."""
    try:
        return _read_target(target)
    except InputError as error:
        return InputWarning(target.name, error.problem)


def _read_target(target: Target) -> ReadResult:
    notes: list[str] = []
    if target.path is None:
        data = sys.stdin.buffer.read()
        stem = "stdin"
        fmt = target.format or "json"  # discover.expand_paths reads "-" as JSON lines
    else:
        path = target.path
        fmt = target.format or sniff_format(read_capped(path, target.name, SNIFF_BYTES)[0])
        target = Target(target.name, path, fmt, target.suffix)
        data, notes = read_capped(path, target.name, READERS.create(fmt).max_bytes)
        stem = path.stem
    if not data.strip():
        raise InputError(target.name, "empty file")
    if not data.startswith(_UNICODE_BOMS) and looks_binary(data):
        raise InputError(target.name, "binary file, not text")
    result = READERS.create(fmt).read(Source(target.name, stem, data, target.suffix))
    result.warnings[:0] = [InputWarning(target.name, note) for note in notes]
    return result


def _make_ids_unique(articles: list[Article], warnings: list[InputWarning]) -> None:
    """Later stages index articles by id: a repeated id gets a numeric suffix."""
    seen: set[str] = {a.id for a in articles}
    used: set[str] = set()
    for article in articles:
        if article.id not in used:
            used.add(article.id)
            continue
        n = 2
        while f"{article.id}-{n}" in seen or f"{article.id}-{n}" in used:
            n += 1
        new_id = f"{article.id}-{n}"
        warnings.append(InputWarning(article.input, f"id {article.id!r} already used; renamed {new_id!r}"))
        article.id = new_id
        used.add(new_id)

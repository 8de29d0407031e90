"""The reader interface and registry: one reader per input format.

A reader turns the bytes of one input into articles; problems with single records
(a bad JSONL line) are returned as warnings, a problem with the whole input raises
`InputError`. New formats plug in with `@READERS.register(name)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from storyloom.model import Article, InputWarning
from storyloom.registry import Registry


@dataclass
class Source:
    name: str  # the path as the user gave it (or "stdin"), for messages
    stem: str  # default article id / id prefix
    data: bytes
    suffix: str = ""  # the file extension, lower case ("" for none)


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    warnings: list[InputWarning] = field(default_factory=list)


class Reader(Protocol):
    max_bytes: int  # inputs larger than this are truncated (with a warning) before reading

    def read(self, source: Source) -> ReadResult: ...


READERS: Registry[Reader] = Registry("input format")

# file extensions read when found inside a directory, and the reader for each
EXTENSIONS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json",
              ".jsonl": "json", ".xml": "feed", ".rss": "feed", ".atom": "feed"}


def sniff_format(data: bytes) -> str:
    """The reader for content whose extension says nothing (a file named explicitly)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return "feed" if looks_like_feed(data) else "html"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def looks_like_feed(data: bytes) -> bool:
    head = data[:4096].lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel"))

"""Bytes to text for file inputs: encodings, binary detection and the size cap.

Decoding order: a UTF-16/32 byte-order mark, UTF-8 (BOM allowed), then cp1252 (the
usual encoding of old Windows-made text) with a warning, then UTF-8 with replacement
characters and a warning. Binary files (NUL bytes, many control characters) are refused.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field

from storyloom.errors import InputError

MAX_TEXT_BYTES = 2_000_000  # far beyond any news article; more is a dump, not an article
SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.05
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ALLOWED_CONTROLS = {9, 10, 12, 13, 27}


@dataclass
class Decoded:
    text: str
    notes: list[str] = field(default_factory=list)  # become InputWarnings (e.g. "read as cp1252")


def looks_binary(data: bytes) -> bool:
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _ALLOWED_CONTROLS)
    return controls / len(head) > MAX_CONTROL_RATIO


def decode_bytes(data: bytes, name: str) -> Decoded:
    for bom, encoding in _BOMS:  # UTF-16/32 text holds NUL bytes: check before sniffing
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"))
    if looks_binary(data):
        raise InputError(name, "binary file, not text")
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        position = error.start
    try:
        return Decoded(data.decode("cp1252"), [
            f"not valid UTF-8 (byte {position}); read as Windows-1252 (cp1252)"])
    except UnicodeDecodeError:
        return Decoded(data.decode("utf-8", errors="replace"), [
            f"not valid UTF-8 (byte {position}); undecodable bytes replaced"])


def read_capped(path, name: str, limit: int = MAX_TEXT_BYTES) -> tuple[bytes, list[str]]:
    """The file's bytes, cut to `limit` at a line break (or a space), with a note when it was cut.

    Truncating beats skipping: the head holds the headline and the lead, which is what
    grouping and the brief use most, so a giant file still contributes its article.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
            total = max(len(data), os.fstat(handle.fileno()).st_size)
    except PermissionError as error:
        raise InputError(name, "permission denied") from error
    except IsADirectoryError as error:
        raise InputError(name, "is a directory") from error
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from error
    if total <= limit:
        return data, []
    # a line break in the last half, else a space: a file of one long line keeps its
    # first `limit` bytes rather than its first line
    cut = data.rfind(b"\n", limit // 2, limit)
    if cut <= 0:
        cut = data.rfind(b" ", limit // 2, limit)
    if cut <= 0:  # no break at all: cut at a character boundary, not inside a UTF-8 sequence
        cut = limit
        while cut > 0 and data[cut] & 0xC0 == 0x80:
            cut -= 1
    data = data[:cut]
    return data, [f"{total / 1e6:.1f} MB is too large for an article; "
                  f"read only the first {len(data) / 1e6:.1f} MB"]

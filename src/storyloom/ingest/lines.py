"""Lines of a text with exact offsets: the unit that cleaning and title detection judge.

Nothing here rewrites text; every span is (start, end) into the string given, with the
surrounding whitespace trimmed so that `text[start:end]` is the visible line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Line:
    index: int  # position among the visible lines
    start: int
    end: int
    text: str  # text[start:end], stripped
    blank_before: bool  # a blank line (or the start of the text) precedes it
    blank_after: bool  # a blank line (or the end of the text) follows it
    words: tuple[str, ...]  # computed once: every rule looks at them


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def visible_lines(text: str) -> list[Line]:
    """Non-blank lines with trimmed offsets and whether blank lines surround them."""
    raw: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            raw.append((start, end))
    lines = []
    for n, (start, end) in enumerate(raw):
        before = text[raw[n - 1][1]:start] if n else text[:start]
        after = text[end:raw[n + 1][0]] if n + 1 < len(raw) else text[end:]
        line_text = text[start:end]
        lines.append(Line(n, start, end, line_text,
                          blank_before=n == 0 or _newlines(before) >= 2,
                          blank_after=n + 1 == len(raw) or _newlines(after) >= 2,
                          words=tuple(words_of(line_text))))
    return lines


def _newlines(gap: str) -> int:
    """Line breaks in a gap, counting \r\n as one."""
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")

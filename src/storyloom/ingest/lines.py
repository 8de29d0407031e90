"""Lines of a text with exact offsets: the unit that cleaning and title detection judge.

Nothing here rewrites text; every span is (start, end) into the string given, with the
surrounding whitespace trimmed so that `text[start:end]` is the visible line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# a line's visible part: from its first to its last non-space character
_VISIBLE = re.compile(r"[^\S\r\n]*(\S(?:[^\r\n]*\S)?)")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class Line:
    index: int  # position among the visible lines
    start: int
    end: int
    text: str  # text[start:end], stripped
    blank_before: bool  # a blank line (or the start of the text) precedes it
    blank_after: bool  # a blank line (or the end of the text) follows it

    @cached_property
    def words(self) -> tuple[str, ...]:
        # cached_property writes the instance dict directly, so it works on a frozen class
        return tuple(_WORD.findall(self.text))


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def normal_within(text: str, limit: float) -> str | None:
    """The text's words, lower-cased and joined by single spaces, or None as soon as
    that would be longer than `limit`: a long paragraph is not tokenised to the end
    just to learn that it is long."""
    words: list[str] = []
    length = -1
    for match in _WORD.finditer(text):
        word = match.group().lower()
        length += len(word) + 1
        if length > limit:
            return None
        words.append(word)
    return " ".join(words)


def visible_lines(text: str) -> list[Line]:
    """Non-blank lines with trimmed offsets and whether blank lines surround them."""
    spans = [m.span(1) for m in _VISIBLE.finditer(text)]
    lines = []
    for n, (start, end) in enumerate(spans):
        gap_before = _newlines(text, spans[n - 1][1], start) if n else 2
        gap_after = _newlines(text, end, spans[n + 1][0]) if n + 1 < len(spans) else 2
        lines.append(Line(n, start, end, text[start:end],
                          blank_before=gap_before >= 2, blank_after=gap_after >= 2))
    return lines


def _newlines(text: str, start: int, end: int) -> int:
    """Line breaks between two offsets, counting \r\n as one."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)

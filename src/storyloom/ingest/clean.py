"""Boilerplate removal by general rules: which lines of an article are its body.

The text is never rewritten: the result is a list of (start, end) blocks into it.
A line is dropped for its shape (punctuation only, a single word, a short call to
action, a navigation label, a source tag), for boilerplate vocabulary (newsletter,
cookies, comment forms) when it is short or sits at the edges, for echoing the title,
and trailing fragments without sentence structure are trimmed from the end.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from storyloom.ingest.lines import Line, normal_within, visible_lines, words_of
from storyloom.ingest.vocabulary import (
    ACTION_VERBS,
    BOILERPLATE_PHRASES,
    EDGE_BOILERPLATE_PHRASES,
    LABEL_ENDINGS,
    NAV_WORDS,
    SOURCE_WORDS,
)

SHORT_WORDS = 6  # a call to action or label is at most this long
BOILERPLATE_ANYWHERE_WORDS = 12  # a boilerplate-phrase line this short is dropped anywhere
BOILERPLATE_EDGE_WORDS = 40  # ... and this short when it sits in the leading/trailing zone
LONG_LINE_CHARS = 200
WRAPPED_LINE_CHARS = 50  # a line this long ending mid-sentence was hard-wrapped
ECHO_WINDOW = 4  # lines after the start in which a repeat of the title is looked for
_TERMINAL_CHARS = frozenset(".!?;\"”»’')]")
_SEPARATORS = re.compile(r"\s[/|»›>•·]\s")
# a line that starts like a web address (also tokenised: "http : / / www . site . com")
_LINK = re.compile(r"^(?:https?\s*:\s*/\s*/|www\s*\.\s*\w)", re.IGNORECASE)
# a wire credit in parentheses: "(Reporting by ...; Editing by ...)"
_CREDIT = re.compile(r"^\(\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|"
                     r"produced|translated)\s+by\b[^()]*\)$", re.IGNORECASE)


def has_sentence_end(text: str) -> bool:
    return text[-1:] in _TERMINAL_CHARS


def furniture_reason(line: Line) -> str | None:
    """Why a line is site furniture judged on its own shape, or None for body text."""
    if len(line.text) > LONG_LINE_CHARS:  # far more words than any furniture rule allows
        return "link" if _LINK.match(line.text) else None
    words = line.words
    if not words:
        return "no words"
    if len(words) == 1 and not has_sentence_end(line.text):
        return "single word"
    if _LINK.match(line.text):
        return "link"
    if _CREDIT.match(line.text.strip()):
        return "credit line"
    lowered = [w.lower() for w in words]
    fragment = len(words) <= SHORT_WORDS and (not has_sentence_end(line.text)
                                              or line.text.endswith(LABEL_ENDINGS))
    if fragment and lowered[0] in SOURCE_WORDS:
        return "source tag"
    if fragment and lowered[0] in ACTION_VERBS:
        return "call to action"
    if fragment and sum(w in NAV_WORDS for w in lowered) * 2 > len(lowered):
        return "navigation label"
    if (len(words) <= BOILERPLATE_ANYWHERE_WORDS and not has_sentence_end(line.text)
            and len(_SEPARATORS.findall(line.text)) >= 2):
        return "breadcrumb"
    if len(words) <= BOILERPLATE_ANYWHERE_WORDS and boilerplate_phrase(line):
        return "boilerplate"
    return None


def _phrase_matcher(phrases: tuple[str, ...]):
    # a cheap first test: a line can only hold a phrase if it holds the phrase's first word
    starts = frozenset(words_of(p)[0] for p in phrases)

    def find(line: Line) -> str | None:
        if not any(w.lower() in starts for w in line.words):
            return None
        lowered = line.text.lower()
        return next((p for p in phrases if p in lowered), None)

    return find


boilerplate_phrase = _phrase_matcher(BOILERPLATE_PHRASES)
edge_boilerplate_phrase = _phrase_matcher(EDGE_BOILERPLATE_PHRASES)


def _edge_furniture(line: Line) -> bool:
    """Looser test for lines at the start or end, where furniture gathers."""
    if furniture_reason(line):
        return True
    if len(line.words) <= BOILERPLATE_EDGE_WORDS and edge_boilerplate_phrase(line):
        return True
    return line.text.startswith("©")


def _is_trailing_fragment(line: Line) -> bool:
    """A short line without sentence structure after the body ("Tags: x, y", "Photo")."""
    return len(line.words) <= 4 and not has_sentence_end(line.text)


def _normal(text: str) -> str:
    return " ".join(w.lower() for w in words_of(text))


def echoes_title(line: Line, title: str) -> bool:
    """The line repeats the title, whole or a part of it (a title split over two lines)."""
    norm_title = _normal(title)
    # a line whose normal form is this much longer is neither the title nor a part of
    # it, and a paragraph need not be normalised to the end to see that
    norm_line = normal_within(line.text, len(norm_title) * 1.2 + 10)
    if not norm_line or not norm_title:
        return False
    if norm_line == norm_title:
        return True
    if " " not in norm_line:  # a single word
        return False
    return fuzz.partial_ratio(norm_line, norm_title) >= 90


def kept_lines(lines: list[Line], title: str = "", dropped: Iterable[int] = ()) -> list[Line]:
    """The body lines, in order; `dropped` are line indices already used (title, header)."""
    gone = set(dropped)
    if title:  # the first lines after the header may repeat the title
        for n in [n for n in range(len(lines)) if n not in gone][:ECHO_WINDOW]:
            if echoes_title(lines[n], title):
                gone.add(n)
    body = [n for n in range(len(lines)) if n not in gone and not furniture_reason(lines[n])]
    # the looser edge rules never take the last line: a text whose one paragraph merely
    # mentions cookies or JavaScript is an article, not a page of furniture
    while len(body) > 1 and _edge_furniture(lines[body[0]]):
        body.pop(0)
    while len(body) > 1 and (_edge_furniture(lines[body[-1]])
                             or _is_trailing_fragment(lines[body[-1]])):
        body.pop()
    return [lines[n] for n in body]


def blocks_of(lines: list[Line]) -> list[tuple[int, int]]:
    """Paragraph blocks: hard-wrapped lines of one paragraph are joined into one block."""
    blocks: list[tuple[int, int]] = []
    previous: Line | None = None
    for line in lines:
        wrapped = (previous is not None and line.index == previous.index + 1
                   and not previous.blank_after and len(previous.text) >= WRAPPED_LINE_CHARS
                   and not has_sentence_end(previous.text) and not previous.text.endswith(":"))
        if wrapped:
            blocks[-1] = (blocks[-1][0], line.end)
        else:
            blocks.append((line.start, line.end))
        previous = line
    return blocks


def clean_blocks(text: str, title: str = "", dropped: Iterable[int] = ()) -> list[tuple[int, int]]:
    return blocks_of(kept_lines(visible_lines(text), title, dropped))

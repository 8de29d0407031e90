"""Sentence splitting with offsets into the article's original text: pysbd's rules
(vendored in `text.sbd`), then storyloom's own repairs of its cuts."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from storyloom.analyze.times import MONTHS, WEEKDAYS
from storyloom.model import Article, Sentence
from storyloom.text.sbd import LANGUAGE_CODES, Segmenter, TextSpan

# a sentence glued to the next by a lost full stop: "...closed the harbourBut it said"
_GLUE_WORDS = ("But", "And", "However", "The", "This", "It", "He", "She", "They", "We")
_GLUED = re.compile(r"(?<=[a-z])(?=(?:" + "|".join(_GLUE_WORDS) + r")\b)")
# where `_GLUED` can match at all: a lower-case letter, then the capital one of those
# words starts with. Led by the capital, `re` jumps to the few capitals instead of
# trying a lookbehind at every character of every sentence (same cuts; ~10% faster)
_GLUE_CAPITALS = "".join(sorted({word[0] for word in _GLUE_WORDS}))
_GLUE_POINT = re.compile(f"[{_GLUE_CAPITALS}](?<=[a-z][{_GLUE_CAPITALS}])")


@lru_cache(maxsize=32)
def _segmenter(lang: str) -> Segmenter:
    """The vendored pysbd (`text.sbd`) with the language's rules; languages it has no
    rules for are split with the English ones."""
    return Segmenter(language=lang if lang in LANGUAGE_CODES else "en", clean=False,
                     char_span=True)


def _spans_in_block(text: str, start: int, lang: str) -> list[tuple[int, int]]:
    return _repaired_spans(text, start, _segmenter(lang).segment(text))


def _repaired_spans(text: str, start: int, segments: Iterable[TextSpan]) -> list[tuple[int, int]]:
    """The splitter's `segments` of `text` (TextSpans) as (start, end) offsets plus
    `start`: trimmed of whitespace, glued sentences cut, cuts after abbreviations mended."""
    spans: list[tuple[int, int]] = []
    for seg in segments:
        s, e = seg.start, seg.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            for part in _split_glued(text, s, e):
                if spans and _continues(text[spans[-1][0]:spans[-1][1]], text[part[0]:part[1]]):
                    spans[-1] = (spans[-1][0], part[1])
                else:
                    spans.append(part)
    return [(start + s, start + e) for s, e in spans]


# a cut after an abbreviation that is no sentence end: the next part goes on the same
# sentence (", said the bill would pass" after "Sen. Dianne Feinstein, D-Calif."; "Thursday
# in the Senate" after "set for 5 p.m.")
_CLOCK_END = re.compile(r"\b[ap]\.\s?m\.$", re.I)
_TIME_ZONES = frozenset({"et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst",
                         "pdt", "gmt", "utc", "bst", "cet", "cest", "local"})
_FIRST_WORD = re.compile(r"[A-Za-z]+")


def _continues(previous: str, part: str) -> bool:
    """Whether `part` cannot start a sentence after `previous`: it opens with a comma,
    semicolon, colon or closing bracket, or a lower-case letter, or it names the day,
    month or time zone of the clock time that `previous` ends with."""
    first = part[:1]
    if first in ",;:)]" or first.islower():
        return True
    if _CLOCK_END.search(previous):
        word = _FIRST_WORD.match(part)
        return word is not None and word.group().lower() in _CLOCK_FOLLOWERS
    return False


_CLOCK_FOLLOWERS = frozenset(WEEKDAYS) | frozenset(MONTHS) | _TIME_ZONES


def _split_glued(text: str, s: int, e: int) -> list[tuple[int, int]]:
    if not _GLUE_POINT.search(text, s, e):
        return [(s, e)]
    cuts = [m.start() for m in _GLUED.finditer(text, s, e) if m.start() - s > 20]
    bounds = [s, *cuts, e]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


MAX_SPLIT_CHARS = 20_000  # pysbd's cost grows faster than its input: longer blocks are cut
# a safe place to cut a long block: a stop after a lower-case word of 4+ letters (not an
# abbreviation like "Mr." or "U.S."), then space and a capital
_SAFE_CUT = re.compile(r"(?<=[a-z]{4}[.!?])\s+(?=[A-Z])")


def _pieces(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """A block cut into pieces of at most ~MAX_SPLIT_CHARS at safe sentence ends, so that
    splitting a one-paragraph 2 MB text costs time and memory in proportion to it."""
    pieces = []
    while end - start > MAX_SPLIT_CHARS:
        window_start = start + MAX_SPLIT_CHARS // 2
        cut = None
        for match in _SAFE_CUT.finditer(text, window_start, start + MAX_SPLIT_CHARS):
            cut = match.start()
        if cut is None:
            break
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences of the article's kept blocks, in order, with offsets into `text`."""
    blocks = [piece for s, e in (article.blocks or [(0, len(article.text))])
              for piece in _pieces(s, e, article.text)]
    out: list[Sentence] = []
    for block_start, block_end in blocks:
        block = article.text[block_start:block_end]
        for s, e in _spans_in_block(block, block_start, article.language or "en"):
            out.append(Sentence(article.id, len(out), s, e, article.text[s:e]))
    return out

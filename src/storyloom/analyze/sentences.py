"""Sentence splitting with offsets into the article's original text."""
from __future__ import annotations

import re
from functools import lru_cache

# the tests compare these patches with pysbd's own methods
from storyloom.analyze.pysbd_patches import _apply, _sentences_with_char_spans, patch_pysbd  # noqa: F401
from storyloom.analyze.times import MONTHS, WEEKDAYS
from storyloom.model import Article, Sentence

# pysbd's rule sets; other languages fall back to English rules
_PYSBD_LANGS = {"en", "de", "es", "fr", "it", "ru", "nl", "pl", "da", "el", "fa", "hi",
                "hy", "ja", "kk", "mr", "my", "sk", "ur", "zh", "am", "ar", "bg"}
# a sentence glued to the next by a lost full stop: "...closed the harbourBut it said"
_GLUE_WORDS = ("But", "And", "However", "The", "This", "It", "He", "She", "They", "We")
_GLUED = re.compile(r"(?<=[a-z])(?=(?:" + "|".join(_GLUE_WORDS) + r")\b)")
# where `_GLUED` can match at all: a lower-case letter, then the capital one of those
# words starts with. Led by the capital, `re` jumps to the few capitals instead of
# trying a lookbehind at every character of every sentence (same cuts; ~10% faster)
_GLUE_CAPITALS = "".join(sorted({word[0] for word in _GLUE_WORDS}))
_GLUE_POINT = re.compile(f"[{_GLUE_CAPITALS}](?<=[a-z][{_GLUE_CAPITALS}])")


# pysbd builds its regular expressions from strings on every call and relies on `re`'s
# compile cache; with the date, quantity and quote patterns of the other stages also in
# play, the default 512 entries thrash and ~40% of splitting time went into recompiling
# (profiled). A larger cache (a few MB) keeps them all compiled. CPython-specific knob.
_RE_CACHE_ENTRIES = 4096
if getattr(re, "_MAXCACHE", _RE_CACHE_ENTRIES) < _RE_CACHE_ENTRIES:
    setattr(re, "_MAXCACHE", _RE_CACHE_ENTRIES)  # noqa: B010 (not a public attribute)


@lru_cache(maxsize=32)
def _segmenter(lang: str):
    import pysbd

    patch_pysbd()
    return pysbd.Segmenter(language=lang if lang in _PYSBD_LANGS else "en", clean=False,
                           char_span=True)


def _spans_in_block(text: str, start: int, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for seg in _segmenter(lang).segment(text):
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

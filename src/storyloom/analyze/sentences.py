"""Sentence splitting with offsets into the article's original text."""
from __future__ import annotations

import re
from functools import lru_cache

from storyloom.model import Article, Sentence

# pysbd's rule sets; other languages fall back to English rules
_PYSBD_LANGS = {"en", "de", "es", "fr", "it", "ru", "nl", "pl", "da", "el", "fa", "hi",
                "hy", "ja", "kk", "mr", "my", "sk", "ur", "zh", "am", "ar", "bg"}
# a sentence glued to the next by a lost full stop: "...closed the harbourBut it said"
_GLUED = re.compile(r"(?<=[a-z])(?=(?:But|And|However|The|This|It|He|She|They|We)\b)")


# pysbd builds its regular expressions from strings on every call and relies on `re`'s
# compile cache; with the date, quantity and quote patterns of the other stages also in
# play, the default 512 entries thrash and ~40% of splitting time went into recompiling
# (profiled). A larger cache (a few MB) keeps them all compiled. CPython-specific knob.
_RE_CACHE_ENTRIES = 4096
if getattr(re, "_MAXCACHE", _RE_CACHE_ENTRIES) < _RE_CACHE_ENTRIES:
    re._MAXCACHE = _RE_CACHE_ENTRIES


def _search_for_abbreviations_in_string(self, text):
    """pysbd's AbbreviationReplacer method (MIT licence) with one added skip.

    Every replacement it makes targets the full stop after an abbreviation; the
    original still scanned the text once per abbreviation that merely occurs as a
    substring ("no" in "not") and re-ran a substitution over the whole text per match:
    ~60% of splitting time (profiled). An alphabetic abbreviation never followed by a
    full stop in the text cannot change it (the loop only ever removes full stops), so
    skipping it gives the same segmentation.
    """
    lowered = text.lower()
    for abbr in self.lang.Abbreviation.ABBREVIATIONS:
        stripped = abbr.strip()
        if stripped not in lowered:
            continue
        if stripped.isalpha() and stripped + "." not in lowered:
            continue  # the added skip
        abbrev_match = re.findall(r"(?:^|\s|\r|\n){}".format(stripped), text, flags=re.IGNORECASE)
        if not abbrev_match:
            continue
        next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
        char_array = re.findall(next_word_start, text)
        for ind, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(text, match, ind, char_array)
    return text


def _sentences_with_char_spans(self, sentences):
    r"""pysbd's Segmenter method (MIT licence) with `str.find` for its regex.

    The original compiled `re.escape(sentence) + r"\s*"` for every sentence: a
    compile per sentence, and thousands of one-off patterns pushed the hot date,
    quantity and splitting patterns out of `re`'s cache (profiled: splitting went
    from ~6 to ~2.5 ms per article).
    Same spans: a literal match, extended over whitespace as `\s*` is (`\s` is
    `str.isspace`), searched again after each match's end as `finditer` does.
    """
    from pysbd.utils import TextSpan

    text = self.original_text
    spans, prior_end = [], 0
    for sent in sentences:
        if not sent:  # empty matches advance differently in finditer: the original way
            found = _regex_span(text, sent, prior_end)
            spans.extend(found)
            prior_end = found[0].end if found else prior_end
            continue
        pos = 0
        while (start := text.find(sent, pos)) >= 0:
            end = start + len(sent)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                spans.append(TextSpan(text[start:end], start, end))
                prior_end = end
                break
            pos = end
    return spans


def _regex_span(text: str, sent: str, prior_end: int) -> list:
    from pysbd.utils import TextSpan

    for match in re.finditer(r"{0}\s*".format(re.escape(sent)), text):
        if match.end() > prior_end:
            return [TextSpan(match.group(), match.start(), match.end())]
    return []


_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")


@lru_cache(maxsize=1024)
def _literal(pattern) -> str | None:
    """The pattern itself when it is plain text (no regex syntax), else None."""
    if not isinstance(pattern, str) or _REGEX_SYNTAX.search(pattern):
        return None
    return pattern


def _apply(self, *rules):
    """pysbd's Text.apply (MIT licence) with one added skip: a rule whose pattern is
    plain text absent from the text substitutes nothing. Most of its rules put back
    placeholder symbols (e.g. for the full stop of an abbreviation) that most
    sentences never got: ~500 substitutions per article, most of them no-ops."""
    for rule in rules:
        literal = _literal(rule.pattern)
        if literal is not None and literal not in self:
            continue  # the added skip
        self = re.sub(rule.pattern, rule.replacement, self)
    return self


def _patch_pysbd() -> None:
    import pysbd
    from pysbd.abbreviation_replacer import AbbreviationReplacer
    from pysbd.utils import Text

    if not pysbd.__version__.startswith("0.3."):
        return  # the copies above are of pysbd 0.3.x
    original = AbbreviationReplacer.search_for_abbreviations_in_string
    if getattr(original, "__qualname__", "") == "AbbreviationReplacer.search_for_abbreviations_in_string":
        AbbreviationReplacer.search_for_abbreviations_in_string = _search_for_abbreviations_in_string
    if getattr(Text.apply, "__qualname__", "") == "Text.apply":
        Text.apply = _apply
    spans = pysbd.Segmenter.sentences_with_char_spans
    if getattr(spans, "__qualname__", "") == "Segmenter.sentences_with_char_spans":
        pysbd.Segmenter.sentences_with_char_spans = _sentences_with_char_spans


@lru_cache(maxsize=32)
def _segmenter(lang: str):
    import pysbd

    _patch_pysbd()
    return pysbd.Segmenter(language=lang if lang in _PYSBD_LANGS else "en", clean=False,
                           char_span=True)


def _spans_in_block(text: str, start: int, lang: str) -> list[tuple[int, int]]:
    spans = []
    for seg in _segmenter(lang).segment(text):
        s, e = seg.start, seg.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.extend(_split_glued(text, s, e))
    return [(start + s, start + e) for s, e in spans]


def _split_glued(text: str, s: int, e: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _GLUED.finditer(text, s, e) if m.start() - s > 20]
    bounds = [s, *cuts, e]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def split_sentences(article: Article) -> list[Sentence]:
    """Sentences of the article's kept blocks, in order, with offsets into `text`."""
    blocks = article.blocks or [(0, len(article.text))]
    out: list[Sentence] = []
    for block_start, block_end in blocks:
        block = article.text[block_start:block_end]
        for s, e in _spans_in_block(block, block_start, article.language or "en"):
            out.append(Sentence(article.id, len(out), s, e, article.text[s:e]))
    return out

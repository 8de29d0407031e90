"""pysbd's AbbreviationReplacer (pysbd 0.3.4 `abbreviation_replacer.py`, MIT licence, see
LICENSE): full stops after abbreviations become placeholders. Regular expressions go
through `fastre`; `search_for_abbreviations_in_string` examines only the abbreviations
that can change the text (see there)."""
from __future__ import annotations

import re
from typing import Any

from storyloom.text.sbd import fastre
from storyloom.text.sbd.utils import Text


def replace_pre_number_abbr(txt, abbr):
    # prepend a space to avoid needing another regex for start of string
    txt = " " + txt
    txt = fastre.sub(rf"(?<=\s{abbr.strip()})\.(?=(\s\d|\s+\())", "∯", txt)
    # remove the prepended space
    txt = txt[1:]
    return txt


def replace_prepositive_abbr(txt, abbr):
    # prepend a space to avoid needing another regex for start of string
    txt = " " + txt
    txt = fastre.sub(rf"(?<=\s{abbr.strip()})\.(?=(\s|:\d+))", "∯", txt)
    # remove the prepended space
    txt = txt[1:]
    return txt


class AbbreviationReplacer:
    SENTENCE_STARTERS: list[str] = []

    def __init__(self, text: str, lang: Any) -> None:
        self.text = text
        self.lang = lang

    def replace(self):
        self.text = Text(self.text).apply(
            self.lang.PossessiveAbbreviationRule,
            self.lang.KommanditgesellschaftRule,
            *self.lang.SingleLetterAbbreviationRules.All
        )
        abbr_handled_text = ""
        for line in self.text.splitlines(True):
            abbr_handled_text += self.search_for_abbreviations_in_string(line)
        self.text = abbr_handled_text
        self.replace_multi_period_abbreviations()
        self.text = Text(self.text).apply(*self.lang.AmPmRules.All)
        self.text = self.replace_abbreviation_as_sentence_boundary()
        return self.text

    def replace_abbreviation_as_sentence_boundary(self):
        sent_starters = "|".join(rf"(?=\s{word}\s)" for word in self.SENTENCE_STARTERS)
        regex = rf"(U∯S|U\.S|U∯K|E∯U|E\.U|U∯S∯A|U\.S\.A|I|i.v|I.V)∯({sent_starters})"
        self.text = fastre.sub(regex, '\\1.', self.text)
        return self.text

    def replace_multi_period_abbreviations(self):
        def mpa_replace(match):
            match = match.group()
            match = fastre.sub(fastre.escape(r"."), "∯", match)
            return match

        self.text = fastre.sub(
            self.lang.MULTI_PERIOD_ABBREVIATION_REGEX,
            mpa_replace,
            self.text,
            flags=fastre.IGNORECASE
        )

    def replace_period_of_abbr(self, txt, abbr):
        # prepend a space to avoid needing another regex for start of string
        txt = " " + txt
        escaped = fastre.escape(abbr.strip())
        txt = fastre.sub(
            rf"(?<=\s{escaped})\.(?=((\.|\:|-|\?|,)|(\s([a-z]|I\s|I'm|I'll|\d|\())))",
            "∯",
            txt,
        )
        # remove the prepended space
        txt = txt[1:]
        return txt

    def search_for_abbreviations_in_string(self, text):
        """pysbd's method with the abbreviation list pre-filtered.

        Every substitution the loop makes (here and in the language subclasses'
        `scan_for_replacements` / `replace_*_abbr`) turns a full stop after a match of
        the abbreviation into a placeholder. So a text without a full stop is returned
        as is, and an alphabetic abbreviation is examined only when it (compared as
        `re.IGNORECASE` compares, see `_fold`) ends right before a full stop; pysbd
        tested ~200 abbreviations one by one on every line (~25% of splitting time,
        profiled). Entries with other characters are examined as before, and the
        survivors in the list's order, so the text changes exactly as before. (A
        skip comparing `str.lower` forms would miss "ſt." for "st".)
        """
        if _FOLD is None:  # pragma: no cover - Pythons without re._casefix
            return self._search_all_abbreviations(text)
        if "." not in text:
            return text
        stripped, always, by_key, lengths = _abbreviation_index(self.lang.Abbreviation.ABBREVIATIONS)
        lowered = text.lower()
        wanted = _abbreviations_before_stops(_fold(text, lowered), by_key, lengths)
        wanted.update(always)
        for ind in sorted(wanted):
            entry = stripped[ind]
            if entry not in lowered:
                continue
            text = self._replace_after(text, entry)
        return text

    def _search_all_abbreviations(self, text):
        """pysbd's own loop over every abbreviation."""
        lowered = text.lower()
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered:
                continue
            text = self._replace_after(text, stripped)
        return text

    def _replace_after(self, text, stripped):
        """pysbd's loop body for one abbreviation."""
        abbrev_match = fastre.findall(
            rf"(?:^|\s|\r|\n){stripped}", text, flags=fastre.IGNORECASE
        )
        if not abbrev_match:
            return text
        next_word_start = r"(?<={" + str(fastre.escape(stripped)) + "} ).{1}"
        char_array = fastre.findall(next_word_start, text)
        for ind, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(
                text, match, ind, char_array
            )
        return text

    def scan_for_replacements(self, txt, am, ind, char_array):
        try:
            char = char_array[ind]
        except IndexError:
            char = ""
        prepositive = self.lang.Abbreviation.PREPOSITIVE_ABBREVIATIONS
        number_abbr = self.lang.Abbreviation.NUMBER_ABBREVIATIONS
        upper = str(char).isupper()
        if not upper or am.strip().lower() in prepositive:
            if am.strip().lower() in prepositive:
                txt = replace_prepositive_abbr(txt, am)
            elif am.strip().lower() in number_abbr:
                txt = replace_pre_number_abbr(txt, am)
            else:
                txt = self.replace_period_of_abbr(txt, am)
        return txt


# ------------------------------------------------ the abbreviation pre-filter

def _fold_tables() -> tuple[dict, dict] | None:
    """Translation tables making `_fold(a) == _fold(b)` whenever `re.IGNORECASE`
    matches a to b char by char (the converse need not hold: a superset is safe).

    `re` compares simple lowercase forms plus a few extra equivalences (dotless i
    ~ i, long s ~ s, ...); `str.lower` differs from the simple form only for
    U+0130 (two chars) and final sigma (in the sigma class anyway)."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # pragma: no cover - other Python versions
        return None
    post = {}
    for code, others in _EXTRA_CASES.items():
        members = (code, *others)
        post.update({m: chr(min(members)) for m in members if m != min(members)})
    return {0x130: "i"}, post


_FOLD = _fold_tables()

_FOLDED_CHARS = (re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD[1]) + "]")
                 if _FOLD else None)


def _fold(text: str, lowered: str | None = None) -> str:
    """`text` folded with the tables above (same length as `text`); `lowered`,
    when given, is `text.lower()`, saving the usual case's work."""
    assert _FOLD is not None and _FOLDED_CHARS is not None  # only called when built
    pre, post = _FOLD
    if "\u0130" in text:
        lowered = text.translate(pre).lower()
    elif lowered is None:
        lowered = text.lower()
    if not lowered.isascii() and _FOLDED_CHARS.search(lowered):
        return lowered.translate(post)
    return lowered


# id of a language's abbreviation list -> (the list, its length, `_index_of(list)`)
_INDEXES: dict[int, tuple] = {}


def _abbreviation_index(abbreviations: list[str]):
    """`_index_of` for this list, built once (the lists are constants; a list changed
    in length or replaced gets a new index)."""
    known = _INDEXES.get(id(abbreviations))
    if known is None or known[0] is not abbreviations or known[1] != len(abbreviations):
        known = _INDEXES[id(abbreviations)] = (
            abbreviations, len(abbreviations), _index_of(abbreviations))
    return known[2]


def _index_of(abbreviations: list[str]):
    """For one language's list: the stripped entries, the indices of entries always
    examined (not purely alphabetic), folded alphabetic entry -> its indices, and
    the lengths of those."""
    stripped = [abbr.strip() for abbr in abbreviations]
    always: list[int] = []
    by_key: dict[str, list[int]] = {}
    for ind, entry in enumerate(stripped):
        if entry.isalpha():
            by_key.setdefault(_fold(entry), []).append(ind)
        else:
            always.append(ind)
    lengths = sorted({len(key) for key in by_key})
    return stripped, always, by_key, lengths


def _abbreviations_before_stops(folded: str, by_key: dict, lengths: list[int]) -> set[int]:
    """Indices of alphabetic entries that end right before some full stop."""
    hits: set[int] = set()
    pos = folded.find(".")
    while pos >= 0:
        for size in lengths:
            if size > pos:
                break
            found = by_key.get(folded[pos - size:pos])
            if found:
                hits.update(found)
        pos = folded.find(".", pos + 1)
    return hits

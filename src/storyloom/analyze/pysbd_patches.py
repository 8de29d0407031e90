"""Exact speed-ups of pysbd 0.3.x, installed by `patch_pysbd`.

Each function below is a copy of a pysbd method (pysbd is MIT licensed, (c) 2019
Nipun Sadvilkar) with work skipped that provably cannot change the text; the
docstring says what was added and why. pysbd's modules also get `_PysbdRe` in place
of `re` (same results, `regex_skips`). Segmentation stays pysbd's own: the tests
compare every patch with the untouched pysbd (`unpatched`).
"""
from __future__ import annotations

import re
import sys
from contextlib import contextmanager

from storyloom.analyze.regex_skips import prepared

# (owner, attribute) -> pysbd's own value, filled by `patch_pysbd`
_ORIGINALS: dict[tuple[object, str], object] = {}  # (class or module, name) -> original


# -------------------------------------------------------------- rules and spans

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

    for match in re.finditer(rf"{re.escape(sent)}\s*", text):
        if match.end() > prior_end:
            return [TextSpan(match.group(), match.start(), match.end())]
    return []


def _apply(self, *rules):
    """pysbd's Text.apply (MIT licence) with one added skip: a rule whose pattern
    cannot match the text substitutes nothing (`regex_skips.prepared`: a plain-text
    pattern absent from it, or a pattern needing characters it lacks). Most of its
    ~500 substitutions per article are such no-ops: placeholders put back that the
    sentence never got, ellipsis rules on sentences with one full stop, etc."""
    for rule in rules:
        compiled = prepared(rule.pattern, 0, self)
        if compiled is not None:  # else the added skip
            self = compiled.sub(rule.replacement, self)
    return self


class _PysbdRe:
    """Stands in for `re` inside pysbd's modules, which call `re.sub`, `re.search`
    etc. with pattern strings on every sentence: the same functions, returning what
    `re`'s would, but without scanning a text in which the pattern cannot match
    and with lookbehind-led patterns compiled literal-first (`regex_skips`). The
    whole-text passes (numbered references, runs of "!?", multi-period
    abbreviations, ...) scanned every character of an article."""

    def __getattr__(self, name):
        return getattr(re, name)

    @staticmethod
    def sub(pattern, repl, string, count=0, flags=0):
        compiled = prepared(pattern, flags, string)
        return string if compiled is None else compiled.sub(repl, string, count)

    @staticmethod
    def search(pattern, string, flags=0):
        compiled = prepared(pattern, flags, string)
        return None if compiled is None else compiled.search(string)

    @staticmethod
    def match(pattern, string, flags=0):
        compiled = prepared(pattern, flags, string)
        return None if compiled is None else compiled.match(string)

    @staticmethod
    def findall(pattern, string, flags=0):
        compiled = prepared(pattern, flags, string)
        return [] if compiled is None else compiled.findall(string)

    @staticmethod
    def finditer(pattern, string, flags=0):
        compiled = prepared(pattern, flags, string)
        return iter(()) if compiled is None else compiled.finditer(string)

    @staticmethod
    def split(pattern, string, maxsplit=0, flags=0):
        compiled = prepared(pattern, flags, string)
        return [string] if compiled is None else compiled.split(string, maxsplit)


_PYSBD_RE = _PysbdRe()


# ---------------------------------------------------------------- abbreviations

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
    assert _FOLD is not None and _FOLDED_CHARS is not None  # only patched in when built
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
    """`_index_of` for this list, built once (pysbd's lists are constants; a list
    changed in length or replaced gets a new index)."""
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


def _search_for_abbreviations_in_string(self, text):
    """pysbd's AbbreviationReplacer method with the abbreviation list pre-filtered.

    Every substitution the loop makes (here and in the language subclasses'
    `scan_for_replacements` / `replace_*_abbr`) turns a full stop after a match of
    the abbreviation into a placeholder. So a text without a full stop is returned
    as is, and an alphabetic abbreviation is examined only when it (compared as
    `re.IGNORECASE` compares, see `_fold`) ends right before a full stop; the
    original tested ~200 abbreviations one by one on every line (~25% of splitting
    time, profiled). Entries with other characters are examined as before, and
    the survivors in the list's order, so the text changes exactly as before. (An
    earlier skip compared `str.lower` forms and so missed "ſt." for "st".)
    """
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
        abbrev_match = re.findall(rf"(?:^|\s|\r|\n){entry}", text, flags=re.IGNORECASE)
        if not abbrev_match:
            continue
        next_word_start = r"(?<={" + str(re.escape(entry)) + "} ).{1}"
        char_array = re.findall(next_word_start, text)
        for ind_match, match in enumerate(abbrev_match):
            text = self.scan_for_replacements(text, match, ind_match, char_array)
    return text


# ------------------------------------------------------------------- list items

# the patterns the list-item skips below were derived from (pysbd 0.3.4)
_LETTER_STOP = r'(?<=^)[a-z](?=\.)|(?<=\A)[a-z](?=\.)|(?<=\s)[a-z](?=\.)'
_LETTERS_PAREN = (r'(?<=\()[a-z]+(?=\))|(?<=^)[a-z]+(?=\))|(?<=\A)[a-z]+(?=\))'
                  r'|(?<=\s)[a-z]+(?=\))')
_NUMBER_STOP = (r'\s\d{1,2}(?=\.\s)|^\d{1,2}(?=\.\s)|\s\d{1,2}(?=\.\))|^\d{1,2}(?=\.\))'
                r'|(?<=\s\-)\d{1,2}(?=\.\s)|(?<=^\-)\d{1,2}(?=\.\s)|(?<=\s\⁃)\d{1,2}(?=\.\s)'
                r'|(?<=^\⁃)\d{1,2}(?=\.\s)|(?<=s\-)\d{1,2}(?=\.\))|(?<=^\-)\d{1,2}(?=\.\))'
                r'|(?<=\s\⁃)\d{1,2}(?=\.\))|(?<=^\⁃)\d{1,2}(?=\.\))')
_NUMBER_PAREN = r'\d{1,2}(?=\)\s)'


def _is_lower_ascii(char: str) -> bool:
    return "a" <= char <= "z"


def _may_find_letter_stop(text: str, alphabet: frozenset) -> bool:
    """Whether `_LETTER_STOP` finds a letter of `alphabet`: a letter a-z right before
    a full stop, at the start or after whitespace (`\\s` is `str.isspace`)."""
    pos = text.find(".")
    while pos >= 0:
        if pos and text[pos - 1] in alphabet and _is_lower_ascii(text[pos - 1]) and (
                pos == 1 or text[pos - 2].isspace()):
            return True
        pos = text.find(".", pos + 1)
    return False


def _may_find_letters_paren(text: str, alphabet: frozenset, longest: int) -> bool:
    """Whether `_LETTERS_PAREN` finds an item of `alphabet`: its matches are whole
    runs of a-z right before ")", at the start or after "(" or whitespace."""
    pos = text.find(")")
    while pos >= 0:
        start = pos
        while start and _is_lower_ascii(text[start - 1]) and pos - start <= longest:
            start -= 1
        if (pos - start <= longest and text[start:pos] in alphabet
                and (start == 0 or text[start - 1] == "(" or text[start - 1].isspace())):
            return True
        pos = text.find(")", pos + 1)
    return False


def _iterate_alphabet_array(self, regex, parens=False, roman_numeral=False):
    """pysbd's ListItemReplacer method with a skip: when the list regex cannot find
    an item of the alphabet (checked with `str.find` around each "." or ")"), the
    loop below has nothing to do. Its `findall` tried three lookbehinds at every
    character, four times per text (~10% of splitting time, profiled)."""
    alphabet = self.ROMAN_NUMERALS if roman_numeral else self.LATIN_NUMERALS
    if regex == _LETTER_STOP and not _may_find_letter_stop(self.text, frozenset(alphabet)):
        return self.text  # the added skip
    if regex == _LETTERS_PAREN and not _may_find_letters_paren(
            self.text, frozenset(alphabet), max(map(len, alphabet))):
        return self.text  # the added skip
    list_array = re.findall(regex, self.text)
    list_array = [i for i in list_array if i in alphabet]
    for ind, each in enumerate(list_array):
        if ind == len(list_array) - 1:
            self.text = self.last_array_item_replacement(each, ind, alphabet, list_array, parens)
        else:
            self.text = self.other_items_replacement(each, ind, alphabet, list_array, parens)
    return self.text


def _count_number_stops(text: str) -> int:
    """An upper bound on `_NUMBER_STOP` matches: each ends before its own "." that
    is followed by whitespace or ")" and preceded by a run of one or two digits
    (`\\d` is `str.isdecimal`; the character before the run is never a digit)."""
    count, pos = 0, text.find(".")
    while pos >= 0:
        if pos + 1 < len(text) and (text[pos + 1].isspace() or text[pos + 1] == ")"):
            run = 0
            while run < 3 and pos - run > 0 and text[pos - run - 1].isdecimal():
                run += 1
            count += 1 <= run <= 2
        pos = text.find(".", pos + 1)
    return count


def _count_number_parens(text: str) -> int:
    """An upper bound on `_NUMBER_PAREN` matches: each ends before its own ")" that
    follows a digit and precedes whitespace."""
    count, pos = 0, text.find(")")
    while pos >= 0:
        count += (pos > 0 and text[pos - 1].isdecimal() and pos + 1 < len(text)
                  and text[pos + 1].isspace())
        pos = text.find(")", pos + 1)
    return count


def _scan_lists(self, regex1, regex2, replacement, strip=False):
    """pysbd's ListItemReplacer method with a skip: the loop only substitutes
    items next to a neighbouring number, so with fewer than two possible matches
    (counted with `str.find`, see `_count_number_stops`) it does nothing."""
    if regex1 == _NUMBER_STOP and _count_number_stops(self.text) < 2:
        return  # the added skip
    if regex1 == _NUMBER_PAREN and _count_number_parens(self.text) < 2:
        return  # the added skip
    list_array = re.findall(regex1, self.text)
    list_array = list(map(int, list_array))
    for ind, item in enumerate(list_array):
        if (ind < len(list_array) - 1 and item + 1 == list_array[ind + 1]):
            self.substitute_found_list_items(regex2, item, strip, replacement)
        elif ind > 0:
            if (((item - 1) == list_array[ind - 1]) or
                    ((item == 0) and (list_array[ind - 1] == 9)) or
                    ((item == 9) and (list_array[ind - 1] == 0))):
                self.substitute_found_list_items(regex2, item, strip, replacement)


# ------------------------------------------------------------ quotes and parens

# BetweenPunctuation method -> (the pattern attributes it uses, a string every match
# of those patterns contains)
_BETWEEN_NEEDS = {
    "sub_punctuation_between_single_quotes":
        (("WORD_WITH_LEADING_APOSTROPHE", "BETWEEN_SINGLE_QUOTES_REGEX"), "'"),
    "sub_punctuation_between_single_quote_slanted":
        (("BETWEEN_SINGLE_QUOTE_SLANTED_REGEX",), "‘"),
    "sub_punctuation_between_double_quotes": (("BETWEEN_DOUBLE_QUOTES_REGEX_2",), '"'),
    "sub_punctuation_between_square_brackets": (("BETWEEN_SQUARE_BRACKETS_REGEX_2",), "["),
    "sub_punctuation_between_parens": (("BETWEEN_PARENS_REGEX_2",), "("),
    "sub_punctuation_between_quotes_arrow": (("BETWEEN_QUOTE_ARROW_REGEX_2",), "«"),
    "sub_punctuation_between_em_dashes": (("BETWEEN_EM_DASHES_REGEX_2",), "--"),
    "sub_punctuation_between_quotes_slanted": (("BETWEEN_QUOTE_SLANTED_REGEX_2",), "“"),
}


def _needing(owner: type, original, attributes: tuple[str, ...], needed: str):
    patterns = tuple(getattr(owner, name) for name in attributes)
    same_patterns: dict[type, bool] = {}  # per (sub)class: uses the patterns above?

    def method(self, txt):
        if needed not in txt:
            kind = type(self)
            if kind not in same_patterns:
                same_patterns[kind] = all(getattr(kind, name) is pattern
                                          for name, pattern in zip(attributes, patterns))
            if same_patterns[kind]:
                return txt  # the added skip
        return original(self, txt)

    method.__doc__ = (f"pysbd's BetweenPunctuation.{original.__name__} with a skip: every "
                      f"match of its patterns contains {needed!r}, so without one the "
                      "substitution is a no-op (its patterns led by lookbehinds were "
                      "tried at every character of every sentence).")
    method.__name__ = original.__name__
    method.__qualname__ = f"_needing.{original.__name__}"
    return method


# ------------------------------------------------------------------- the patch

def _replace(owner: type, name: str, new, qualname: str) -> None:
    current = owner.__dict__.get(name)
    if getattr(current, "__qualname__", "") == qualname:
        _ORIGINALS[(owner, name)] = current
        setattr(owner, name, new)


def patch_pysbd() -> None:
    """Installs the copies in this module into pysbd 0.3.x (once: a patched
    method's qualname no longer matches)."""
    import pysbd
    from pysbd.abbreviation_replacer import AbbreviationReplacer
    from pysbd.between_punctuation import BetweenPunctuation
    from pysbd.lists_item_replacer import ListItemReplacer as Lists
    from pysbd.utils import Text

    if not pysbd.__version__.startswith("0.3."):
        return  # the copies are of pysbd 0.3.x
    _replace(Text, "apply", _apply, "Text.apply")
    for name, module in list(sys.modules.items()):
        if name.startswith("pysbd.") and getattr(module, "re", None) is re:
            _ORIGINALS[(module, "re")] = re
            setattr(module, "re", _PYSBD_RE)  # noqa: B010 - a module attribute mypy cannot see
    _replace(pysbd.Segmenter, "sentences_with_char_spans", _sentences_with_char_spans,
             "Segmenter.sentences_with_char_spans")
    if _FOLD is not None:
        _replace(AbbreviationReplacer, "search_for_abbreviations_in_string",
                 _search_for_abbreviations_in_string,
                 "AbbreviationReplacer.search_for_abbreviations_in_string")
    if (Lists.ALPHABETICAL_LIST_WITH_PERIODS, Lists.ALPHABETICAL_LIST_WITH_PARENS) == (
            _LETTER_STOP, _LETTERS_PAREN):
        _replace(Lists, "iterate_alphabet_array", _iterate_alphabet_array,
                 "ListItemReplacer.iterate_alphabet_array")
    if (Lists.NUMBERED_LIST_REGEX_1, Lists.NUMBERED_LIST_PARENS_REGEX) == (
            _NUMBER_STOP, _NUMBER_PAREN):
        _replace(Lists, "scan_lists", _scan_lists, "ListItemReplacer.scan_lists")
    for name, (attributes, needed) in _BETWEEN_NEEDS.items():
        original = BetweenPunctuation.__dict__.get(name)
        if original is not None and needed in "".join(
                getattr(BetweenPunctuation, attr) for attr in attributes):
            _replace(BetweenPunctuation, name,
                     _needing(BetweenPunctuation, original, attributes, needed),
                     f"BetweenPunctuation.{name}")


@contextmanager
def unpatched():
    """pysbd exactly as released while inside (for comparisons in tests)."""
    patched = {key: key[0].__dict__[key[1]] for key in _ORIGINALS}
    try:
        for (owner, name), original in _ORIGINALS.items():
            setattr(owner, name, original)
        yield
    finally:
        for (owner, name), new in patched.items():
            setattr(owner, name, new)

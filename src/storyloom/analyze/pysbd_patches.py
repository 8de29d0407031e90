"""Exact speed-ups of pysbd 0.3.x, installed by `patch_pysbd`.

Each function below is a copy of a pysbd method (pysbd is MIT licensed, (c) 2019
Nipun Sadvilkar) with work skipped that provably cannot change the text; the
docstring says what was added and why. Segmentation stays pysbd's own: the tests
compare every patch with the untouched pysbd (`unpatched`).
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from functools import lru_cache

# (owner, attribute) -> pysbd's own value, filled by `patch_pysbd`
_ORIGINALS: dict[tuple[type, str], object] = {}


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

    for match in re.finditer(r"{0}\s*".format(re.escape(sent)), text):
        if match.end() > prior_end:
            return [TextSpan(match.group(), match.start(), match.end())]
    return []


_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")


def _counts_needed(pattern: str) -> tuple[tuple[str, int], ...]:
    """(character, n) pairs: a text with fewer than n of the character has no match.

    Read off the parsed pattern: literal characters consumed in sequence add up
    (a repeat multiplies by its minimum), a positive lookaround needs its own
    characters (which may overlap the match's), alternatives need only what all of
    them need; classes, negative lookarounds, conditionals and anything case-
    insensitive need nothing. Empty for what it cannot read."""
    try:
        from re import _parser
        parsed = _parser.parse(pattern)
    except Exception:  # not a str pattern, an error, or no re._parser (other Pythons)
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    return tuple(sorted(_needs(list(parsed))[1].items()))


def _needs(items: list) -> tuple[dict, dict]:
    """(counts consumed by `items`, counts the text needs for `items` to match)."""
    from re import _constants as c

    used: dict[str, int] = {}
    need: dict[str, int] = {}
    for op, arg in items:
        sub_used, sub_need = {}, {}
        if op is c.LITERAL:
            sub_used = sub_need = {chr(arg): 1}
        elif op is c.IN and len(arg) == 1 and arg[0][0] is c.LITERAL:
            sub_used = sub_need = {chr(arg[0][1]): 1}
        elif op is c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            sub_used, sub_need = _needs(list(arg[3]))
        elif op is c.ATOMIC_GROUP:
            sub_used, sub_need = _needs(list(arg))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] > 0:
            once_used, once_need = _needs(list(arg[2]))
            sub_used = {ch: n * arg[0] for ch, n in once_used.items()}
            sub_need = _most(sub_used, once_need)
        elif op is c.ASSERT:
            sub_need = _needs(list(arg[1]))[1]
        elif op is c.BRANCH:
            options = [_needs(list(seq)) for seq in arg[1]]
            sub_used = _least([used_b for used_b, _ in options])
            sub_need = _least([need_b for _, need_b in options])
        for ch, n in sub_used.items():
            used[ch] = used.get(ch, 0) + n
        need = _most(need, sub_need)
    return used, _most(need, used)


def _most(a: dict, b: dict) -> dict:
    return {ch: max(a.get(ch, 0), b.get(ch, 0)) for ch in a.keys() | b.keys()}


def _least(options: list[dict]) -> dict:
    common = set.intersection(*(set(o) for o in options)) if options else set()
    return {ch: min(o[ch] for o in options) for ch in common}


def _literal_first(pattern: str) -> str | None:
    """`(?<=X)L...` (L one literal character) as `L(?<=XL)...`, else None.

    Both match the same spans: L at p after X, then the rest at p + 1 (X has a fixed
    width, so `(?<=XL)` checked at p + 1 is X before p and L at p). `re` tries a
    pattern led by a lookbehind at every character, one led by a literal only
    where that character occurs: ~60 times faster on an article. The rewrite is
    kept only if its parse is exactly the original's with those two items swapped."""
    if not isinstance(pattern, str) or not pattern.startswith("(?<="):
        return None
    end = _group_end(pattern)
    rest = pattern[end + 1:] if end else ""
    size = 2 if rest[:1] == "\\" else 1
    if not rest or rest[0] in ".^$*+?{}[]|()":
        return None
    first = rest[:size]
    rewritten = first + "(?<=" + pattern[4:end] + first + ")" + rest[size:]
    try:
        from re import _constants as c, _parser
        old, new = _parser.parse(pattern), _parser.parse(rewritten)
    except Exception:  # not a valid rewrite, or no re._parser (other Pythons)
        return None
    old_items, new_items = _dump(old), _dump(new)
    if len(old_items) < 2 or old_items[0][0] != c.ASSERT or old_items[0][1][0] != -1:
        return None
    behind, literal = old_items[0][1][1], old_items[1]
    swapped = (literal, (c.ASSERT, (-1, behind + (literal,)))) + old_items[2:]
    if (literal[0] != c.LITERAL or new_items != swapped
            or (old.state.flags, old.state.groups) != (new.state.flags, new.state.groups)):
        return None
    return rewritten


def _group_end(pattern: str) -> int | None:
    """Index of the ")" closing the group opened at 0 (escapes and classes skipped)."""
    depth, pos, in_class = 0, 0, False
    while pos < len(pattern):
        char = pattern[pos]
        if char == "\\":
            pos += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            pos += pattern[pos + 1:pos + 2] == "]"
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    return None


def _dump(node):
    """A parsed pattern as nested tuples (comparable with ==)."""
    if isinstance(node, (list, tuple)) or hasattr(node, "data"):
        return tuple(_dump(item) for item in getattr(node, "data", node))
    return node


@lru_cache(maxsize=2048)
def _plan(pattern) -> tuple[str | None, tuple, object]:
    """For one rule pattern: itself when plain text (no regex syntax), the counts it
    needs (`_counts_needed`), and its compiled form (`_literal_first` if it applies)."""
    literal = None
    if isinstance(pattern, str) and not _REGEX_SYNTAX.search(pattern):
        literal = pattern
    return literal, _counts_needed(pattern), re.compile(_literal_first(pattern) or pattern)


def _apply(self, *rules):
    """pysbd's Text.apply (MIT licence) with one added skip: a rule whose pattern
    cannot match the text substitutes nothing (a plain-text pattern absent from
    it, or a pattern needing characters it lacks, `_counts_needed`). Most of its
    ~500 substitutions per article are such no-ops: placeholders put back that the
    sentence never got, ellipsis rules on sentences with one full stop, etc."""
    for rule in rules:
        literal, counts, compiled = _plan(rule.pattern)
        if literal is not None and literal not in self:
            continue  # the added skip
        if any(self.count(ch) < n for ch, n in counts):
            continue  # the added skip
        self = compiled.sub(rule.replacement, self)
    return self


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


_FOLDED_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD[1]) + "]") if _FOLD else None


def _fold(text: str, lowered: str | None = None) -> str:
    """`text` folded with the tables above (same length as `text`); `lowered`,
    when given, is `text.lower()`, saving the usual case's work."""
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
    always, by_key = [], {}
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
    the survivors in the list's order, so the text changes exactly as before.
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
        abbrev_match = re.findall(r"(?:^|\s|\r|\n){}".format(entry), text, flags=re.IGNORECASE)
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
    "sub_punctuation_between_single_quote_slanted": (("BETWEEN_SINGLE_QUOTE_SLANTED_REGEX",), "‘"),
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

"""`re`'s matching functions for the vendored splitter, with exact shortcuts.

The splitter (pysbd's rules) calls `sub`, `search`, `findall` etc. with pattern
strings some 900 times per article, mostly on short texts where the pattern cannot
match. The functions here return what `re`'s would, but

- compile each pattern once and keep it (`_plan`'s `lru_cache`; `re`'s own cache of
  512 patterns is left alone for the rest of storyloom),
- do not scan a text in which the pattern provably cannot match (`prepared`: a
  plain-text pattern absent from it, or fewer of some characters than any match
  needs, `counts_needed`),
- compile a pattern led by a lookbehind in an equivalent literal-first form
  (`literal_first`), which `re` tries only where the literal is.

The proofs read the parse tree of Python's own `re` (CPython 3.11's `re._parser`);
where that is missing nothing is skipped or rewritten (plain `re` speed).
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from re import IGNORECASE, escape  # noqa: F401 - the splitter's modules read them here
from typing import Any

_REGEX_SYNTAX = re.compile(r"[.^$*+?{}\[\]\\|()]")

_c: Any
_parser: Any
try:  # the parser of CPython's `re` (private: typeshed has no stubs for it); without it
    # nothing is skipped or rewritten
    _c = importlib.import_module("re._constants")
    _parser = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other Pythons
    _c = _parser = None

# counts: ((characters, n), ...): a text holding fewer than n of those characters
# (together) has no match
Counts = tuple[tuple[str, int], ...]


def counts_needed(pattern: str, flags: int = 0) -> Counts:
    """What any match needs, read off the parsed pattern.

    Characters consumed one after another add up (a repeat multiplies by its
    minimum); a positive lookaround needs its own characters, which may overlap
    the match's, so those count as a maximum, not a sum; alternatives need only
    what all of them need. A class of plain characters counts as one of them; other
    classes, negative lookarounds, backreferences and anything case-insensitive
    need nothing. Empty for what it cannot read."""
    if _parser is None or flags & re.IGNORECASE:
        return ()
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # not a str pattern, or invalid: compiling it will say so
        return ()
    if parsed.state.flags & re.IGNORECASE:
        return ()
    need = _needs(list(parsed))[1]
    return tuple(sorted(("".join(sorted(chars)), n) for chars, n in need.items() if n))


def _needs(items: list) -> tuple[dict, dict]:
    """(counts consumed by `items`, counts the text needs for `items` to match),
    keyed by frozensets of characters."""
    used: dict[frozenset, int] = {}
    need: dict[frozenset, int] = {}
    for op, arg in items:
        sub_used, sub_need = _needs_of(op, arg)
        for chars, n in sub_used.items():
            used[chars] = used.get(chars, 0) + n
        need = _most(need, sub_need)
    return used, _most(need, used)


def _needs_of(op, arg) -> tuple[dict, dict]:
    if op is _c.LITERAL:
        return {frozenset(chr(arg)): 1}, {}
    if op is _c.IN and all(kind is _c.LITERAL for kind, _ in arg):
        return {frozenset(chr(code) for _, code in arg): 1}, {}
    if op is _c.SUBPATTERN and not arg[1] & re.IGNORECASE:
        return _needs(list(arg[3]))
    if op is _c.ATOMIC_GROUP:
        return _needs(list(arg))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and arg[0] > 0:
        once_used, once_need = _needs(list(arg[2]))
        return {chars: n * arg[0] for chars, n in once_used.items()}, once_need
    if op is _c.ASSERT:
        return {}, _needs(list(arg[1]))[1]
    if op is _c.BRANCH:
        options = [_needs(list(seq)) for seq in arg[1]]
        return _least([o[0] for o in options]), _least([o[1] for o in options])
    return {}, {}


def _most(a: dict, b: dict) -> dict:
    return {key: max(a.get(key, 0), b.get(key, 0)) for key in a.keys() | b.keys()}


def _least(options: list[dict]) -> dict:
    common = set.intersection(*(set(o) for o in options)) if options else set()
    return {key: min(o[key] for o in options) for key in common}


def literal_first(pattern: str) -> str | None:
    """`(?<=X)Y...` as `Y(?<=XY)...` (Y one literal, class or group), else None.

    Both match the same spans: where X ends at p and Y matches from p to q, the rest
    is tried from q (X and so XY have fixed widths, so `(?<=XY)` checked at q is X
    before p and Y from p). `re` tries a pattern led by a lookbehind at every
    character, one led by a literal or class only where it can start: ~50 times
    faster on an article. Kept only when its parse is exactly the original's with
    those two items swapped (Y inside the lookbehind without capturing)."""
    if _parser is None or not isinstance(pattern, str) or not pattern.startswith("(?<="):
        return None
    end = _closing(pattern, 0)
    first = _first_item(pattern[end + 1:]) if end else None
    if end is None or not first:
        return None
    plain = "(?:" + first[1:] if first[0] == "(" and first[1] != "?" else first
    rest = pattern[end + 1 + len(first):]
    rewritten = first + "(?<=" + pattern[4:end] + plain + ")" + rest
    try:
        old, new, inner = (_parser.parse(p) for p in (pattern, rewritten, plain))
        re.compile(rewritten)
    except Exception:  # not a valid rewrite (e.g. Y of varying width)
        return None
    old_items, new_items = _dump(old), _dump(new)
    if len(old_items) < 2 or old_items[0][0] != _c.ASSERT or old_items[0][1][0] != -1:
        return None
    swapped = (old_items[1], (_c.ASSERT, (-1, old_items[0][1][1] + _dump(inner)))) + old_items[2:]
    if new_items != swapped or (old.state.flags, old.state.groups) != (
            new.state.flags, new.state.groups):
        return None
    return rewritten


def _first_item(text: str) -> str | None:
    """The leading literal, escaped character, class or group of `text`."""
    if not text or text[0] in ".^$*+?{}|)" or text.startswith(("(?P", "(?<", "(?=", "(?!")):
        return None
    if text[0] == "\\":
        return text[:2]
    if text[0] in "[(":
        end = _closing(text, 0)
        return text[:end + 1] if end else None
    return text[0]


def _closing(pattern: str, start: int) -> int | None:
    """Index of the "]" or ")" closing what opens at `start` (escapes skipped)."""
    if pattern[start] == "[":
        return _class_end(pattern, start)
    depth, pos = 0, start
    while pos < len(pattern):
        char = pattern[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "[":
            end = _class_end(pattern, pos)
            if end is None:
                return None
            pos = end
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return pos
        pos += 1
    return None


def _class_end(pattern: str, start: int) -> int | None:
    """Index of the "]" closing the class opened at `start` ("]" first is literal)."""
    pos = start + 1
    pos += pattern[pos:pos + 1] == "^"
    pos += pattern[pos:pos + 1] == "]"
    while pos < len(pattern):
        if pattern[pos] == "\\":
            pos += 2
            continue
        if pattern[pos] == "]":
            return pos
        pos += 1
    return None


def _dump(node):
    """A parsed pattern as nested tuples (comparable with ==)."""
    if isinstance(node, (list, tuple)) or hasattr(node, "data"):
        return tuple(_dump(item) for item in getattr(node, "data", node))
    return node


# characters frequent in prose: checked last, as they rarely rule a pattern out
_COMMON = frozenset(" etaoinsrhldcumfpgwybvkxjqzETAOINSRHLDCUMFPGWYBVKXJQZ0123456789.,'")


@lru_cache(maxsize=4096)
def _plan(pattern, flags: int) -> tuple[str | None, tuple[str, ...], Counts, re.Pattern]:
    """`prepared`'s work that depends on the pattern only: the pattern when it is
    plain text, the characters a match needs one of (rarest first), the other
    counts, and the compiled form."""
    if not isinstance(pattern, str):
        return None, (), (), re.compile(pattern, flags)
    literal = None if flags or _REGEX_SYNTAX.search(pattern) else pattern
    counts = counts_needed(pattern, flags)
    singles = tuple(sorted((chars for chars, n in counts if n == 1 and len(chars) == 1),
                           key=lambda char: (char in _COMMON, char)))
    others = tuple((chars, n) for chars, n in counts if n > 1 or len(chars) > 1)
    faster = literal_first(pattern) if not flags else None
    return literal, singles, others, re.compile(faster or pattern, flags)


def prepared(pattern, flags: int, text: str) -> re.Pattern | None:
    """`re.compile(pattern, flags)` (perhaps as `literal_first`), or None when no
    match in `text` is possible: a plain-text pattern absent from it, or fewer of
    some characters than `counts_needed` says a match needs."""
    literal, singles, others, compiled = _plan(pattern, flags)
    if literal is not None and literal not in text:
        return None
    for char in singles:
        if char not in text:
            return None
    for chars, n in others:
        if (text.count(chars) if len(chars) == 1 else sum(map(text.count, chars))) < n:
            return None
    return compiled


# ------------------------------------------------------------ re's functions

Replacement = str | Callable[[re.Match[str]], str]


def sub(pattern: str, repl: Replacement, string: str, count: int = 0, flags: int = 0) -> str:
    """`re.sub`; `string` itself when the pattern cannot match it."""
    compiled = prepared(pattern, flags, string)
    return string if compiled is None else compiled.sub(repl, string, count)


def search(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    compiled = prepared(pattern, flags, string)
    return None if compiled is None else compiled.search(string)


def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
    compiled = prepared(pattern, flags, string)
    return None if compiled is None else compiled.match(string)


def findall(pattern: str, string: str, flags: int = 0) -> list[Any]:
    compiled = prepared(pattern, flags, string)
    return [] if compiled is None else compiled.findall(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Iterator[re.Match[str]]:
    compiled = prepared(pattern, flags, string)
    return iter(()) if compiled is None else compiled.finditer(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    compiled = prepared(pattern, flags, string)
    return [string] if compiled is None else compiled.split(string, maxsplit)

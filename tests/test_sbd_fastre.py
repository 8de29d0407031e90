"""The vendored splitter's regex helper (`storyloom.text.sbd.fastre`): what it skips
cannot match, what it rewrites matches the same, and its functions return what `re`'s
return. Needs no pysbd."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyloom.text import sbd
from storyloom.text.sbd.fastre import counts_needed, literal_first, prepared


def rule_patterns(root) -> list[str]:
    """The patterns of the rules and *REGEX* constants of `root` (`pysbd` or the vendored
    `storyloom.text.sbd`), for all its languages."""
    from importlib import import_module

    prefix = root.__name__
    rule = import_module(f"{prefix}.utils").Rule
    kinds = [*root.languages.LANGUAGE_CODES.values(),
             import_module(f"{prefix}.between_punctuation").BetweenPunctuation,
             import_module(f"{prefix}.lists_item_replacer").ListItemReplacer]
    found, seen = set(), set()

    def walk(kind):
        for owner in kind.__mro__:
            if id(owner) in seen:
                continue
            seen.add(id(owner))
            for name, value in vars(owner).items():
                values = value if isinstance(value, (list, tuple)) else [value]
                found.update(v.pattern for v in values if isinstance(v, rule))
                if "REGEX" in name and isinstance(value, str):
                    found.add(value)
                if isinstance(value, type) and value.__module__.startswith(prefix):
                    walk(value)

    for kind in kinds:
        walk(kind)
    return sorted(p for p in found if isinstance(p, str))


TRICKY = [r"(?=aa)a", r"ab|ac", r"(?:ab){2,}c?", r"x*y", r"(?i)ab", r"(?i:a)b", r"[.∯]{3}",
          r"(?<=\d)\.(?=\S)", r"(?<=[^\d\s])(\.|∯)(\d{1,3})(\s)(?=[A-Z])", r"(a)\1", r"[^a]b",
          r"(?<=\S)(!|\?){3,}(?=(\s|\Z|$))", r"\.(?='s\s)|\.(?='s$)"]


def _backtracks_badly(pattern: str) -> bool:
    """A repeat inside an unbounded repeat (e.g. `(\\d{1,3},?)*`): searching a random
    text can take exponential time, in pysbd as here, so hypothesis stays off it."""
    from re import _constants as c
    from re import _parser

    def walk(items, inside):
        for op, arg in items:
            if op in (c.MAX_REPEAT, c.MIN_REPEAT):
                if inside and arg[1] > 1 or walk(arg[2], inside or arg[1] == c.MAXREPEAT):
                    return True
            elif op is c.SUBPATTERN and walk(arg[3], inside):
                return True
            elif op in (c.ASSERT, c.ASSERT_NOT) and walk(arg[1], inside):
                return True
            elif op is c.BRANCH and any(walk(seq, inside) for seq in arg[1]):
                return True
        return False

    return walk(_parser.parse(pattern), False)


SBD_PATTERNS = rule_patterns(sbd)
SAFE_PATTERNS = [p for p in SBD_PATTERNS + TRICKY if not _backtracks_badly(p)]


def test_only_a_few_patterns_are_kept_from_hypothesis():
    assert _backtracks_badly(r"(\[(\d{1,3},?\s?)*\])+") and not _backtracks_badly(r"(\s\.){3}")
    assert len(SAFE_PATTERNS) > 0.8 * len(SBD_PATTERNS)


@pytest.mark.parametrize("pattern", SAFE_PATTERNS)
def test_needed_counts_hold_for_every_match(pattern):
    needed = counts_needed(pattern)

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text):
        if re.search(pattern, text):
            for chars, n in needed:
                assert sum(text.count(ch) for ch in chars) >= n
            assert prepared(pattern, 0, text) is not None

    check()


def test_needed_counts_read_sequences_repeats_lookarounds_and_alternatives():
    assert counts_needed(r"(\s\.){3}\s") == ((".", 3),)
    assert counts_needed(r"(?<= P∯M)∯(?=\s[A-Z])") == ((" ", 1), ("M", 1), ("P", 1), ("∯", 1))
    assert counts_needed(r"(?=aa)a") == (("a", 2),)
    assert counts_needed(r"ab|ac") == (("a", 1), ("bc", 1))  # parsed as a[bc]
    assert counts_needed(r"ab|cd") == ()
    assert counts_needed(r"(!|\?){3,}") == (("!?", 3),)
    assert counts_needed(r"(?i)ab") == () and counts_needed(r"[^a]b") == (("b", 1),)
    assert prepared(r"\?!", 0, "Why? Because.") is None
    assert prepared(r"\?!", 0, "Why?! Because") is not None


def test_the_regex_functions_return_what_re_returns():
    from storyloom.text.sbd import fastre

    cases = [(r"\?!", "Why? Because."), (r"\?!", "Why?! Because?! No"), (r"(?<=\d)\.(?=\S)", "3.5 and 4.x."),
             (r"a(b)?", "abc a ab"), (r"", "xy"), (r"(?i)mr", "Mr. MR mr")]
    for pattern, text in cases:
        assert fastre.sub(pattern, "<\\g<0>>", text) == re.sub(pattern, "<\\g<0>>", text)
        assert fastre.sub(pattern, "-", text, count=1) == re.sub(pattern, "-", text, count=1)
        assert fastre.findall(pattern, text) == re.findall(pattern, text)
        assert [m.span() for m in fastre.finditer(pattern, text)] == [m.span() for m in re.finditer(pattern, text)]
        assert fastre.split(pattern, text) == re.split(pattern, text)
        for ours, theirs in [(fastre.search(pattern, text), re.search(pattern, text)),
                             (fastre.match(pattern, text), re.match(pattern, text))]:
            assert (ours and ours.span()) == (theirs and theirs.span())
    assert fastre.findall("mr", "Mr. x", flags=re.IGNORECASE) == ["Mr"]


REWRITTEN = [p for p in SBD_PATTERNS + TRICKY if literal_first(p)]


def test_lookbehind_led_patterns_are_rewritten_literal_first():
    assert literal_first(r"(?<=\d)\.(?=\S)") == r"\.(?<=\d\.)(?=\S)"
    assert literal_first(r"(?<=[^\d\s])(\.|∯)(\d)") == r"(\.|∯)(?<=[^\d\s](?:\.|∯))(\d)"
    assert literal_first(r"(?<=a)b+") is None  # a repeat is not one item
    assert literal_first(r"(?<=a)b|c") is None  # an alternative at the top
    assert len(REWRITTEN) >= 10


@pytest.mark.parametrize("pattern", REWRITTEN)
def test_literal_first_rewrite_substitutes_exactly_like_the_original(pattern):
    original, rewritten = re.compile(pattern), re.compile(literal_first(pattern))
    alphabet = st.sampled_from(sorted(set(pattern) | set(" \r\n.aAzZ09∯-°[]")))

    texts = st.text(alphabet, max_size=30)
    if _backtracks_badly(pattern):  # short texts only, and none made to match
        texts = st.text(alphabet, max_size=12)
    else:
        texts = st.one_of(st.from_regex(pattern), texts)

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(texts, st.text(alphabet, max_size=8))
    def check(text, extra):
        for variant in (text, extra + text, text + extra):
            assert rewritten.sub("<\\g<0>>", variant) == original.sub("<\\g<0>>", variant)

    check()

"""storyloom's pysbd speed-ups split exactly as pysbd itself does."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyloom.analyze import pysbd_patches, sentences
from storyloom.analyze.regex_skips import counts_needed, literal_first, prepared

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

LIST_AND_ABBREVIATION_TEXTS = [
    "Steps: 1) open the box 2) take it out 3) close it. Then 4) rest.",
    "Agenda: 1. Budget. 2. Staff. 3. Other business. The meeting ended.",
    "Options a. stay b. leave c. wait. He chose b. Then (a) one (b) two (c) three.",
    "Parts i. intro ii. body iii. end. See (iv) Annex and (v) Notes. (ix) Last.",
    "Chapter (ii) Rules apply. x) first y) second. And -1. minus -2. more.",
    "Gen. Lt. No. 5 met the U.S. Army at 9 a.m. on Jan. 3. Mr. Smith left. Etc. etc.",
    "Sgt. Lee, Col. Ray and Prof. Dr. med. Weiss (Ph.D.) spoke. Inc. and Co. KG agreed.",
    "He said 'it is over.' Then \"we left (at 5 p.m.) early.\" Really?! Yes!!! No???",
    "The report [12] said so.[3] Others said 'no'.[4, 5] It ended -- or not -- there.",
    "«Ça va.» dit-il. “Fine.” ‘Yes.’ The file.pdf and img.jpg were e.g. lost... Then.",
    "He lives on Main ſt. in a street nearby. The fıg. 3 shows İnc. data. Done.",
    "It was 2019. In 12. 13. and 14. rounds the No. 1 won. Kelvin Kg. fell.",
    "The harbour closed early on Mondays for repairsBut it said nothing more.",
    "",
    "no full stop at all here",
    "A.B.C. Corp. vs. X.Y.Z. Ltd. e.g. i.e. U.S.A. a.m. P.M. Then the end.",
]
LANGS = ["en", "de", "es", "fr", "it", "nl", "sk", "ru", "ar", "zh", "ja", "el", "da", "tr"]


def _spans(texts: list[str], lang: str) -> list:
    sentences._segmenter.cache_clear()
    try:
        return [sentences._spans_in_block(text, 0, lang) for text in texts]
    finally:
        sentences._segmenter.cache_clear()


def _patched_and_original(texts: list[str], lang: str) -> tuple[list, list]:
    sentences._segmenter("en")  # installs the patches
    fast = _spans(texts, lang)
    with pysbd_patches.unpatched():
        slow = _spans(texts, lang)
    return fast, slow


@pytest.mark.parametrize("lang", LANGS)
def test_lists_abbreviations_and_quotes_split_like_pysbd(lang):
    fast, slow = _patched_and_original(LIST_AND_ABBREVIATION_TEXTS, lang)
    assert fast == slow
    assert sum(map(len, fast)) > 2 * len(LIST_AND_ABBREVIATION_TEXTS)


FRAGMENTS = ["1)", "2)", "3)", "1.", "2.", "10.", "11.", "a.", "b.", "c.", "(a)", "(b)", "i.",
             "ii.", "(iii)", "iv)", "Gen.", "Lt.", "No.", "U.S.", "Mr.", "p.m.", "e.g.", "St.",
             "ſt.", "İnc.", "fıg.", "etc.", "'", '"', "“", "”", "‘", "’", "«", "»", "(", ")", "[",
             "]", "--", "...", "!", "?", "?!", "!!!", ":", ",", "-", "♨", "∯", "the", "The", "It",
             "report", "harbourBut", "said", "5", "2019", "Co.", "KG", "\n", "\r", "\t", "  "]


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40),
       st.lists(st.sampled_from([" ", "", "\n", " "]), min_size=40, max_size=40),
       st.sampled_from(["en", "de", "es", "sk", "ar"]))
def test_any_mix_of_list_and_abbreviation_fragments_splits_like_pysbd(words, gaps, lang):
    text = "".join(word + gap for word, gap in zip(words, gaps))
    fast, slow = _patched_and_original([text], lang)
    assert fast == slow


@pytest.mark.slow
def test_real_articles_split_like_pysbd():
    path = DATA / "ecbplus-dev.jsonl"
    if not path.exists():
        pytest.skip("labelled data not available")
    with path.open(encoding="utf-8") as rows:
        texts = [json.loads(row)["text"] for _, row in zip(range(60), rows)]
    texts += [text.replace("\n", " ") for text in texts[:30]]
    fast, slow = _patched_and_original(texts, "en")
    assert fast == slow


def test_unpatched_restores_pysbd_and_the_patches_come_back():
    import pysbd.processor
    from pysbd.utils import Text

    sentences._segmenter("en")
    assert Text.apply is pysbd_patches._apply and pysbd.processor.re is not re
    with pysbd_patches.unpatched():
        assert Text.apply is not pysbd_patches._apply and pysbd.processor.re is re
    assert Text.apply is pysbd_patches._apply and pysbd.processor.re is not re


def _pysbd_patterns() -> list[str]:
    """The patterns of pysbd's rules and *REGEX* constants, for all its languages."""
    import pysbd.languages
    from pysbd.between_punctuation import BetweenPunctuation
    from pysbd.lists_item_replacer import ListItemReplacer
    from pysbd.utils import Rule

    found, seen = set(), set()

    def walk(kind):
        for owner in kind.__mro__:
            if id(owner) in seen:
                continue
            seen.add(id(owner))
            for name, value in vars(owner).items():
                values = value if isinstance(value, (list, tuple)) else [value]
                found.update(v.pattern for v in values if isinstance(v, Rule))
                if "REGEX" in name and isinstance(value, str):
                    found.add(value)
                if isinstance(value, type) and value.__module__.startswith("pysbd"):
                    walk(value)

    for kind in [*pysbd.languages.LANGUAGE_CODES.values(), BetweenPunctuation, ListItemReplacer]:
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


SAFE_PATTERNS = [p for p in _pysbd_patterns() + TRICKY if not _backtracks_badly(p)]


def test_only_a_few_patterns_are_kept_from_hypothesis():
    assert _backtracks_badly(r"(\[(\d{1,3},?\s?)*\])+") and not _backtracks_badly(r"(\s\.){3}")
    assert len(SAFE_PATTERNS) > 0.8 * len(_pysbd_patterns())


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


REWRITTEN = [p for p in _pysbd_patterns() + TRICKY if literal_first(p)]


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

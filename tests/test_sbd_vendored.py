"""The vendored splitter (`storyloom.text.sbd`, a reduced pysbd 0.3.4 with exact skips)
splits exactly as the released, untouched pysbd 0.3.4 does, and storyloom leaves pysbd
and `re` alone. (Its regex helper: tests/test_sbd_fastre.py.)

To refresh the copy from a new pysbd release: pin the release in the `test` extra, port
its changes into `src/storyloom/text/sbd/`, and run this file with the slow tests
(`-m slow` included): every comparison here is against the installed pysbd."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sbd_fastre import rule_patterns

from storyloom.analyze import sentences
from storyloom.text import sbd

pysbd = pytest.importorskip("pysbd")  # the released splitter: the `test` extra pins 0.3.4

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

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
    "Prof. Dr. med. Müller sagte, Nr. 5 sei z. B. geschlossen. Das war am 3. Mai.",
    "Sra. García llegó a las 10 a. m. del lunes... No dijo nada. ¿Por qué? Fin.",
    "Spoločnosť s. r. o. sídli v Bratislave. Dňa 5. mája 2020 IV. kvartál skončil.",
    "„Das ist gut.“ sagte er. ,,Ja.“ Das war's. 《你好。》「はい。」（注。）Ende.",
    "Mr. Smith said: \"It's over...\" Then he left (at 5 p.m.). Really?! Yes.",
    "The U.S. Army said no. 1. First item. 2. Second item. He arrived on Aug. 3.",
    "Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5. No. 10 was not there. It was now late.",
    "The U.S. Army said no. Gen. Lee left at 9 a.m. He arrived in St. Louis on Aug. 3.",
]
LANGS = ["en", "de", "es", "fr", "it", "nl", "sk", "ru", "ar", "zh", "ja", "el", "da", "tr"]


def _released(lang: str):
    """pysbd 0.3.4 as released, nothing patched (storyloom no longer touches it)."""
    return pysbd.Segmenter(language=lang if lang in sbd.LANGUAGE_CODES else "en", clean=False,
                           char_span=True)


def _vendored_and_released(texts: list[str], lang: str) -> tuple[list, list]:
    """Sentence spans of each text as storyloom splits it (vendored splitter, then
    `sentences._repaired_spans`) and with the released pysbd under the same repairs."""
    released = _released(lang)
    ours = [sentences._spans_in_block(text, 0, lang) for text in texts]
    theirs = [sentences._repaired_spans(text, 0, released.segment(text)) for text in texts]
    return ours, theirs


def _raw(segmenter, text: str) -> list[tuple[str, int, int]]:
    return [(span.sent, span.start, span.end) for span in segmenter.segment(text)]


@pytest.mark.parametrize("lang", LANGS)
def test_lists_abbreviations_and_quotes_split_like_pysbd(lang):
    ours, theirs = _vendored_and_released(LIST_AND_ABBREVIATION_TEXTS, lang)
    assert ours == theirs
    assert sum(map(len, ours)) > 2 * len(LIST_AND_ABBREVIATION_TEXTS)
    code = lang if lang in sbd.LANGUAGE_CODES else "en"
    vendored, released = sbd.Segmenter(language=code), _released(lang)
    for text in LIST_AND_ABBREVIATION_TEXTS:  # pysbd's own spans, before storyloom's repairs
        assert _raw(vendored, text) == _raw(released, text)


@pytest.mark.parametrize("lang", sorted(set(pysbd.languages.LANGUAGE_CODES) - set(LANGS)))
def test_every_other_language_splits_like_pysbd(lang):
    texts = LIST_AND_ABBREVIATION_TEXTS + ["ይህ ነው። ያ ነው፧ ደህና!", "यह है। वह है| ठीक!",
                                           "Այո։ Ոչ՜ Լավ:", "ဟုတ်ကဲ့။ မဟုတ်ဘူး၏ ok!",
                                           "یہ ہے۔ وہ ہے؟ ٹھیک!", "این است. آن است؟ ۱:۲ خوب، بد، بله!",
                                           "Бұл А. Б. Иванов. Иә? Жоқ - ! т.б."]
    ours, theirs = _vendored_and_released(texts, lang)
    assert ours == theirs
    vendored, released = sbd.Segmenter(language=lang), _released(lang)
    for text in texts:
        assert _raw(vendored, text) == _raw(released, text)


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
    ours, theirs = _vendored_and_released([text], lang)
    assert ours == theirs


@pytest.mark.slow
def test_real_articles_split_like_pysbd():
    path = DATA / "ecbplus-dev.jsonl"
    if not path.exists():
        pytest.skip("labelled data not available")
    with path.open(encoding="utf-8") as rows:
        texts = [json.loads(row)["text"] for _, row in zip(range(60), rows)]
    texts += [text.replace("\n", " ") for text in texts[:30]]
    ours, theirs = _vendored_and_released(texts, "en")
    assert ours == theirs


def test_abbreviation_prefilter_changes_what_the_full_scan_changes():
    """`search_for_abbreviations_in_string` (examining only abbreviations before a full
    stop) against pysbd's loop over every abbreviation, kept as `_search_all_abbreviations`."""
    texts = ["Mr. Smith met Dr. Jones at 5 p.m. on Jan. 5. No. 10 was not there. It was now late.",
             "The U.S. Army said no. Gen. Lee left at 9 a.m. He arrived in St. Louis on Aug. 3.",
             "He lives on Main ſt. near the fıg. tree. İnc. data. e.g. this, i.e. that. Ph.D. done.",
             "Prof. Dr. med. Müller sagte, Nr. 5 sei z. B. geschlossen. Das war am 3. Mai.",
             "Sra. García llegó a las 10 a. m. del lunes. No dijo nada. Etc. etc. Fin.",
             "no full stop here", "ا. د محمد قال. م.ب ذهب. إلخ."]
    for code in ["en", "de", "es", "nl", "ar", "ru", "bg", "sk", "da"]:
        lang = sbd.LANGUAGE_CODES[code]
        for text in texts:
            for line in text.splitlines(True):
                replacer = lang.AbbreviationReplacer(line, lang)
                assert (replacer.search_for_abbreviations_in_string(line)
                        == replacer._search_all_abbreviations(line)), (code, line)


def test_char_spans_without_regexes_equal_pysbd_spans():
    """`str.find` spans (`Segmenter.sentences_with_char_spans`) against pysbd's regex search,
    on the same sentences, an empty one and one repeated included."""
    vendored, released = sbd.Segmenter(language="en"), _released("en")
    texts = ["It rained.  It rained.\u00a0It rained.\n\nThen the sun came out. It rained.",
             "Dr. Who arrived at 5 p.m. (local time).  He left.\tShe stayed.\u2003The end.",
             "A sentence without an end", "Zwei Sätze.  Zwei Sätze.", "Why?!  Because. Why?!"]
    for text in texts:
        vendored.original_text = released.original_text = text
        parts = vendored.processor(text).process() + ["", "It rained."]
        ours = vendored.sentences_with_char_spans(parts)
        theirs = released.sentences_with_char_spans(parts)
        assert [(s.sent, s.start, s.end) for s in ours] == [(s.sent, s.start, s.end) for s in theirs]


def test_the_vendored_rules_are_pysbds_rules():
    """Same languages, the same patterns in every rule and *REGEX* constant, and the same
    abbreviation lists: the copy dropped no rule."""
    assert set(sbd.LANGUAGE_CODES) == set(pysbd.languages.LANGUAGE_CODES)
    assert rule_patterns(sbd) == rule_patterns(pysbd)
    for code, lang in sbd.LANGUAGE_CODES.items():
        theirs = pysbd.languages.LANGUAGE_CODES[code]
        for name in ("ABBREVIATIONS", "PREPOSITIVE_ABBREVIATIONS", "NUMBER_ABBREVIATIONS"):
            assert getattr(lang.Abbreviation, name) == getattr(theirs.Abbreviation, name), (code, name)
        assert lang.Punctuations == theirs.Punctuations
        assert (getattr(lang.AbbreviationReplacer, "SENTENCE_STARTERS", [])
                == getattr(theirs.AbbreviationReplacer, "SENTENCE_STARTERS", []))


def test_the_reduced_segmenter_refuses_what_it_left_out():
    with pytest.raises(ValueError):
        sbd.Segmenter(language="en", clean=True)
    with pytest.raises(ValueError):
        sbd.Segmenter(language="en", char_span=False)
    with pytest.raises(ValueError, match="Available codes"):
        sbd.Segmenter(language="xx")
    assert sbd.Segmenter(language="en").segment("") == []


def test_the_licence_travels_with_the_copy():
    licence = (Path(sbd.__file__).parent / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Copyright (c) 2019 Nipun Sadvilkar" in licence
    assert "pysbd 0.3.4" in sbd.__doc__
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"text/sbd/LICENSE"' in pyproject  # package-data: the wheel ships it


def test_splitting_leaves_re_and_pysbd_alone():
    """In a fresh interpreter: splitting neither imports pysbd nor changes `re`'s cache size."""
    code = (
        "import re, sys\n"
        "size = re._MAXCACHE\n"
        "from storyloom.analyze.sentences import split_sentences\n"
        "from storyloom.model import Article\n"
        "for lang in ('en', 'de', 'sk', 'ja', 'xx'):\n"
        "    found = split_sentences(Article(id='a', text='Mr. Smith left. It rained (a lot). Then 1. a 2. b.',"
        " language=lang))\n"
        "    assert len(found) >= 2, found\n"
        "assert re._MAXCACHE == size, re._MAXCACHE\n"
        "loaded = sorted(m for m in sys.modules if m == 'pysbd' or m.startswith('pysbd.'))\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_no_module_of_storyloom_imports_pysbd():
    source = REPO / "src" / "storyloom"
    users = [str(path.relative_to(source)) for path in source.rglob("*.py")
             if re.search(r"^\s*(import pysbd|from pysbd)", path.read_text(encoding="utf-8"), re.M)]
    assert users == []

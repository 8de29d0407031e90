"""Sentence boundaries: a reduced copy of pysbd 0.3.4, vendored, with storyloom's speed work.

Vendored from pysbd 0.3.4 (https://github.com/nipunsadvilkar/pySBD, MIT licence,
Copyright (c) 2019 Nipun Sadvilkar; the licence is in LICENSE beside this file).

What was changed:
- reduced to what storyloom uses: `Segmenter(language, clean=False, char_span=True)`,
  giving `TextSpan`s; pysbd's Cleaner and clean rules, the pdf `doc_type`, plain-string
  output and the spaCy factory are left out. Every language of pysbd is kept
  (`LANGUAGE_CODES`, `Language.get_language_code`): they are data.
- regular expressions go through `fastre` (compiled once, calls skipped where the
  pattern provably cannot match, lookbehind-led patterns compiled literal-first)
  instead of `re` (the same results);
- exact skips of work that cannot change the text: `str.find` for the sentence
  spans (`Segmenter.sentences_with_char_spans`), the rule skip in `Text.apply`, the
  abbreviation pre-filter (`AbbreviationReplacer.search_for_abbreviations_in_string`),
  the list-item skips (`ListItemReplacer.iterate_alphabet_array`, `scan_lists`) and
  the quote and bracket skips (`BetweenPunctuation`);
- Python 3 tidying (f-strings, no `object` bases, absolute imports, annotations).

Splitting is pysbd's own: `tests/test_sbd_vendored.py` compares it with the released
pysbd 0.3.4 on texts, fragment mixes, every language and real articles.
"""
from __future__ import annotations

from storyloom.text.sbd.languages import LANGUAGE_CODES, Language
from storyloom.text.sbd.segmenter import Segmenter
from storyloom.text.sbd.utils import TextSpan

__version__ = "0.3.4"  # the pysbd release this is a copy of

__all__ = ["LANGUAGE_CODES", "Language", "Segmenter", "TextSpan"]

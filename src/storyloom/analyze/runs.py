"""Words of a text as a case-insensitive pattern sees them, for cheap exact prefilters.

The extractors (dates, durations, numbers, time stamps) run case-insensitive patterns
over every sentence, and most sentences hold none of the names those patterns look
for. Each such name is a whole run of word characters wherever a pattern can match it
(whitespace or \\b before it, \\b after it), so a text whose runs include none of a
pattern's names cannot match it: testing the runs first gives the same matches for a
fraction of the work.
"""
from __future__ import annotations

import functools
import re

# re.IGNORECASE matches these with ASCII letters; str.lower() does not map them so (and
# lower-cases U+0130 to two characters, the second no word character: the only
# character whose lower case changes where runs of word characters end)
CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_ODD_CASE = re.compile("[\u0130\u0131\u017f]")
_RUN = re.compile(r"\w+")
# How many sentences the readers keyed by a sentence's text remember per process (its word
# runs here, its dates, values, statements, content words elsewhere). They serve the
# repeated reads of one story's sentences (every pair of them is compared); a sentence
# is read again in another story only when syndicated. Each entry keeps its sentence's
# text alive: at 16,384-65,536 entries a worker held ~190 MB of them (tracemalloc, after
# the stories of 1,000 real articles), where 4,096 (more than the sentences of the
# biggest story) serves as well.
SENTENCE_CACHE = 4096


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def word_runs(text: str) -> frozenset[str]:
    """The text's maximal runs of word characters, lower-cased as re.I compares them."""
    if not text.isascii() and _ODD_CASE.search(text):
        text = text.translate(CASE_FOLD)
    return frozenset(_RUN.findall(text.lower()))

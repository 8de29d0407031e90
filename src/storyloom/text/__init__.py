"""The words of each language that the stages read, one module per language (as spaCy's
`lang/<code>/`): the lowest layer, importing nothing of storyloom but itself.

`en`: calendar words, speech verbs and pronouns, role nouns and titles, number words and
scales, period words (quarters, seasons, "now", "last"/"next"), the cues of a clause
about the future, the words that open a new clause. `de`, `es`, `fr`, `it`:
speech verbs, role nouns, number words, units of time and scales of figures, read
wherever text in those languages (or translated into them) is, and the month names news
writes in them; `calendar_names` adds the month and weekday names of dateparser's data.
`pt` holds only the words of publication-date lines, which ingest.dates reads in every
language of DATE_LINE_LANGUAGES. Stop words: English ones are `en.STOP_WORDS`
(scikit-learn's list); those of the main languages of news come from spaCy's language
data (`stop_words`). The sentence splitter (pysbd's rules) is `text.sbd`.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
import runpy
import unicodedata
from functools import lru_cache
from pathlib import Path

from storyloom.text import de, en, es, fr, it, pt

# the plainest word: a run of letters, digits or underscores in any script (shingles,
# search terms, overlap counts); readers that need more (apostrophes, hyphens, names)
# keep their own pattern and say why
WORD = re.compile(r"\w+")


@lru_cache(maxsize=500_000)
def fold(token: str) -> str:
    """Lower case without accents: Dostojewskij/Dostojewski and café/cafe meet."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", token.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))

# the languages besides English whose words the readers know, by ISO 639-1 code
OTHER_LANGUAGES = {"de": de, "es": es, "fr": fr, "it": it}
# the languages whose publication-date lines ingest reads ("Actualizado: 3 de marzo")
DATE_LINE_LANGUAGES = {"en": en, **OTHER_LANGUAGES, "pt": pt}


def merged(table: str, languages: dict = OTHER_LANGUAGES) -> dict:
    """One language table (`"NUMBERS"`, `"ROLE_NOUNS"`, ...) of each of `languages`, as
    one dict (a word two languages share keeps the later one's value)."""
    return {word: value for words in languages.values()
            for word, value in getattr(words, table).items()}


def calendar_names(keys: list[str], shortest: int) -> dict[str, int]:
    """Full names (at least `shortest` letters, lower case) of months or weekdays in the
    other languages, from dateparser's language data: `keys` are dateparser's English
    keys ("monday", ...), and a name's number is its key's position in them."""
    names: dict[str, int] = {}
    for code in OTHER_LANGUAGES:
        info = importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
        for number, key in enumerate(keys):
            for word in info.get(key, ()):
                if len(word) >= shortest and word.isalpha():
                    names.setdefault(word.lower(), number)
    return names


# the languages whose stop words grouping leaves out of an article's words
STOP_WORD_LANGUAGES = ("en", "de", "es", "fr", "it", "pl", "ru", "tr", "pt", "nl", "ar")


@lru_cache(maxsize=8)
def stop_words(languages: tuple[str, ...] = STOP_WORD_LANGUAGES) -> frozenset[str]:
    """The stop words of `languages`, read from spaCy's language data files (as written
    there; a language spaCy lacks adds none).

    The files are run by path: importing `spacy.lang.xx` would build its tokenizer
    rules, seconds of work for a plain word list.
    """
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    root = Path(list(spec.submodule_search_locations)[0]) / "lang"
    words: set[str] = set()
    for code in languages:
        path = root / code / "stop_words.py"
        if path.exists():
            words.update(runpy.run_path(str(path)).get("STOP_WORDS", ()))
    return frozenset(words)

"""The words of each language that the stages read, one module per language (as spaCy's
`lang/<code>/`): the lowest layer, importing nothing of storyloom but itself.

`en`: calendar words, speech verbs and pronouns, role nouns and titles, number words and
scales, period words (quarters, seasons, "now", "last"/"next"). `de`, `es`, `fr`, `it`:
speech verbs, role nouns, number words, units of time and scales of figures, read
wherever text in those languages (or translated into them) is. Still to move here: the
foreign month and weekday names (analyze.times, drawn from dateparser's data), the cues
of a clause's tense (analyze.times) and ingest.dates' date-line words.
"""
from __future__ import annotations

from storyloom.text import de, es, fr, it

# the languages besides English whose words the readers know, by ISO 639-1 code
OTHER_LANGUAGES = {"de": de, "es": es, "fr": fr, "it": it}

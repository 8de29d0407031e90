"""German words the stages read."""
from __future__ import annotations

# verbs that attribute a quote: the past and present of "to say" and common synonyms
QUOTE_VERBS = (
    "sagte", "sagt", "erklärte", "erklärt", "betonte", "betont", "meinte", "schrieb",
    "sagten", "warnte", "versicherte", "fügte hinzu", "teilte mit",
)

# job nouns stated next to a name, each mapped to its English family (analyze.roles)
ROLE_NOUNS = {
    "sprecher": "spokes", "sprecherin": "spokes", "regierungssprecher": "spokes",
    "minister": "minister", "ministerin": "minister", "präsident": "president",
    "präsidentin": "president", "bürgermeister": "mayor", "bürgermeisterin": "mayor",
    "direktor": "director", "direktorin": "director", "botschafter": "ambassador",
    "botschafterin": "ambassador",
}

# number words of durations and counts ("two days", "drei Schiffe"); "die beiden Minister"
# is how German most often writes "the two ministers"
NUMBERS = {
    "ein": 1, "eine": 1, "einen": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "beiden": 2,
}

# number words that are as often another word: never read as a count
NUMBER_HOMOGRAPHS: tuple[str, ...] = ()

# units of time, mapped to the English unit
UNITS = {
    "sekunde": "second", "sekunden": "second", "minute": "minute", "minuten": "minute",
    "stunde": "hour", "stunden": "hour", "tag": "day", "tage": "day", "tagen": "day",
    "woche": "week", "wochen": "week", "monat": "month", "monate": "month",
    "monaten": "month", "jahr": "year", "jahre": "year", "jahren": "year",
    "jahrzehnt": "decade", "jahrzehnte": "decade",
}

# scales of figures ("1.2 million"); a milliard is a thousand million
SCALES = {
    "millionen": 1e6, "mio": 1e6, "milliarden": 1e9, "milliarde": 1e9, "mrd": 1e9,
}

# month names as news writes them, by number (more from dateparser: text.calendar_names)
MONTHS: dict[str, int] = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
}

# the words of a publication-date line (ingest.dates)
DATE_LINE_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3, "mai": 5,
    "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10, "okt": 10,
    "november": 11, "dezember": 12, "dez": 12,
}
DATE_LINE_WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
                      "samstag": 5, "sonntag": 6}
STAMP_WORDS = frozenset({"aktualisiert", "veröffentlicht"})
DATE_LINE_FILLER = frozenset({"den", "der", "um", "am"}) | STAMP_WORDS

"""Italian words the stages read."""
from __future__ import annotations

# verbs that attribute a quote: the past and present of "to say" and common synonyms
QUOTE_VERBS = (
    "ha detto", "ha dichiarato", "ha spiegato", "ha affermato", "ha sottolineato",
    "ha aggiunto", "ha assicurato", "ha scritto", "dice", "afferma", "spiega", "dichiara",
)

# job nouns stated next to a name, each mapped to its English family (analyze.roles)
ROLE_NOUNS = {
    "ministro": "minister", "presidente": "president",
}

# number words of durations and counts ("two days", "two ministers")
NUMBERS = {
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nove": 9, "dieci": 10, "undici": 11, "dodici": 12,
}

# number words that are as often another word ("tu sei": you are): never read as a count
NUMBER_HOMOGRAPHS: tuple[str, ...] = ("sei",)

# units of time, mapped to the English unit
UNITS = {
    "secondi": "second", "minuti": "minute", "ora": "hour", "ore": "hour", "giorno": "day",
    "giorni": "day", "settimana": "week", "settimane": "week", "mese": "month",
    "mesi": "month", "anno": "year", "anni": "year", "decennio": "decade",
    "decenni": "decade",
}

# scales of figures ("1.2 million"); a milliard is a thousand million
SCALES = {
    "milioni": 1e6, "milione": 1e6, "miliardi": 1e9, "miliardo": 1e9,
}

# month names as news writes them, by number (more from dateparser: text.calendar_names)
MONTHS: dict[str, int] = {}

# the words of a publication-date line (ingest.dates)
DATE_LINE_MONTHS = {
    "gennaio": 1, "gen": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "mag": 5,
    "giugno": 6, "giu": 6, "luglio": 7, "lug": 7, "agosto": 8, "settembre": 9, "set": 9,
    "ottobre": 10, "ott": 10, "novembre": 11, "dicembre": 12,
}
DATE_LINE_WEEKDAYS = {"lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4,
                      "sabato": 5, "domenica": 6}
STAMP_WORDS = frozenset({"aggiornato", "pubblicato"})
DATE_LINE_FILLER = frozenset({"il"}) | STAMP_WORDS

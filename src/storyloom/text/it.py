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

# number words of durations ("two days")
NUMBERS = {
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nove": 9, "dieci": 10, "undici": 11, "dodici": 12,
}

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

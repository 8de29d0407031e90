"""French words the stages read."""
from __future__ import annotations

# verbs that attribute a quote: the past and present of "to say" and common synonyms
QUOTE_VERBS = (
    "a déclaré", "a dit", "a affirmé", "a expliqué", "a souligné", "a ajouté", "a assuré",
    "a indiqué", "a averti", "déclare", "dit", "affirme", "explique", "ajoute", "a écrit",
)

# job nouns stated next to a name, each mapped to its English family (analyze.roles)
ROLE_NOUNS = {
    "porte-parole": "spokes", "ministre": "minister", "président": "president",
    "présidente": "president", "maire": "mayor", "directeur": "director",
    "directrice": "director", "ambassadeur": "ambassador",
}

# number words of durations and counts ("two days", "two ministers")
NUMBERS = {
    "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "six": 6,
}

# number words that are as often another word ("un bâtiment neuf": new): never read as a count
NUMBER_HOMOGRAPHS: tuple[str, ...] = ("neuf",)

# units of time, mapped to the English unit
UNITS = {
    "seconde": "second", "secondes": "second", "heure": "hour", "heures": "hour",
    "jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
    "ans": "year", "année": "year", "années": "year", "décennie": "decade",
}

# scales of figures ("1.2 million"); a milliard is a thousand million
SCALES = {
    "millions": 1e6, "milliards": 1e9, "milliard": 1e9,
}

# month names as news writes them, by number (more from dateparser: text.calendar_names)
MONTHS: dict[str, int] = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}

# the words of a publication-date line (ingest.dates)
DATE_LINE_MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "févr": 2, "fevrier": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
DATE_LINE_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
                      "samedi": 5, "dimanche": 6}
STAMP_WORDS = frozenset({"publié"})
DATE_LINE_FILLER = frozenset({"le", "la", "à", "a", "et", "mis", "jour"}) | STAMP_WORDS

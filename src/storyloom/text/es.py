"""Spanish words the stages read."""
from __future__ import annotations

# verbs that attribute a quote: the past and present of "to say" and common synonyms
QUOTE_VERBS = (
    "dijo", "dice", "afirmó", "afirma", "declaró", "explicó", "señaló", "aseguró", "añadió",
    "advirtió", "subrayó", "indicó", "escribió", "dijeron",
)

# job nouns stated next to a name, each mapped to its English family (analyze.roles)
ROLE_NOUNS = {
    "portavoz": "spokes", "vocero": "spokes", "vocera": "spokes", "ministro": "minister",
    "ministra": "minister", "presidente": "president", "presidenta": "president",
    "alcalde": "mayor", "alcaldesa": "mayor", "directora": "director",
    "embajador": "ambassador", "embajadora": "ambassador",
}

# number words of durations and counts ("two days", "two ministers")
NUMBERS = {
    "un": 1, "una": 1, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12,
}

# number words that are as often another word: never read as a count
NUMBER_HOMOGRAPHS: tuple[str, ...] = ()

# units of time, mapped to the English unit
UNITS = {
    "segundo": "second", "segundos": "second", "minuto": "minute", "minutos": "minute",
    "hora": "hour", "horas": "hour", "día": "day", "días": "day", "semana": "week",
    "semanas": "week", "mes": "month", "meses": "month", "año": "year", "años": "year",
    "década": "decade", "décadas": "decade",
}

# scales of figures ("1.2 million"); a milliard is a thousand million
SCALES = {
    "millones": 1e6, "millón": 1e6,
}

# month names as news writes them, by number (more from dateparser: text.calendar_names)
MONTHS: dict[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}

# the words of a publication-date line (ingest.dates)
DATE_LINE_MONTHS = {
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4, "mayo": 5,
    "junio": 6, "julio": 7, "agosto": 8, "ago": 8, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12, "dic": 12,
}
DATE_LINE_WEEKDAYS = {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3,
                      "viernes": 4, "sábado": 5, "sabado": 5, "domingo": 6}
STAMP_WORDS = frozenset({"actualizado", "publicado"})
DATE_LINE_FILLER = frozenset({"de", "del", "a"}) | STAMP_WORDS

"""Portuguese words the stages read: so far only those of publication-date lines."""
from __future__ import annotations

# the words of a publication-date line (ingest.dates)
DATE_LINE_MONTHS = {
    "janeiro": 1, "fevereiro": 2, "fev": 2, "março": 3, "marco": 3, "abril": 4, "maio": 5,
    "junho": 6, "julho": 7, "agosto": 8, "setembro": 9, "outubro": 10, "out": 10,
    "novembro": 11, "dezembro": 12,
}
DATE_LINE_WEEKDAYS = {"segunda": 0, "terça": 1, "quarta": 2, "quinta": 3, "sexta": 4,
                      "sábado": 5, "domingo": 6}
STAMP_WORDS = frozenset({"atualizado", "publicado"})
DATE_LINE_FILLER = frozenset({"de", "a"}) | STAMP_WORDS

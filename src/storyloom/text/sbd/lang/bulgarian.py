"""pysbd's rules for Bulgarian (pysbd 0.3.4 `lang/bulgarian.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""

from storyloom.text.sbd import abbreviation_replacer, fastre
from storyloom.text.sbd.lang.common import Common, Standard


class Bulgarian(Common, Standard):

    iso_code = 'bg'

    class Abbreviation(Standard.Abbreviation):
        ABBREVIATIONS = ["p.s", "акад", "ал", "б.р", "б.ред", "бел.а", "бел.пр", "бр", "бул", "в", "вж", "вкл", "вм", "вр", "г", "ген", "гр", "дж", "дм", "доц", "др", "ем", "заб", "зам", "инж", "к.с", "кв", "кв.м", "кг", "км", "кор", "куб", "куб.м", "л", "лв", "м", "м.г", "мин", "млн", "млрд", "мм", "н.с", "напр", "пл", "полк", "проф", "р", "рис", "с", "св", "сек", "см", "сп", "срв", "ст", "стр", "т", "т.г", "т.е", "т.н", "т.нар", "табл", "тел", "у", "ул", "фиг", "ха", "хил", "ч", "чл", "щ.д"]
        NUMBER_ABBREVIATIONS = []
        PREPOSITIVE_ABBREVIATIONS = []

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

        def __init__(self, text, lang):
            super().__init__(text, lang)

        def replace_period_of_abbr(self, txt, abbr):
            txt = fastre.sub(rf'(?<=\s{abbr.strip()})\.|(?<=^{abbr.strip()})\.', '∯', txt)
            return txt

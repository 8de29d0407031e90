"""pysbd's rules for Burmese (pysbd 0.3.4 `lang/burmese.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class Burmese(Common, Standard):

    iso_code = 'my'

    SENTENCE_BOUNDARY_REGEX = r'.*?[။၏!\?]|.*?$'
    Punctuations = ['။', '၏', '?', '!']

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

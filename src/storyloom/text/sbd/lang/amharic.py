"""pysbd's rules for Amharic (pysbd 0.3.4 `lang/amharic.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class Amharic(Common, Standard):

    iso_code = 'am'

    SENTENCE_BOUNDARY_REGEX = r'.*?[፧።!\?]|.*?$'
    Punctuations = ['።', '፧', '?', '!']

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

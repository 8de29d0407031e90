"""pysbd's rules for Urdu (pysbd 0.3.4 `lang/urdu.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class Urdu(Common, Standard):

    iso_code = 'ur'

    SENTENCE_BOUNDARY_REGEX = r'.*?[۔؟!\?]|.*?$'
    Punctuations = ['?', '!', '۔', '؟']

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

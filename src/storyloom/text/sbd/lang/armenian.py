"""pysbd's rules for Armenian (pysbd 0.3.4 `lang/armenian.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class Armenian(Common, Standard):

    iso_code = 'hy'

    SENTENCE_BOUNDARY_REGEX = r'.*?[։՜:]|.*?$'
    Punctuations = ['։', '՜', ':']

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

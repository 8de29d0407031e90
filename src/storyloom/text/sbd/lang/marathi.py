"""pysbd's rules for Marathi (pysbd 0.3.4 `lang/marathi.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
# Grammer rules from https://gopract.com/Pages/Marathi-Grammar-Viramchinah.aspx
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class Marathi(Common, Standard):

    iso_code = 'mr'

    SENTENCE_BOUNDARY_REGEX = r'.*?[.!?]|.*?$'
    Punctuations = ['.', '!', '?']

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

"""pysbd's rules for Persian (pysbd 0.3.4 `lang/persian.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""

from storyloom.text.sbd import abbreviation_replacer, fastre
from storyloom.text.sbd.lang.common import Common, Standard
from storyloom.text.sbd.utils import Rule


class Persian(Common, Standard):

    iso_code = 'fa'

    Punctuations = ['?', '!', ':', '.', '؟']
    SENTENCE_BOUNDARY_REGEX = r'.*?[:\.!\?؟]|.*?\Z|.*?$'

    # Rubular: http://rubular.com/r/RX5HpdDIyv
    ReplaceColonBetweenNumbersRule = Rule(r'(?<=\d):(?=\d)', '♭')

    # Rubular: http://rubular.com/r/kPRgApNHUg
    ReplaceNonSentenceBoundaryCommaRule = Rule(r'،(?=\s\S+،)', '♬')

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):

        SENTENCE_STARTERS: list[str] = []

        def __init__(self, text, lang):
            super().__init__(text, lang)

        def scan_for_replacements(self, txt, am, index, character_array):
            txt = fastre.sub(rf'(?<={am})\.', '∯', txt)
            return txt

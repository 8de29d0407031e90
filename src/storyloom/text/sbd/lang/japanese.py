"""pysbd's rules for Japanese (pysbd 0.3.4 `lang/japanese.py`, MIT licence, see
storyloom/text/sbd/LICENSE); its Cleaner (used only with clean=True) is left out."""
from storyloom.text.sbd import abbreviation_replacer, between_punctuation, fastre
from storyloom.text.sbd.lang.common import Common, Standard
from storyloom.text.sbd.punctuation_replacer import replace_punctuation


class Japanese(Common, Standard):

    iso_code = 'ja'

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS: list[str] = []

    class BetweenPunctuation(between_punctuation.BetweenPunctuation):

        def __init__(self, text):
            super().__init__(text)

        def replace(self):
            self.sub_punctuation_between_quotes_and_parens()
            return self.text

        def sub_punctuation_between_parens_ja(self):
            BETWEEN_PARENS_JA_REGEX = r'（(?=(?P<tmp>[^（）]+|\\{2}|\\.)*)(?P=tmp)）'
            self.text = fastre.sub(BETWEEN_PARENS_JA_REGEX, replace_punctuation,
                      self.text)

        def sub_punctuation_between_quotes_ja(self):
            BETWEEN_QUOTE_JA_REGEX = r'「(?=(?P<tmp>[^「」]+|\\{2}|\\.)*)(?P=tmp)」'
            self.text = fastre.sub(BETWEEN_QUOTE_JA_REGEX, replace_punctuation,
                      self.text)

        def sub_punctuation_between_quotes_and_parens(self):
            self.sub_punctuation_between_parens_ja()
            self.sub_punctuation_between_quotes_ja()

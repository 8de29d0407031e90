"""pysbd's rules for English (pysbd 0.3.4 `lang/english.py`, MIT licence, see
storyloom/text/sbd/LICENSE)."""
from storyloom.text.sbd import abbreviation_replacer
from storyloom.text.sbd.lang.common import Common, Standard


class English(Common, Standard):

    iso_code = 'en'

    class AbbreviationReplacer(abbreviation_replacer.AbbreviationReplacer):
        SENTENCE_STARTERS = "A Being Did For He How However I In It Millions "\
            "More She That The There They We What When Where Who Why".split(" ")

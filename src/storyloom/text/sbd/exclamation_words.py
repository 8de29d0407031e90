"""pysbd's ExclamationWords (pysbd 0.3.4 `exclamation_words.py`, MIT licence, see LICENSE).
Regular expressions go through `fastre`."""
from __future__ import annotations

from storyloom.text.sbd import fastre
from storyloom.text.sbd.punctuation_replacer import replace_punctuation


class ExclamationWords:
    """
    Searches for exclamation points that are part of words
    and not ending punctuation and replaces them.
    """
    EXCLAMATION_WORDS = "!Xũ !Kung ǃʼOǃKung !Xuun !Kung-Ekoka ǃHu ǃKhung ǃKu ǃung ǃXo ǃXû ǃXung ǃXũ !Xun Yahoo! Y!J Yum!".split()
    EXCLAMATION_REGEX = r"|".join(fastre.escape(w) for w in EXCLAMATION_WORDS)

    @classmethod
    def apply_rules(cls, text):
        return fastre.sub(ExclamationWords.EXCLAMATION_REGEX, replace_punctuation,
                          text)

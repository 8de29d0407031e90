"""pysbd's languages by ISO 639-1 code (pysbd 0.3.4 `languages.py`, MIT licence, see
LICENSE): all of them, as released."""
from __future__ import annotations

from typing import Any

from storyloom.text.sbd.lang.amharic import Amharic
from storyloom.text.sbd.lang.arabic import Arabic
from storyloom.text.sbd.lang.armenian import Armenian
from storyloom.text.sbd.lang.bulgarian import Bulgarian
from storyloom.text.sbd.lang.burmese import Burmese
from storyloom.text.sbd.lang.chinese import Chinese
from storyloom.text.sbd.lang.danish import Danish
from storyloom.text.sbd.lang.deutsch import Deutsch
from storyloom.text.sbd.lang.dutch import Dutch
from storyloom.text.sbd.lang.english import English
from storyloom.text.sbd.lang.french import French
from storyloom.text.sbd.lang.greek import Greek
from storyloom.text.sbd.lang.hindi import Hindi
from storyloom.text.sbd.lang.italian import Italian
from storyloom.text.sbd.lang.japanese import Japanese
from storyloom.text.sbd.lang.kazakh import Kazakh
from storyloom.text.sbd.lang.marathi import Marathi
from storyloom.text.sbd.lang.persian import Persian
from storyloom.text.sbd.lang.polish import Polish
from storyloom.text.sbd.lang.russian import Russian
from storyloom.text.sbd.lang.slovak import Slovak
from storyloom.text.sbd.lang.spanish import Spanish
from storyloom.text.sbd.lang.urdu import Urdu

LANGUAGE_CODES: dict[str, Any] = {
    'en': English,
    'hi': Hindi,
    'mr': Marathi,
    'zh': Chinese,
    'es': Spanish,
    'am': Amharic,
    'ar': Arabic,
    'hy': Armenian,
    'bg': Bulgarian,
    'ur': Urdu,
    'ru': Russian,
    'pl': Polish,
    'fa': Persian,
    'nl': Dutch,
    'da': Danish,
    'fr': French,
    'my': Burmese,
    'el': Greek,
    'it': Italian,
    'ja': Japanese,
    'de': Deutsch,
    'kk': Kazakh,
    'sk': Slovak
}


class Language:

    def __init__(self, code: str) -> None:
        self.code = code

    @classmethod
    def get_language_code(cls, code: str) -> Any:
        try:
            return LANGUAGE_CODES[code]
        except KeyError:
            raise ValueError("Provide valid language ID i.e. ISO code. "
                             f"Available codes are : {set(LANGUAGE_CODES.keys())}") from None

"""Numbers in text with their unit and the thing they count.

"175,000 men", "an estimated 100,000 Russian soldiers", "$2 billion", "20 people",
"three ships". Dates, years, clock times and durations are left to `times.py`, so a
number is reported by exactly one extractor. Offsets are relative to the given text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from storyloom.analyze.runs import word_runs
from storyloom.text import OTHER_LANGUAGES, merged
from storyloom.text.en import NUMBER_WORDS
from storyloom.text.en import SCALES as ENGLISH_SCALES

# the same scales in German, Spanish, French and Italian ("1,2 Millionen", "4,5 millones",
# "80 millions", "2 miliardi"); a milliard is a thousand million
FOREIGN_SCALES = merged("SCALES")
SCALES = {**ENGLISH_SCALES, **FOREIGN_SCALES}
_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))
_CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD",
                   "pound": "GBP", "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "rupees": "INR"}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "us$": "USD", "$us": "USD"}
_WORD_NUM = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
# a decimal comma ("1,2", "4,5": one or two digits after it, never three: "1,200" is a
# thousand and two hundred) and thousands set apart by a no-break space ("12\u202f000")
NUMBER_PATTERN = (r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?![\d,])|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?!\d)"
                  r"|\d+(?:\.\d+)?"
                  rf"|(?:{_WORD_NUM})(?:[\s-](?:{_WORD_NUM}))?)")
# number words of each other language, from two up ("les deux ministres", "drei Schiffe"):
# one is that language's indefinite article ("un", "eine") far more often than a count
WORD_NUMBERS = {code: {w: n for w, n in words.NUMBERS.items()
                       if n >= 2 and w not in words.NUMBER_HOMOGRAPHS}
                for code, words in OTHER_LANGUAGES.items()}


def _quantity_pattern(foreign: dict[str, int]) -> re.Pattern:
    words = "|".join(sorted((re.escape(w) for w in foreign), key=len, reverse=True))
    number = rf"(?:{NUMBER_PATTERN}|{words})" if words else NUMBER_PATTERN
    return re.compile(
        r"(?:(?P<cur>US\$|\$US|[$€£])\s?|(?<![\w.,:/-]))"
        rf"(?P<num>{number})(?![\w:/]|[.,]\d)"
        # "$2.6-million", "1,2 Mio."; a quotation may close before the scale: "$5.6” billion"
        rf"(?:(?:[\s-]|(?<=\d)[\u201d\"]\s)?(?P<scale>{_SCALE_WORDS})\b(?:(?<=[Mm]io|[Mm]rd)\.)?)?"
        r"(?:\s?(?P<pct>%|percent\b|per cent\b))?", re.I)


# English number words are read in every language (translated text keeps some); each
# other language adds its own
_QUANTITY = _quantity_pattern({})
_QUANTITY_IN = {code: _quantity_pattern(words) for code, words in WORD_NUMBERS.items()}
# words that end the "thing counted" phrase after a number
_STOP = set("""a an the of to at in on for from by with as than and or but who that which
whose where when while is are was were be been being have has had will would could should
may might can do does did said says say told into over under about after before since
during per each more less fewer than up down out off its their his her our your this these
those it they he she we you i north south east west northeast northwest southeast southwest
away long high wide deep tall old per ago later earlier""".split()) | set(
    # German and Spanish articles and prepositions: "240 Anwohner des Viertels", "240 vecinos del barrio"
    """der die das des dem den und von vom im am zu zum zur mit für auf aus bei nach
    el la lo los las del de y en con por para al que""".split())
# units of measure: one head per dimension, values converted to a base unit
_UNITS = {"kilometre": ("length", 1000.0), "kilometer": ("length", 1000.0), "km": ("length", 1000.0),
          "mile": ("length", 1609.34), "metre": ("length", 1.0), "meter": ("length", 1.0),
          "foot": ("length", 0.3048), "feet": ("length", 0.3048), "yard": ("length", 0.9144), "yd": ("length", 0.9144), "yds": ("length", 0.9144),
          "kilogram": ("mass", 1.0), "kg": ("mass", 1.0), "pound": ("mass", 0.4536),
          "ton": ("mass", 1000.0), "tonne": ("mass", 1000.0),
          # German and Spanish spellings (singular() leaves German plurals in -n as they are)
          "tonnen": ("mass", 1000.0), "tonelada": ("mass", 1000.0), "kilogramm": ("mass", 1.0),
          "kilogramo": ("mass", 1.0), "metro": ("length", 1.0), "kilómetro": ("length", 1000.0),
          "kilometern": ("length", 1000.0), "metern": ("length", 1.0), "meile": ("length", 1609.34),
          "meilen": ("length", 1609.34), "milla": ("length", 1609.34)}
MEASURES = {dimension for dimension, _ in _UNITS.values()}  # heads that are dimensions
_CLOCK = re.compile(r"\s*(?::\s*\d|(?:GMT|UTC|IST|EST|EDT|PST|PDT|CET|CEST|BST|hrs|hours GMT)\b)")
_APPROX = re.compile(r"\b(about|around|approximately|roughly|some|nearly|almost|estimated|"
                     r"more than|over|at least|up to|an estimated|close to|circa|ca\.)\s*$", re.I)
# head nouns that count the same kind of thing; one class name each
_HEAD_CLASSES = {
    "people": {"person", "people", "man", "men", "woman", "women", "individual", "resident",
               "civilian", "adult", "child", "children", "victim", "passenger", "worker"},
    "troops": {"soldier", "troop", "serviceman", "servicemen", "fighter", "marine",
               "personnel", "militant", "sailor"},
    "dead": {"dead", "death", "fatality", "killed", "body"},
    "injured": {"injured", "wounded", "injury", "casualty"},
    # common abbreviations of what is counted ("four TDs", "25 pts")
    "touchdown": {"touchdown", "td", "tds"},
    "point": {"point", "pt", "pts"},
}
# classes that are related (both count humans) but not the same measure
RELATED_CLASSES = {frozenset({"people", "troops"})}


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # currency code, "%" or "" for a count
    thing: str  # the words after the number ("Russian soldiers"), may be ""
    head: str  # normalised class of what is counted ("troops", "people", "ship")
    approx: bool
    start: int
    end: int
    text: str


# (patterns compiled once: they run for every number of every sentence)
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_NUMBER_WORDS_SPLIT = re.compile(r"[\s-]+")
_THING_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*(?<=-)\d+|[A-Za-z][A-Za-z'-]*|\S")
_YEAR = re.compile(r"(1[6-9]|20)\d\d")
_MONTH_BEFORE = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I)
_MONTH_AFTER = re.compile(r"\s*(st|nd|rd|th)?\s*(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_CLOCK_AFTER = re.compile(r"\s*(a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.I)
# the word after a figure: "euros", and "de euros", "di euro", "d'euros" in other languages
_NEXT_WORD = re.compile(r"[\s-]*(?:(?:de|di|des)\s+|d['\u2019])?(\w+)", re.I)


def parse_number(token: str, language: str = "en") -> float | None:
    """'175,000' -> 175000; 'three' -> 3; 'twenty-five' -> 25; 'deux' -> 2 in French;
    None if not a number."""
    token = token.strip().lower()
    if not token:
        return None
    if token[0].isdigit():
        token = token.replace("\u00a0", "").replace("\u202f", "")
        if _DECIMAL_COMMA.fullmatch(token):
            return float(token.replace(",", "."))
        if _DOTTED_THOUSANDS.fullmatch(token):
            token = token.replace(".", ",")  # "1.200": a dot as thousands separator (de, es)
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    if token in NUMBER_WORDS:
        return float(NUMBER_WORDS[token])
    if token in WORD_NUMBERS.get(language, {}):
        return float(WORD_NUMBERS[language][token])
    parts = _NUMBER_WORDS_SPLIT.split(token)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        first, second = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        return float(first * second if second == 100 else first + second)
    return None


def singular(word: str) -> str:
    word = word.lower()
    irregular = {"men": "man", "women": "woman", "people": "people", "children": "child",
                 "servicemen": "serviceman", "troops": "troop"}
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ses") or word.endswith("xes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def head_class(word: str) -> str:
    base = singular(word)
    for name, members in _HEAD_CLASSES.items():
        if base in members or word.lower() in members:
            return name
    return base


def related_heads(first: str, second: str) -> bool:
    return first == second or frozenset({first, second}) in RELATED_CLASSES


def _thing_after(text: str, pos: int, language: str = "en") -> str:
    words: list[str] = []
    # "AK-47 rifles": a model name with digits is one word of the thing
    for match in _THING_WORD.finditer(text[pos:pos + 60]):
        word = match.group()
        if not word[0].isalpha() or word.lower() in _STOP or len(words) == 3:
            break
        if words and word.lower().endswith("ed"):
            break  # "20 people died", "troops deployed": the verb ends the phrase
        if language == "de" and words and words[-1][:1].isupper() and word[:1].islower():
            break  # "zwei Minister trafen sich": German nouns are capitalised, the verb not
        words.append(word)
        lower = word.lower()
        if (lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3) \
                or head_class(lower) in _HEAD_CLASSES or lower in ("people", "men", "women"):
            break  # a plural noun or a known head: what is counted
    return " ".join(words)


def _is_date_or_year(text: str, match: re.Match) -> bool:
    num = match.group("num")
    if match.group("cur") or match.group("scale") or match.group("pct"):
        return False
    before = text[max(0, match.start("num") - 12):match.start("num")]
    after = text[match.end("num"):match.end("num") + 12]
    if _YEAR.fullmatch(num):
        return True  # a year
    if _MONTH_BEFORE.search(before):
        return True  # "December 7", "Jan. 10"
    if _MONTH_AFTER.match(after):
        return True  # "7 December", "10th of January"
    return bool(_CLOCK_AFTER.match(after))


_DURATION_AFTER = re.compile(r"[\s-]*(seconds?|minutes?|hours?|days?|weeks?|months?|years?"
                             r"|decades?)\b(?!\s*-?\s*old)", re.I)


_APPOSITION_AGE_BEFORE = re.compile(r"(?:\b[A-Z][\w'-]+|\bboth|\baged),\s*$")
_AGE = re.compile(r"[\s-]*years?[\s-]*old\b", re.I)


# a number that names rather than counts: "a .38 caliber", "flight 93", "Route 66"
_NAMING_HEADS = {"caliber", "calibre", "model", "number", "no", "flight", "route", "highway", "seed",
                 "interstate", "room", "page", "chapter", "article", "section", "gauge", "mm",
                 "block"}  # "the 12000 block of Main Street": an address


_NAMING_BEFORE = re.compile(r"(?:\b(?:flight|route|highway|interstate|no\.|number|room|page|"
                            r"article|section)\s*|#)$", re.I)


_RANGE_SCALE = re.compile(r"\s*(?:-|\u2013|to|and)\s*(?:US\$|\$US|[$€£])?\s?[\d][\d,.]*"
                          r"[\s-]?(thousand|million|billion|trillion|bn)\b", re.I)
_COMPOUND_UNIT = re.compile(r"-([a-z]{3,})\b(?!-)")


# a number is digits or a number word, and a number word starts a run of word
# characters ("a dozen": "dozen" is one too): texts with neither hold no quantity
_NUMBER_RUNS = frozenset(w for w in NUMBER_WORDS if " " not in w)
_NUMBER_RUNS_IN = {code: _NUMBER_RUNS | set(words) for code, words in WORD_NUMBERS.items()}
_DIGIT = re.compile(r"\d")


def find_quantities(text: str, language: str = "en") -> list[Quantity]:
    """Counts, amounts and percentages in `text` (not dates, years or durations), read
    with the number words of `language` (an ISO 639-1 code) besides English ones."""
    language = (language or "en")[:2].lower()
    if not _DIGIT.search(text) and word_runs(text).isdisjoint(_NUMBER_RUNS_IN.get(language, _NUMBER_RUNS)):
        return []
    found = []
    foreign = WORD_NUMBERS.get(language, {})
    for match in _QUANTITY_IN.get(language, _QUANTITY).finditer(text):
        num = match.group("num")
        value = parse_number(num, language)
        if value is None or _is_date_or_year(text, match) or (num[0] == "0" and len(num) > 1
                                                              and num[1].isdigit()):
            continue
        age = _AGE.match(text, match.end())
        if _CLOCK.match(text, match.end()) or text[max(0, match.start() - 2):match.start()].strip().endswith(":"):
            continue  # a clock time, "10:00", "09 IST"
        if _DURATION_AFTER.match(text, match.end()) and not age:
            continue  # a duration: times.py owns it
        if not num[0].isdigit() and num.lower() in ("one", "a dozen") and not match.group("cur"):
            continue  # "one of", "one day": too often not a count
        scale = (match.group("scale") or "").lower()
        if not scale:  # "$140 to $150 million": the first figure is millions too
            shared = _RANGE_SCALE.match(text, match.end())
            scale = shared.group(1).lower() if shared else ""
        if scale == "m" and not match.group("cur"):
            scale = ""  # "5 m" is more often metres than millions
        value *= SCALES.get(scale, 1.0)
        cur = (match.group("cur") or "").lower()
        unit = "%" if match.group("pct") else _CURRENCY.get(cur, "")
        end = match.end()
        compound = None if unit else _COMPOUND_UNIT.match(text, end)
        # "a 48-page indictment", "a 35-word oath": the word joined by the hyphen is what
        # is counted (pages, words), whatever noun the compound then describes
        thing = compound.group(1) if compound else ("" if unit else _thing_after(text, end, language))
        currency = _NEXT_WORD.match(text[end:end + 16])
        if not unit and currency and currency.group(1).lower() in _CURRENCY_WORDS:
            unit, thing = _CURRENCY_WORDS[currency.group(1).lower()], ""
        if age:
            thing, end = "years old", age.end()
        if num.lower() in foreign and not (thing or unit):
            continue  # "tu sei", "un bâtiment neuf": a count in words names what it counts
        head = head_class(thing.split()[-1]) if thing else unit
        measure = _UNITS.get(singular(thing.split()[0])) if thing else None
        if measure is not None:
            head, value = measure[0], value * measure[1]
        # a singular naming word after the number ("#1 seed", "Article 50 section") names;
        # a plural ("48 pages", "12 rooms") or a compound ("48-page") counts
        if not compound and _NAMING_HEADS & {w.lower() for w in thing.split()} or _NAMING_BEFORE.search(
                text[max(0, match.start() - 14):match.start()]):
            continue  # "#1 seed", "Flight 93": a rank or a name, not a count
        approx = bool(_APPROX.search(text[max(0, match.start() - 20):match.start()]))
        start = match.start("cur") if match.group("cur") else match.start("num")
        found.append(Quantity(value, unit, thing, head, approx, start, end,
                              text[start:end].strip()))
    return found


EXACT_BELOW = 100  # small whole numbers (ages, counts of people) are not rounded


def same_value(first: Quantity, second: Quantity) -> bool:
    """Equal up to rounding. When either side says "about" (or "more than", "up to"):
    25% apart. Otherwise the figures must agree at the precision the coarser one is
    written to: "$141 million" is "$140,937,785" rounded, but "$5.6 billion" is not
    "$5.7 billion", nor "1.5 million" "1.6 million", nor "$5,687.75" "$5,587.75" (a
    relative tolerance took all of these, told by real outlets, for one figure)."""
    if first.approx or second.approx:
        high = max(abs(first.value), abs(second.value))
        return high == 0 or abs(first.value - second.value) / high <= 0.25
    return equal_as_written(first, second)


def equal_as_written(first: Quantity, second: Quantity) -> bool:
    """Equal at the precision the coarser figure is written to, whatever "about" either
    says (see same_value)."""
    if max(abs(first.value), abs(second.value)) < EXACT_BELOW \
            and first.value == int(first.value) and second.value == int(second.value):
        return first.value == second.value  # "59-year-old" and "60-year-old" are two ages
    step = max(written_precision(first), written_precision(second))
    # strictly within half a step: "55,000" rounds to 60,000, not to "50,000"
    return abs(first.value - second.value) < step / 2


def written_precision(quantity: Quantity) -> float:
    """The place value of the last significant digit as the figure is written, in the
    quantity's own scale. Trailing zeros of a whole number are read as rounding:
    "50,000" is written to 10,000 and "55,000" to 1,000 (so they differ); "240" to 10;
    "1.5 million" to 100,000; "$5,687.75" to 0.01."""
    digits = re.search(r"\d[\d,.]*", quantity.text)
    if digits is None:  # a number word ("three", "a dozen"): exact
        return 1.0
    written = digits.group().rstrip(".,")
    written = written.replace(",", "") if not _DOTTED_THOUSANDS.fullmatch(written) else written.replace(".", "")
    number = parse_number(written)
    if not number:
        return 1.0
    scale = quantity.value / number if number else 1.0
    if "." in written:
        places = len(written.split(".")[1])
        return scale * 10.0 ** -places
    whole = written.lstrip("0") or "0"
    zeros = len(whole) - len(whole.rstrip("0"))
    return scale * 10.0 ** zeros

"""Can a source sentence stand alone in a summary? Form only, not content.

A summary sentence is read out of its article: it must be whole (closing punctuation, no
"..." cut, no lead-in ending in ":"), start a clause (not ", said ..." or a lower-case
continuation left by a bad split), be the outlet's reporting rather than its furniture
(no byline or credit line), and not lean on a sentence the reader has not seen ("It
passed in a 396-9 vote.", "He called the remarks ..."). A site's section label in
front of a sentence ("Why it matters: The bill ...") is furniture too; the sentence
after it stands, so the label is cut from the wording rather than the sentence dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache

from storyloom.text import WORD
from storyloom.text.en import SPEECH_VERBS
from storyloom.text.sbd import LANGUAGE_CODES

# words that open a sentence by pointing back at one before it; per language, the
# third-person pronouns and demonstratives (a name, not a pronoun, opens a lead)
REFERENCE_OPENERS = {
    "en": ("it", "he", "she", "they", "his", "her", "their", "its", "this", "these", "those",
           "that",
           # connectives that continue the sentence before ("But the patience ...")
           "and", "but", "so", "yet", "still", "however", "also", "meanwhile", "instead",
           "moreover", "nevertheless", "nonetheless", "furthermore", "besides", "otherwise"),
    "de": ("er", "sie", "es", "sein", "seine", "ihr", "ihre", "dies", "diese", "dieser", "dieses"),
    "fr": ("il", "elle", "ils", "elles", "son", "sa", "ses", "leur", "leurs", "ce", "cela",
           "celui", "celle"),
    "es": ("él", "ella", "ellos", "ellas", "su", "sus", "esto", "este", "esta", "eso"),
    "it": ("lui", "lei", "loro", "esso", "essa", "questo", "questa", "ciò"),
}
# "The official said ...": a definite description of a person or body the article named
# before; a summary that has not named them leaves the reader guessing
REFERENCE_NOUNS = {
    "en": ("official", "officials", "spokesman", "spokeswoman", "spokesperson", "source",
           "sources", "man", "woman", "former", "latter", "senator", "congressman",
           "congresswoman", "lawmaker", "suspect", "president", "speaker", "governor", "mayor",
           "minister", "chairman", "chairwoman", "leader", "attorney", "judge", "justice",
           "secretary", "ambassador", "candidate", "nominee", "prosecutor", "lawyer", "aide"),
}
# "This week ...", "That night ...": a demonstrative before a time word points at the
# calendar, not at an earlier sentence
TIME_NOUNS = {
    "en": ("week", "weekend", "year", "month", "morning", "afternoon", "evening", "night", "day",
           "time", "season", "summer", "fall", "autumn", "winter", "spring", "term", "session"),
}
_DEMONSTRATIVES = {"en": ("this", "that", "these", "those")}
_OPEN_QUOTE = "\"'\u201c\u2018\u201e\u00ab"
_CLOSERS = "\"'\u201d\u2019)\u00bb]"
_TERMINAL = re.compile(rf"[.!?][{re.escape(_CLOSERS)}]*\s*$|[\u201d\u00bb\"]\s*$")
_CUT = re.compile(rf"(?:\.\.\.|\u2026|:|,|;|\u2014|-)[{re.escape(_CLOSERS)}]*\s*$")
_CONTINUATION = re.compile(r"^\s*(?:[a-z]|[,;:.)\]\u201d\u2019]|\d{1,2},\s)")
# a split after an abbreviation ("... urged Ariz." | "Gov. Jan Brewer to veto ...",
# "... Trump Jr." | "said ..."): the word before the stop is one of pysbd's abbreviations
# for the language, or an initial
_LAST_WORD = re.compile(r"(?:^|[\s(\"\u201c])([A-Za-z][A-Za-z.]*)\.['\"\u201d\u2019]?$")
# '... among their members,"' | "NAACP President Ben Jealous said ahead of the debate.":
# the attribution of the quote before it, without the quote
_QUOTE_BEFORE = re.compile(r",['\"\u201d\u2019]+\s*$")  # a quote closed on a comma: its attribution follows
_ATTRIBUTION = re.compile(r"^(?:[\w.'\u2019-]+\s+){0,7}(?:" + "|".join(SPEECH_VERBS) + r")\b", re.I)
_SPEECH = re.compile(r"\b(?:" + "|".join(SPEECH_VERBS) + r"|asked)\s*$", re.I)
_CREDIT = re.compile(
    r"^\s*(?:By|Von|Par|Por|Di)\s+[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3}\s*(?:$|[,|(\u2014-])"
    r"|\b(?:Reporting|Editing|Writing|Additional reporting) by\b|contributed to this report"
    r"|^\s*\(?(?:Photo|Image|Video|Source|Credit)s?\s*:"
    r"|\b(?:writer|reporter|correspondent)s? [A-Z][a-z]+ [A-Z][a-z]+ contributed\b"
    r"|\b(?:first|originally) reported by\b|\bhat tip\b|\bh/t\b", re.I)
# "Why it matters: " / "The big picture: " / "READ MORE: ": a few words and a colon in front
# of a sentence of its own (capitalised); a speaker's colon ("Trump said: ...") is not one
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][\w'\u2019]*(?:[ \t]+[\w'\u2019]+){0,4})[ \t]*:[ \t]+"
                    r"(?=[\"\u201c]?[A-Z0-9])")
_LOWER_AFTER_LABEL = re.compile(r"^\s*[A-Z][\w'\u2019]*(?:[ \t]+[\w'\u2019]+){0,2}[ \t]*:[ \t]+[a-z]")
# "WASHINGTON (AP) — ", "(CNN) - ", "OSTREVIK, March 3 (Coastal Wire) - ", "KELBY, N.C. — ": a dateline or
# an agency credit in front of the lead; the sentence after it stands. Any dash: some sites
# set the horizontal bar ("BERLIN ― ")
_DATELINE = re.compile(r"^\s*(?:[A-Z]{3,}(?:[ \-][A-Z]{2,})*"
                       r"(?:,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|(?:[A-Z][A-Za-z]*\.?(?:[A-Z]\.)*\s*){1,3}))?\s*)?"
                       r"(?:\([^()\n]{1,40}\)\s*)?[\-\u2012-\u2015]+\s+(?=[\"\u201c]?[A-Z0-9])")
MIN_AFTER_LABEL = 5  # words the sentence after a label needs to stand


def label_length(text: str) -> int:
    """Characters of leading furniture to cut, else 0: a dateline and credit
    ("WASHINGTON (AP) — "), a site label ("Why it matters: "), or both in a row."""
    total = 0
    while cut := _one_label(text[total:]):
        total += cut
    return total


def _one_label(text: str) -> int:
    dateline = _DATELINE.match(text)
    if dateline and dateline.end() > 1 and len(text[dateline.end():].split()) >= MIN_AFTER_LABEL:
        return dateline.end()
    match = _LABEL.match(text)
    if not match or _SPEECH.search(match.group("label")) or any(c.isdigit() for c in match.group("label")):
        return 0
    rest = text[match.end():]
    return match.end() if len(rest.split()) >= MIN_AFTER_LABEL else 0


@lru_cache(maxsize=8)
def abbreviations(language: str) -> frozenset[str]:
    """Abbreviations a sentence splitter may have cut after (pysbd's list, as vendored in
    `text.sbd`; "u.s", "jr")."""
    lang = LANGUAGE_CODES.get((language or "en")[:2].lower()) or LANGUAGE_CODES["en"]
    return frozenset(a.lower() for a in getattr(lang.Abbreviation, "ABBREVIATIONS", ()))


def ends_on_abbreviation(text: str, language: str = "en") -> bool:
    match = _LAST_WORD.search(text.rstrip())
    if not match:
        return False
    word = match.group(1)
    return len(word) == 1 and word.isupper() or word.lower() in abbreviations(language)


def whole(text: str, headline: bool = False, language: str = "en") -> bool:
    """Ends as a sentence ends, not on an abbreviation where a splitter may have cut it
    ("... Trump Jr."); a headline needs no full stop but must not be cut."""
    if _CUT.search(text) or ends_on_abbreviation(text, language):
        return False
    return headline or bool(_TERMINAL.search(text))


def split_inside(before: str, text: str, language: str = "en") -> bool:
    """The article text `before` the sentence shows it was cut out of a longer one: it
    ends on an abbreviation (not "U.S.", which often ends a sentence), or on a quote
    whose attribution this sentence is."""
    before = before.rstrip()
    match = _LAST_WORD.search(before)
    if match and "." not in match.group(1) and ends_on_abbreviation(before, language):
        return True
    return bool(_QUOTE_BEFORE.search(before)) and bool(_ATTRIBUTION.match(text))


def continuation(text: str) -> bool:
    """Starts mid-clause: a lower-case word or a mark that closes something before it;
    or a label whose sentence is no clause ("Next stop: the House.")."""
    return bool(_CONTINUATION.match(text)) or bool(_LOWER_AFTER_LABEL.match(text))


def credit_line(text: str) -> bool:
    return bool(_CREDIT.search(text))


def leans_back(text: str, language: str = "en") -> bool:
    """Opens with a word pointing at an earlier sentence ("It", "The official ...")."""
    words = text.lstrip(_OPEN_QUOTE + " ").split(maxsplit=2)
    if not words:
        return False
    lang = (language or "en")[:2].lower()
    first = re.split(r"['\u2019]", words[0].strip(",;:").lower())[0]  # "It's" -> "it"
    if first in REFERENCE_OPENERS.get(lang, ()):
        second = words[1].strip(",;:.").lower() if len(words) > 1 else ""
        return not (first in _DEMONSTRATIVES.get(lang, ()) and second in TIME_NOUNS.get(lang, ()))
    nouns = REFERENCE_NOUNS.get(lang, ())
    second = re.split(r"['\u2019]", words[1].strip(",;:").lower())[0] if len(words) > 1 else ""
    return first == "the" and second in nouns


_QUOTED = re.compile(r"[\"\u201c\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb]*[\"\u201d\u00bb]?")


def unattributed_quote(text: str) -> bool:
    """Words in quotation marks with no one saying them ("“We have no agenda.”"): a
    summary sentence that quotes must name its speaker."""
    if not text.lstrip().startswith(("\"", "\u201c", "\u201e", "\u00ab")):
        return False
    outside = _QUOTED.sub(" ", text)
    return len(WORD.findall(outside)) < 2


# '"We don't care about the pigment of one's skin," he said.' or 'Managers, he went on, "are
# told ..."': a quote whose speaker is a pronoun for someone named before it
_PRONOUN_SPEAKER = re.compile(r"(?:[,.!?]['\"\u201d\u2019]+|,)\s+(?:he|she|they)\s+(?:"
                              + "|".join(SPEECH_VERBS) + r"|went on|continued)\b", re.I)


def pronoun_speaker(text: str) -> bool:
    return bool(_PRONOUN_SPEAKER.search(text))


def asks(text: str) -> bool:
    """A question (a rhetorical one, or a call to readers): a summary states."""
    return text.rstrip(_CLOSERS + " ").endswith("?")


def stands_alone(text: str, headline: bool = False, language: str = "en", before: str = "") -> bool:
    """`before`: the end of the article text before the sentence (a few dozen characters)."""
    return (whole(text, headline, language) and not continuation(text) and not credit_line(text)
            and not leans_back(text, language) and not asks(text) and not unattributed_quote(text)
            and not pronoun_speaker(text)
            and not (before and split_inside(before, text, language)))

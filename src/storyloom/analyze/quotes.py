"""Direct quotes ("...", “...”, „...“, «...») and reported speech with their speaker.

Pure text work: the speaker is returned as written ("said ministry spokesman Ivan
Petrov" -> "ministry spokesman Ivan Petrov"; "the senior official said" -> "the senior
official"); consolidate/quotes.py resolves it to a name. Offsets are into the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from storyloom.text import OTHER_LANGUAGES
from storyloom.text.en import PRONOUNS, QUOTE_VERBS

# the cues of the other languages the brief reads, by language code (storyloom.text)
FOREIGN_QUOTE_VERBS = {code: words.QUOTE_VERBS for code, words in OTHER_LANGUAGES.items()}
_VERB = r"(?:" + "|".join(sorted(QUOTE_VERBS + tuple(v for verbs in FOREIGN_QUOTE_VERBS.values()
                                                     for v in verbs), key=len, reverse=True)) + r")"
_QUOTE = re.compile(r"(?P<open>[“\"„«])(?P<body>[^“”\"„«»\n]{2,700}?)(?P<close>[”\"“»])")
_CLOSERS = {"“": "”“\"", "\"": "\"”“", "„": "“”\"", "«": "»"}
# ', said the senior government official' / ', warned the official.'
_VERB_THEN_WHO = re.compile(rf"^\s*[,.]?\s*{_VERB}\s+(?P<who>[^,.;:“”\"]{{2,90}})", re.I)
# '," she told Radio Nord': the pronoun speaks (and the previous speaker goes on), the
# words after the verb are whom she told
_PRONOUN_THEN_VERB = re.compile(rf"^\s*[,.]?\s*(?P<who>he|she|they)\s+{_VERB}\b", re.I)
# ', the senior administration official said.' / ' Lind detailed in her statement.'
_WHO_THEN_VERB = re.compile(rf"^\s*[,.]?\s*(?P<who>[^,.;:“”\"]{{2,90}}?)\s+{_VERB}\b", re.I)
# ', Marrow, 54, told Radio Nord': a name, its age between commas, then the verb
_WHO_AGE_VERB = re.compile(rf"^\s*[,.]?\s*(?P<who>[A-Z][\w.'\u2019\u2024-]*(?:\s+[A-Z][\w.'\u2019\u2024-]*){{0,3}}),\s+\d{{1,3}},\s+"
                           rf"{_VERB}\b")
# ', Rep. Ana Lind, D-Ore., the chair of the harbour committee, told the radio': a name,
# what she is between commas (an abbreviation's full stops inside), then the verb
_WHO_APPOSED_VERB = re.compile(rf"^\s*[,.]?\s*(?P<who>[A-Z][\w.'\u2019\u2024-]*(?:\s+[A-Z][\w.'\u2019\u2024-]*){{0,4}}),"
                               rf"\s+(?:[^“”\".;!?]|\.(?=\S)){{2,180}}?,\s+{_VERB}\b")
# '” ― Ana Lind' / '"\n- Tomas Berg.': a line of speech signed by a dash
_DASH_WHO = re.compile(r"^\s*[,.]?\s*[\u2015\u2014\u2013-]\s?(?P<who>[A-Z][\w.'\u2019\u2024-]*(?:[ \t]+[A-Z][\w.'\u2019\u2024-]*){0,4})"
                       r"[ \t]*(?:[,.;\n]|$)")
_RELATIVE_BEFORE = re.compile(r"\b(?:whom|who|which|whose)\s+$", re.I)
_ENDS_SENTENCE = re.compile(r"\.\s*$")
_NEW_SENTENCE = re.compile(r"\s+[A-Z\u00c0-\u00de]")  # not a signature ("” ― Ana Lind")
# a whole sentence that is only an attribution: up to five words of speaker, the verb, and
# at most a short time or place ("on Friday", "in a statement") before its full stop
_ATTRIBUTION_ONLY = re.compile(rf"^\s+(?:[^\s.!?]+\s+){{0,5}}?{_VERB}\b(?:\s+[\w\u2024'\u2019-]+){{0,4}}\s*[.,]", re.I)
_ACCORDING = re.compile(r"^\s*[,.]?\s*according to (?P<who>[^,.;:“”\"]{2,90})", re.I)
_ACCORDING_BEFORE = re.compile(r"\baccording to (?P<who>[A-Z][^,.;:“”\"]{1,80}),?\s*[“\"„«]?$", re.I)
# 'A government official said the mayor wanted to offer the union a ' (before the quote)
_WHO_SAID_BEFORE = re.compile(rf"(?P<who>\b(?:he|she|they)(?=\s+{_VERB})|(?:[A-Z][\w.'\u2024-]*|the|a|an|of|for)(?:\s+[\w.'\u2024-]+){{0,8}}?)\s+"
                              rf"{_VERB}(?:\s+(?:that|reporters|journalists|the press))?\b"
                              # the verb nearest the quote: "Lind, who called Berg after the
                              # count was declared, told her staff, “...”"
                              rf"(?:(?!\b{_VERB}\b)[^.!?])*$")
_REPORTED = re.compile(rf"^(?P<who>(?:[A-Z][\w.'-]*)(?:\s+[\w.'-]+){{0,8}}?)\s+{_VERB}"
                       r"(?:\s+(?:reporters|journalists))?\s+that\s+(?P<body>[^“”\"]{20,400}?)[.!?]?$")
_CUT_WHO = re.compile(r"\s+(?:to|in|on|at|during|after|before|from|with|of the|when|while|"
                      r"who|which|that|he|she|they|and|but|has|have|had|would|will|also|"
                      r"already|again|then|later|once)\b.*$")  # in lower case: "Will Berg" is a name
_BOUNDARY = re.compile(r"[.!?]\s|\n")
# the full stop of a title or an initial ("Rep. Ana Lind (D-Ore.)", "Tomas F. Berg")
# is no clause end: hidden while a speaker is read, same length, then put back
_TITLES = frozenset("Mr Ms Mrs Dr Sen Rep Reps Gov Gen Lt Col Sgt Maj Capt Adm Cmdr St Jr Sr "
                    "Rev Prof Atty Supt Gen Pres Sens Msgr Hon".split())
# (and initials run together: "J.J. Marrow", "the U.S. envoy")
_ABBREVIATION = re.compile(r"\b([A-Z][a-z]{0,4})\.(?=\s|\)|[A-Z]\.)|\.(?=\))")
_HIDDEN_DOT = "\u2024"
# what starts a speaker: a name or title (a capital), a determiner, or a pronoun
_SPEAKER_START = re.compile(r"^(?:[A-Z\u00c0-\u00de]|(?:the|a|an|his|her|their|its|one|two|three|"
                            r"several|some|many|another|other|both)\s)")
_NAMED = re.compile(r"\s[A-Z\u00c0-\u00de][a-z\u00df-\u00ff]")
# a clause, not a speaker: "and", "he's taken pains", "they are going ahead"
# (a possessive before a name is no verb: "Fox's Chris Wallace", "the party's Ana Lind")
_NOT_SPEAKER = re.compile(r"^(?:and|but|or|as|so|that|because|if|when|while|although|though|"
                          r"then|also|here|there|this|it)\b|\b(?:is|are|was|were|has|have|had)\s+\w"
                          r"|(?:'s|\u2019s)\s+(?-i:[a-z])", re.I)


@dataclass(frozen=True)
class RawQuote:
    body: str
    start: int  # of the quoted words (inside the marks), into the text
    end: int
    speaker: str  # as written, "" when none was found; a pronoun when only that
    direct: bool  # False: reported speech ("X said that ...")


def _hide_abbreviations(text: str) -> str:
    def hide(match: re.Match) -> str:
        word = match.group(1)
        closes = match.string[match.end():match.end() + 1] == ")"  # "(D-Ore.)"
        if word is None or closes or word in _TITLES or len(word) == 1:
            return match.group().replace(".", _HIDDEN_DOT)
        return match.group()

    return _ABBREVIATION.sub(hide, text)


# "But as The Harbour Gazette pointed out, “...”": the words that join the clause to the sentence
_JOINING = re.compile(r"^(?:(?:but|and|so|yet)\s+)?as\s+(?=[A-Z])", re.I)


def _clean_who(who: str) -> str:
    who = _JOINING.sub("", re.sub(r"\s+", " ", who).strip(" ,."))
    head, _, rest = who.partition(" ")
    who = head + (" " + _CUT_WHO.sub("", " " + rest).strip() if rest else "")
    who = who.strip(" ,.").replace(_HIDDEN_DOT, ".")
    if who.lower() in PRONOUNS:
        return who  # a continuation: resolved to the previous quote's speaker
    speaks = _SPEAKER_START.match(who) or _NAMED.search(who)  # "harbour master Ana Lind"
    return who if speaks and not _NOT_SPEAKER.search(who) else ""


def _speaker_after(text: str, end: int) -> str:
    after = _hide_abbreviations(text[end:end + 240])
    patterns: tuple[re.Pattern, ...] = (_ACCORDING, _PRONOUN_THEN_VERB, _VERB_THEN_WHO, _WHO_THEN_VERB,
                                         _WHO_AGE_VERB, _WHO_APPOSED_VERB, _DASH_WHO)
    gap = after[:len(after) - len(after.lstrip(" \t\n,.\"\u201d\u2019'"))]
    if "\n\n" in gap or "\n" in gap and text[:end].rstrip(" \"\u201d\u2019'\u00bb")[-1:] in ".?!":
        # the quotation ends its paragraph: the next one is no attribution ("Lind
        # announced ..." opens a new matter), only a line signed by a dash is (a line
        # break after a comma is a wrapped sentence: '“...,”\nsaid Berg')
        patterns = (_DASH_WHO,)
    for pattern in patterns:
        match = pattern.match(after)
        if match:
            who = _clean_who(match.group("who"))
            if who and len(who.split()) <= 9:
                return who
    return ""


def reported_by(text: str, end: int) -> bool:
    """The quote ending at `end` is credited to a source ("..., according to The Harbour Gazette"):
    its speaker is whoever the source says, not someone a later "she said" goes on with."""
    return bool(_ACCORDING.match(text[end:end + 140].lstrip(" ,.;\"\u201d\u2019'\u00bb")))


def _speaker_before(text: str, start: int) -> str:
    window_start = max(0, start - 400)
    bounds = [m.end() for m in _BOUNDARY.finditer(text, window_start, start)]
    cut = bounds[-1] if bounds else window_start
    if not text[cut:start].strip(" \n\t\u201c\"\u201e\u00ab") and text[:cut].rstrip().endswith(":"):
        # "Cruz continued:" ending the paragraph before the quote
        line_start = text.rfind("\n", window_start, len(text[:cut].rstrip())) + 1
        cut = max(line_start, window_start)
    before = _hide_abbreviations(text[cut:start])
    credited = _ACCORDING_BEFORE.search(before)  # "According to Lind, “...”"
    if credited:
        return _clean_who(credited.group("who"))
    match = _WHO_SAID_BEFORE.search(before)
    if match:
        who = _clean_who(match.group("who"))
        if who.lower() in PRONOUNS and _RELATIVE_BEFORE.search(before[:match.start()]):
            return ""  # "Berg spoke with Lind, to whom he repeated “...”": the subject's
        return who if len(who.split()) <= 9 else ""
    return ""


def _looks_like_title(body: str) -> bool:
    """“Welt”, “American Pie”: names of works or papers, not speech."""
    words = body.split()
    return len(words) <= 4 and all(w[:1].isupper() for w in words)


def find_quotes(text: str) -> list[RawQuote]:
    """Direct quotes in reading order, with the speaker the text gives."""
    found = []
    for match in _QUOTE.finditer(text):
        if match.group("close") not in _CLOSERS[match.group("open")]:
            continue
        body = match.group("body").strip()
        if len(body) < 3 or _looks_like_title(body) or not re.search(r"[A-Za-zÀ-ÿ]", body):
            continue
        start = match.start("body") + (len(match.group("body")) - len(match.group("body").lstrip()))
        after = _speaker_after(text, match.end())
        if after and _ENDS_SENTENCE.search(body) and _NEW_SENTENCE.match(text, match.end()) \
                and not _ATTRIBUTION_ONLY.match(
                _hide_abbreviations(text[match.end():match.end() + 160])):
            # '“... a disgrace.” Mr. Lind did not say what Ms. Berg said ...': a quote closed by
            # a full stop ends its sentence; the next one attributes it only when it is no
            # more than its speaker and verb ('“We won.” Lind said on Friday.')
            after = ""
        speaker = after or _speaker_before(text, match.start())
        found.append(RawQuote(body.rstrip(" ,"), start, start + len(body.rstrip(" ,")), speaker,
                              True))
    return found


def find_reported(sentence: str, offset: int = 0) -> RawQuote | None:
    """'X said that CLAUSE.' with no quote marks: the clause as reported speech."""
    if any(mark in sentence for mark in "“”\"„«»"):
        return None
    match = _REPORTED.match(sentence.strip())
    if not match:
        return None
    who = _clean_who(match.group("who"))
    if not who or who.lower() in PRONOUNS:
        return None
    lead = len(sentence) - len(sentence.lstrip())
    body = match.group("body").strip()
    start = offset + lead + match.start("body")
    return RawQuote(body, start, start + len(body), who, False)

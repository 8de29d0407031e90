"""Roles and affiliations stated next to a person's name.

"Ana Lind, the spokeswoman for the Harbour Authority", "The spokeswoman for
the Department of X, Ana Lind,", "ministry spokesman Ivan Petrov", "Secretary of
State Jane Doe". Names come from PERSON mentions when the caller has them, else
from a capitalised-words pattern. Offsets are relative to the given text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from storyloom.analyze.runs import CASE_FOLD
from storyloom.text import merged
from storyloom.text.en import ROLE_NOUNS, TITLE_FORMS

# the same jobs in German, Spanish, French and Italian ("Sprecherin der Hafenbehörde von X",
# "portavoz de la Autoridad Portuaria de X"), each mapped to its English family
FOREIGN_ROLE_NOUNS = merged("ROLE_NOUNS")
# spokes- nouns describe one job whatever the gender; they compare as one family
ROLE_FAMILIES = {"spokesman": "spokes", "spokeswoman": "spokes", "spokesperson": "spokes",
                 "rep": "spokes", "publicist": "spokes", "advisor": "adviser",
                 "chairman": "chair", "chairwoman": "chair"} | FOREIGN_ROLE_NOUNS
_NOUN = r"(?P<noun>" + "|".join(sorted(set(ROLE_NOUNS) | set(FOREIGN_ROLE_NOUNS), key=len,
                                        reverse=True)) + r")s?\b"
_CAP = r"(?:[A-Z\u00c0-\u00de][\w.'&-]*|of|for|and|the|de|von|der|des|del|la|du|und|y|et)"
_ART = r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Dd]er|[Dd]ie|[Ee]l|[Ll]a|[Ll]e)"
# "for/of/at/to the X", and "der/des/von X", "de (la) X", "del X", "du X"
_LINK = r"(?:for|of|at|to|der|des|von|de\s+la|de\s+los|de\s+las|del|de|du|de\s+l')"
# ", the spokeswoman for the National Security Council" (after a name)
_AFTER = re.compile(rf"^,\s+(?:{_ART}\s+)?(?P<role>(?:{_CAP}\s+)*?(?i:{_NOUN})"
                    rf"(?:\s+{_LINK}\s+(?P<org>(?:the\s+)?[A-Z\u00c0-\u00de][\w.'&-]*(?:\s+{_CAP})*))?)"
                    r"(?=\s*(?:,|\.|;|$|\s+who\b|\s+said\b|\s+told\b))")
# "The spokeswoman for the Department of Homeland Security, " (before a name)
_BEFORE = re.compile(rf"(?:^|\b{_ART}\s+)(?P<role>(?:{_CAP}\s+)*?(?i:{_NOUN})"
                     rf"(?:\s+{_LINK}\s+(?P<org>(?:the\s+)?[A-Z\u00c0-\u00de][\w.'&-]*(?:\s+{_CAP})*?))?),\s*$")
# "Kremlin spokesman ", "Secretary of State ", "State Department spokesman "
_TITLE = re.compile(rf"(?P<role>(?P<pre>(?:[A-Z][\w.'&-]*\s+){{0,3}})(?i:{_NOUN})(?:\s+of\s+(?P<org>[A-Z][\w'-]*))?)\s+$")
_NAME = re.compile(r"\b[A-Z][a-z'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'-]+){1,2}\b")
_NOT_NAMES = {"This", "The", "That", "Last", "Next", "On", "In", "Monday", "Tuesday", "Wednesday",
              "Thursday", "Friday", "Saturday", "Sunday", "Secretary", "President", "State"}
_LOWER_WORDS = {"of", "for", "and", "the", "de", "von", "der", "des", "del", "la", "du", "und", "y", "et"}


@dataclass(frozen=True)
class Role:
    person: str
    person_start: int
    person_end: int
    role: str  # "spokeswoman for the National Security Council"
    noun: str  # "spokeswoman"
    org: str  # "National Security Council" ("" when the role names none)
    explicit: bool = False  # the org follows "for/of/at": "spokeswoman for X", not "X spokesman"

    @property
    def family(self) -> str:
        return ROLE_FAMILIES.get(self.noun, self.noun)


def _end_of_sentence(text: str) -> str:
    # "... Port Authority." at the end of a sentence: the full stop is no part of the name
    # (an abbreviation, "Corp." or "Inc.", keeps it)
    return text[:-1] if re.search(r"[^\W\d]{5,}\.$", text) else text


def _clean_org(org: str | None) -> str:
    org = _end_of_sentence((org or "").strip())
    org = re.sub(r"^the\s+", "", org, flags=re.I)
    words = org.split()
    while words and words[-1].lower() in _LOWER_WORDS:
        words.pop()  # "... of" at a clause edge
    return " ".join(words)


def _title_org(match: re.Match) -> str:
    if match.group("org"):
        return match.group("org")
    pre = match.group("pre").split()
    # "US Secretary" / "Portuguese President": a nationality is no affiliation to compare
    return " ".join(pre)


# a _TITLE match is at most this many runs of non-space characters: three capitalised
# words, a two-word role noun ("prime minister"), "of" and an organisation
_TITLE_RUNS = 7


_ROLE_ENDINGS = tuple(sorted({noun + end for noun in set(ROLE_NOUNS) | set(FOREIGN_ROLE_NOUNS)
                              for end in ("", "s")}))


def _title_before(before_text: str) -> re.Match | None:
    """_TITLE.search(before_text), looking only where a match can be: it ends the text
    with whitespace, after a role noun ("spokesman") or "of <Org>", and lies within the
    last _TITLE_RUNS runs. The same match, without trying every position of the 160
    characters before each name."""
    if not before_text[-1:].isspace():
        return None
    runs = before_text.rsplit(None, _TITLE_RUNS)
    if not (runs and _ends_in_role(runs[-1])
            or len(runs) >= 3 and runs[-2] == "of" and _ends_in_role(runs[-3])):
        return None
    return _TITLE.search(before_text, len(runs[0]) if len(runs) > _TITLE_RUNS else 0)


def _ends_in_role(run: str) -> bool:
    return run.translate(CASE_FOLD).lower().endswith(_ROLE_ENDINGS)


def find_roles(text: str, names: list[tuple[int, int]] | None = None) -> list[Role]:
    """Roles next to the names at `names` (spans), or next to capitalised name-like words."""
    spans = names if names is not None else [
        (m.start(), m.end()) for m in _NAME.finditer(text) if m.group().split()[0] not in _NOT_NAMES]
    roles = []
    if names is not None:
        # a name the tagger missed ("Ilse Marrow, spokeswoman for ..." opening a sentence, or
        # in another language) still carries an explicit apposition
        for match in _NAME.finditer(text):
            if match.group().split()[0] in _NOT_NAMES or any(
                    match.start() < e and s < match.end() for s, e in names):
                continue
            after = _AFTER.match(text[match.end():match.end() + 160])
            if after and after.group("org"):
                roles.append(_role(match.group(), match.start(), match.end(), after.group("role"),
                                   after.group("noun"), _clean_org(after.group("org")), True))
    for start, end in spans:
        person = text[start:end]
        following = text[end:end + 160]
        after = _AFTER.match(following)
        if after and _reporting_subject(after, following):
            after = None
        if after:
            roles.append(_role(person, start, end, after.group("role"), after.group("noun"),
                               _clean_org(after.group("org")), bool(after.group("org"))))
            continue
        before_text = text[max(0, start - 160):start]
        title = _title_before(before_text)
        if title and not before_text[title.end():].strip():
            roles.append(_role(person, start, end, title.group("role"), title.group("noun"),
                               _clean_org(_title_org(title))))
            continue
        # (_BEFORE ends in ",\s*$": only text ending in a comma can match)
        before = _BEFORE.search(before_text) if before_text.rstrip().endswith(",") else None
        if before:
            roles.append(_role(person, start, end, before.group("role"), before.group("noun"),
                               _clean_org(before.group("org")), bool(before.group("org"))))
    return roles


_SPEECH_NEXT = re.compile(r"\s+(?:said|told)\b")


def _reporting_subject(after: re.Match, following: str) -> bool:
    """"... Lind or Berg, the official said.": a bare role noun followed by the speech
    verb is the subject of the reporting clause, not an apposition to the name before
    it (that would read "Berg, the official, said"). With an organisation ("Jane Doe,
    spokeswoman for the Water Board said") the apposition is the likely reading."""
    return not after.group("org") and bool(_SPEECH_NEXT.match(following, after.end()))


def _role(person: str, start: int, end: int, role: str, noun: str, org: str,
          explicit: bool = False) -> Role:
    role = re.sub(r"^(the|a|an)\s+", "", _end_of_sentence(re.sub(r"\s+", " ", role).strip()), flags=re.I)
    return Role(person, start, end, role, noun.lower(), org, explicit and bool(org))


_TITLE_NOUNS = tuple(sorted(set(ROLE_NOUNS) | set(TITLE_FORMS), key=len, reverse=True))
_TITLE_WORD = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in _TITLE_NOUNS) + r")\b", re.I)
_TITLE_RUN = re.compile(r"((?:[A-Z][\w.'-]*\s+){1,4})$")  # "Texas Gov. " before a name
_APPOSED = re.compile(r",\s+(?:the|a|an)\s+((?:[\w.'-]+\s+){0,4}?[\w'-]+)", re.I)  # ", the governor"


def title_nouns(description: str) -> set[str]:
    """The jobs a description names: "the Texas governor" -> {"governor"}."""
    return {m.group().lower() for m in _TITLE_WORD.finditer(description)}


def titled_as(before: str, after: str, nouns: set[str]) -> bool:
    """Whether a name is given one of `nouns` as its title: in the capitalised words right
    before it ("Texas Gov. ", "House Speaker ") or in an apposition right after it
    (", the governor of Indiana")."""
    forms = {form for noun in nouns for form in (noun, *TITLE_FORMS.get(noun, ()))}
    run = _TITLE_RUN.search(before)
    if run and forms & {w.strip(".").lower() for w in run.group(1).split()}:
        return True
    apposed = _APPOSED.match(after)
    if apposed is None:
        return False
    return bool(forms & {w.strip(".,").lower() for w in apposed.group(1).split()})

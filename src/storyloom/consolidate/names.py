"""People's names that disagree: one outlet's "Maria Lind" where another, telling the same
thing, has "Ana Lind".

Two outlets that give one person different given names contradict each other (one of them
has the wrong person, or the wrong name); two different people who share a surname are no
disagreement. What tells them apart here is logic, not a weighed decision:
  - the two names share their surname exactly (accents and case aside) and their given
    names are incompatible: not equal, not one the start of the other ("Ray" / "Raymond"),
    not a nickname of the other or of one full name ("Jim" / "James", "Bill" / "Will"),
    by the `nicknames` package's hand-curated table of English names;
  - a given name is one that table knows: a capitalised word that is no given name ("Georgia
    State", "Historic Kelby Mill") starts no person's name here, so the rule holds where the
    table does (English given names) and says nothing elsewhere;
  - each article names only one person of that surname (an article that names two has a
    family or two namesakes, not a disagreement), and neither sentence speaks of kin;
  - the names are inside the tagger's person mentions;
  - the two sentences state the same thing (embedding cosine at the alignment's own
    SAME_STATEMENT), so a name in an unrelated passage is not compared.
The same reading decides credits (credit.py): a fact naming one of the two is not credited
to an outlet whose statement names the other.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import combinations

from nicknames import NickNamer

from storyloom.consolidate.align import SAME_STATEMENT
from storyloom.consolidate.entities import same_person
from storyloom.model import AnalyzedArticle, Claim, Conflict, Evidence
from storyloom.text import WORD as _WORD
from storyloom.text import fold
from storyloom.text.en import KIN_NOUNS, ROLE_NOUNS, TITLE_FORMS

_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.-]*")
# capitalised words and initials in a row: "Rep. Laura T. Bergé", "J. Henrik Moss's"
_CAPITALISED_RUN = re.compile(r"(?:\b[A-Z\u00c0-\u00de][\w'\u2019-]*\.?(?:[ \t]+|$|(?=[,;:)]))){2,}")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_INITIAL = re.compile(r"[A-Z]\.?")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# words written before a name that are no given name ("Rep. Ana Lind", "Mrs. Lind")
_TITLES = (frozenset(w for noun in ROLE_NOUNS for w in noun.split()) | frozenset(TITLE_FORMS)
           | frozenset(a for forms in TITLE_FORMS.values() for a in forms)
           | frozenset({"mr", "mrs", "ms", "dr", "miss", "sir", "lady", "lord"}))
_NAME_CACHE = 1 << 14


@lru_cache(maxsize=1)
def _nicknames() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=_NAME_CACHE)
def given_name(word: str) -> bool:
    """A given name the table knows ('Greta', 'Ray'), not a title or another word."""
    key = fold(word)
    if key in _TITLES or len(key) < 2:
        return False
    table = _nicknames()
    return bool(table.canonicals_of(key) or table.nicknames_of(key))


@lru_cache(maxsize=_NAME_CACHE)
def compatible_given(first: str, second: str) -> bool:
    """Could the two given names be one person's: equal, one the start of the other, or
    nicknames of each other or of one full name."""
    a, b = fold(first), fold(second)
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    table = _nicknames()
    forms_a = {a} | table.canonicals_of(a) | table.nicknames_of(a)
    forms_b = {b} | table.canonicals_of(b) | table.nicknames_of(b)
    return bool(forms_a & forms_b)


@lru_cache(maxsize=_NAME_CACHE)
def person_names(text: str) -> tuple[tuple[str, str, str], ...]:
    """(given name, surname, the name as written) of each person named in full: capitalised
    words or initials that end in the surname, the given name the last known given name
    before it (with the given names right before that one) ("Rep. Laura T. Bergé" -> ('Laura', 'Bergé', 'Laura T.
    Bergé'); "Sheriff Ana Lind" -> 'Ana'); generational suffixes and a possessive are
    not part of the surname ("Carla W. Dunmore Jr.'s" -> 'Dunmore')."""
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(m.group(), m.start() + run.start()) for m in _TOKEN.finditer(run.group())]
        words = [(_POSSESSIVE.sub("", w).rstrip(".,"), at) for w, at in words]
        while words and fold(words[-1][0]).rstrip(".") in _SUFFIXES:
            words.pop()
        if len(words) < 2 or _INITIAL.fullmatch(words[-1][0]):
            continue
        # the last given name before the surname (a maiden or middle name may stand between:
        # "Maria Holm Berg"), and the given names right before it ("Greta Mae")
        before = [k for k in range(len(words) - 1) if given_name(words[k][0])]
        if not before:
            continue
        first = before[-1]
        between = [w for w, _ in words[first + 1:-1] if not _INITIAL.fullmatch(w)]
        if len(between) > 1:  # a headline in title case ("Ana Lind Checks Into Clinic")
            continue
        while first > 0 and given_name(words[first - 1][0]):
            first -= 1
        surname, end = words[-1][0], words[-1][1] + len(words[-1][0])
        found.append((words[first][0], surname, text[words[first][1]:end]))
    return tuple(found)


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(fold(_POSSESSIVE.sub("", w)).rstrip(".") for w in name.split()
                 if not _INITIAL.fullmatch(w))


def different_people(first: tuple[str, str, str], second: tuple[str, str, str]) -> bool:
    """One surname with incompatible given names: not one person written two ways (nor a
    surname of two words, "Van Berg" / "Carla Van Berg")."""
    if fold(first[1]) != fold(second[1]) or compatible_given(first[0], second[0]):
        return False
    a, b = _name_words(first[2]), _name_words(second[2])
    shorter, longer = sorted((a, b), key=len)
    return longer[-len(shorter):] != shorter and not same_person(first[2], second[2])


def names_clash(fact: str, statement: str) -> bool:
    """The statement names, with another given name, a person the fact names ("Ana Lind"
    / "Maria Lind"), and no one else of that surname is named in either."""
    mine, theirs = person_names(fact), person_names(statement)
    return any(different_people(a, b) and _one_person(mine, a) and _one_person(theirs, b)
               for a in mine for b in theirs)


def _one_person(names, person: tuple[str, str, str]) -> bool:
    """Everyone of `person`'s surname in `names` can be that person."""
    return not any(different_people(n, person) for n in names)


def _article_names(member: AnalyzedArticle) -> list[tuple[int, tuple[str, str, str]]]:
    """The people an article names in full, each with its sentence: the names inside the
    tagger's person mentions ("Carla Prize" starts with a given name too)."""
    found: list[tuple[int, tuple[str, str, str]]] = []
    for mention in member.mentions:
        if mention.label == "PERSON":
            found.extend((mention.sentence, name) for name in person_names(mention.text))
    return found


def _kin_nearby(text: str) -> bool:
    return any(w in KIN_NOUNS for w in _WORD.findall(text.lower()))


def name_conflicts(members: list[AnalyzedArticle],
                   independent: Callable[[AnalyzedArticle, AnalyzedArticle], bool]) -> list[Conflict]:
    """Contradictions of kind "name" between the `independent(a, b)` articles of one
    language, one per pair of names, each side with every outlet that names it so in a
    sentence stating the same thing. An article that names two people of one surname, or a
    sentence that speaks of kin, is out: a family has many given names."""
    named = {}
    for m in members:
        # everyone the article names, tagged as a person or not: the family check reads them all
        everyone = [n for s in m.sentences for n in person_names(s.text)]
        named[m.id] = [(k, name) for k, name in _article_names(m) if _one_person(everyone, name)
                       and not _kin_nearby(m.sentences[k].text)]
    sides: dict[tuple[str, ...], dict[str, list[tuple[AnalyzedArticle, int]]]] = {}
    for a, b in combinations(members, 2):
        if a.article.language != b.article.language or not independent(a, b):
            continue
        if a.sentence_embeddings is None or b.sentence_embeddings is None:
            continue
        for i, first in named[a.id]:
            for j, second in named[b.id]:
                if not different_people(first, second):
                    continue
                if float(a.sentence_embeddings[i] @ b.sentence_embeddings[j]) < SAME_STATEMENT:
                    continue
                key = tuple(sorted((first[2], second[2])))
                entry = sides.setdefault(key, {})
                entry.setdefault(first[2], []).append((a, i))
                entry.setdefault(second[2], []).append((b, j))
    conflicts = []
    for key, by_name in sides.items():
        claims = [_claim(name, by_name[name]) for name in key]
        claims.sort(key=lambda c: -len(c.sources))
        conflicts.append(Conflict("name", f"who: {claims[0].value} or {claims[1].value}", claims,
                                  note="The outlets give this person different given names."))
    return conflicts


def _claim(name: str, reports: list[tuple[AnalyzedArticle, int]]) -> Claim:
    seen = list(dict.fromkeys((m.id, i) for m, i in reports))
    by_id = {m.id: m for m, _ in reports}
    evidence = [Evidence(a, by_id[a].sentences[i].start, by_id[a].sentences[i].end,
                         by_id[a].sentences[i].text) for a, i in seen]
    return Claim(name, evidence[0].text, list(dict.fromkeys(a for a, _ in seen)), evidence)

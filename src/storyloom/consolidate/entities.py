"""Entities of a story: mentions merged across spellings, transliterations and typos.

Person names are matched on a phonetic-ish key of the surname (z/s, w/v, y/i and the
-ski/-sky/-skyj endings of transliterations) plus agreeing first names; a bare surname
joins the full name it matches. Organisations also match their acronym ("OSCE").
The type is the majority label, since the small spaCy model mislabels some mentions.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from storyloom.analyze.roles import Role, find_roles
from storyloom.analyze.runs import SENTENCE_CACHE
from storyloom.model import AnalyzedArticle, Entity, Mention
from storyloom.text.en import ROLE_NOUNS

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}
SURNAME_SIMILARITY = 85  # rapidfuzz ratio of phonetic surname keys
FIRST_NAME_SIMILARITY = 70
_ACRONYM_SKIP = {"of", "for", "and", "in", "the", "on", "de", "des", "la"}
# English given names and their usual short forms: "Chuck Schumer" is "Charles E. Schumer",
# "Jim Mattis" is "James Mattis"
_NICKNAMES = {short: full for full, shorts in {
    "charles": "chuck charlie", "william": "bill billy will", "robert": "bob bobby rob",
    "james": "jim jimmy jamie", "michael": "mike mick", "joseph": "joe joey", "thomas": "tom tommy",
    "richard": "dick rick rich", "edward": "ted ed eddie", "elizabeth": "liz beth betsy lisa",
    "benjamin": "ben", "daniel": "dan danny", "david": "dave", "steven": "steve", "stephen": "steve",
    "anthony": "tony", "nicholas": "nick", "matthew": "matt", "christopher": "chris",
    "alexander": "alex", "andrew": "andy drew", "patrick": "pat", "ronald": "ron",
    "donald": "don", "lawrence": "larry", "laurence": "larry", "gerald": "jerry",
    "samuel": "sam", "zachary": "zack zach", "john": "jack johnny", "katherine": "kate kathy",
    "jennifer": "jen jenny", "margaret": "maggie peggy", "kenneth": "ken", "timothy": "tim",
    "gregory": "greg", "jeffrey": "jeff", "frederick": "fred", "theodore": "ted teddy",
}.items() for short in shorts.split()}
# a country named before an organisation is not part of its acronym ("U.S. Food and Drug
# Administration" is the FDA)
_COUNTRY_PREFIX = re.compile(r"^(?:U\.?S\.?|U\.?K\.?|E\.?U\.?|U\.?N\.?)\s+(?=\S)")
_STRIP = re.compile(r"^(?:the|a|an)\s+|['’]s$|[\s.,;:]+$", re.I)
_SPACES = re.compile(r"\s+")
_INITIAL = re.compile(r"[A-Z]\.?")
_REPEATS = re.compile(r"(.)\1+")
# The name functions below are pure functions of short strings that a story asks
# about over and over (every pair of groups, every role, every quote speaker):
# memoised, bounded so that a long-running process does not grow without end.
_NAME_CACHE = 1 << 16


@lru_cache(maxsize=_NAME_CACHE)
def clean_name(text: str) -> str:
    """'the Bundestag' -> 'Bundestag', "Merkel's" -> 'Merkel', collapsed spaces."""
    text = _SPACES.sub(" ", text).strip(" \"'“”„«»")
    previous = None
    while previous != text:
        previous, text = text, _STRIP.sub("", text).strip()
    return text


@lru_cache(maxsize=_NAME_CACHE)
def phonetic(word: str) -> str:
    """A spelling-insensitive key: Dostojewski/Dostoyevskiy -> 'dostoievski'."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(c for c in word if c.isalpha())
    for old, new in (("kyj", "ki"), ("kyi", "ki"), ("kiy", "ki"), ("ky", "ki"), ("ij", "i"),
                     ("yj", "i"), ("y", "i"), ("w", "v"), ("z", "s"), ("ph", "f"), ("kh", "h"),
                     ("ck", "k"), ("ou", "u"), ("j", "i")):
        word = word.replace(old, new)
    return _REPEATS.sub(r"\1", word)


@lru_cache(maxsize=_NAME_CACHE)
def same_person(first: str, second: str) -> bool:
    """Two person names that can be one person: surnames agree, first names do not differ."""
    a, b = _without_initials(first), _without_initials(second)
    if not a or not b:
        return False
    if fuzz.ratio(phonetic(a[-1]), phonetic(b[-1])) < SURNAME_SIMILARITY:
        return False
    if len(a) > 1 and len(b) > 1:
        first_a, first_b = a[0].lower(), b[0].lower()
        if _NICKNAMES.get(first_a, first_a) == _NICKNAMES.get(first_b, first_b):
            return True
        return fuzz.ratio(phonetic(a[0]), phonetic(b[0])) >= FIRST_NAME_SIMILARITY \
            or a[0][0].lower() == b[0][0].lower() and (len(a[0]) <= 2 or len(b[0]) <= 2)
    return True


@lru_cache(maxsize=_NAME_CACHE)
def _without_initials(name: str) -> tuple[str, ...]:
    return tuple(w for w in clean_name(name).split() if not _INITIAL.fullmatch(w))


@lru_cache(maxsize=_NAME_CACHE)
def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


class _OrgForm(NamedTuple):
    """What `same_org` compares of one name, computed once per name."""

    lower: str
    bare: str  # lower case without full stops: "U.S." = "US"
    short: str  # the name as an acronym (upper case, 2-6 letters), else ""
    expands_to: tuple[str, ...]  # acronyms of a name of several words (with and without a country)
    head: str  # the first 5 letters of a single word of 5 or more, else ""


@lru_cache(maxsize=_NAME_CACHE)
def _org_form(name: str) -> _OrgForm:
    clean = clean_name(name)
    short = clean.replace(".", "")
    several = len(clean.split()) >= 2
    without_country = _COUNTRY_PREFIX.sub("", clean)
    return _OrgForm(clean.lower(), short.lower(),
                    short if short.isupper() and 2 <= len(short) <= 6 else "",
                    tuple(dict.fromkeys((acronym(clean), acronym(without_country)))) if several else (),
                    clean[:5].lower() if not several and len(clean) >= 5 else "")


def same_org(first: str, second: str) -> bool:
    a, b = _org_form(first), _org_form(second)
    if a.bare == b.bare:
        return True
    for short, long in ((a, b), (b, a)):
        if long.lower.startswith(short.lower + " of "):
            return True  # "National Security Council of the White House"
    for short, long in ((a, b), (b, a)):
        if short.short and short.short in long.expands_to:
            return True
    if a.head and a.head == b.head:
        return True  # "Portugal" / "Portuguese": a place and its adjective
    return fuzz.ratio(a.lower, b.lower) >= 92


@dataclass
class _Group:
    mentions: list[tuple[str, str, str]] = field(default_factory=list)  # (text, label, article)
    roles: list[str] = field(default_factory=list)

    # derived values, memoised by the number of mentions: mentions only ever grow (by
    # extend), so the count identifies the state; merging compares every pair of groups
    # and recounting made it the slowest step of a brief (profiled)
    _memo: dict[str, tuple[int, object]] = field(default_factory=dict, repr=False)

    def _cached(self, key: str, compute):
        size = len(self.mentions)
        hit = self._memo.get(key)
        if hit is None or hit[0] != size:
            hit = (size, compute())
            self._memo[key] = hit
        return hit[1]

    def labels(self) -> Counter:
        return self._cached("labels", lambda: Counter(label for _, label, _ in self.mentions))

    def type(self) -> str:
        return self._cached("type", lambda: self.labels().most_common(1)[0][0])

    def names(self) -> Counter:
        return self._cached("names", lambda: Counter(text for text, _, _ in self.mentions))

    def canonical(self) -> str:
        return self._cached("canonical", self._canonical)

    def _canonical(self) -> str:
        counts = self.names()
        # the most frequent of the longest frequent spellings: "Fyodor Dostoevsky"
        longest = max(len(x.split()) for x in counts)
        full = {n for n in counts if len(n.split()) == longest}
        multi = [n for n in counts if len(n.split()) > 1] or list(counts)
        pool = multi if self.type() == "PERSON" else list(counts)
        return max(pool, key=lambda n: (counts[n], n in full, len(n)))


# "Secretary of State", "Minister of Finance": the tagger often labels the last word
# alone as an organisation; it names an office's portfolio, not an entity of its own
_TITLE_PORTFOLIO = re.compile(
    r"\b(?:" + "|".join(n for n in ROLE_NOUNS if " " not in n) + r")\s+of\s+$", re.I)


def _portfolio_word(mention: Mention, text: str) -> bool:
    return (" " not in mention.text.strip()
            and bool(_TITLE_PORTFOLIO.search(text[max(0, mention.start - 40):mention.start])))


def _mention_groups(members: list[AnalyzedArticle]) -> list[_Group]:
    by_key: dict[str, _Group] = defaultdict(_Group)
    for member in members:
        for mention in member.mentions:
            if mention.label not in KEPT_TYPES or _portfolio_word(mention, member.article.text):
                continue
            name = clean_name(mention.text)
            if len(name) < 2 or not any(c.isupper() for c in name):
                continue
            by_key[name.lower()].mentions.append((name, mention.label, member.id))
    return list(by_key.values())


def _merge(groups: list[_Group]) -> list[_Group]:
    """Union groups whose names denote one entity; longer names absorb shorter ones."""
    groups = sorted(groups, key=lambda g: (-len(g.canonical().split()), -len(g.mentions)))
    merged: list[_Group] = []
    keys: list[_Key] = []  # keys[i] describes merged[i]; renewed when it absorbs a group
    for group in groups:
        new = _key(group)
        target = next((i for i, kept in enumerate(keys) if _same_entity(kept, new)), None)
        if target is None:
            merged.append(group)
            keys.append(new)
        else:
            merged[target].mentions.extend(group.mentions)
            keys[target] = _key(merged[target])
    return merged


# what the merge decision reads of a group: (canonical name, type, has a PERSON label);
# read once per group state rather than once per compared pair
_Key = tuple[str, str, bool]


def _key(group: _Group) -> _Key:
    return group.canonical(), group.type(), group.labels()["PERSON"] > 0


def _same_entity(kept: _Key, new: _Key) -> bool:
    (kept_name, kept_type, kept_person), (new_name, new_type, _) = kept, new
    if kept_type == "PERSON" or (new_type == "PERSON" and kept_person):
        if len(new_name.split()) == 1 and len(kept_name.split()) == 1 and kept_name != new_name:
            return new_type == kept_type \
                and fuzz.ratio(phonetic(kept_name), phonetic(new_name)) >= SURNAME_SIMILARITY
        return new_type in ("PERSON", "ORG", "GPE", "NORP") and same_person(kept_name, new_name)
    if kept_type == new_type or {kept_type, new_type} <= {"GPE", "LOC"}:
        return same_org(kept_name, new_name)
    return (new_name.isupper() or kept_name.isupper()) and same_org(kept_name, new_name)


def article_roles(member: AnalyzedArticle) -> list[tuple[Role, int]]:
    """Roles stated in the article, sentence by sentence, with the sentence index.

    Offsets of the returned roles are relative to their sentence."""
    people = defaultdict(list)  # sentence index -> its PERSON mentions, in order
    for mention in member.mentions:
        if mention.label == "PERSON":
            people[mention.sentence].append(mention)
    found: list = []
    for sentence in member.sentences:
        spans = tuple((m.start - sentence.start, m.end - sentence.start)
                      for m in people.get(sentence.index, ()))
        found.extend((role, sentence.index) for role in _sentence_roles(sentence.text, spans))
    return found


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_roles(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[Role, ...]:
    # a brief reads the roles twice (conflicts and entities): the pattern search is the
    # costly part, and its result depends on nothing but the sentence and its names
    return tuple(find_roles(text, list(spans)))


def _attach_roles(groups: list[_Group], members: list[AnalyzedArticle]) -> None:
    people = [g for g in groups if g.type() == "PERSON"]
    for member in members:
        for role, _ in article_roles(member):
            group = next((g for g in people if same_person(g.canonical(), role.person)), None)
            if group is not None and role.role not in group.roles:
                group.roles.append(role.role)


_NAME_TOKEN = re.compile(r"[^\W\d_]{3,}")


def _tagged_in_english(language: str | None) -> bool:
    return not language or language.startswith("en")


def _travelling(groups: list[_Group], members: list[AnalyzedArticle]) -> list[_Group]:
    """Drop names the English tagger found in one non-English article only, unless a
    word of the name also occurs in an article of another language. On German or
    Spanish text the English model tags capitalised nouns ("Fahrrinne", "Behörden");
    real names travel across languages unchanged, translated nouns do not. A name that
    several articles give, or that merged with an English mention, is kept."""
    language = {m.id: m.article.language or "" for m in members}
    words_by_language: dict[str, set[str]] = {}
    for member in members:
        words_by_language.setdefault(language[member.id], set()).update(
            _NAME_TOKEN.findall(member.article.text))
    elsewhere: dict[str, set[str]] = {}  # language -> the words of all other languages
    for own in words_by_language:
        elsewhere[own] = set().union(*(w for lang, w in words_by_language.items() if lang != own))
    kept, retagged = [], False
    for group in groups:
        sources = {article for _, _, article in group.mentions}
        if len(sources) > 1 or any(_tagged_in_english(language.get(a)) for a in sources):
            kept.append(group)
            continue
        others = elsewhere.get(language.get(next(iter(sources)), ""), set())
        if any(word in others for word in _NAME_TOKEN.findall(group.canonical())):
            trimmed = [(_trim_lower_edges(text), label, article)
                       for text, label, article in group.mentions]
            retagged |= trimmed != group.mentions
            kept.append(_Group(trimmed, group.roles) if trimmed != group.mentions else group)
    # a trimmed name ("del barrio de Kelby Point" -> "Kelby Point") may be one already
    # kept: the same name joins it whatever the tagger called it, a variant merges as usual
    return _merge(_join_same_names(kept)) if retagged else kept


def _join_same_names(groups: list[_Group]) -> list[_Group]:
    by_name: dict[str, _Group] = {}
    for group in sorted(groups, key=lambda g: -len(g.mentions)):
        name = group.canonical().lower()
        if name in by_name:
            by_name[name].mentions.extend(group.mentions)
        else:
            by_name[name] = group
    return list(by_name.values())


def _trim_lower_edges(name: str) -> str:
    """Without the lower-case words the tagger took in at either end (articles,
    prepositions, verbs of the surrounding clause); a name never starts or ends so."""
    words = name.split()
    while words and not words[0][:1].isupper():
        words.pop(0)
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words) or name


def merge_entities(members: list[AnalyzedArticle]) -> list[Entity]:
    """One Entity per real-world entity, most widely reported first."""
    groups = _travelling(_merge(_mention_groups(members)), members)
    _attach_roles(groups, members)
    entities = []
    for group in groups:
        name = group.canonical()
        variants = sorted(n for n in group.names() if n != name)
        sources = list(dict.fromkeys(article for _, _, article in group.mentions))
        entities.append(Entity(name, group.type(), variants, sources, list(group.roles)))
    entities.sort(key=lambda e: (-len(e.sources), e.name))
    return entities

"""Typed values found in a story's sentences: numbers, durations, dates.

A slot is one value with the clause around it. Conflicts compare slots of the same
kind across outlets; the clause (value masked) is what tells whether two slots report
the same thing, because a whole sentence often carries several facts.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np

from storyloom.analyze.embed import embed_texts
from storyloom.analyze.quantities import Quantity, find_quantities
from storyloom.analyze.runs import SENTENCE_CACHE, word_runs
from storyloom.analyze.times import Duration, TimeExpr, find_dates, find_durations, is_rate
from storyloom.model import AnalyzedArticle, Evidence, Sentence
from storyloom.text.en import CONTRAST_CONJUNCTIONS

# the words around a value its masked clause keeps: a shorter one embeds too little to
# compare ("after missing # games"); on ECB+ dev 6 -> 9 words found one more injected
# change per seed, false conflicts unchanged. (Not align's MIN_STATEMENT_WORDS: that is
# how long a part of a sentence must be to state something on its own.)
VALUE_CONTEXT_WORDS = 9
_CLAUSE_CUT = re.compile(r"(?<!\d)[,;:()–—](?!\d)|\s(?:" + "|".join(CONTRAST_CONJUNCTIONS) + r")\s")
MASK = "#"


_V = TypeVar("_V", Quantity, Duration, TimeExpr)


@dataclass
class Slot:
    kind: str  # number | duration | date
    member: AnalyzedArticle
    sentence: Sentence
    start: int  # of the value, into the article text
    end: int
    value: Quantity | Duration | TimeExpr
    clause: str  # the clause around the value, value masked
    vector: np.ndarray | None = None
    relation: str = ""  # durations: "since" (after/ago/in the past) or "until" (before)
    people: tuple[str, ...] = ()  # PERSON mentions in the clause: whose value it is
    # the name a parenthetical holding the value follows ("Klitschko (52-3, 46 KOs)"):
    # the value is that name's
    owner: str = ""
    sentence_vector: np.ndarray | None = None
    # the article's id, read for every pair of slots: kept rather than looked up
    article_id: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.article_id = self.member.id

    # the value typed by the slot's kind (number: Quantity, duration: Duration, date:
    # TimeExpr); reading the wrong one is a bug, so it raises
    @property
    def quantity(self) -> Quantity:
        return self._value_as(Quantity, "quantity")

    @property
    def duration(self) -> Duration:
        return self._value_as(Duration, "duration")

    @property
    def time(self) -> TimeExpr:
        return self._value_as(TimeExpr, "date")

    def _value_as(self, kind: type[_V], name: str) -> _V:
        if not isinstance(self.value, kind):
            raise TypeError(f"a {self.kind} slot has no {name}")
        return self.value

    @property
    def text(self) -> str:
        return self.member.article.text[self.start:self.end]

    @property
    def evidence(self) -> Evidence:
        s = self.sentence
        return Evidence(self.member.id, s.start, s.end, s.text)


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `text` holding [start, end), widened to VALUE_CONTEXT_WORDS words."""
    return _clause_around(text, start, end)


# a slot asks for its clause three times (masked clause, people, relation), and the
# timeline asks again: memoised, like the cuts of each sentence
@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    cuts = _cuts(text)  # ascending, 0 first and len(text) + 1 last
    left = cuts[bisect_right(cuts, start) - 1]  # the last cut at or before the value
    right = cuts[bisect_right(cuts, end)] - 1  # the first cut after it
    while len(text[left:right].split()) < VALUE_CONTEXT_WORDS and (left > 0 or right < len(text)):
        earlier = bisect_left(cuts, left)  # cuts before `left`: cuts[:earlier]
        later = bisect_right(cuts, right + 1)  # cuts past `right + 1`: cuts[later:]
        left = cuts[earlier - 1] if earlier else 0
        right = cuts[later] - 1 if later < len(cuts) else len(text)
    return left, max(right, end)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def _cuts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in _CLAUSE_CUT.finditer(text)), len(text) + 1)


def _masked_clause(sentence: Sentence, start: int, end: int) -> str:
    s, e = start - sentence.start, end - sentence.start
    left, right = clause_around(sentence.text, s, e)
    return (sentence.text[left:s] + MASK + sentence.text[e:right]).strip(" ,;:")


def _clause_people(people: list, sentence: Sentence, start: int, end: int) -> tuple[str, ...]:
    """PERSON mentions (of the sentence: `people`) within the value's clause."""
    left, right = clause_around(sentence.text, start - sentence.start, end - sentence.start)
    return tuple(m.text for m in people
                 if sentence.start + left <= m.start and m.end <= sentence.start + right)


def _sentence_people(member: AnalyzedArticle) -> list[list]:
    """Each sentence's PERSON mentions, in the article's order: a clause lies within its
    sentence, so only these can be in it."""
    people = [m for m in member.mentions if m.label == "PERSON"]
    return [[m for m in people if s.start <= m.start and m.end <= s.start + len(s.text)]
            for s in member.sentences]


_SINCE_AFTER = re.compile(r"^\s*(after|later|ago|since|earlier)\b", re.I)
_SINCE_BEFORE = re.compile(r"\b(in the (?:past|last)|for the (?:past|last)|over the (?:past|last)|"
                           r"within|since)\s*$", re.I)
_UNTIL = re.compile(r"^\s*(before|until|ahead of)\b", re.I)


def _relation(sentence: Sentence, start: int, end: int) -> tuple[str, str]:
    """Whether a duration measures time since/until an event, and the words saying so."""
    text, s, e = sentence.text, start - sentence.start, end - sentence.start
    left, right = clause_around(text, s, e)
    if _SINCE_AFTER.match(text[e:]):
        return "since", (MASK + text[e:right]).strip(" ,;:.")
    if _UNTIL.match(text[e:]):
        return "until", (MASK + text[e:right]).strip(" ,;:.")
    if _SINCE_BEFORE.search(text[left:s]):
        return "since", (text[left:s] + MASK + text[e:right]).strip(" ,;:.")
    return "", ""


_URLISH = re.compile(r"https?\s*:|www\s*\.|\.s?html?\b|\w / \w")
_URL_HINTS = ("http", "www", ".htm", ".shtm", " / ")  # one is in every _URLISH match
_STAMP = re.compile(r"\b(updated|published|posted|modified|last updated|released)\b", re.I)
_STAMP_WORDS = {"updated", "published", "posted", "modified", "released"}  # (see runs.py)
_LETTER_WORD = re.compile(r"[A-Za-z]{2,}")


def _urlish(text: str) -> bool:
    return any(hint in text for hint in _URL_HINTS) and bool(_URLISH.search(text))


def _stamp(text: str) -> bool:
    return not word_runs(text).isdisjoint(_STAMP_WORDS) and bool(_STAMP.search(text))


def _dateline(text: str) -> bool:
    """A date line or time stamp ("December 16, 2008", "Last updated at 11:21"): when the
    article was written, not a date it reports."""
    rest = text
    for expr in find_dates(text):
        rest = rest.replace(expr.text, " ")
    words = _LETTER_WORD.findall(rest)
    return len(words) < 4 or _stamp(text) or _urlish(text)


def _on_dateline(text: str, at: int) -> bool:
    """The date at `at` stands on a line of its own within the sentence, a date line
    the splitter joined to a headline ("Lineman arrested\non Feb. 4, 2009")."""
    if "\n" not in text:
        return False
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return line.strip() != text.strip() and _dateline(line)


# Recombined and syndicated copies repeat sentences word for word: the typed values of
# a sentence (a pure function of its text; frozen records) are found once per text.
@functools.lru_cache(maxsize=SENTENCE_CACHE)
def values_in(text: str, language: str = "en") -> tuple[tuple[str, int, int, Quantity | Duration | TimeExpr], ...]:
    """(kind, start, end, value) of each typed value of a sentence in `language`,
    offsets into it."""
    if _urlish(text):
        return ()  # an address line: its numbers are no facts
    found: list[tuple[str, int, int, Quantity | Duration | TimeExpr]] = []
    durations = find_durations(text)
    found += [("duration", d.start, d.end, d) for d in durations
              if not d.ago and not (d.unit in ("second", "minute") and d.number == 1)
              and not is_rate(text, d)]
    if not _dateline(text):
        found += [("date", d.start, d.end, d) for d in find_dates(text)
                  if d.kind in ("date", "weekday") and not _on_dateline(text, d.start)]
    taken = [(s, e) for _, s, e, _ in found]
    for quantity in find_quantities(text, language):
        if not any(quantity.start < e and s < quantity.end for s, e in taken):
            found.append(("number", quantity.start, quantity.end, quantity))
    return tuple(found)


@functools.lru_cache(maxsize=SENTENCE_CACHE)
def calendar_months(text: str) -> frozenset[int]:
    """The months of the calendar days and months a sentence reports ("in mid May",
    "on April 30"), date lines left out as `values_in` leaves them."""
    if _urlish(text) or _dateline(text):
        return frozenset()
    return frozenset(d.month for d in find_dates(text)
                     if d.kind in ("date", "month") and d.month and not _on_dateline(text, d.start))


_NAME_BEFORE = re.compile(r"([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*$")


def parenthetical_owner(text: str, start: int, end: int) -> str:
    """The name right before the brackets that hold [start, end) of `text` ("Rahman
    (45-7-2, 36 KOs)" -> "Rahman"), or "" when the value is in no brackets or they
    follow no name."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or ")" in text[opening:start]:
        return ""
    closing = text.find(")", end)
    if closing < 0 or "(" in text[end:closing]:
        return ""
    name = _NAME_BEFORE.search(text, max(0, opening - 80), opening)
    if name is None:
        return ""
    words = name.group(1).split()
    while words and words[0] in ("The", "A", "An"):
        words = words[1:]
    return " ".join(words)


def _sentence_slots(member: AnalyzedArticle, sentence: Sentence, people: list) -> list[Slot]:
    base = sentence.start
    slots = []
    for kind, s, e, value in values_in(sentence.text, member.article.language):
        slot = Slot(kind, member, sentence, base + s, base + e, value,
                    _masked_clause(sentence, base + s, base + e),
                    people=_clause_people(people, sentence, base + s, base + e),
                    owner=parenthetical_owner(sentence.text, s, e))
        if kind == "duration":
            slot.relation, phrase = _relation(sentence, base + s, base + e)
            slot.clause = phrase or slot.clause  # "# after the video call": the relation itself
        if member.sentence_embeddings is not None and len(member.sentence_embeddings) > sentence.index:
            slot.sentence_vector = member.sentence_embeddings[sentence.index]
        slots.append(slot)
    return slots


def story_slots(members: list[AnalyzedArticle], embedder) -> list[Slot]:
    """Every typed value of every sentence, each with its embedded masked clause."""
    slots = [slot for member in members
             for sentence, people in zip(member.sentences, _sentence_people(member))
             for slot in _sentence_slots(member, sentence, people)]
    if slots:
        vectors = embed_texts([s.clause for s in slots], embedder)
        for slot, vector in zip(slots, vectors):
            slot.vector = vector
    return slots

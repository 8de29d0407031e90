"""Do two typed values (slots of different outlets) report the same fact?

Two values of one kind disagree only when they are told about the same thing. The
evidence for that, in order of strength:
  - the clauses around them (value masked) are near paraphrases (embedding cosine);
  - the words right next to the value agree ("offering a # reward for information",
    "More than # firefighters"), which a different statistic rarely shares;
  - the two sentences are each other's best match across the two articles (a sentence
    that matches another sentence better is about something else);
  - other numbers of the two sentences agree: sentences that both carry other figures
    but share none are two different statements (two stat lines of one game).
And the evidence against it, which vetoes a pair whatever the similarity:
  - either article also reports the other's value for the same kind of thing (then the
    two values are two facts, not one fact told two ways);
  - the things counted carry different proper modifiers ("11 Yemeni pirates" is a part
    of "23 pirates", not another count of them);
  - many different values of one measure in the story (a game's yards, a contract's
    millions) make a chance match likely: the clause must then be closer.
Across languages words cannot be compared, so a translation's value counts as telling
the same fact when both sentences back one aligned statement of the story (align.py) and
each article gives one value of that measure there; things counted are then compared by
meaning ("residents" / "Anwohner"), organisations likewise (conflicts.py).
Thresholds were chosen on ECB+ dev (English only) looking at both halves of the topics
(`storyloom eval conflicts --part 0/1`); see `eval/conflicts.py` for what is measured.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import numpy as np

from storyloom.analyze.embed import embed_texts
from storyloom.analyze.quantities import MEASURES, equal_as_written, same_value
from storyloom.analyze.runs import SENTENCE_CACHE
from storyloom.analyze.times import comparable_durations, same_duration
from storyloom.consolidate.entities import same_person
from storyloom.consolidate.slots import Slot
from storyloom.text.en import STOP_WORDS

# masked-clause cosine that alone makes two values one fact (the same clause, reworded)
NEAR_IDENTICAL = 0.95
# Otherwise the evidence is summed: clause cosine, plus CONTEXT_BONUS per shared
# neighbour word (up to CONTEXT_CAP), plus or minus ALIGNED_BONUS for whether the two
# values (or their sentences) are each other's best match; it must reach SAME_FACT.
SAME_FACT = 0.85
CONTEXT_BONUS = 0.05
CONTEXT_CAP = 4
ALIGNED_BONUS = 0.05
STEM_BONUS = 0.02  # per content word (stem, names left out) within STEM_WINDOW words
STEM_CAP = 3
MIN_SHARED_CONTEXT = 1.5  # at least one content word next to the value in common, and more
LOCAL_CONTEXT_WORDS = 3  # words each side of the value compared
FUNCTION_WORD_WEIGHT = 0.5  # "passengers and crew" / "passengers and most": "and" says little
# dates are rare anchors; two explicit days in each other's best-matching sentences
# disagree even when worded quite differently ("caught fire yesterday (July 12)")
DATE_SIMILARITY = 0.65
DATE_SENTENCE = 0.6
DATE_SHARED_STEMS = 2
MIN_SENTENCE = 0.5
CROWDED = 4  # distinct values of one measure in a story from which a match needs more
CROWDED_MARGIN = 0.1
# sentences whose other figures all differ are different statements, unless the clauses
# around the values are this close ("The 6.1-magnitude quake struck the island, home to
# # people" vs "The 5.9-magnitude ...": the magnitude differs, the population is one fact)
UNRELATED_FIGURES_OVERRIDE = 0.85
# A measure with only two values in the whole story, each article giving one of them, in
# sentences that are each other's best match and share a content word (stem) beyond the
# thing counted: "the evacuation of 240 people" / "420 people were evacuated".
SINGLE_MEASURE_SENTENCE = 0.7
STEM = 5  # characters: "evacuation" and "evacuated" share a stem
STEM_WINDOW = 6  # words each side
# things counted, in two languages, that are one kind of thing ("residents" / "Anwohner"
# about 0.6 with USE-multilingual; "residents" / "crew" about 0.4)
SAME_THING_ACROSS_LANGUAGES = 0.5
EXACT = 0.02  # relative difference under which a value is "the same value" for vetoes

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_FIGURE = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"(?:19|20)\d\d")
# "59-year-old Jane Roe": the name an age is told of
_NAME_AFTER_AGE = re.compile(r"^[\s-]*((?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'-]+)")
_LEAD_CLASS = {"since": "since", "from": "since", "until": "until", "till": "until", "by": "until"}


def same(first: Slot, second: Slot) -> bool:
    """Equal values up to wording and rounding ("about 100,000" = "100,000")."""
    return same_values(first.kind, first.value, second.value)


def same_values(kind: str, a, b) -> bool:
    """`same` for two values of one slot kind (number, duration, date)."""
    if kind == "number":
        return a.unit == b.unit and a.head == b.head and same_value(a, b)
    if kind == "duration":
        return same_duration(a, b)
    if a.kind == "date" and b.kind == "date":
        return (a.month, a.day) == (b.month, b.day)
    return a.kind == b.kind == "weekday" and a.weekday == b.weekday


def clause_similarity(first: Slot, second: Slot) -> float:
    """Cosine of the two masked clauses (embedded as unit vectors)."""
    assert first.vector is not None and second.vector is not None  # story_slots embeds every clause
    return float(first.vector @ second.vector)


def comparable(first: Slot, second: Slot) -> bool:
    """Could the two values measure the same thing at all? (Two slots of one kind.)"""
    if first.kind == "number":
        qa, qb = first.quantity, second.quantity
        return qa.unit == qb.unit and qa.head == qb.head and bool(qa.head)
    if first.kind == "duration":
        return comparable_durations(first.duration, second.duration)
    a, b = first.time, second.time
    if a.kind == b.kind == "date":
        return True
    # weekdays only compare when both articles were published the same known day
    pa, pb = first.member.article.published, second.member.article.published
    return a.kind == b.kind == "weekday" and bool(pa) and (pa or "")[:10] == (pb or "")[:10]


class StoryValues:
    """Per-story lookups the pair decision needs: slots by article, how crowded each
    measure is, and each sentence's best match in every other article."""

    def __init__(self, slots: list[Slot], clusters=None, embedder=None):
        self._things = _thing_vectors(slots, embedder)
        self.facts = _fact_index(clusters or [])
        self.by_article: dict[str, list[Slot]] = defaultdict(list)
        self._of_kind: dict[tuple[str, str], list[Slot]] = defaultdict(list)
        for slot in slots:
            self.by_article[slot.article_id].append(slot)
            self._of_kind[(slot.article_id, slot.kind)].append(slot)
        self._best: dict[tuple[str, int, str], int] = {}
        self._best_value: dict[tuple[int, str], Slot | None] = {}
        self._memo: dict[tuple, object] = {}

    @property
    def compares_things(self) -> bool:
        """Whether counts of differently named things can measure one thing (the story
        has several languages: "residents" / "Anwohner")."""
        return bool(self._things)

    def of_kind(self, article_id: str, kind: str) -> list[Slot]:
        """The article's slots of one kind, in story order."""
        return self._of_kind.get((article_id, kind), [])

    def memo(self, key: tuple, compute):
        """`compute()` once per key: per-slot answers every pair of the slot asks for."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def best_sentence(self, slot: Slot, other: Slot) -> int:
        """Index of the sentence of `other`'s article closest to `slot`'s sentence."""
        key = (slot.article_id, slot.sentence.index, other.article_id)
        if key not in self._best:
            rows = other.member.sentence_embeddings
            if rows is None or slot.sentence_vector is None or len(rows) == 0:
                self._best[key] = other.sentence.index
            else:
                self._best[key] = int(np.argmax(rows @ slot.sentence_vector))
        return self._best[key]

    def mutual(self, a: Slot, b: Slot) -> bool:
        """The two sentences are each other's best match across the two articles."""
        return self.best_sentence(a, b) == b.sentence.index and self.best_sentence(b, a) == a.sentence.index

    def best_value(self, slot: Slot, article_id: str) -> Slot | None:
        """The value of that article most like `slot` (clause cosine) among those that
        could measure the same thing."""
        key = (id(slot), article_id)
        if key not in self._best_value:
            found = [o for o in self.by_article[article_id] if o.kind == slot.kind
                     and comparable(slot, o)]
            self._best_value[key] = max(found, key=lambda o: clause_similarity(o, slot), default=None)
        return self._best_value[key]

    def aligned(self, a: Slot, b: Slot) -> bool:
        """Each value (or each sentence) is the other's best match."""
        return (self.best_value(a, b.article_id) is b and self.best_value(b, a.article_id) is a) \
            or self.mutual(a, b)

    def comparable(self, a: Slot, b: Slot) -> bool:
        """Could measure the same thing; across languages the things counted are compared
        by meaning ("240 residents" / "240 Anwohner" / "240 vecinos")."""
        if comparable(a, b):
            return True
        if a.kind != "number":
            return False
        qa, qb = a.quantity, b.quantity
        if qa.unit != qb.unit or not (qa.thing and qb.thing):
            return False
        if a.member.article.language == b.member.article.language \
                or qa.head in MEASURES or qb.head in MEASURES:
            return False  # units of measure are converted, never compared by meaning
        va, vb = self._things.get(qa.thing), self._things.get(qb.thing)
        return va is not None and vb is not None and float(va @ vb) >= SAME_THING_ACROSS_LANGUAGES

    def same(self, a: Slot, b: Slot) -> bool:
        if a.kind == "number" and a.quantity.head != b.quantity.head:
            return self.comparable(a, b) and same_value(a.quantity, b.quantity)
        return same(a, b)

    def one_fact(self, a: Slot, b: Slot) -> bool:
        """The two sentences back one aligned statement of the story (a fact cluster, see
        align.py), and there each of the two articles gives one value of this measure."""
        shared = self.facts.get((a.article_id, a.sentence.index), set()) \
            & self.facts.get((b.article_id, b.sentence.index), set())
        return any(self._single_in(a, cluster) and self._single_in(b, cluster) for cluster in shared)

    def _single_in(self, slot: Slot, cluster: int) -> bool:
        return self.memo(("single_in", id(slot), cluster), lambda: all(
            self.same(other, slot) for other in self.of_kind(slot.article_id, slot.kind)
            if self.comparable(other, slot)
            and cluster in self.facts.get((other.article_id, other.sentence.index), set())))

    def crowd(self, a: Slot, b: Slot) -> int:
        """Distinct values of a's measure in the two articles. Counted in these two only:
        what a third outlet reports must never change whether these two disagree (one
        outlier article took a conflict over when the whole story was counted)."""
        return len(self.of_measure(a, a.article_id) | self.of_measure(a, b.article_id))

    def of_measure(self, slot: Slot, article_id: str) -> set:
        """The distinct values an article gives of `slot`'s measure (numbers: unit and
        thing counted; dates: calendar days or weekdays; durations: days)."""
        return self.memo(("of_measure", id(slot), article_id), lambda: {
            _value_key(other) for other in self.of_kind(article_id, slot.kind)
            if other.kind != "number" or measure(other) == measure(slot)})

    def same_lead(self, a: Slot, b: Slot) -> bool:
        """Both dates are told as the same kind of moment ("since ...", "by ...", "on ...")."""
        return _lead_class(a) == _lead_class(b)

    def only_value(self, slot: Slot) -> bool:
        """The article gives no other value of this measure anywhere."""
        return self.memo(("only_value", id(slot)), lambda: all(
            self.same(other, slot) for other in self.of_kind(slot.article_id, slot.kind)
            if self.comparable(other, slot)))

    def reports(self, article_id: str, slot: Slot) -> bool:
        """The article gives `slot`'s value for the same kind of thing somewhere."""
        return self.memo(("reports", article_id, id(slot)), lambda: any(
            same_reported(other, slot) for other in self.of_kind(article_id, slot.kind)))


def _thing_vectors(slots: list[Slot], embedder) -> dict:
    """Embedded things counted, for stories in several languages (only there do heads
    in different words need comparing)."""
    if embedder is None or len({s.member.article.language for s in slots}) < 2:
        return {}
    things = sorted({s.quantity.thing for s in slots if s.kind == "number" and s.quantity.thing})
    return dict(zip(things, embed_texts(things, embedder))) if things else {}


def _fact_index(clusters) -> dict[tuple[str, int], set[int]]:
    """(article, sentence index) -> the multi-article statement clusters it backs."""
    index: dict[tuple[str, int], set[int]] = defaultdict(set)
    for number, cluster in enumerate(clusters):
        if len(cluster.article_ids) < 2:
            continue
        for unit in cluster.units:
            index[(unit.article_id, unit.sentence.index)].add(number)
    return index


def _value_key(slot: Slot):
    if slot.kind == "number":
        return round(slot.quantity.value, 6)
    if slot.kind == "duration":
        return round(slot.duration.days, 3)
    expr = slot.time
    return (expr.kind, expr.month, expr.day, expr.weekday)


def measure(slot: Slot) -> tuple[str, str]:
    """A number's measure: the head of what it counts, and its unit."""
    quantity = slot.quantity
    return quantity.head, quantity.unit


def same_reported(first: Slot, second: Slot) -> bool:
    """The same value (nearly exactly) of the same measure; a count without a named
    thing ("178 of 369 punches") matches any thing."""
    if first.kind == "number":
        qa, qb = first.quantity, second.quantity
        if qa.unit != qb.unit or (qa.head and qb.head and qa.head != qb.head):
            return False
        high = max(abs(qa.value), abs(qb.value))
        # nearly equal and equal as written: "$5,687.75" does not report "$5,587.75",
        # nor "59" "60" (two values a pair is weighed on are never one value here)
        return high == 0 or abs(qa.value - qb.value) / high <= EXACT and equal_as_written(qa, qb)
    if first.kind == "duration":
        da, db = first.duration, second.duration
        return abs(da.days - db.days) <= EXACT * max(da.days, db.days)
    a, b = first.time, second.time
    if a.kind == b.kind == "date":
        return (a.month, a.day) == (b.month, b.day)
    return False


# The words and figures around a value are asked for by every pair of its slot: pure
# functions of the sentence and the value's place in it, memoised.
_AROUND_CACHE = SENTENCE_CACHE


def _window(slot: Slot) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _window_of(slot.sentence.text, slot.start - slot.sentence.start,
                      slot.end - slot.sentence.start)


@lru_cache(maxsize=_AROUND_CACHE)
def _window_of(text: str, s: int, e: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    left = tuple(w.lower() for w in _WORD.findall(text[:s]))[-LOCAL_CONTEXT_WORDS:]
    right = tuple(w.lower() for w in _WORD.findall(text[e:]))[:LOCAL_CONTEXT_WORDS]
    return left, right


def _other_figures(slot: Slot) -> frozenset[str]:
    return _other_figures_of(slot.sentence.text, slot.start - slot.sentence.start,
                             slot.end - slot.sentence.start)


@lru_cache(maxsize=_AROUND_CACHE)
def _other_figures_of(text: str, s: int, e: int) -> frozenset[str]:
    return frozenset(f.strip(",.").replace(",", "") for f in _FIGURE.findall(text[:s] + " " + text[e:]))


def _word_weight(words: set[str]) -> float:
    return sum(FUNCTION_WORD_WEIGHT if w in STOP_WORDS else 1.0 for w in words)


def shared_context(a: Slot, b: Slot) -> float:
    """Neighbour words in common on each side (function words count half), plus other
    figures of the two sentences in common (counting double; years not)."""
    (la, ra), (lb, rb) = _window(a), _window(b)
    # a year both sentences mention dates the story, not the fact
    figures = len({f for f in _other_figures(a) & _other_figures(b) if not _YEAR.fullmatch(f)})
    return _word_weight(set(la) & set(lb)) + _word_weight(set(ra) & set(rb)) + 2 * figures


def stems(slot: Slot, names: bool = True) -> frozenset[str]:
    """Stems of the content words around the value, the thing counted left out (and
    names too, when `names` is False: a name says what the story is about, not which of
    its facts a sentence tells)."""
    return _stems_of(slot.sentence.text, slot.start - slot.sentence.start,
                     slot.end - slot.sentence.start, getattr(slot.value, "thing", "") or "", names)


@lru_cache(maxsize=_AROUND_CACHE)
def _stems_of(text: str, s: int, e: int, thing: str, names: bool) -> frozenset[str]:
    words = _WORD.findall(text[:s])[-STEM_WINDOW:] + _WORD.findall(text[e:])[:STEM_WINDOW]
    counted = {w.lower() for w in thing.split()}
    return frozenset(w.lower()[:STEM] for w in words if w.isalpha() and len(w) > 3
                     and (names or not w[0].isupper())
                     and w.lower() not in STOP_WORDS and w.lower() not in counted)


def single_measure_fact(a: Slot, b: Slot, sentence: float, values: StoryValues) -> bool:
    """The story's only two values of one measure, told in aligned sentences."""
    return (a.kind == "number" and values.crowd(a, b) <= 2
            and sentence >= SINGLE_MEASURE_SENTENCE and values.mutual(a, b)
            and not unrelated_figures(a, b) and bool(stems(a) & stems(b)))


def _proper_modifiers(slot: Slot) -> set[str]:
    thing = getattr(slot.value, "thing", "") or ""
    return {w.lower() for w in thing.split()[:-1] if w[:1].isupper()}


def different_things(a: Slot, b: Slot) -> bool:
    """'11 Yemeni pirates' vs '23 pirates': a named part is not the whole; nor is a
    remainder ('three other rifles' vs 'nine rifles')."""
    if a.kind != "number":
        return False
    if _remainder(a) != _remainder(b):
        return True
    ma, mb = _proper_modifiers(a), _proper_modifiers(b)
    return bool(ma or mb) and ma != mb


def _remainder(slot: Slot) -> bool:
    thing = (getattr(slot.value, "thing", "") or "").lower().split()
    return bool(thing) and thing[0] in _REMAINDER_WORDS


_REMAINDER_WORDS = {"other", "more", "additional", "further", "another"}


def unrelated_figures(a: Slot, b: Slot) -> bool:
    fa, fb = _other_figures(a), _other_figures(b)
    return bool(fa) and bool(fb) and not fa & fb


def _lead_class(slot: Slot) -> str:
    return _LEAD_CLASS.get(getattr(slot.value, "lead", ""), "at")


def _aged_person(slot: Slot) -> str:
    if slot.kind != "number" or slot.quantity.thing != "years old":
        return ""
    found = _NAME_AFTER_AGE.match(slot.sentence.text[slot.end - slot.sentence.start:])
    return found.group(1) if found and len(found.group(1).split()) >= 2 else ""


def _aged_noun(slot: Slot) -> str:
    if slot.kind != "number" or slot.quantity.thing != "years old":
        return ""
    found = re.match(r"^[\s-]*([a-z]{3,})\b", slot.sentence.text[slot.end - slot.sentence.start:])
    return found.group(1) if found and found.group(1) not in STOP_WORDS else ""


def ages_of_one_person(a: Slot, b: Slot, values: StoryValues, sentence: float) -> bool:
    """Two ages told of one named person ("59-year-old Jane Roe" / "60-year-old Jane
    Roe"): one fact whatever the rest of the two sentences says; or of one "woman" /
    "deputy" in sentences that are each other's best match."""
    first, second = _aged_person(a), _aged_person(b)
    if first and second:
        return same_person(first, second)
    noun = _aged_noun(a)
    return bool(noun) and noun == _aged_noun(b) and sentence >= MIN_SENTENCE and values.mutual(a, b)


def same_language_fact(a: Slot, b: Slot, clause: float, sentence: float,
                       values: StoryValues) -> bool:
    """The pair decision for two slots of one language (words can be compared)."""
    if ages_of_one_person(a, b, values, sentence):
        return True
    if sentence < MIN_SENTENCE:
        return False
    if clause >= NEAR_IDENTICAL:
        return True
    aligned = values.aligned(a, b)
    if a.kind == "date":
        # "since October 23" and "on November 18" are two moments; a clause cut short
        # ("should be back to normal by Dec. 31") still shares its words with the other
        return aligned and _lead_class(a) == _lead_class(b) and sentence >= DATE_SENTENCE \
            and (clause >= DATE_SIMILARITY or len(stems(a) & stems(b)) >= DATE_SHARED_STEMS)
    if a.kind == "number" and clause < UNRELATED_FIGURES_OVERRIDE and unrelated_figures(a, b):
        return False
    if single_measure_fact(a, b, sentence, values):
        return True
    context = shared_context(a, b)
    if context < MIN_SHARED_CONTEXT:
        return False
    threshold = SAME_FACT
    if a.kind == "number" and values.crowd(a, b) >= CROWDED:
        threshold += CROWDED_MARGIN
    shared_words = len(stems(a, names=False) & stems(b, names=False))
    evidence = clause + CONTEXT_BONUS * min(context, CONTEXT_CAP) \
        + STEM_BONUS * min(shared_words, STEM_CAP) + (ALIGNED_BONUS if aligned else -ALIGNED_BONUS)
    return evidence >= threshold

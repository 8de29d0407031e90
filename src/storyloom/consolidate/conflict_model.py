"""The learned contradiction decision: do two different values report one thing?

Two values of one measure (a number and its thing counted, a duration, a date or a
weekday) from independent outlets are a contradiction only when they are told about the
same thing at the same time. Whether they are is read off the pair's features below
(how alike the clauses and sentences are, which words and figures sit next to each
value, whether each sentence is the other's best match, whether either article gives
the other value too, how far apart the values are, ...) by a logistic regression fitted
on labelled real disagreements (BASIL) and cross-validated by story:
`python -m storyloom.eval.train_conflicts` writes `conflict_decision.json` beside this
module, with the command, the data and the cross-validated figures it was chosen by.

What is logic and not evidence stays a rule in conflicts.py: values that cannot measure
the same thing (another unit, another thing counted) are never compared, an article that
gives both values is on no side, and a syndicated copy never disagrees with its original.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from storyloom.analyze.times import resolve
from storyloom.consolidate.logistic import StandardisedLogistic, load
from storyloom.consolidate.same_fact import (
    StoryValues,
    ages_of_one_person,
    different_things,
    shared_context,
    stems,
    unrelated_figures,
)
from storyloom.consolidate.slots import Slot
from storyloom.text.en import SPEECH_VERBS, STATEMENT_NOUNS

MODEL_PATH = Path(__file__).with_name("conflict_decision.json")
DATE_GAP_CAP = 60  # days: a gap past two months says nothing more

FEATURES = (
    "clause", "sentence", "context", "stems", "content_stems", "aligned", "mutual", "one_fact",
    "only_values", "reports_related", "different_things", "other_people", "unrelated_figures",
    "crowd", "number", "duration", "date", "weekday", "difference", "date_gap", "unresolved",
    "approximate", "ages", "same_lead", "position", "same_thing", "statement_time",
)
# what each feature can only say (+1 for "one fact told two ways", -1 against, 0 either):
# known before any data, and kept by the fit (logistic.fit's `signs`)
SIGNS = {
    "clause": 1, "sentence": 1, "context": 1, "stems": 1, "content_stems": 1, "aligned": 1,
    "mutual": 1, "one_fact": 1, "only_values": 1, "reports_related": -1, "different_things": -1,
    "other_people": -1, "unrelated_figures": -1, "crowd": -1, "number": 0, "duration": 0,
    "date": 0, "weekday": 0, "difference": -1, "date_gap": -1, "unresolved": 0,
    "approximate": -1, "ages": 1, "same_lead": 1, "position": 0, "same_thing": 1,
    "statement_time": -1,
}
# words around a date that make it the time someone spoke ("said Monday", "in an interview
# Tuesday"): outlets quoting different statements give different days, and that is no
# disagreement about an event
_SPOKEN = frozenset(SPEECH_VERBS) | frozenset(STATEMENT_NOUNS)
_WORD = re.compile(r"[A-Za-z]+")
SPOKEN_BEFORE, SPOKEN_AFTER = 4, 2  # words looked at on each side of the date


def _relative_difference(a: Slot, b: Slot) -> float:
    if a.kind == "number":
        high = max(abs(a.quantity.value), abs(b.quantity.value))
        return abs(a.quantity.value - b.quantity.value) / high if high else 0.0
    if a.kind == "duration":
        return abs(a.duration.days - b.duration.days) / max(a.duration.days, b.duration.days, 1e-9)
    return 0.0


def _published(slot: Slot) -> dt.date | None:
    published = slot.member.article.published
    try:
        return dt.date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _date_gap(a: Slot, b: Slot) -> tuple[float, float]:
    """(days between the two resolved dates / DATE_GAP_CAP, whether either is unresolved)."""
    if a.kind != "date":
        return 0.0, 0.0
    first, second = resolve(a.time, _published(a)), resolve(b.time, _published(b))
    if first is None or second is None:
        return 0.0, 1.0
    return min(abs((first - second).days), DATE_GAP_CAP) / DATE_GAP_CAP, 0.0


def _statement_time(slot: Slot) -> bool:
    if slot.kind != "date":
        return False
    text, offset = slot.sentence.text, slot.sentence.start
    before = _WORD.findall(text[:slot.start - offset])[-SPOKEN_BEFORE:]
    after = _WORD.findall(text[slot.end - offset:])[:SPOKEN_AFTER]
    return any(w.lower() in _SPOKEN for w in before + after)


def _position(slot: Slot) -> float:
    return slot.sentence.index / max(1, len(slot.member.sentences))


def pair_features(a: Slot, b: Slot, values: StoryValues, other_people: bool,
                  reports_related: bool, sentence: float) -> list[float]:
    """The FEATURES of one pair of slots of one kind with different values."""
    assert a.vector is not None and b.vector is not None  # story_slots embeds every clause
    weekday = a.kind == "date" and a.time.kind == "weekday"
    gap, unresolved = _date_gap(a, b)
    crowd = values.crowd(a, b)  # in the two articles only (see StoryValues.crowd)
    thing_a = (getattr(a.value, "thing", "") or "").lower()
    return [
        float(a.vector @ b.vector), sentence, shared_context(a, b),
        len(stems(a) & stems(b)), len(stems(a, names=False) & stems(b, names=False)),
        float(values.aligned(a, b)), float(values.mutual(a, b)), float(values.one_fact(a, b)),
        float(values.only_value(a) and values.only_value(b)), float(reports_related),
        float(different_things(a, b)), float(other_people),
        float(a.kind == "number" and unrelated_figures(a, b)), math.log1p(crowd),
        float(a.kind == "number"), float(a.kind == "duration"), float(a.kind == "date" and not weekday),
        float(weekday), _relative_difference(a, b), gap, unresolved,
        float(bool(getattr(a.value, "approx", False))) + float(bool(getattr(b.value, "approx", False))),
        float(ages_of_one_person(a, b, values, sentence)), float(values.same_lead(a, b)),
        min(_position(a), _position(b)),
        float(a.kind == "number" and bool(thing_a) and thing_a == (b.quantity.thing or "").lower()),
        float(_statement_time(a)) + float(_statement_time(b)),
    ]


RETRAIN = "python -m storyloom.eval.train_conflicts"


def load_model(path: str = str(MODEL_PATH)) -> StandardisedLogistic:
    return load(path, FEATURES, RETRAIN)

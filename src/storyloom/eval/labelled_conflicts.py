"""Conflicts scored against labelled real disagreements (BASIL's `conflicts.jsonl` format).

A label: `{story, kind, about, relation, claims: [{value, articles, evidence}]}` with
relation contradiction | update | imprecise, or `{story, none: true}`. Positives are
contradictions and updates. A reported contradiction matches a label when two of its
claims, with different values, each cover a different labelled claim: the claim's
sources meet the labelled articles, and its value shares a token (numbers normalised,
"five" = "5") with the labelled value, or one of its sentences shares 60% of its tokens
with the labelled evidence. A contradiction that matches only an `imprecise` label is
neutral (neither true nor false); one that matches nothing is false. This is the rule of
the shared scorer (`../shared/tools/score_conflicts.py`), so both give the same figures.

Contradicting credits: facts whose text is a labelled contradiction's evidence (70% of
tokens) and that cite an outlet which, in that label, reports only another value.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

POSITIVE = ("contradiction", "update")
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "hundred": 100}
# words that qualify a value without being it ("about 100", "more than $7 billion")
_QUALIFIERS = {"the", "a", "an", "of", "on", "in", "at", "for", "to", "and", "about", "some",
               "more", "than", "least", "nearly", "roughly", "around", "over", "under", "as",
               "many", "much", "up", "almost", "just", "approximately", "estimated"}
_TOKEN = re.compile(r"[a-z0-9.$%]+")
_FIGURE = re.compile(r"[$]?[0-9][0-9.]*%?")
EVIDENCE_OVERLAP = 0.6
CREDIT_OVERLAP = 0.7


def tokens(text) -> set[str]:
    found = set()
    for token in _TOKEN.findall(str(text).lower().replace(",", "")):
        token = token.strip(".")
        if token:
            found.add(str(_NUMBER_WORDS.get(token, token)))
    return found - _QUALIFIERS


def value_key(value) -> frozenset[str]:
    """The figures of a value when it has any, else its words ("as many as 1.5 million"
    and "1.5 million" are one value)."""
    words = tokens(value)
    figures = {t for t in words if _FIGURE.fullmatch(t)}
    return frozenset(figures or words)


def overlap(first, second) -> float:
    a, b = tokens(first), tokens(second)
    return len(a & b) / max(1, min(len(a), len(b)))


def load_labels(path: Path, texts: Mapping[str, str] | None = None) -> list[dict]:
    """Labels of a JSONL file. A claim's `evidence` is its sentence, or (in labels kept in
    this repository, which hold no article text) a span `{article, start, end}` into the
    article's text as the data file gives it: `texts` (article id -> text) resolves it."""
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if "story" not in record or not (record.get("none") or record.get("claims")):
            raise ValueError(f"{path}:{number}: a label needs 'story' and 'claims' (or 'none')")
        for claim in record.get("claims") or []:
            if isinstance(claim.get("evidence"), dict):
                claim["evidence"] = _evidence_text(claim["evidence"], texts, f"{path}:{number}")
        labels.append(record)
    return labels


def has_spans(path: Path) -> bool:
    """Whether a labels file gives its evidence as spans (see `load_labels`)."""
    return '"evidence": {' in path.read_text(encoding="utf-8")


def _evidence_text(span: dict, texts: Mapping[str, str] | None, where: str) -> str:
    if texts is None:
        raise ValueError(f"{where}: evidence is a span into an article: give the articles' texts")
    text = texts.get(str(span.get("article")))
    if text is None:
        raise ValueError(f"{where}: no text for article {span.get('article')!r}")
    return text[int(span["start"]):int(span["end"])]


def _sources(claim: dict) -> set[str]:
    return {str(s.get("article_id", s)) if isinstance(s, dict) else str(s)
            for s in claim.get("sources", [])}


def covers(claim: dict, labelled: dict) -> bool:
    """A reported claim stands for a labelled claim (see the module docstring)."""
    if not _sources(claim) & set(labelled["articles"]):
        return False
    if tokens(claim.get("value", "")) & tokens(labelled["value"]):
        return True
    texts = [claim.get("text", "")] + [e.get("text", "") for e in claim.get("evidence") or []]
    return any(overlap(t, labelled["evidence"]) >= EVIDENCE_OVERLAP for t in texts if t)


def matches(conflict: dict, label: dict) -> bool:
    claims, labelled = conflict.get("claims", []), label["claims"]
    for i, first in enumerate(labelled):
        for second in labelled[i + 1:]:
            if value_key(first["value"]) == value_key(second["value"]):
                continue
            for a, pa in enumerate(claims):
                for pb in claims[a + 1:]:
                    if (covers(pa, first) and covers(pb, second)) \
                            or (covers(pa, second) and covers(pb, first)):
                        return True
    return False


def contradicting_credits(stories: list[dict], records: list[dict]) -> list[dict]:
    """Facts (each counted once) that credit an outlet with a side of a labelled
    contradiction that its own text contradicts."""
    found = []
    contradictions = [r for r in records if r["relation"] == "contradiction"]
    for story in stories:
        for fact in story.get("facts") or []:
            problem = _contradicted_credit(fact, contradictions)
            if problem:
                found.append(problem)
    return found


def _contradicted_credit(fact: dict, contradictions: list[dict]) -> dict | None:
    sources = set(fact.get("sources", []))
    for record in contradictions:
        for side in record["claims"]:
            if overlap(fact.get("text", ""), side["evidence"]) < CREDIT_OVERLAP:
                continue
            others = {a for other in record["claims"]
                      if value_key(other["value"]) != value_key(side["value"])
                      for a in other["articles"]} - set(side["articles"])
            if sources & others:
                return {"story": record["story"], "fact": fact.get("text", ""),
                        "about": record.get("about", ""), "value": side["value"],
                        "credited": sorted(sources & others)}
    return None


@dataclass
class Score:
    labelled_stories: int = 0
    positives: int = 0
    imprecise: int = 0
    true: int = 0
    false: int = 0
    neutral: int = 0
    found: set = field(default_factory=set)  # indexes of positive labels matched
    by_kind: dict = field(default_factory=lambda: defaultdict(Counter))
    by_relation: dict = field(default_factory=lambda: defaultdict(Counter))
    false_examples: list = field(default_factory=list)
    credits: list = field(default_factory=list)

    def as_dict(self) -> dict:
        predicted = self.true + self.false
        return {
            "precision": self.true / predicted if predicted else 0.0,
            "recall": len(self.found) / self.positives if self.positives else 0.0,
            "contradicting_credits": len(self.credits),
            "reported": predicted + self.neutral, "true": self.true, "false": self.false,
            "on_imprecise_labels": self.neutral, "positives": self.positives,
            "found": len(self.found), "imprecise_labels": self.imprecise,
            "labelled_stories": self.labelled_stories,
            "by_kind": {kind: dict(row) for kind, row in sorted(self.by_kind.items())},
            "by_relation": {name: dict(row) for name, row in sorted(self.by_relation.items())},
            "false_examples": self.false_examples, "contradicting_credit_examples": self.credits[:10],
        }


def score(digest: dict, labels: list[dict], examples: int = 10) -> dict:
    """Precision, recall, contradicting credits and per-kind rows of a digest (the JSON
    of `storyloom digest --format json`) against labels. Only labelled stories whose
    articles the digest holds count."""
    stories = digest.get("stories", [])
    seen = {a["id"] for s in stories for a in s.get("articles", [])}
    labels = [r for r in labels if r.get("none") or all(set(c["articles"]) <= seen for c in r["claims"])]
    records = [r for r in labels if not r.get("none")]
    result = Score(labelled_stories=len({r["story"] for r in labels}))
    result.positives = sum(r["relation"] in POSITIVE for r in records)
    result.imprecise = len(records) - result.positives
    for record in records:
        result.by_relation[record["relation"]]["labelled"] += 1
        if record["relation"] in POSITIVE:
            result.by_kind[record.get("kind", "other")]["labelled"] += 1
    for story in stories:
        if len(story.get("articles", [])) < 2:
            continue
        for conflict in story.get("conflicts") or []:
            if conflict.get("contradiction") is False:
                continue
            hits = [i for i, r in enumerate(records) if matches(conflict, r)]
            positive = [i for i in hits if records[i]["relation"] in POSITIVE]
            kind = conflict.get("kind", "other")
            result.by_kind[kind]["reported"] += 1
            result.by_relation[conflict.get("relation", "contradiction")]["reported"] += 1
            for i in hits:
                result.by_relation[records[i]["relation"]]["matched"] += 1
            if positive:
                result.true += 1
                result.by_kind[kind]["true"] += 1
                for i in positive:
                    if i not in result.found:
                        result.by_kind[records[i].get("kind", "other")]["found"] += 1
                        result.by_relation[records[i]["relation"]]["found"] += 1
                    result.found.add(i)
            elif hits:
                result.neutral += 1
                result.by_kind[kind]["on_imprecise"] += 1
            else:
                result.false += 1
                result.by_kind[kind]["false"] += 1
                if len(result.false_examples) < examples:
                    result.false_examples.append(
                        {"story": story.get("id", ""), "kind": kind,
                         "values": [c.get("value") for c in conflict.get("claims", [])]})
    result.credits = contradicting_credits(stories, records)
    return result.as_dict()

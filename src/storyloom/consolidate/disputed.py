"""Agreed facts never count a contradicting outlet as agreeing.

Alignment joins sentences that say the same thing in other words, and a sentence that
gives another value for one slot ("reopen on 14 March" / "reopen on 21 March") is, to
an embedding, a paraphrase. Once conflicts are known, a fact whose sentences carry two
sides of one contradiction is split: the sentences of the side its own wording takes
stay, each other side's sentences become a fact of their own, and sources and
corroboration are counted again. Related figures that are not a contradiction (a
planned total vs a current estimate) do not split a fact.
"""
from __future__ import annotations

from collections import Counter

from storyloom.consolidate.facts import corroboration, outlet_keys
from storyloom.model import AnalyzedArticle, Conflict, Evidence, Fact

# per conflict: article id -> (start, end, claim index) of the sentences carrying a claim;
# a story can hold hundreds of facts, so a fact's sentence looks only at its own article
ClaimSpans = dict[str, list[tuple[int, int, int]]]


def _claim_spans(conflict: Conflict) -> ClaimSpans:
    spans: ClaimSpans = {}
    for index, claim in enumerate(conflict.claims):
        for e in claim.evidence:
            spans.setdefault(e.article_id, []).append((e.start, e.end, index))
    return spans


def _sides(evidence: list[Evidence], spans: ClaimSpans) -> list[int | None]:
    """For each sentence, the claim of the conflict it carries (None: no claim)."""
    sides: list[int | None] = []
    for sentence in evidence:
        found = {index for start, end, index in spans.get(sentence.article_id, ())
                 if start < sentence.end and sentence.start < end}
        sides.append(found.pop() if len(found) == 1 else None)  # a sentence with both: neither
    return sides


def _kept_side(sides: list[int | None]) -> int:
    """The side of the fact's own wording (its first sentence), else the most sentences."""
    if sides[0] is not None:
        return sides[0]
    return Counter(s for s in sides if s is not None).most_common(1)[0][0]


def _fact(evidence: list[Evidence], text: str, outlets: dict[str, str],
          order: dict[str, int]) -> Fact:
    sources = sorted({e.article_id for e in evidence}, key=lambda a: order.get(a, 0))
    return Fact(text, sources, corroboration(sources, outlets), evidence)


Sides = tuple  # per disputed conflict: the claim a sentence carries, or None


def _compatible(first: Sides, second: Sides) -> bool:
    return all(a is None or b is None or a == b for a, b in zip(first, second))


def _split(fact: Fact, disputes: list[ClaimSpans]) -> tuple[list[Evidence], list[list[Evidence]]]:
    """(the sentences that keep the fact's side on every conflict it spans, the other
    sentences grouped so that no group holds two sides of one conflict)."""
    per_conflict = [_sides(fact.evidence, spans) for spans in disputes]
    spanned = [sides for sides in per_conflict if len({s for s in sides if s is not None}) > 1]
    if not spanned:
        return fact.evidence, []
    kept = tuple(_kept_side(sides) for sides in spanned)
    signatures = list(zip(*spanned))
    stay = [e for e, sig in zip(fact.evidence, signatures) if _compatible(sig, kept)]
    groups: list[tuple[list[Sides], list[Evidence]]] = []
    for sentence, sig in zip(fact.evidence, signatures):
        if _compatible(sig, kept):
            continue
        group = next((g for g in groups if all(_compatible(sig, other) for other in g[0])), None)
        if group is None:
            groups.append(([sig], [sentence]))
        else:
            group[0].append(sig)
            group[1].append(sentence)
    return stay, [sentences for _, sentences in groups]


def _key(sentence: Evidence) -> tuple[str, int]:
    return sentence.article_id, sentence.start


def _merged(parts: list[list[Evidence]], kept: list[Fact]) -> list[list[Evidence]]:
    """Split-off sentences said once: parts sharing a sentence (one sentence split off two
    facts) become one, and a part already inside a kept fact is dropped."""
    merged: list[list[Evidence]] = []
    for part in parts:
        keys = {_key(e) for e in part}
        joined = [m for m in merged if keys & {_key(e) for e in m}]
        for m in joined:
            merged.remove(m)
        combined = [e for m in joined for e in m] + part
        unique = list({_key(e): e for e in combined}.values())
        merged.append(unique)
    covered = {_key(e) for fact in kept for e in fact.evidence}
    return [m for m in merged if not {_key(e) for e in m} <= covered]


def _wording(part: list[Evidence], english: set[str]) -> str:
    """The split-off fact reads as its first English sentence, as facts prefer English."""
    return next((e.text for e in part if e.article_id in english), part[0].text)


def separate_disputed(facts: list[Fact], conflicts: list[Conflict],
                      members: list[AnalyzedArticle]) -> list[Fact]:
    """`facts` with every fact that spans two sides of a contradiction split by side;
    most corroborated first again (a stable sort keeps reading order among equals)."""
    disputes = [_claim_spans(c) for c in conflicts if c.contradiction]
    if not disputes:
        return facts
    outlets = outlet_keys(members)
    order = {m.id: i for i, m in enumerate(members)}
    kept, moved = [], []
    for fact in facts:
        stay, parts = _split(fact, disputes)
        kept.append(fact if not parts else _fact(stay, fact.text, outlets, order))
        moved += parts
    english = {m.id for m in members if (m.article.language or "").startswith("en")}
    split_off = [_fact(part, _wording(part, english), outlets, order)
                 for part in _merged(moved, kept)]
    return sorted(kept + split_off, key=lambda f: (-f.corroboration, -len(f.sources)))

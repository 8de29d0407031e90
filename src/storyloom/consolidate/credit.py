"""Who is credited with a fact: never an outlet whose own statement contradicts it, nor
one that does not print the words the fact quotes.

Alignment gathers the statements of a story that are about the same thing (average-link
clusters of embedding cosine), and to an embedding "reopens on 14 March" and "reopens on
21 March" are paraphrases. An outlet is credited with a fact only when one of its own
statements in the fact's cluster does not clash with the fact's wording. A statement
clashes when
  - it gives another value of one of the fact's measures (the same unit and thing
    counted, both a calendar day, both a weekday, or comparable durations) and not the
    fact's own value; or
  - the fact quotes someone's words and the statement does not print them; or
  - it gives a person of the fact another given name ("Maria Lind" / "Ana Lind": names.py).
(A negation clash, one of the two negated and the other not, was tried too: it split the
seed stories' "guarantees that the alliance will not expand" from its paraphrases, and negation is often
worded without "not": left out.) Outlets that clash are not dropped from the story: their
statements become a fact of their own (checked the same way), so each side of a
disagreement is credited to the outlets that take it. This is logic, not a weighed
decision. Whether an outlet that does not clash really *states* the fact is a weighed
decision this module does not make yet: docs/decisions/conflicts-on-real-news.md has the
learned decision that was measured and left out.
"""
from __future__ import annotations

import re
from functools import lru_cache

from storyloom.analyze.runs import SENTENCE_CACHE
from storyloom.analyze.times import comparable_durations, years_in
from storyloom.consolidate.names import names_clash
from storyloom.consolidate.same_fact import same_values
from storyloom.consolidate.slots import calendar_months, values_in
from storyloom.text import WORD


def _bucket(kind: str, value) -> tuple | None:
    """Values of one bucket can measure one thing (see conflicts._bucket)."""
    if kind == "number":
        return ("number", value.unit, value.head) if value.head else None
    if kind == "date":
        return ("date", value.kind) if value.kind in ("date", "weekday") else None
    return ("duration",)


@lru_cache(maxsize=SENTENCE_CACHE)  # a fact's wording is compared with every outlet's statement
def _values(text: str) -> dict[tuple, list]:
    found: dict[tuple, list] = {}
    for kind, _, _, value in values_in(text):
        bucket = _bucket(kind, value)
        if bucket is not None:
            found.setdefault(bucket, []).append((kind, value))
    return found


def value_clash(fact: str, statement: str) -> bool:
    """The statement gives another value of a measure the fact gives, and not the
    fact's own value of it; or other years than all the fact's ("has chaired it since 2012"
    / "since 2013"), or other months."""
    fact_years, statement_years = years_in(fact), years_in(statement)
    if fact_years and statement_years and fact_years.isdisjoint(statement_years):
        return True
    # months likewise: "the harbour vote in mid May" / "the vote will be held on April 30"
    fact_months, statement_months = calendar_months(fact), calendar_months(statement)
    if fact_months and statement_months and fact_months.isdisjoint(statement_months):
        return True
    mine, theirs = _values(fact), _values(statement)
    for bucket, values in mine.items():
        others = theirs.get(bucket)
        if not others:
            continue
        if bucket == ("duration",):
            others = [(k, o) for k, o in others if any(comparable_durations(v, o) for _, v in values)]
            if not others:
                continue
        if not any(same_values(kind, value, other) for kind, value in values for _, other in others):
            return True
    return False


_QUOTED = re.compile(r"[\"\u201c\u201e\u00ab]([^\"\u201c\u201d\u201e\u00ab\u00bb]{3,300})[\"\u201d\u201c\u00bb]")


def quote_missing(fact: str, statement: str) -> bool:
    """The fact quotes words that the statement does not print: a quotation is credited
    only to the outlets that quote it (a spokesman's "very tense", printed by one
    outlet of five, is not what the other four report)."""
    said = " ".join(WORD.findall(statement.lower()))
    return any(" ".join(WORD.findall(quoted.lower())) not in said
               for quoted in _QUOTED.findall(fact) if WORD.findall(quoted))


def clashes(fact: str, statement: str) -> bool:
    return value_clash(fact, statement) or quote_missing(fact, statement) or names_clash(fact, statement)
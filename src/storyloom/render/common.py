"""Wording shared by the human-readable renderers (Markdown and HTML)."""
from __future__ import annotations

import re

from storyloom.model import Article, Conflict, Entity, Fact, Membership, StoryBrief

_KIND_LABELS = {
    "number": "Numbers differ", "date": "Dates differ", "duration": "Durations differ",
    "role": "Roles differ", "place": "Places differ", "speaker": "Speakers differ",
    "name": "Names differ",
}


def article_outlet(article: Article) -> str:
    """The outlet name as a reader knows it: the source, else the URL host, else the id."""
    return article.outlet


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """"1 outlet", "3 outlets"."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def agreed_facts(facts: list[Fact], outlets: int) -> list[Fact]:
    """What a brief lists as agreed: facts two or more independent outlets state, most
    corroborated first; with a single outlet, its facts (nothing can be agreed, nothing
    is hidden)."""
    ordered = sorted(facts, key=lambda f: -f.corroboration)
    return ordered if outlets < 2 else [f for f in ordered if f.corroboration > 1]


def outlets_of(articles: list[Article]) -> list[str]:
    """Distinct outlet names, in article order."""
    return list(dict.fromkeys(article_outlet(a) for a in articles))


def story_anchor(item: StoryBrief) -> str:
    """A fragment id safe in both HTML and Markdown (story ids come from the pipeline)."""
    return "story-" + re.sub(r"[^A-Za-z0-9_-]", "-", item.story.id)


def conflict_kind_label(conflict: Conflict) -> str:
    if not conflict.contradiction:
        return f"Related {conflict.kind or 'figures'} (not a contradiction)"
    if conflict.relation == "update":
        return f"Updated {conflict.kind or 'figure'} (a later report differs)"
    return _KIND_LABELS.get(conflict.kind, f"Conflict ({conflict.kind})" if conflict.kind
                            else "Conflict")


def differ_label(kind: str) -> str:
    """"numbers differ": what a contradiction of this kind is, in a heading's words."""
    label = _KIND_LABELS.get(kind)
    return label.lower() if label else (f"{kind} differs" if kind else "accounts differ")


def membership_reason(membership: Membership) -> str:
    """One line: why this article joined its story."""
    if membership.linked_to is None:
        return "seed of the story"
    signals = ", ".join(f"{s.name} {s.score:.2f}" for s in membership.signals)
    reason = f"linked to {membership.linked_to} (score {membership.score:.2f}"
    return reason + (f"; {signals})" if signals else ")")


def outlet_label(publisher: str, articles: list[Article]) -> str:
    """Coverage rows are keyed by `Article.publisher`; show the outlet name readers know."""
    for article in articles:
        if article.publisher == publisher:
            return article_outlet(article)
    return publisher


def split_by_reach(entities: list[Entity]) -> tuple[list[Entity], list[Entity]]:
    """(named by several articles, named by one); all in the first when none is shared."""
    shared = [e for e in entities if len(set(e.sources)) > 1]
    if not shared:
        return list(entities), []
    return shared, [e for e in entities if len(set(e.sources)) <= 1]


def conflict_count_label(conflicts: list[Conflict]) -> str:
    """"2 conflicts", "1 conflict + 1 related", "none": related figures are not counted as
    contradictions, so a story list does not alarm readers about them."""
    real = sum(1 for c in conflicts if c.contradiction)
    related = len(conflicts) - real
    parts = [f"{real} conflict{'s' * (real != 1)}"] if real else []
    parts += [f"{related} related"] if related else []
    return " + ".join(parts) or "none"


YEARLESS_DATE = re.compile(r"^--(\d{2})(?:-(\d{2}))?$")  # ISO 8601 "--12-07" / "--12"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_label(text: str, short: bool = False, approximate: bool = False) -> str:
    """A timeline date as shown to readers: ISO dates as they are (to the day), year-less
    ones ("--12-07") as "7 Dec" plus, unless `short`, "(year not stated)"; an estimated
    day gets "about" (or "~" when `short`)."""
    match = YEARLESS_DATE.match(text or "")
    if not match or not 1 <= int(match.group(1)) <= 12:
        shown, year_note = (text or "")[:10], ""
    else:
        month = _MONTHS[int(match.group(1)) - 1]
        shown = f"{int(match.group(2))} {month}" if match.group(2) else month
        year_note = " (year not stated)"
    if approximate:
        shown = ("~" if short else "about ") + shown
    return shown if short else shown + year_note

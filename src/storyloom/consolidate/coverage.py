"""Per-outlet coverage: what only one outlet reports, and what it leaves out that
most of the others report."""
from __future__ import annotations

from storyloom.consolidate.facts import outlet_keys
from storyloom.model import AnalyzedArticle, Coverage, Fact

# A fact counts as "missing" from an outlet when most of the other outlets (a strict
# majority, and never fewer than MIN_REPORTING) report it: with five outlets, a fact
# two of them carry is not something the other three "left out".
MIN_REPORTING = 2


def outlet_names(members: list[AnalyzedArticle]) -> dict[str, str]:
    """Outlet key -> the name to show: the source as written, else the URL host,
    else (no outlet known) the article id."""
    keys = outlet_keys(members)
    by_id = {m.id: m.article for m in members}
    names: dict[str, str] = {}
    for member in members:
        key = keys[member.id]
        if key in names:
            continue
        owner = by_id.get(member.article.syndicated_of or "", member.article)
        names[key] = owner.source.strip() or (owner.id if key == f"article:{owner.id}" else key)
    return names


def build_coverage(facts: list[Fact], members: list[AnalyzedArticle]) -> list[Coverage]:
    """One entry per outlet; empty when the story has a single outlet (nothing to compare)."""
    keys = outlet_keys(members)
    names = outlet_names(members)
    if len(names) < 2:
        return []
    reporters = [{keys.get(s, s) for s in fact.sources} for fact in facts]
    needed = max(MIN_REPORTING, (len(names) - 1) // 2 + 1)
    out = []
    for key, name in names.items():
        unique = [f.text for f, who in zip(facts, reporters) if who == {key}]
        missing = [f.text for f, who in zip(facts, reporters)
                   if key not in who and len(who) >= needed]
        out.append(Coverage(name, unique, missing))
    return out

"""Markdown report: readable as plain text in a terminal, and as rendered Markdown.

Layout: a story list, then one section per story with conflicts first (what readers
most need to see), then summary, facts, quotes, entities, timeline, coverage and the
membership explanations. Empty sections are left out. Article-derived text is escaped
so a title such as `<script>` or `*bold*` shows literally.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from storyloom.model import (
    Article, Brief, Conflict, Coverage, Digest, Entity, Fact, Membership,
    QuoteItem, StoryBrief, SummarySentence, TimelineEntry,
)
from storyloom.render.common import (
    article_outlet, conflict_count_label, conflict_kind_label, date_label, membership_reason,
    outlet_label, outlets_of, split_by_reach,
)

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that
# change meaning mid-line (emphasis, links, code, inline HTML, table cells).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown syntax neutralised."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


Cite = Callable[[Iterable[str]], str]


def _citer(articles: list[Article]) -> Cite:
    """Sources as a reader knows them: outlet names, each once, in source order (the JSON
    keeps the article ids); an id that is not one of the story's articles stays an id."""
    names = {a.id: article_outlet(a) for a in articles}

    def cite(ids: Iterable[str]) -> str:
        return "[" + ", ".join(md_escape(n) for n in dict.fromkeys(names.get(i, i) for i in ids)) + "]"
    return cite


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def _section(title: str, body: list[str]) -> list[str]:
    if not body:
        return []
    return [f"### {title}", "", *body] + ([] if body[-1] == "" else [""])


# ---- story list -------------------------------------------------------------------


def _story_list(digest: Digest) -> list[str]:
    rows = []
    for n, item in enumerate(digest.stories, 1):
        outlets = ", ".join(md_escape(o) for o in outlets_of(item.articles))
        title = md_escape(item.title) or "(untitled)"
        rows.append([str(n), title, str(len(item.articles)),
                     outlets, conflict_count_label(item.brief.conflicts)])
    return _table(["#", "story", "articles", "outlets", "conflicts"], rows)


# ---- per story --------------------------------------------------------------------


def _articles(articles: list[Article]) -> list[str]:
    rows = []
    for article in articles:
        title = md_escape(article.title) or "(untitled)"
        if article.syndicated_of:
            title += f" *(syndicated copy of {md_escape(article.syndicated_of)})*"
        rows.append([md_escape(article.id), md_escape(article_outlet(article)),
                     md_escape(article.published or "") or "—",
                     md_escape(article.language) or "—", title])
    return _table(["id", "outlet", "date", "lang", "title"], rows)


def _conflict(conflict: Conflict, cite: Cite) -> list[str]:
    label = conflict_kind_label(conflict)
    about = md_escape(conflict.about)
    lines = [f"**{label}{': ' + about if about else ''}**", ""]
    rows = [[f"**{md_escape(c.value)}**", cite(c.sources), md_escape(c.text)]
            for c in conflict.claims]
    lines.extend(_table(["value", "sources", "sentence"], rows))
    if conflict.note:
        lines.extend(["", f"> {md_escape(conflict.note)}"])
    return lines + [""]


def _conflicts(conflicts: list[Conflict], cite: Cite) -> list[str]:
    return [line for conflict in conflicts for line in _conflict(conflict, cite)]


def _summary(summary: list[SummarySentence], cite: Cite) -> list[str]:
    return [f"{n}. {md_escape(s.text)} {cite(s.sources)}" for n, s in enumerate(summary, 1)]


def _facts(facts: list[Fact], cite: Cite) -> list[str]:
    """Facts at least two independent outlets state; what one outlet alone reports is
    listed under that outlet's coverage, not here (when nothing is corroborated, e.g. a
    one-article story, every fact is listed)."""
    ordered = sorted(facts, key=lambda f: -f.corroboration)
    shared = [f for f in ordered if f.corroboration > 1] or ordered
    lines = []
    for fact in shared:
        outlets = "outlet" if fact.corroboration == 1 else "outlets"
        lines.append(f"- **{fact.corroboration} {outlets}** — {md_escape(fact.text)} "
                     f"{cite(fact.sources)}")
    alone = len(ordered) - len(shared)
    if alone:
        lines += ["", f"{alone} more reported by a single outlet: see Coverage by outlet."]
    return lines


def _quotes(quotes: list[QuoteItem], cite: Cite) -> list[str]:
    lines = []
    for quote in quotes:
        speaker = md_escape(quote.speaker) or "unattributed"
        role = f" ({md_escape(quote.role)})" if quote.role else ""
        lines.append(f"- **{speaker}**{role}: “{md_escape(quote.text)}” {cite(quote.sources)}")
        variants = [v for v in quote.variants if v != quote.text]
        lines.extend(f"  - variant: “{md_escape(v)}”" for v in variants)
    return lines


def _entities(entities: list[Entity], cite: Cite) -> list[str]:
    """A table for entities several articles name; one line for the rest."""
    shared, single = split_by_reach(entities)
    if not shared:
        return []
    lines = _entity_table(shared, cite)
    if single:
        names = ", ".join(f"{md_escape(e.name)} ({md_escape(e.type)})" for e in single)
        lines += ["", f"Named by a single article: {names}"]
    return lines


def _entity_table(entities: list[Entity], cite: Cite) -> list[str]:
    rows = []
    for entity in entities:
        variants = ", ".join(md_escape(v) for v in entity.variants if v != entity.name)
        roles = "; ".join(md_escape(r) for r in entity.roles)
        rows.append([f"**{md_escape(entity.name)}**", md_escape(entity.type), variants or "—",
                     roles or "—", cite(entity.sources)])
    return _table(["name", "type", "variants", "roles", "sources"], rows)


def _timeline(timeline: list[TimelineEntry], cite: Cite) -> list[str]:
    # in the builder's order: year-less dates ("--01-10" after "--12-07") do not sort as text
    return [f"- **{md_escape(date_label(t.date, approximate=t.approximate))}** — "
            f"{md_escape(t.text)} {cite(t.sources)}" for t in timeline]


def _coverage(coverage: list[Coverage], articles: list[Article]) -> list[str]:
    lines = []
    for row in coverage:
        outlet = md_escape(outlet_label(row.source, articles))
        lines.append(f"- **{outlet}**: {len(row.unique)} only here, "
                     f"{len(row.missing)} left out")
        lines.extend(f"  - only here: {md_escape(u)}" for u in row.unique)
        lines.extend(f"  - left out: {md_escape(m)}" for m in row.missing)
    return lines


def _memberships(memberships: list[Membership]) -> list[str]:
    return [f"- {md_escape(m.article_id)}: {md_escape(membership_reason(m))}"
            for m in memberships]


def _brief_sections(brief: Brief, articles: list[Article]) -> list[str]:
    lines: list[str] = []
    cite = _citer(articles)
    lines += _section(f"Conflicts ({len(brief.conflicts)})", _conflicts(brief.conflicts, cite))
    lines += _section("Summary", _summary(brief.summary, cite))
    lines += _section("Agreed facts", _facts(brief.facts, cite))
    lines += _section("Quotes", _quotes(brief.quotes, cite))
    lines += _section("Entities", _entities(brief.entities, cite))
    lines += _section("Timeline", _timeline(brief.timeline, cite))
    lines += _section("Coverage by outlet", _coverage(brief.coverage, articles))
    return lines


def _story(n: int, item: StoryBrief) -> list[str]:
    title = md_escape(item.title) or "(untitled)"
    lines = [f"## {n}. {title}", ""]
    lines += _section(f"Articles ({len(item.articles)})", _articles(item.articles))
    lines += [f"> **Incomplete:** {md_escape(f.problem)}." for f in item.failures]
    lines += [""] if item.failures else []
    lines += _brief_sections(item.brief, item.articles)
    lines += _section("Why these articles are together", _memberships(item.story.memberships))
    return lines


def _warnings(digest: Digest) -> list[str]:
    items = [(w.input, w.problem) for w in digest.warnings]
    items += [(f"story {f.story}", f.problem) for f in digest.failures]
    if not items:
        return []
    return ["## Warnings", "",
            *(f"- {md_escape(name)}: {md_escape(problem)}" for name, problem in items), ""]


def render_markdown(digest: Digest) -> str:
    n_articles = sum(len(item.articles) for item in digest.stories)
    lines = ["# storyloom digest", "",
             f"{len(digest.stories)} stories from {n_articles} articles.", ""]
    if digest.stories:
        lines += ["## Stories", "", *_story_list(digest), ""]
    for n, item in enumerate(digest.stories, 1):
        lines += ["---", "", *_story(n, item)]
    lines += _warnings(digest)
    return "\n".join(lines).rstrip() + "\n"

"""Markdown report: readable as plain text in an 80-column terminal, and as rendered Markdown.

Layout: a story list, then per story its one-line summary, what the outlets dispute,
the rest of the summary, the facts two or more outlets agree on, quotes, and what each
outlet alone reports. By default a story's brief is cut to about a screen or two
(`BRIEF_SHARE` of its articles' words, at most `SCREEN_WORDS`), whole items only, each
closing line saying how many more `--full` shows; `full` adds the related figures,
entities, timeline, article table and the membership explanations. Empty sections are
left out. Lines are wrapped at 80 columns; article-derived text is escaped so a title
such as `<script>` or `*bold*` shows literally.
"""
from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from storyloom.model import (
    Article,
    Conflict,
    Coverage,
    Digest,
    Entity,
    Fact,
    Membership,
    QuoteItem,
    StoryBrief,
    SummarySentence,
    TimelineEntry,
)
from storyloom.render.common import (
    agreed_facts,
    article_outlet,
    conflict_count_label,
    conflict_kind_label,
    date_label,
    membership_reason,
    outlet_label,
    outlets_of,
    plural,
    split_by_reach,
)

WIDTH = 80
SCREEN_WORDS = 600  # about two terminal screens of prose
BRIEF_SHARE = 0.35  # a brief shorter than what it consolidates: at most this share of its words

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that
# change meaning mid-line (emphasis, links, code, inline HTML, table cells).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown syntax neutralised."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


Cite = Callable[[Iterable[str]], str]


def _citer(articles: list[Article]) -> Cite:
    """Sources as a reader knows them: outlet names, each once, in the story's article
    order whatever order a record lists them in (the JSON keeps the article ids); an id
    that is not one of the story's articles stays an id, after them."""
    names = {a.id: article_outlet(a) for a in articles}
    rank = {a.id: n for n, a in enumerate(articles)}

    def cite(ids: Iterable[str]) -> str:
        ordered = sorted(dict.fromkeys(ids), key=lambda i: rank.get(i, len(rank)))
        outlets = set(names.values())
        if len(outlets) > 2 and {names.get(i, i) for i in ordered} == outlets:
            return f"[all {len(outlets)} outlets]"  # as the HTML's "all N" chip
        return "[" + ", ".join(md_escape(n) for n in dict.fromkeys(names.get(i, i) for i in ordered)) + "]"
    return cite


def wrap(line: str, width: int = WIDTH) -> list[str]:
    """A paragraph or list item cut at `width` columns; list items continue indented.
    Words are never broken (a long URL or id overflows rather than changes)."""
    match = re.match(r"^(\s*(?:[-*] |\d+\. |> )?)", line)
    lead = match.group(1) if match else ""
    indent = "> " if lead.strip() == ">" else " " * len(lead)
    return textwrap.wrap(line, width, initial_indent="", subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [line]


def _wrapped(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.extend([line] if not line or line.startswith(("|", "#")) else wrap(line))
    return out


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
    lines = []
    for n, item in enumerate(digest.stories, 1):
        title = md_escape(item.title) or "(untitled)"
        outlets = len(outlets_of(item.articles))
        lines.append(f"{n}. {title} — {plural(len(item.articles), 'article')}, "
                     f"{plural(outlets, 'outlet')}, {conflict_count_label(item.brief.conflicts)}")
    return lines


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


def _outlet_line(articles: list[Article]) -> str:
    """"From: River Post (2024-03-02), Valley Wire (2024-03-03)": who, and when."""
    seen: dict[str, str] = {}
    for article in articles:
        outlet = article_outlet(article)
        day = (article.published or "")[:10]
        seen.setdefault(outlet, day)
    parts = [md_escape(o) + (f" ({md_escape(d)})" if d else "") for o, d in seen.items()]
    return "From: " + ", ".join(parts) + "."


def _conflict(conflict: Conflict, cite: Cite, compact: int = 0) -> list[str]:
    """A dispute: what is disputed, each side with its outlets and source sentence, and the
    note. For a story too short for whole sentences, `compact` 1 shows each sentence only
    around its value (the cut marked) and no note, 2 the values and outlets alone."""
    label = conflict_kind_label(conflict)
    about = md_escape(conflict.about)
    lines = [f"**{about[:1].upper() + about[1:]}** — {label.lower()}" if about else f"**{label}**"]
    for c in conflict.claims:
        said = c.text if not compact else _around(c.text, c.value)
        lines.append(f"- **{md_escape(c.value)}** {cite(c.sources)}"
                     + (f": “{md_escape(said)}”" if compact < 2 else ""))
    if conflict.note and not compact:
        lines.append(f"> {md_escape(conflict.note)}")
    return lines + [""]


AROUND_WORDS = 6  # words kept on each side of a disputed value in a compact dispute


def _around(text: str, value: str) -> str:
    """The words of `text` around `value` (or its first words), an ellipsis where cut."""
    words = text.split()
    at = text.find(value)
    first = len(text[:at].split()) if at >= 0 else 0
    last = first + len(value.split()) if at >= 0 else 0
    start, end = max(0, first - AROUND_WORDS), min(len(words), last + AROUND_WORDS)
    return ("… " if start else "") + " ".join(words[start:end]) + (" …" if end < len(words) else "")


def _related_line(conflicts: list[Conflict]) -> list[str]:
    """Related but different figures: one readable line, the few values of each."""
    if not conflicts:
        return []
    parts = []
    for conflict in conflicts:
        values = list(dict.fromkeys(md_escape(c.value) for c in conflict.claims))
        shown = ", ".join(values[:3]) + (f" and {len(values) - 3} more" if len(values) > 3 else "")
        parts.append(f"{md_escape(conflict.about) or conflict.kind}: {shown}")
    return ["; ".join(parts) + "."]


def _summary_lines(summary: list[SummarySentence], cite: Cite) -> list[str]:
    return [f"- {md_escape(s.text)} {cite(s.sources)}" for s in summary]


def _fact_line(fact: Fact, cite: Cite) -> str:
    return f"- **{plural(fact.corroboration, 'outlet')}** — {md_escape(fact.text)} {cite(fact.sources)}"


def _quote_line(quote: QuoteItem, cite: Cite) -> str:
    speaker = md_escape(quote.speaker) or "unattributed"
    role = f" ({md_escape(quote.role)})" if quote.role else ""
    return f"- **{speaker}**{role}: “{md_escape(quote.text)}” {cite(quote.sources)}"


def _quotes(quotes: list[QuoteItem], cite: Cite) -> list[str]:
    lines = []
    for quote in quotes:
        lines.append(_quote_line(quote, cite))
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


def _coverage(coverage: list[Coverage], articles: list[Article], budget: _Budget,
              full: bool) -> list[str]:
    """Per outlet, a count line, then what it alone reports while the budget lasts
    (in full: everything, and what it leaves out)."""
    rows = [r for r in coverage if r.unique or (full and r.missing)]
    lines: list[str] = []
    for row in rows:
        outlet = md_escape(outlet_label(row.source, articles))
        head = [f"- **{outlet}**: {plural(len(row.unique), 'fact')} no other outlet reports"
                + (f", {len(row.missing)} left out" if full and row.missing else "")]
        if budget.left < len(head[0].split()):
            budget.cut["facts only one outlet reports"] = (
                budget.cut.get("facts only one outlet reports", 0) + len(row.unique))
            continue
        lines += budget.spend(head)
        lines += budget.take([[f"  - {md_escape(u)}"] for u in row.unique],
                             "facts only one outlet reports")
        if full:
            lines += [f"  - left out: {md_escape(m)}" for m in row.missing]
    return lines


def _memberships(memberships: list[Membership]) -> list[str]:
    return [f"- {md_escape(m.article_id)}: {md_escape(membership_reason(m))}"
            for m in memberships]


@dataclass
class _Budget:
    """Words left for a story's brief; sections take whole items while they fit, and
    what does not fit is counted for one closing line."""

    left: float
    cut: dict[str, int] = field(default_factory=dict)
    forced: bool = False  # an item that is always shown did not fit

    def spend(self, lines: list[str]) -> list[str]:
        self.left -= sum(len(line.split()) for line in lines)
        return lines

    def take(self, items: list[list[str]], name: str, keep: int = 0, heading: str = "") -> list[str]:
        """The first items that fit (at least `keep`); the rest counted under `name`. The
        first item also pays for the section's `heading`."""
        out: list[str] = []
        for n, item in enumerate(items):
            words = sum(len(line.split()) for line in item) + (len(heading.split()) + 1 if n == 0 else 0)
            if n >= keep and words > self.left:
                self.cut[name] = self.cut.get(name, 0) + len(items) - n
                break
            self.forced |= words > self.left
            self.left -= words
            out.extend(item)
        return out

    def closing(self) -> list[str]:
        if not self.cut:
            return []
        if self.forced:  # an item always shown overspent: no room left for the counts
            return ["*More with `--full`.*", ""]
        parts = ", ".join(plural(n, *_NAMES.get(name, (name, name))) for name, n in self.cut.items())
        return [f"*More with `--full`: {parts}.*", ""]


# what a cut item is called, one and many
_NAMES = {"disputes": ("dispute", "disputes"), "summary sentences": ("summary sentence", "summary sentences"),
          "agreed facts": ("agreed fact", "agreed facts"), "facts": ("fact", "facts"),
          "quotes": ("quote", "quotes"),
          "facts only one outlet reports": ("fact only one outlet reports", "facts only one outlet reports")}


def _brief_budget(articles: list[Article]) -> float:
    words = sum(len(a.text.split()) for a in articles)
    return min(SCREEN_WORDS, BRIEF_SHARE * words)


CLOSING_WORDS = 16  # kept back for the line that says what `--full` adds


def _headed(title: str, items: list[list[str]], budget: _Budget, name: str,
            keep: int = 0) -> list[str]:
    """A section of whole items while they fit; its heading paid for with the first."""
    return _section(title, budget.take(items, name, keep, heading=title))


def _brief_sections(item: StoryBrief, full: bool) -> list[str]:
    brief, articles = item.brief, item.articles
    cite = _citer(articles)
    budget = _Budget(float("inf") if full else _brief_budget(articles) - CLOSING_WORDS)
    budget.spend([item.title])
    disputes = [c for c in brief.conflicts if c.contradiction]
    related = [c for c in brief.conflicts if not c.contradiction]
    lead, rest = brief.summary[:1], brief.summary[1:]
    lines: list[str] = []
    # the lead too must fit: a story of a few dozen words has its title as its summary
    lines += budget.take([[f"**In brief:** {md_escape(s.text)} {cite(s.sources)}", ""] for s in lead],
                         "summary sentences")
    outlet_line = _outlet_line(articles)
    if budget.left >= len(outlet_line.split()):  # else the citations name them
        lines += budget.spend([outlet_line, ""])
    # disputes are the point of the brief: the first is always shown whole, the heading
    # counts them all, and those past the budget are named in the closing line
    dispute_items = [_conflict(c, cite) for c in disputes]
    for compact in (1, 2):  # the first is always shown: as much of it as fits
        if dispute_items and sum(len(line.split()) for line in dispute_items[0]) > budget.left:
            dispute_items[0] = _conflict(disputes[0], cite, compact=compact)
    lines += _headed(f"Disputed ({len(disputes)})", dispute_items, budget, "disputes", keep=1)
    if full:
        lines += _section("Related figures (not contradictions)", _related_line(related))
    lines += _headed("Summary", [[x] for x in _summary_lines(rest, cite)], budget,
                     "summary sentences")
    outlets = len(outlets_of(articles))
    shown = agreed_facts(brief.facts, outlets)
    title = "Agreed facts" if outlets > 1 else "Facts"
    lines += _headed(f"{title} ({len(shown)})", [[_fact_line(f, cite)] for f in shown], budget,
                     title.lower())
    lines += (_section(f"Quotes ({len(brief.quotes)})", _quotes(brief.quotes, cite)) if full else
              _headed(f"Quotes ({len(brief.quotes)})", [[_quote_line(q, cite)] for q in brief.quotes],
                      budget, "quotes"))
    if outlets > 1:
        heading = "Only one outlet reports"
        budget.left -= len(heading.split()) + 1
        lines += _section(heading, _coverage(brief.coverage, articles, budget, full))
    if full:
        lines += _section("Entities", _entities(brief.entities, cite))
        lines += _section("Timeline", _timeline(brief.timeline, cite))
        lines += _section(f"Articles ({len(articles)})", _articles(articles))
        lines += _section("Why these articles are together", _memberships(item.story.memberships))
    return lines + budget.closing()


def render_story(n: int, item: StoryBrief, full: bool = False) -> str:
    """One story's section of the Markdown digest (`full`: every section, uncut)."""
    return "\n".join(_story(n, item, full)) + "\n"


def _story(n: int, item: StoryBrief, full: bool = False) -> list[str]:
    title = md_escape(item.title) or "(untitled)"
    lines = [f"## {n}. {title}", ""]
    lines += [f"> **Incomplete:** {md_escape(f.problem)}." for f in item.failures]
    lines += [""] if item.failures else []
    lines += _brief_sections(item, full)
    return _wrapped(lines)


def _warnings(digest: Digest) -> list[str]:
    items = [(w.input, w.problem) for w in digest.warnings]
    items += [(f"story {f.story}", f.problem) for f in digest.failures]
    if not items:
        return []
    return ["## Warnings", "",
            *(f"- {md_escape(name)}: {md_escape(problem)}" for name, problem in items), ""]


def render_markdown(digest: Digest, full: bool = False) -> str:
    n_articles = sum(len(item.articles) for item in digest.stories)
    lines = ["# storyloom digest", "",
             f"{plural(len(digest.stories), 'story', 'stories')} from "
             f"{plural(n_articles, 'article')}.", ""]
    if digest.stories:
        lines += ["## Stories", "", *_wrapped(_story_list(digest)), ""]
    for n, item in enumerate(digest.stories, 1):
        lines += ["---", "", *_story(n, item, full)]
    lines += _wrapped(_warnings(digest))
    return "\n".join(lines).rstrip() + "\n"

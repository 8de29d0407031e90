"""HTML report: one self-contained page (inline CSS and SVG, no scripts, no assets).

Article text is untrusted, so every piece of it goes through `esc` (html.escape with
quotes) before it lands in an element or an attribute; the page never links out (URLs
are shown as text), so a `javascript:` URL in an input stays inert.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from storyloom.model import (
    Article,
    Brief,
    Claim,
    Conflict,
    Coverage,
    Digest,
    Entity,
    Evidence,
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
    outlet_label,
    outlets_of,
    plural,
    split_by_reach,
    story_anchor,
)
from storyloom.render.svg import timeline_svg

CSS_PATH = Path(__file__).with_name("templates") / "report.css"
FACT_LABEL_CHARS = 110  # longer fact texts are cut in the matrix (full text on hover)


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


@lru_cache(maxsize=1)
def _css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class _StoryContext:
    """Per-story lookups: article by id, and the anchor of each article row."""

    def __init__(self, item: StoryBrief):
        self.item = item
        self.anchor = story_anchor(item)
        self.by_id = {a.id: a for a in item.articles}
        self.anchor_of = {a.id: f"{self.anchor}-a{n}" for n, a in enumerate(item.articles, 1)}

    def source_chips(self, ids: list[str], evidence: list[Evidence] | None = None) -> str:
        """Sources as outlet chips linking to the article row; hover shows the sentence.

        A claim backed by every article of a multi-article story becomes one "all N" chip,
        so the widely reported lines stay short; its hover lists the ids.
        """
        said: dict[str, str] = {}
        for ev in evidence or []:
            said.setdefault(ev.article_id, ev.text)
        everyone = len(self.by_id) > 2 and set(ids) >= set(self.by_id)
        if everyone:
            hover = "all articles: " + ", ".join(ids)
            return (f'<span class="srcs"><span class="src all" title="{esc(hover)}">'
                    f'all {len(self.by_id)}</span></span>')
        return f'<span class="srcs">{"".join(self._chip(i, said.get(i)) for i in ids)}</span>'

    def _chip(self, article_id: str, sentence: str | None) -> str:
        article = self.by_id.get(article_id)
        label = article_outlet(article) if article else article_id
        hover = f"{article_id}: {sentence}" if sentence else (
            f"{article_id}: {article.title}" if article else article_id)
        target = self.anchor_of.get(article_id)
        attrs = f' href="#{target}"' if target else ""
        return f'<a class="src"{attrs} title="{esc(hover)}">{esc(label)}</a>'


def _section(title: str, body: str, css_class: str = "") -> str:
    if not body:
        return ""
    return f'<section class="part {css_class}"><h3>{esc(title)}</h3>{body}</section>'


# ---- page frame -------------------------------------------------------------------


def _header(digest: Digest) -> str:
    articles = [a for item in digest.stories for a in item.articles]
    outlets = outlets_of(articles)
    conflicts = sum(c.contradiction for item in digest.stories for c in item.brief.conflicts)
    return (f'<header class="page"><h1>storyloom digest</h1><p class="meta">'
            f'{plural(len(digest.stories), "story", "stories")} · {plural(len(articles), "article")}'
            f' · {plural(len(outlets), "outlet")} · {plural(conflicts, "conflict")}</p></header>')


def _story_list(digest: Digest) -> str:
    rows = []
    for n, item in enumerate(digest.stories, 1):
        outlets = ", ".join(outlets_of(item.articles))
        label = conflict_count_label(item.brief.conflicts)
        alarming = any(c.contradiction for c in item.brief.conflicts)
        badge = (f'<span class="badge {"warn" if alarming else "calm"}">'
                 f'{"no conflicts" if label == "none" else label}</span>')
        rows.append(f'<li><a href="#{story_anchor(item)}"><span class="num">{n}</span>'
                    f'<span class="t">{esc(item.title) or "(untitled)"}</span></a>'
                    f'<span class="sub">{len(item.articles)} article'
                    f'{"s" * (len(item.articles) != 1)} · {esc(outlets)}</span>{badge}</li>')
    return f'<nav class="stories"><h2>Stories</h2><ol>{"".join(rows)}</ol></nav>'


# ---- story parts ------------------------------------------------------------------


def _articles(ctx: _StoryContext) -> str:
    rows = []
    for article in ctx.item.articles:
        copy = (f' <span class="badge copy">copy of {esc(article.syndicated_of)}</span>'
                if article.syndicated_of else "")
        url = f'<div class="url">{esc(article.url)}</div>' if article.url else ""
        rows.append(f'<tr id="{ctx.anchor_of[article.id]}"><td><code>{esc(article.id)}</code>'
                    f'</td><td>{esc(article_outlet(article))}</td>'
                    f'<td class="nowrap">{esc(article.published or "—")}</td>'
                    f'<td>{esc(article.language or "—")}</td>'
                    f'<td>{esc(article.title) or "(untitled)"}{copy}{url}</td></tr>')
    return ('<table class="articles"><thead><tr><th>id</th><th>outlet</th><th>date</th>'
            f'<th>lang</th><th>title</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _claim(ctx: _StoryContext, claim: Claim) -> str:
    return (f'<div class="claim"><div class="value">{esc(claim.value)}</div>'
            f'{ctx.source_chips(claim.sources, claim.evidence)}'
            f'<blockquote>{esc(claim.text)}</blockquote></div>')


def _conflict(ctx: _StoryContext, conflict: Conflict) -> str:
    kind = "contradiction" if conflict.contradiction else "related"
    note = f'<p class="note">{esc(conflict.note)}</p>' if conflict.note else ""
    claims = "".join(_claim(ctx, c) for c in conflict.claims)
    # what is disputed, in plain words, then how ("Number of people · numbers differ")
    about = conflict.about[:1].upper() + conflict.about[1:]
    head = (f'<span class="about">{esc(about)}</span> · <span class="kind">'
            f'{esc(conflict_kind_label(conflict).lower())}</span>' if conflict.about
            else f'<span class="kind">{esc(conflict_kind_label(conflict))}</span>')
    return (f'<div class="conflict {kind}"><div class="conflict-head">{head}</div>'
            f'<div class="claims">{claims}</div>{note}</div>')


def _conflicts(ctx: _StoryContext, conflicts: list[Conflict]) -> str:
    return "".join(_conflict(ctx, c) for c in conflicts)


def _summary(ctx: _StoryContext, summary: list[SummarySentence]) -> str:
    if not summary:
        return ""
    sentences = "".join(f'<li>{esc(s.text)} {ctx.source_chips(s.sources, s.evidence)}</li>'
                        for s in summary)
    return f'<ol class="summary">{sentences}</ol>'


def _badge_class(corroboration: int) -> str:
    return "c3" if corroboration >= 3 else f"c{max(corroboration, 1)}"


def _fact_item(ctx: _StoryContext, fact: Fact) -> str:
    n = fact.corroboration
    return (f'<li><span class="badge {_badge_class(n)}" title="independent outlets">'
            f'{n} outlet{"s" * (n != 1)}</span> <span>{esc(fact.text)}</span> '
            f'{ctx.source_chips(fact.sources, fact.evidence)}</li>')


def _facts(ctx: _StoryContext, facts: list[Fact]) -> str:
    """Corroborated facts in full; details only one outlet reports fold away (they are
    also the stars in the coverage matrix)."""
    if not facts:
        return ""
    ordered = sorted(facts, key=lambda f: -f.corroboration)
    shared = [f for f in ordered if f.corroboration > 1]
    single = [f for f in ordered if f.corroboration <= 1]
    if not shared:  # nothing corroborated: show everything, folding would hide it all
        shared, single = ordered, []
    html_out = f'<ul class="facts">{"".join(_fact_item(ctx, f) for f in shared)}</ul>'
    if single:
        html_out += (f'<details class="more"><summary>{len(single)} more reported by a single '
                     f'outlet</summary><ul class="facts">'
                     f'{"".join(_fact_item(ctx, f) for f in single)}</ul></details>')
    return html_out


def _quote(ctx: _StoryContext, quote: QuoteItem) -> str:
    role = f', <span class="role">{esc(quote.role)}</span>' if quote.role else ""
    variants = [v for v in quote.variants if v != quote.text]
    more = ""
    if variants:
        listed = "".join(f"<li>“{esc(v)}”</li>" for v in variants)
        more = (f'<details><summary>{len(variants)} other version'
                f'{"s" * (len(variants) != 1)}</summary><ul>{listed}</ul></details>')
    return (f'<figure class="quote"><blockquote>“{esc(quote.text)}”</blockquote>'
            f'<figcaption>— <strong>{esc(quote.speaker) or "unattributed"}</strong>{role} '
            f'{ctx.source_chips(quote.sources, quote.evidence)}</figcaption>{more}</figure>')


def _quotes(ctx: _StoryContext, quotes: list[QuoteItem]) -> str:
    return "".join(_quote(ctx, q) for q in quotes)


def _entities(ctx: _StoryContext, entities: list[Entity]) -> str:
    """Entities several articles name get a table row; the rest one folded line."""
    shared, single = split_by_reach(entities)
    if not shared:
        return ""
    rest = ""
    if single:
        names = ", ".join(f'{esc(e.name)} <span class="etype">{esc(e.type)}</span>' for e in single)
        rest = (f'<details class="more"><summary>{len(single)} more named by a single article'
                f'</summary><p>{names}</p></details>')
    return _entity_table(ctx, shared) + rest


def _entity_table(ctx: _StoryContext, entities: list[Entity]) -> str:
    rows = []
    for entity in entities:
        variants = ", ".join(esc(v) for v in entity.variants if v != entity.name) or "—"
        roles = "; ".join(esc(r) for r in entity.roles) or "—"
        rows.append(f'<tr><td><strong>{esc(entity.name)}</strong></td>'
                    f'<td><span class="etype">{esc(entity.type)}</span></td><td>{variants}</td>'
                    f'<td>{roles}</td><td>{ctx.source_chips(entity.sources)}</td></tr>')
    return ('<table class="entities"><thead><tr><th>name</th><th>type</th><th>variants</th>'
            f'<th>roles</th><th>sources</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _timeline(ctx: _StoryContext, timeline: list[TimelineEntry]) -> str:
    if not timeline:
        return ""
    # in the builder's order: year-less dates ("--01-10" after "--12-07") do not sort as text
    items = "".join(f'<li><span class="date">{esc(date_label(t.date, approximate=t.approximate))}'
                    f'</span> {esc(t.text)} {ctx.source_chips(t.sources, t.evidence)}</li>'
                    for t in timeline)
    return (f'<figure class="strip">{timeline_svg(timeline)}</figure>'
            f'<ol class="timeline">{items}</ol>')


def _coverage_matrix(ctx: _StoryContext, facts: list[Fact]) -> str:
    """Facts x articles: who reports what, who alone, who leaves it out."""
    articles = ctx.item.articles
    if not facts or len(articles) < 2:
        return ""
    head = "".join(_matrix_head(a) for a in articles)
    rows = []
    for fact in sorted(facts, key=lambda f: -f.corroboration):
        reporters = set(fact.sources)
        outlets = {article_outlet(ctx.by_id[i]) for i in reporters if i in ctx.by_id}
        cells = "".join(_matrix_cell(a.id in reporters, len(outlets) == 1) for a in articles)
        rows.append(f'<tr><th class="fact" title="{esc(fact.text)}">'
                    f'{esc(_clip(fact.text, FACT_LABEL_CHARS))}</th>{cells}</tr>')
    legend = ('<p class="legend"><span class="cell has">●</span> reports it '
              '<span class="cell alone">★</span> only this outlet reports it '
              '<span class="cell miss">–</span> leaves it out</p>')
    return (f'<div class="matrix-wrap"><table class="matrix"><thead><tr><th></th>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>{legend}')


def _matrix_head(article: Article) -> str:
    outlet = article_outlet(article)
    ident = "" if outlet == article.id else f"<code>{esc(article.id)}</code>"
    return f'<th class="col" title="{esc(article.title)}"><span>{esc(outlet)}</span>{ident}</th>'


def _matrix_cell(reports: bool, alone: bool) -> str:
    if not reports:
        return '<td class="cell miss" title="leaves it out">–</td>'
    if alone:
        return '<td class="cell alone" title="only this outlet">★</td>'
    return '<td class="cell has" title="reports it">●</td>'


def _coverage_list(ctx: _StoryContext, coverage: list[Coverage]) -> str:
    if not coverage:
        return ""
    rows = []
    for row in coverage:
        unique = "".join(f"<li>{esc(u)}</li>" for u in row.unique)
        missing = "".join(f"<li>{esc(m)}</li>" for m in row.missing)
        outlet = outlet_label(row.source, ctx.item.articles)
        rows.append(f'<tr><td><strong>{esc(outlet)}</strong></td>'
                    f'<td><span class="badge alone">{len(row.unique)}</span><ul>{unique}</ul></td>'
                    f'<td><span class="badge miss">{len(row.missing)}</span><ul>{missing}</ul>'
                    '</td></tr>')
    table = ('<table class="coverage"><thead><tr><th>outlet</th><th>only here</th>'
             f'<th>left out</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    return (f'<details class="more"><summary>Per outlet: only here / left out</summary>'
            f'{table}</details>')



def _memberships(ctx: _StoryContext, memberships: list[Membership]) -> str:
    if not memberships:
        return ""
    rows = []
    for m in memberships:
        linked = ("seed of the story" if m.linked_to is None
                  else f"linked to {ctx.source_chips([m.linked_to])}")
        signals = "".join(
            f'<span class="signal" title="{esc(s.name)} {s.score:.3f}">{esc(s.name)}'
            f'<span class="bar"><span style="width:{max(0.0, min(s.score, 1.0)) * 100:.0f}%">'
            f'</span></span>{s.score:.2f}</span>' for s in m.signals)
        score = "" if m.linked_to is None else f"{m.score:.2f}"
        rows.append(f'<tr><td>{ctx.source_chips([m.article_id])}</td><td>{linked}</td>'
                    f'<td class="num">{score}</td><td>{signals}</td></tr>')
    return ('<table class="members"><thead><tr><th>article</th><th>why it is here</th>'
            f'<th>score</th><th>signals</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _lead(ctx: _StoryContext, summary: list[SummarySentence]) -> str:
    if not summary:
        return ""
    first = summary[0]
    return (f'<p class="lead"><strong>In brief:</strong> {esc(first.text)} '
            f'{ctx.source_chips(first.sources, first.evidence)}</p>')


def _brief(ctx: _StoryContext, brief: Brief, full: bool) -> str:
    """What is disputed and what is agreed first; the rest folded unless `full`."""
    disputes = [c for c in brief.conflicts if c.contradiction]
    related = [c for c in brief.conflicts if not c.contradiction]
    outlets = len(outlets_of(ctx.item.articles))
    facts = agreed_facts(brief.facts, outlets)
    coverage = _coverage_matrix(ctx, brief.facts) + _coverage_list(ctx, brief.coverage)
    first = "".join([
        _lead(ctx, brief.summary),
        _section(f"Disputed ({len(disputes)})", _conflicts(ctx, disputes), "conflicts"),
        _section("Summary", _summary(ctx, brief.summary[1:])),
        _section(f"{'Agreed facts' if outlets > 1 else 'Facts'} ({len(facts)})",
                 _facts(ctx, brief.facts)),
        _section(f"Quotes ({len(brief.quotes)})", _quotes(ctx, brief.quotes)),
    ])
    rest = "".join([
        _section("Related figures (not contradictions)", _conflicts(ctx, related), "conflicts"),
        _section("Timeline", _timeline(ctx, brief.timeline)),
        _section("Coverage", coverage),
        _section("Entities", _entities(ctx, brief.entities)),
    ])
    return first + _more(rest, full, "More: related figures, timeline, coverage, entities")


def _more(body: str, full: bool, label: str) -> str:
    """Folded below the first screen, open in a `full` report."""
    if not body:
        return ""
    return (f'<details class="rest"{" open" if full else ""}><summary>{esc(label)}</summary>'
            f'{body}</details>')


def _failures(item: StoryBrief) -> str:
    return "".join(f'<p class="incomplete"><strong>Incomplete:</strong> {esc(f.problem)}.</p>'
                   for f in item.failures)


def _story(n: int, item: StoryBrief, full: bool = False) -> str:
    ctx = _StoryContext(item)
    outlets = outlets_of(item.articles)
    members = _memberships(ctx, item.story.memberships)
    sources = (_section(f"Articles ({len(item.articles)})", _articles(ctx), "articles")
               + _section("Why these articles are together", members))
    return (f'<article class="story" id="{ctx.anchor}"><header><span class="num">{n}</span>'
            f'<h2>{esc(item.title) or "(untitled)"}</h2><p class="meta">'
            f'{plural(len(item.articles), "article")} · {plural(len(outlets), "outlet")} · '
            f'{esc(", ".join(outlets))}</p></header>'
            f'{_failures(item)}'
            f'{_brief(ctx, item.brief, full)}'
            f'{_more(sources, full, "Articles and why they are together")}'
            '<p class="top"><a href="#top">↑ stories</a></p></article>')


def _warnings(digest: Digest) -> str:
    pairs = [(w.input, w.problem) for w in digest.warnings]
    pairs += [(f"story {f.story}", f.problem) for f in digest.failures]
    if not pairs:
        return ""
    items = "".join(f"<li><code>{esc(name)}</code>: {esc(problem)}</li>" for name, problem in pairs)
    return f'<section class="warnings"><h2>Warnings</h2><ul>{items}</ul></section>'


def render_html(digest: Digest, full: bool = False) -> str:
    stories = "".join(_story(n, item, full) for n, item in enumerate(digest.stories, 1))
    listing = _story_list(digest) if digest.stories else "<p>No stories.</p>"
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="color-scheme" content="light dark">'
            f'<title>storyloom digest</title><style>{_css()}</style></head>'
            f'<body id="top"><main>{_header(digest)}{listing}{stories}'
            f'{_warnings(digest)}</main></body></html>\n')

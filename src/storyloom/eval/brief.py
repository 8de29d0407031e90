"""`storyloom eval brief FILE...`: is the brief readable? Counted on real stories.

The articles are digested as a user's would be (FILE: articles in any readable form, or a
NeuS `*.source` file, each line one story). Per story, and in total:

- summary sentences that are truncated (end in "..." or without closing punctuation);
- fragments: a sentence that starts mid-clause (a lower-case word, a comma or closing
  mark, ", said ..."), has fewer than four words, or is a quote with no speaker;
- site labels ("Why it matters:", "READ MORE:") and bylines or credit lines ("By ...",
  "Reporting by ...", "... contributed to this report");
- openings with a reference the summary has not resolved ("It", "He", "The official")
  or a connective ("And", "But") when the sentence before it in the summary is not the
  one before it in its article;
- near-duplicate pairs: two summary sentences that restate each other by the learned
  restatement decision (`consolidate/restatement.json`, fitted on 300 hand-labelled pairs
  of real summary sentences; cross-validated precision and recall in that file). The
  summary applies the same decision, so this count checks the selection, not the
  decision: how often a reader would still call a pair a duplicate was read by hand
  (docs/decisions/readable-briefs.md);
- "Agreed facts" stated by a single outlet (in a story with two or more outlets);
- the words of the story's Markdown brief over the words of its articles.

These are surface checks written apart from the summary's own filters, so a filter that
misses a case shows here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import click
import numpy as np

from storyloom.model import Digest, StoryBrief
from storyloom.text import WORD

_TERMINAL = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$")
_ELLIPSIS = re.compile(r"(\.\.\.|\u2026)[\"'\u201d\u2019)\]]*\s*$")
_FRAGMENT_START = re.compile(r"^\s*(?:[a-z]|[,;:)\]\u201d\u2019.]|said\b|says\b)")
_LABEL = re.compile(r"^\s*(?:[A-Z][A-Za-z'\u2019]*(?:\s+[A-Za-z'\u2019]+){0,3}|[A-Z][A-Z ]{2,30}):\s")
_DATELINE = re.compile(r"^\s*(?:[A-Z]{3,}[A-Z .,'-]*|[A-Z]{3,}[A-Z .'-]*,[^\u2012-\u2015()]{1,30})?\s*"
                       r"(?:\([^()]{1,40}\))?\s*[\u2012-\u2015-]+\s")
_SPEECH_END = re.compile(r"\b(?:said|says|told|added|wrote|tweeted|stated|asked|explained|"
                         r"declared|announced|noted|warned)\s*:\s", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+|\b(?:Reporting|Editing|"
                     r"Additional reporting|Writing) by\b|contributed to this report|"
                     r"\b(?:Associated Press|AP) (?:writer|reporter)s?\b|^\s*\(?(?:Photo|Image): ",
                     re.I)
_OPENING_REFERENCE = re.compile(r"^\s*[\"\u201c]?(?:It|He|She|They|His|Her|Their|Its|This|These|"
                                r"Those|That|And|But|So|Yet|However|Meanwhile|"
                                r"The (?:official|spokesman|spokeswoman|source|"
                                r"company|group|agency|president|man|woman|former|latter))\b")
_CALENDAR = re.compile(r"^\s*[\"\u201c]?(?:This|That|These|Those)\s+(?:week|weekend|year|month|morning|"
                       r"afternoon|evening|night|day|time|season|summer|fall|winter|spring)\b")


@dataclass
class StoryReadability:
    story: str
    articles: int
    outlets: int
    summary_sentences: int
    brief_words: int
    article_words: int
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.brief_words / max(self.article_words, 1)


def truncated(text: str, headline: bool = False) -> bool:
    """Cut: "..." at the end, or (a headline aside) no closing punctuation."""
    return bool(_ELLIPSIS.search(text)) or (not headline and not _TERMINAL.search(text))


_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*[\"\u201d]?")


def fragment(text: str) -> bool:
    """Starts mid-clause, has under four words, or is words in quotation marks with no
    one saying them (a quote lifted out of its attribution)."""
    bare_quote = (text.lstrip()[:1] in "\"\u201c"
                  and len(WORD.findall(_QUOTED.sub(" ", text))) < 2)
    return bool(_FRAGMENT_START.match(text)) or len(text.split()) < 4 or bare_quote


def site_label(text: str, headline: bool = False) -> bool:
    """A section label in front ("Why it matters: ") or a dateline left in ("BERLIN ― ",
    "OSTREVIK (Radio Nord) - "); in a headline, where "X on Y: ..." is house style, only a
    label in capitals ("OPINION: ")."""
    if not headline and _DATELINE.match(text):
        return True
    match = _LABEL.match(text)
    if not match or _SPEECH_END.search(match.group(0)):
        return False
    return not headline or match.group(0)[:-2].strip().isupper()


def byline(text: str) -> bool:
    return bool(_BYLINE.search(text))


def unresolved_openings(item: StoryBrief) -> list[str]:
    """Summary sentences opening with a reference whose antecedent is not the summary
    sentence just before them (the sentence before them in their own article)."""
    found = []
    previous = None
    for sentence in item.brief.summary:
        first = sentence.evidence[0] if sentence.evidence else None
        if _OPENING_REFERENCE.match(sentence.text) and not _CALENDAR.match(sentence.text):
            adjacent = (first is not None and previous is not None
                        and previous.article_id == first.article_id
                        and 0 <= first.start - previous.end <= 3)
            if not adjacent:
                found.append(sentence.text)
        previous = first
    return found


def near_duplicates(item: StoryBrief, vectors: np.ndarray) -> list[str]:
    from storyloom.consolidate.restatement import restating_pairs, view_in

    articles = {a.id: a for a in item.articles}
    views = []
    for sentence, vector in zip(item.brief.summary, vectors):
        first = sentence.evidence[0] if sentence.evidence else None
        article = articles.get(first.article_id) if first else None
        views.append(view_in(sentence.text, vector, first.article_id if first else "",
                             first.start if first else 0, article.text if article else "",
                             article.title if article else ""))
    return [f"{views[i].text}  <->  {views[j].text}" for i, j in restating_pairs(views)]


def story_readability(item: StoryBrief, vectors: np.ndarray, markdown: str) -> StoryReadability:
    from storyloom.render.common import outlets_of

    texts = [s.text for s in item.brief.summary]
    titles = {" ".join(a.title.split()) for a in item.articles if a.title}
    heads = [" ".join(t.split()) in titles for t in texts]
    agreed_single = []
    if len(outlets_of(item.articles)) > 1:
        agreed = markdown.split("### Agreed facts", 1)[1].split("\n#", 1)[0] \
            if "### Agreed facts" in markdown else ""
        agreed_single = [line for line in agreed.splitlines() if line.startswith("- **1 outlet**")]
    problems = {
        "truncated": [t for t, h in zip(texts, heads) if truncated(t, h)],
        "fragment": [t for t in texts if fragment(t)],
        "site_label": [t for t, h in zip(texts, heads) if site_label(t, h)],
        "byline": [t for t in texts if byline(t)],
        "unresolved_opening": unresolved_openings(item),
        "near_duplicate_pair": near_duplicates(item, vectors),
        "single_outlet_agreed_fact": agreed_single,
    }
    return StoryReadability(item.story.id, len(item.articles), len(outlets_of(item.articles)),
                            len(texts), len(markdown.split()),
                            sum(len(a.text.split()) for a in item.articles), problems)


def measure(digest: Digest, embedder: str = "use-multilingual", full: bool = False
            ) -> list[StoryReadability]:
    from storyloom.analyze.embed import embed_texts, get_embedder, unit_rows
    from storyloom.render.markdown import render_story

    model = get_embedder(embedder)
    rows = []
    for n, item in enumerate(digest.stories, 1):
        texts = [s.text for s in item.brief.summary]
        vectors = unit_rows(embed_texts(texts, model)) if texts else np.zeros((0, 1))
        rows.append(story_readability(item, vectors, render_story(n, item, full=full)))
    return rows


def _quantiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    q = np.quantile(values, [0.0, 0.25, 0.5, 0.75, 0.9, 1.0])
    return {k: round(float(v), 3) for k, v in zip(("min", "p25", "median", "p75", "p90", "max"), q)}


def summarise_rows(rows: list[StoryReadability], examples: int = 5) -> dict:
    kinds = list(rows[0].problems) if rows else []
    big = [r for r in rows if r.articles >= 3]
    multi = [r for r in rows if r.outlets >= 2 and r.summary_sentences]
    return {
        "stories": len(rows),
        "summary_sentences": sum(r.summary_sentences for r in rows),
        "counts": {k: sum(len(r.problems[k]) for r in rows) for k in kinds},
        "near_duplicate_pairs_per_20_summaries": round(
            20 * sum(len(r.problems["near_duplicate_pair"]) for r in multi) / max(len(multi), 1), 2),
        "markdown_over_articles_3plus": {"stories": len(big), **_quantiles([r.ratio for r in big]),
                                         "over_0.40": sum(r.ratio > 0.40 for r in big)},
        "markdown_over_articles_all": round(sum(r.brief_words for r in rows)
                                            / max(sum(r.article_words for r in rows), 1), 3),
        "examples": {k: [f"{r.story}: {t}" for r in rows for t in r.problems[k]][:examples]
                     for k in kinds},
    }


def _load(paths: tuple[str, ...], embedder: str) -> Digest:
    from storyloom.eval.datasets import load_neus
    from storyloom.pipeline import DigestOptions, digest_articles, digest_paths

    options = DigestOptions(embedder=embedder)
    if len(paths) == 1 and paths[0].endswith(".source"):
        return digest_articles(load_neus(Path(paths[0])).articles, options)
    return digest_paths(list(paths), options)


@click.command("brief")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--full", is_flag=True, help="Measure the --full Markdown brief.")
@click.option("--embedder", default="use-multilingual", show_default=True)
@click.option("--examples", type=int, default=5, show_default=True)
def command(paths: tuple[str, ...], fmt: str, full: bool, embedder: str, examples: int) -> None:
    """Readability of the briefs: truncated, fragment, site-label, byline and unresolved
    summary sentences, near-duplicate pairs, single-outlet 'agreed' facts, and the
    Markdown brief's words over its articles' (PATHS: articles, or a NeuS .source file)."""
    result = summarise_rows(measure(_load(paths, embedder), embedder, full), examples)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"stories {result['stories']}  summary sentences {result['summary_sentences']}")
    for kind, count in result["counts"].items():
        click.echo(f"  {kind:26s} {count}")
    click.echo(f"  near-duplicate pairs per 20 multi-outlet summaries: "
               f"{result['near_duplicate_pairs_per_20_summaries']}")
    ratio = result["markdown_over_articles_3plus"]
    click.echo("  Markdown words / article words, stories of 3+ articles: "
               + "  ".join(f"{k} {v}" for k, v in ratio.items()))
    click.echo(f"  Markdown words / article words, all stories: {result['markdown_over_articles_all']}")
    for kind, lines in result["examples"].items():
        for line in lines:
            click.echo(f"  {kind}: {line}")

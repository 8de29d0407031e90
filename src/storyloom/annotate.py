"""`storyloom annotate PATH...`: what the brief is built from, one article at a time.

Per article: its sentences; its entities (type, the name the story would show, the
variants written); its time expressions (TimeML type and value resolved against the
publication date, and how certain: `analyze.timex`); its quantities (value, unit, what
is counted); its quotes (the quoted words, the speaker as resolved and as written, the
cue, direct or reported, and whether it goes on from the quote before). Offsets are into
the article's text as read (`text` is included, so every span can be checked), the same
text the digest cites. The contract is `annotation.schema.json` beside this module.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import click

from storyloom.analyze import analyze
from storyloom.analyze.quantities import find_quantities
from storyloom.consolidate.entities import merge_entities
from storyloom.consolidate.readings import ArticleReadings, read_article
from storyloom.ingest import read_inputs
from storyloom.model import AnalyzedArticle, Mention
from storyloom.text.en import COMPASS_ADJECTIVES, LAW_NOUNS

SCHEMA_PATH = Path(__file__).with_name("annotation.schema.json")


def _entities(member: AnalyzedArticle) -> list[dict[str, Any]]:
    merged = merge_entities([member])
    entity_of = {written: entity for entity in merged for written in [entity.name, *entity.variants]}
    # a name is one entity through the article, typed as its fullest name is tagged: the
    # small tagger calls a bare "Trump" ORG in many sentences, "Donald Trump" a PERSON
    fullest: dict[str, tuple[int, Counter]] = {}  # entity name -> (words, labels of those)
    for mention in member.mentions:
        entity = entity_of.get(mention.text)
        if entity is None:
            continue
        words = len(mention.text.split())
        best = fullest.get(entity.name)
        if best is None or words > best[0]:
            fullest[entity.name] = best = (words, Counter())
        if words == best[0]:
            best[1][mention.label] += 1

    text = member.article.text

    def type_of(mention: Mention) -> str:
        words = mention.text.split()
        if words and words[-1] in LAW_NOUNS:
            return "LAW"  # "the National Voter Registration Act": the small tagger says ORG
        if mention.label in ("PERSON", "ORG") and (_REGION_BEFORE.search(text, max(0, mention.start - 20), mention.start)
                                                   or _is_dateline(text, mention)):
            return "GPE"  # "in northern Ostrevik", "WRENFIELD, Md., Jan. 5 (Radio Nord) -": a place
        entity = entity_of.get(mention.text)
        if entity is None or entity.name not in fullest:
            return mention.label
        return fullest[entity.name][1].most_common(1)[0][0]

    return [{"start": m.start, "end": m.end, "text": m.text, "type": type_of(m),
             "name": entity_of[m.text].name if m.text in entity_of else m.text,
             "variants": entity_of[m.text].variants if m.text in entity_of else [m.text]}
            for m in member.mentions]


_REGION_BEFORE = re.compile(r"\b(?:" + "|".join(COMPASS_ADJECTIVES) + r")\s+$", re.I)
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(|-|\u2014|\u2013)")


def _is_dateline(text: str, mention: Mention) -> bool:
    """A place in capitals that opens the text or a line, before a comma or a dash (the
    dateline of wire copy)."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    return (mention.text.isupper() and not text[line_start:mention.start].strip()
            and bool(_DATELINE_AFTER.match(text, mention.end)))


def _times(member: AnalyzedArticle, readings: ArticleReadings) -> list[dict[str, Any]]:
    text = member.article.text
    return [{"start": t.start, "end": t.end, "text": text[t.start:t.end], "type": t.type,
             "value": t.value, "certainty": t.certainty} for t in readings.times]


def _quantities(member: AnalyzedArticle, times: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures that are not part of a time expression ("14. März", "vor 25 Jahren")."""
    found = [{"start": sentence.start + q.start, "end": sentence.start + q.end, "text": q.text,
              "value": q.value, "unit": q.unit, "counted": q.thing, "head": q.head,
              "approximate": q.approx}
             for sentence in member.sentences
             for q in find_quantities(sentence.text, member.article.language)]
    return [q for q in found if not any(t["start"] < q["end"] and q["start"] < t["end"] for t in times)]


def _quotes(readings: ArticleReadings) -> list[dict[str, Any]]:
    quotes = []
    previous = None
    for quote in readings.quotes:
        raw = quote.raw
        quotes.append({"start": raw.start, "end": raw.end, "text": raw.body, "direct": raw.direct,
                       "speaker": quote.speaker, "speaker_as_written": raw.speaker,
                       "speaker_is_name": quote.named, "role": quote.role,
                       "continues": previous is not None and not raw.speaker and bool(quote.speaker)
                       and quote.speaker == previous.speaker})
        previous = quote
    return quotes


def annotate_article(member: AnalyzedArticle, readings: ArticleReadings | None = None) -> dict[str, Any]:
    """One article's annotation: its readings (`consolidate.readings.read_article`, the
    records the brief's quotes and timeline are built from) as the schema's JSON."""
    article = member.article
    readings = readings or read_article(member)
    times = _times(member, readings)
    return {"id": article.id, "title": article.title, "source": article.outlet,
            "published": article.published, "language": article.language, "text": article.text,
            "sentences": [{"start": s.start, "end": s.end} for s in member.sentences],
            "entities": _entities(member), "times": times,
            "quantities": _quantities(member, times), "quotes": _quotes(readings)}


@click.command("annotate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write here, not stdout.")
def command(paths: tuple[str, ...], fmt: str, out: Path | None) -> None:
    """Per article: sentences, entities, time expressions, quantities and quotes, with
    character offsets (the contract: annotation.schema.json)."""
    articles, warnings = read_inputs(list(paths))
    for warning in warnings:
        click.echo(f"warning: {warning.input}: {warning.problem}", err=True)
    if not articles:
        raise click.UsageError("no readable article in the inputs")
    # the embeddings are not part of the annotation: the model-free embedder skips them
    annotated = [annotate_article(member) for member in analyze(articles, "hashing")]
    if fmt == "jsonl":
        text = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in annotated)
    else:
        text = json.dumps({"articles": annotated}, ensure_ascii=False, indent=1) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


COMMANDS = [command]

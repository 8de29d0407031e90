"""`storyloom eval quotes FILE`: are direct quotes given to the right speaker?

Scored on gold attributions of real news, one article at a time, through the same quote
extraction the brief uses (`consolidate.quotes.article_quotes`):

- PolNeAR (`polnear/dev.jsonl`: articles with `attributions`): the gold quotes are the
  direct ones with a named source (`direct` and `source_named`), the speaker being the
  source span's text;
- BASIL (`basil/quotes.jsonl`: `{article_id, text, speaker}`, with `--articles` naming the
  articles file, by default `articles.jsonl` beside it): quoted words and the person or
  group the annotators named.

A reported quote matches a gold one when their spans in the article overlap (the gold
span, or for BASIL the first place its words occur). Its speaker is right when it shares
a word with the gold speaker, titles and function words left out ("Sen. Bernie Sanders"
= "Sanders"). Speaker precision is over matched quotes that name a speaker (a quote given
to no one is counted apart, as unattributed); recall is over the gold quotes: found with
the right speaker. The same figures are also given over the gold quotes whose speaker is
a person the article names (`person_speakers`: a PERSON mention of the article shares a
name word with the gold speaker), since BASIL's annotators often name a group ("House
Democrats") where the text quotes one member of it. Articles are read as JSON lines like any input, so the offsets are
checked against each article's text as read: an article whose text changed in reading
(cleaned furniture) is matched through the quote's words.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

# words that say what a speaker is, not who: never enough to call two speakers the same
_NOT_NAMES = frozenset("""mr mrs ms dr sen senator rep representative gov governor president
vice former secretary spokesman spokeswoman candidate the a an of and said says told
presidential democratic republican chairman chairwoman leader house senate state u s""".split())
_WORD = re.compile(r"[a-z0-9\u00e0-\u00ff]+")


def speaker_words(name: str) -> set[str]:
    return {w for w in _WORD.findall(name.lower().replace("\u2019s", "").replace("'s", ""))
            if w not in _NOT_NAMES and len(w) > 1}


@dataclass
class GoldQuote:
    article_id: str
    start: int  # into the article's text as given
    end: int
    text: str
    speaker: str


@dataclass
class QuoteScore:
    gold: int = 0
    reported: int = 0  # direct quotes the extraction found in the scored articles
    matched: int = 0  # gold quotes some reported quote covers
    attributed: int = 0  # of those, with a speaker
    right: int = 0  # of those, the gold speaker
    # of those, right by the description the article gives the speaker ("the Ohio
    # senator said"), where the gold source is that description and the quote names the
    # person it stands for
    right_by_description: int = 0
    examples: list[str] = field(default_factory=list)
    # the same figures over the gold quotes whose speaker is a person the article names (a
    # PERSON mention shares a name word): BASIL also names groups ("House Democrats") as
    # the speaker where the text quotes one member of it
    of_people: QuoteScore | None = None

    def as_dict(self) -> dict:
        precision = self.right / self.attributed if self.attributed else 0.0
        recall = self.right / self.gold if self.gold else 0.0
        figures = {"gold_quotes": self.gold, "reported_quotes": self.reported,
                   "matched": self.matched, "attributed": self.attributed, "right_speaker": self.right,
                   "right_by_description": self.right_by_description,
                   "precision": round(precision, 3), "recall": round(recall, 3),
                   "unattributed": self.matched - self.attributed, "wrong_examples": self.examples}
        if self.of_people is not None:
            people = self.of_people.as_dict()
            figures["person_speakers"] = {key: people[key] for key in (
                "gold_quotes", "matched", "attributed", "right_speaker", "precision", "recall")}
        return figures


def load_polnear(path: Path) -> tuple[list[dict], list[GoldQuote]]:
    records, gold = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)  # articles marked `discard` too: the dataset's counts include them
        records.append({"id": str(row["id"]), "title": row.get("title") or "", "text": row["text"],
                        "source": row.get("publisher") or "", "published": row.get("publication_date")})
        for attribution in row.get("attributions") or []:
            content, source = attribution.get("content"), attribution.get("source")
            if attribution.get("direct") and attribution.get("source_named") and content and source:
                gold.append(GoldQuote(str(row["id"]), content["start"], content["end"], content["text"],
                                      source["text"]))
    return records, gold


def load_basil(path: Path, articles: Path) -> tuple[list[dict], list[GoldQuote]]:
    by_id = {}
    for line in articles.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_id[str(row["id"])] = row
    gold, used = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        article = by_id.get(str(row["article_id"]))
        if article is None:
            continue
        start = article["text"].find(row["text"])
        if start < 0:
            continue
        used[article["id"]] = article
        gold.append(GoldQuote(str(article["id"]), start, start + len(row["text"]), row["text"],
                              row["speaker"]))
    records = [{"id": str(a["id"]), "title": a.get("title") or "", "text": a["text"],
                "source": a.get("source") or "", "published": a.get("published")} for a in used.values()]
    return records, gold


def _located(found_text: str, start: int, end: int, original: str) -> tuple[int, int]:
    """The reported quote's span in the article's original text."""
    body = found_text[start:end]
    if original[start:end] == body:
        return start, end
    at = original.find(body)
    return (at, at + len(body)) if at >= 0 else (-1, -1)


def _description(written: str) -> str:
    """The speaker as the cue writes it when that is a definite description ("the
    Wrenfield governor"), which the quote reader resolves to a name; "" otherwise."""
    return written if written.split()[:1] in (["the"], ["The"]) else ""


def score(records: list[dict], gold: list[GoldQuote], embedder: str = "use-multilingual") -> QuoteScore:
    from storyloom.analyze import analyze
    from storyloom.consolidate.quotes import article_quotes
    from storyloom.errors import InputError
    from storyloom.ingest.jsonl import article_from_record

    articles = []
    for record in records:
        try:
            articles.append(article_from_record(record, record["id"], f"article {record['id']}")[0])
        except InputError:
            continue  # nothing left to read: its gold quotes count as missed
    originals = {str(r["id"]): r["text"] for r in records}
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    people: dict[str, set[str]] = {}  # article -> the name words of its PERSON mentions
    for member in analyze(articles, embedder):
        people[member.id] = {w for m in member.mentions if m.label == "PERSON" for w in speaker_words(m.text)}
        spans = []
        for quote in article_quotes(member):
            if not quote.raw.direct:
                continue
            start, end = _located(member.article.text, quote.raw.start, quote.raw.end, originals[member.id])
            if start >= 0:
                spans.append((start, end, quote.speaker, _description(quote.raw.speaker)))
        found[member.id] = spans
    reported = sum(len(s) for s in found.values())
    result = _tally(gold, found, reported)
    result.of_people = _tally([g for g in gold if speaker_words(g.speaker) & people.get(g.article_id, set())],
                              found, reported)
    return result


def _tally(gold: list[GoldQuote], found: dict[str, list[tuple[int, int, str, str]]], reported: int) -> QuoteScore:
    result = QuoteScore(gold=len(gold), reported=reported)
    for wanted in gold:
        overlapping = [q for q in found.get(wanted.article_id, ()) if q[0] < wanted.end and wanted.start < q[1]]
        if not overlapping:
            continue
        result.matched += 1
        start, end, who, described = max(overlapping,
                                         key=lambda q: min(q[1], wanted.end) - max(q[0], wanted.start))
        if not who:
            continue
        result.attributed += 1
        if speaker_words(who) & speaker_words(wanted.speaker):
            result.right += 1
        elif speaker_words(described) & speaker_words(wanted.speaker):
            result.right += 1
            result.right_by_description += 1
        elif len(result.examples) < 8:
            result.examples.append(f"{wanted.article_id}: {who!r} for {wanted.speaker!r}")
    return result


@click.command("quotes")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--articles", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="BASIL: the articles file (default: articles.jsonl beside PATH).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--embedder", default="use-multilingual", show_default=True)
def command(path: Path, articles: Path | None, fmt: str, embedder: str) -> None:
    """Speaker precision and recall of direct quotes with a named source: PolNeAR
    (articles with `attributions`) or BASIL `quotes.jsonl`."""
    first = json.loads(next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()))
    if "attributions" in first:
        records, gold = load_polnear(path)
    elif "article_id" in first and "speaker" in first:
        records, gold = load_basil(path, articles or path.with_name("articles.jsonl"))
    else:
        raise click.UsageError(f"{path}: neither PolNeAR articles (with 'attributions') nor "
                               f"BASIL quotes ({{article_id, text, speaker}})")
    result = score(records, gold, embedder).as_dict()
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(f"gold direct quotes with a named speaker {result['gold_quotes']}, found "
               f"{result['matched']}, with a speaker {result['attributed']}, right {result['right_speaker']}")
    click.echo(f"speaker precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
               f"(unattributed {result['unattributed']})")
    people = result["person_speakers"]
    click.echo(f"  where the gold speaker is a person the article names ({people['gold_quotes']} quotes): "
               f"precision {people['precision']:.3f}  recall {people['recall']:.3f}")
    for example in result["wrong_examples"]:
        click.echo(f"  wrong: {example}")

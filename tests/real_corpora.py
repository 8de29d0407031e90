"""Every labelled corpus in ../shared/data as article records for `storyloom digest`.

Shared by tests/test_real_corpora.py and bench/corpora/run.py, so the test digests exactly
what the bench digests, only less of it. Nothing here holds corpus text: it is read from
`../shared/data` at run time (never copy it into the repository).

A record is the JSONL article of the README's "Inputs" (`id`, `text`, optional `title`,
`source`, `url`, `published`, `language`) plus a `story` field: the corpus's own grouping
(a labelled event, a NeuS line, a SemEval pair, a publication day) when it has one.
Ingest keeps it as an extra field; here it only lets samples take whole stories, since a
sample of unrelated singletons would never reach the multi-article parts of a brief.
Ids carry a corpus prefix so that a mix of all corpora never has two articles with one id.
"""
from __future__ import annotations

import csv
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BALY_SLICE = 2000  # baly-news: the first N articles in file order (the undated ones, then by date)

Record = dict
_NEUS_PART = re.compile(r"TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)", re.S)


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _record(corpus: str, article_id: str, text: str, *, title: str = "", source: str = "",
            url: str = "", published=None, language: str = "", story: str = "") -> Record:
    return {"id": f"{corpus}-{article_id}", "text": text, "title": title, "source": source,
            "url": url, "published": published, "language": language,
            "story": f"{corpus}-{story}" if story else ""}


def ecbplus(data: Path) -> list[Record]:
    """ECB+ dev: tokenised text, one sentence per line, given as it is (ingest must cope
    with ` , ` and `` `` `` quotes). ECB+ has no title field: ingest finds the headline
    among the first lines, as for a .txt file. (Giving the first line as the title made
    ingest refuse the 51 one-sentence articles: their whole text echoed the title.)"""
    records = []
    for row in _jsonl(data / "ecbplus-dev.jsonl"):
        # the topic, not the event: a topic holds two events of one kind, which is what
        # makes ECB+ hard, so a sample keeps both together
        records.append(_record("ecb", row["doc_id"], row["text"], language="en",
                               story=str(row["topic"])))
    return records


def neus(data: Path, split: str) -> list[Record]:
    """NeuS: a line is one story, `TITLE=> ... ARTICLE=> ... [SEP]` per outlet (2-3).
    Which outlet wrote a part is not given, so each part is its own source."""
    records = []
    with (data / "neus-allsides" / f"{split}.source").open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle):
            parts = [p for p in line.split("[SEP]") if p.strip()]
            for k, part in enumerate(parts):
                match = _NEUS_PART.search(part)
                title, body = (match.group(1), match.group(2)) if match else ("", part)
                if not body.strip():
                    continue
                records.append(_record(f"neus-{split}", f"{line_no}-{k}", body.strip(),
                                       title=title.strip(), source=f"neus-{split}-{line_no}-{k}",
                                       story=str(line_no)))
    return records


def semeval(data: Path) -> list[Record]:
    """SemEval-2022 Task 8 dev: both sides of every pair, each article once (an id can
    recur in several pairs, sometimes as another crawl of the text: the first is kept).
    The story is the first pair an article appears in."""
    csv.field_size_limit(sys.maxsize)
    seen: dict[str, Record] = {}
    with (data / "semeval2022-t8-dev.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            first, _, second = row["pair_id"].partition("_")
            for article_id, text, language in ((first, row["text1"], row["lang1"]),
                                               (second, row["text2"], row["lang2"])):
                if article_id in seen or not text.strip():
                    continue
                # the headline is glued to the body by two spaces in this dump
                head = text.strip().split("  ", 1)[0] if "  " in text.strip()[:400] else ""
                seen[article_id] = _record("semeval", article_id, text, title=head,
                                           language=language, story=row["pair_id"])
    return list(seen.values())


def basil(data: Path) -> list[Record]:
    return [_record("basil", row["id"], row["text"], title=row.get("title") or "",
                    source=row.get("source") or "", url=row.get("url") or "",
                    published=row.get("published"), story=row["story"])
            for row in _jsonl(data / "basil" / "articles.jsonl")]


def baly(data: Path, size: int = BALY_SLICE) -> list[Record]:
    """The first `size` articles in file order; `published` kept exactly as it is
    (None, "", "4/4/17", ...): real feeds send such dates and ingest must take them."""
    records = []
    for row in _jsonl(data / "baly-news" / "articles.jsonl"):
        if len(records) >= size:
            break
        record = _record("baly", row["id"], row["text"], title=row.get("title") or "",
                         source=row.get("source") or "", url=row.get("url") or "",
                         story=str(row.get("published") or "undated"))
        record["published"] = row.get("published")  # not normalised here on purpose
        records.append(record)
    return records


def polnear(data: Path) -> list[Record]:
    records = []
    for split in ("train", "dev"):
        for row in _jsonl(data / "polnear" / f"{split}.jsonl"):
            records.append(_record("polnear", row["id"], row["text"], title=row.get("title") or "",
                                   source=row.get("publisher") or "",
                                   published=row.get("publication_date"),
                                   story=str(row.get("publication_date") or "")))
    return records


def tempeval3(data: Path) -> list[Record]:
    """TempEval-3: the document creation date is the publication date; the outlet is the
    id's letter prefix (APW, NYT, wsj, ...); no title is given."""
    records = []
    for row in _jsonl(data / "tempeval3" / "train.jsonl"):
        outlet = re.match(r"[A-Za-z]*", row["id"]).group()
        records.append(_record("tempeval3", row["id"], row["text"], source=outlet,
                               published=row.get("dct"), language="en",
                               story=str(row.get("dct") or "")))
    return records


# name -> (file that must exist, loader)
CORPORA: dict[str, tuple[str, Callable[[Path], list[Record]]]] = {
    "ecbplus-dev": ("ecbplus-dev.jsonl", ecbplus),
    "neus-train": ("neus-allsides/train.source", lambda d: neus(d, "train")),
    "neus-val": ("neus-allsides/val.source", lambda d: neus(d, "val")),
    "semeval-dev": ("semeval2022-t8-dev.csv", semeval),
    "basil": ("basil/articles.jsonl", basil),
    "baly-news": ("baly-news/articles.jsonl", baly),
    "polnear": ("polnear/train.jsonl", polnear),
    "tempeval3": ("tempeval3/train.jsonl", tempeval3),
}


def available(data: Path = DATA) -> list[str]:
    return [name for name, (path, _) in CORPORA.items() if (data / path).is_file()]


def load(name: str, data: Path = DATA) -> list[Record]:
    return CORPORA[name][1](data)


def sample(records: list[Record], size: int, seed: int = 0) -> list[Record]:
    """About `size` records taken as whole stories in a seeded random order (a story
    that would overshoot by more than a quarter is passed over; one bigger than `size`
    is cut to its first `size`); file order kept. Corpora without stories are sampled
    article by article."""
    stories: dict[str, list[int]] = {}
    for position, record in enumerate(records):
        stories.setdefault(record.get("story") or record["id"], []).append(position)
    keys = sorted(stories)
    random.Random(seed).shuffle(keys)
    chosen: list[int] = []
    for key in keys:
        members = stories[key][:size]
        if chosen and len(chosen) + len(members) > size * 1.25:
            continue
        chosen.extend(members)
        if len(chosen) >= size:
            break
    return [records[i] for i in sorted(chosen)]


def write_jsonl(records: list[Record], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

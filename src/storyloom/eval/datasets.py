"""Loaders for the labelled data sets in ../shared/data (read-only; never copied).

Each grouping loader returns `LabelledArticles`: articles plus a story label per
article, so grouping metrics can compare predicted stories with the gold ones.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyloom.errors import InputError
from storyloom.model import Article

_URL_LINE = re.compile(r"^\s*(https?\s*:|www\s*\.)", re.I)
_NEUS_PART = re.compile(r"TITLE=>\s*(.*?)\s*ARTICLE=>\s*(.*)", re.S)


@dataclass
class LabelledArticles:
    articles: list[Article]
    labels: list[str]  # gold story of each article, same order
    groups: list[str]  # a coarser block (ECB+ topic) for cross-validation folds

    def subset(self, keep: list[int]) -> LabelledArticles:
        return LabelledArticles([self.articles[i] for i in keep], [self.labels[i] for i in keep],
                                [self.groups[i] for i in keep])


@dataclass
class SimilarityPair:
    pair_id: str
    first: Article
    second: Article
    overall: float  # 1 = same story .. 4 = unrelated
    dimensions: dict[str, float] = field(default_factory=dict)  # other labels, when given

    @property
    def language_pair(self) -> str:
        return f"{self.first.language}-{self.second.language}"


def default_data_dir() -> Path:
    """`../shared/data` beside the repository root."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


def _title_of(lines: list[str]) -> str:
    # ECB+ plus-documents often start with the URL line; the headline follows it
    for line in lines[:3]:
        if line.strip() and not _URL_LINE.match(line):
            return line.strip()
    return lines[0].strip() if lines else ""


def load_ecbplus(path: Path, topics: set[int] | None = None) -> LabelledArticles:
    """ECB+ jsonl: one article per line, label `event_cluster`, text one sentence per line."""
    articles, labels, groups = [], [], []
    for row in _read_jsonl(path):
        if topics is not None and int(row["topic"]) not in topics:
            continue
        text = row["text"]
        articles.append(Article(str(row["doc_id"]), text, title=_title_of(text.split("\n")),
                                language="en", input=str(path)))
        labels.append(str(row["event_cluster"]))
        groups.append(str(row["topic"]))
    return LabelledArticles(articles, labels, groups)


def neus_parts(line: str) -> list[tuple[str, str]]:
    """(title, body) of each outlet's part of one NeuS `*.source` line."""
    parts = []
    for part in (p for p in line.split("[SEP]") if p.strip()):
        match = _NEUS_PART.search(part)
        title, body = (match.group(1), match.group(2)) if match else ("", part.strip())
        parts.append((title.strip() if match else title, body.strip()))
    return parts


def load_neus(path: Path, limit: int | None = None) -> LabelledArticles:
    """NeuS `*.source`: each line one story; parts split on [SEP]; label = line number.

    The parts of a line are different outlets, but which ones is not given (only their
    left/centre/right position), so each part's outlet is named per line: distinct within
    a story, never shared across stories.
    """
    articles, labels, groups = [], [], []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle):
            if limit is not None and line_no >= limit:
                break
            for part_no, (title, body) in enumerate(neus_parts(line)):
                text = f"{title}\n{body}" if title else body
                articles.append(Article(f"n{line_no}-{part_no}", text, title=title,
                                        source=f"story{line_no}-outlet{part_no}", input=str(path)))
                labels.append(str(line_no))
                groups.append(str(line_no))
    return LabelledArticles(articles, labels, groups)


def load_story_jsonl(path: Path) -> LabelledArticles:
    """The project's own JSONL: one article per line with a `story` label."""
    articles, labels = [], []
    for n, row in enumerate(_read_jsonl(path)):
        if "story" not in row:
            raise InputError(str(path), f"line {n + 1} has no 'story' field")
        text = row.get("text") or ""
        articles.append(Article(str(row.get("id") or n), text, title=row.get("title") or "",
                                source=row.get("source") or "", url=row.get("url") or "",
                                published=row.get("published"), language=row.get("language") or "",
                                input=str(path), syndicated_of=row.get("syndicated_of")))
        labels.append(str(row["story"]))
    return LabelledArticles(articles, labels, list(labels))


def load_grouping_file(path: Path, limit: int | None = None) -> LabelledArticles:
    """Pick the loader by content: ECB+ rows have `event_cluster`, neus is `*.source`."""
    if path.suffix == ".source":
        return load_neus(path, limit)
    first = next(_read_jsonl(path), None)
    if first is None:
        raise InputError(str(path), "empty file")
    data = load_ecbplus(path) if "event_cluster" in first else load_story_jsonl(path)
    if limit is not None:
        return data.subset(list(range(min(limit, len(data.articles)))))
    return data


def load_semeval(path: Path) -> list[SimilarityPair]:
    """SemEval-2022 Task 8 csv: article pairs with `Overall` 1..4."""
    csv.field_size_limit(sys.maxsize)
    pairs = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            pid = row["pair_id"]
            first_id, _, second_id = pid.partition("_")
            pairs.append(SimilarityPair(
                pid, _semeval_article(f"{first_id}", row["text1"], row["lang1"], path),
                _semeval_article(f"{second_id}", row["text2"], row["lang2"], path),
                float(row["Overall"]), _other_labels(row)))
    return pairs


def _other_labels(row: dict) -> dict[str, float]:
    """SemEval's per-dimension labels (Geography, Entities, ...) where the file has them."""
    labels = {}
    for name in ("Geography", "Entities", "Time", "Narrative", "Style", "Tone"):
        try:
            labels[name] = float(row[name])
        except (KeyError, TypeError, ValueError):
            continue
    return labels


def _semeval_article(article_id: str, text: str, language: str, path: Path) -> Article:
    # the title is glued to the body with two spaces in this dump
    title = text.split("  ", 1)[0].strip() if "  " in text[:400] else ""
    return Article(article_id, text, title=title, language=language, input=str(path))


def _read_jsonl(path: Path) -> Iterator[dict]:
    try:
        handle = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), str(exc)) from exc
    with handle:
        for n, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"line {n + 1}: {exc}") from exc

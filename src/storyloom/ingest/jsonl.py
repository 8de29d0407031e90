"""JSON and JSON Lines: `id`, `text`, optional `title`, `source`, `url`, `published`,
`language`; every other field is kept in `Article.extra` (e.g. a `story` label)."""
from __future__ import annotations

import json
from typing import Any

from storyloom.errors import InputError
from storyloom.ingest.article import build_article, cap_text
from storyloom.ingest.dates import normalise_published
from storyloom.ingest.decode import decode_bytes
from storyloom.ingest.readers import READERS, ReadResult, Source
from storyloom.model import InputWarning

MAX_JSON_BYTES = 1_000_000_000  # a JSONL file may hold thousands of articles
KNOWN_FIELDS = ("id", "text", "title", "source", "url", "published", "language")


def article_from_record(record: Any, default_id: str, name: str) -> tuple[Any, list[InputWarning]]:
    """An Article from one JSON object; raises InputError when it holds no article."""
    if not isinstance(record, dict):
        raise InputError(name, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(name, "no 'text' field" if text is None else "'text' is not a string")
    if not text.strip():
        raise InputError(name, "empty text")
    text, truncated = cap_text(text)
    warnings = [InputWarning(name, "text longer than 2M characters; truncated")] if truncated else []
    extra = {k: v for k, v in record.items() if k not in KNOWN_FIELDS}
    published = normalise_published(record.get("published"))
    if record.get("published") and published is None:
        extra["published_raw"] = record["published"]
    article_id = record.get("id")
    article = build_article(
        str(article_id) if article_id not in (None, "") else default_id, text, name,
        title=_string(record.get("title")) or None, source=_string(record.get("source")),
        url=_string(record.get("url")), published=published,
        language=_string(record.get("language")), extra=extra)
    return article, warnings


def _string(value: Any) -> str:
    return "" if value is None else str(value).strip()


class NestingError(ValueError):
    """JSON nested deeper than the parser's recursion allows (a few kilobytes of '[' do it)."""


def parse_json(text: str | bytes) -> Any:
    """json.loads, with nesting too deep to parse reported as a `NestingError` (a clear
    per-input problem) instead of a RecursionError that would abort the whole run."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise NestingError("JSON nested too deeply to read") from exc


class JsonReader:
    """A .json document (one object, a list, or {"articles": [...]}) or JSON Lines."""

    max_bytes = MAX_JSON_BYTES

    def read(self, source: Source) -> ReadResult:
        decoded = decode_bytes(source.data, source.name)
        result = ReadResult(warnings=[InputWarning(source.name, n) for n in decoded.notes])
        text = decoded.text
        if source.suffix == ".jsonl":
            return self._read_lines(text, source, result)
        try:
            document = parse_json(text)
        except json.JSONDecodeError:
            return self._read_lines(text, source, result)
        except NestingError as error:
            raise InputError(source.name, str(error)) from error
        records = document.get("articles", document) if isinstance(document, dict) else document
        if isinstance(records, dict):
            self._add(result, records, source.stem, source.name)
        elif isinstance(records, list):
            for number, record in enumerate(records, start=1):
                self._add(result, record, f"{source.stem}-{number}", f"{source.name}:{number}")
        else:
            raise InputError(source.name, "JSON holds neither an object nor a list of objects")
        return result

    def _read_lines(self, text: str, source: Source, result: ReadResult) -> ReadResult:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{source.name}:{number}"
            try:
                record = parse_json(line)
            except json.JSONDecodeError as error:
                result.warnings.append(InputWarning(where, f"malformed JSON ({error.msg})"))
                continue
            except NestingError as error:
                result.warnings.append(InputWarning(where, str(error)))
                continue
            self._add(result, record, f"{source.stem}-{number}", where)
        return result

    @staticmethod
    def _add(result: ReadResult, record: Any, default_id: str, where: str) -> None:
        try:
            article, warnings = article_from_record(record, default_id, where)
        except InputError as error:
            result.warnings.append(InputWarning(where, error.problem))
            return
        result.articles.append(article)
        result.warnings.extend(warnings)


READERS.register("json")(JsonReader)

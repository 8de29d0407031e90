"""Article records as the API and JSONL inputs carry them: {id, text, title, source, url, ...}."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from storyloom.errors import InputError
from storyloom.model import Article

FIELDS = ("id", "text", "title", "source", "url", "published", "language")


def article_from_record(record: Any, input_name: str) -> Article:
    if not isinstance(record, dict):
        raise InputError(input_name, "an article must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(input_name, "an article needs a non-empty 'text'")
    for name in FIELDS[2:]:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise InputError(input_name, f"'{name}' must be a string")
    article_id = str(record.get("id") or "") or "a" + hashlib.sha1(
        text.encode("utf-8")).hexdigest()[:12]
    extra = {k: v for k, v in record.items() if k not in FIELDS}
    return Article(id=article_id, text=text, title=record.get("title") or "",
                   source=record.get("source") or "", url=record.get("url") or "",
                   published=record.get("published") or None,
                   language=record.get("language") or "", input=input_name, extra=extra)


def read_jsonl(path: Path) -> tuple[list[Article], list[tuple[str, str]]]:
    """Articles of a JSONL file, and (input, problem) for each unusable line."""
    articles, problems = [], []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                articles.append(article_from_record(json.loads(line), where))
            except json.JSONDecodeError as exc:
                problems.append((where, f"not JSON: {exc.msg}"))
            except InputError as exc:
                problems.append((where, exc.problem))
    return articles, problems

"""The digest as JSON: the public contract described by `digest.schema.json`."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO

import orjson

from storyloom.model import Article, Digest, SectionFailure, StoryBrief

SCHEMA_PATH = Path(__file__).with_name("digest.schema.json")


def article_to_dict(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "source": article.source,
            "url": article.url, "published": article.published, "language": article.language,
            "syndicated_of": article.syndicated_of}


def failure_to_dict(failure: SectionFailure) -> dict:
    return {"story": failure.story, "section": failure.section, "error": failure.error}


def warnings_to_dicts(digest: Digest) -> list[dict]:
    """Bad inputs, then the sections that failed (each names its story and section)."""
    return ([{"input": w.input, "problem": w.problem} for w in digest.warnings]
            + [{"input": f"story {f.story}", "problem": f.problem, **failure_to_dict(f)}
               for f in digest.failures])


BRIEF_PARTS = ("summary", "facts", "conflicts", "quotes", "entities", "timeline", "coverage")


def _story_fields(item: StoryBrief) -> dict:
    """A story's JSON object with its records still dataclasses (orjson writes those
    in field order, as `asdict` would, without copying them first)."""
    return {
        "id": item.story.id,
        "title": item.title,
        "articles": [article_to_dict(a) for a in item.articles],
        "membership": item.story.memberships,
        **{key: getattr(item.brief, key) for key in BRIEF_PARTS},
        "failures": [failure_to_dict(f) for f in item.failures],
    }


def story_to_dict(item: StoryBrief) -> dict:
    return orjson.loads(orjson.dumps(_story_fields(item)))


def digest_to_dict(digest: Digest) -> dict:
    return {"stories": [story_to_dict(s) for s in digest.stories],
            "warnings": warnings_to_dicts(digest)}


def render_json(digest: Digest) -> str:
    """Same text as `json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2)`,
    ~15x faster: at 8k articles the stdlib's indenting encoder (pure Python) and
    `asdict`'s deep copies were ~7 s of serial time on the driver."""
    buffer = io.BytesIO()
    write_json(digest, buffer)
    return buffer.getvalue().decode("utf-8")


def write_json(digest: Digest, stream: BinaryIO) -> None:
    """`render_json`'s text, UTF-8, written one story at a time: the whole document is
    never held at once (at 8k articles it is ~350 MB, and as one string and its encoding
    it more than doubled the driver's memory at the end of a digest).

    Each story is dumped with two-space indents at top level and shifted to its depth in
    the document; JSON strings hold no raw newline, so every newline of a dump starts one
    of its lines."""
    stream.write(b'{\n  "stories": ')
    if not digest.stories:
        stream.write(b"[]")
    else:
        stream.write(b"[")
        for number, item in enumerate(digest.stories):
            text = orjson.dumps(_story_fields(item), option=orjson.OPT_INDENT_2)
            stream.write((b",\n    " if number else b"\n    ") + text.replace(b"\n", b"\n    "))
        stream.write(b"\n  ]")
    warnings = orjson.dumps(warnings_to_dicts(digest), option=orjson.OPT_INDENT_2)
    stream.write(b',\n  "warnings": ' + warnings.replace(b"\n", b"\n  ") + b"\n}")


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

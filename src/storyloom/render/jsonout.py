"""The digest as JSON: the public contract described by `digest.schema.json`."""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from storyloom.model import Article, Digest, StoryBrief

SCHEMA_PATH = Path(__file__).with_name("digest.schema.json")


def article_to_dict(article: Article) -> dict:
    return {"id": article.id, "title": article.title, "source": article.source,
            "url": article.url, "published": article.published, "language": article.language,
            "syndicated_of": article.syndicated_of}


def story_to_dict(item: StoryBrief) -> dict:
    brief = asdict(item.brief)
    return {
        "id": item.story.id,
        "title": item.title,
        "articles": [article_to_dict(a) for a in item.articles],
        "membership": [asdict(m) for m in item.story.memberships],
        **{key: brief[key] for key in ("summary", "facts", "conflicts", "quotes", "entities",
                                       "timeline", "coverage")},
    }


def digest_to_dict(digest: Digest) -> dict:
    return {"stories": [story_to_dict(s) for s in digest.stories],
            "warnings": [asdict(w) for w in digest.warnings]}


def render_json(digest: Digest) -> str:
    return json.dumps(digest_to_dict(digest), ensure_ascii=False, indent=2)


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

"""The bundled examples (examples/README.md lists what is planted) through the real pipeline."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyloom.ingest import read_inputs
from storyloom.model import Digest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
UNRELATED = "redmarsh-rovers-win"
EVENT = {"harbour-ledger", "coastal-wire", "daily-meridian", "kuestenbote",
         "north-sea-observer", "faro-del-norte-ostrevik"}
FURNITURE = ["Share this article", "Leave a comment", "Subscribe to our newsletter",
             "Source link", "Related stories", "Most read", "All rights reserved",
             "Teilen Sie diesen Artikel", "Newsletter abonnieren", "Compartir en redes sociales",
             "We use cookies", "Privacy policy"]


@pytest.fixture(scope="module")
def articles():
    found, warnings = read_inputs([str(EXAMPLES)])
    assert warnings == []
    return {a.id: a for a in found}


@pytest.fixture(scope="module")
def digest() -> Digest:
    from storyloom.pipeline import digest_paths

    return digest_paths([str(EXAMPLES)])


def test_every_example_file_is_read(articles):
    assert set(articles) == EVENT | {UNRELATED}
    for article in articles.values():
        words = len(article.clean_text.split())
        assert 200 <= words <= 450, (article.id, words)


def test_metadata_from_html_and_jsonl(articles):
    observer = articles["north-sea-observer"]
    assert observer.source == "North Sea Observer"
    assert (observer.published or "").startswith("2026-03-04")
    assert observer.title.startswith("Ostrevik grounding")
    spanish = articles["faro-del-norte-ostrevik"]
    assert (spanish.source, spanish.language, spanish.published) == (
        "El Faro del Norte", "es", "2026-03-04")


def test_furniture_is_not_article_text(articles):
    for article in articles.values():
        for line in FURNITURE:
            assert line not in article.clean_text, (article.id, line)
        assert not re.search(r"^\s*\.\s*$", article.clean_text, re.M), article.id


def test_syndicated_copy_is_marked(articles):
    assert articles["daily-meridian"].syndicated_of == "coastal-wire"
    assert articles["coastal-wire"].syndicated_of is None


def test_no_input_warnings(digest):
    assert digest.warnings == []
    assert sum(len(item.articles) for item in digest.stories) == len(EVENT) + 1


def test_unrelated_article_is_its_own_story(digest):
    story = next(item for item in digest.stories if UNRELATED in item.story.article_ids)
    assert story.story.article_ids == [UNRELATED]


def test_event_articles_form_one_story(digest):
    story = next(item for item in digest.stories if "coastal-wire" in item.story.article_ids)
    assert set(story.story.article_ids) == EVENT


def test_reports_render_for_examples(digest):
    from storyloom.render.html import render_html
    from storyloom.render.markdown import render_markdown

    markdown, page = render_markdown(digest), render_html(digest)
    assert markdown.index("## 1.") < markdown.index("## 2.")
    assert page.count('<article class="story"') == len(digest.stories)
    assert "<script" not in page

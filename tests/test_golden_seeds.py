"""Golden properties of `storyloom digest ../shared/seeds` (see ../shared/seeds/EXPECTED.md)."""
from __future__ import annotations

import json
import re

import jsonschema
import pytest

from storyloom.render.jsonout import load_schema

pytestmark = pytest.mark.slow  # loads a model or reads real data

FURNITURE = ["See them", "Source link", "Other News", "Leave A Reply",
             "Your email address will not be published.", "source site-34"]
DATE_HEADER = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? \w+ \d+$", re.I)


def test_output_matches_schema(seeds_digest_json):
    jsonschema.validate(seeds_digest_json, load_schema())


def test_five_seeds_are_one_story(seeds_digest_json):
    stories = seeds_digest_json["stories"]
    assert len(stories) == 1
    assert len(stories[0]["articles"]) == 5


def test_each_article_has_its_real_title(seeds_digest_json):
    for article in seeds_digest_json["stories"][0]["articles"]:
        title = article["title"]
        assert len(title.split()) >= 4, title
        assert not DATE_HEADER.match(title), title
        assert title.lower() not in {"other news", "news", "home"}, title
        # a headline names at least one of the actors of the story
        assert re.search(r"Biden|Putin", title), title


def test_no_furniture_anywhere_in_output(seeds_digest_json):
    text = json.dumps(seeds_digest_json, ensure_ascii=False)
    for line in FURNITURE:
        assert line.lower() not in text.lower(), line


def test_story_title_is_a_headline(seeds_digest_json):
    title = seeds_digest_json["stories"][0]["title"]
    assert re.search(r"Biden|Putin", title)

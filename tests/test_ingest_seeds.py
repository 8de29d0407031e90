"""The five seed articles (../shared/seeds, read-only): titles found, furniture removed."""
import re
from pathlib import Path

import pytest

from storyloom.ingest import read_inputs
from storyloom.ingest.dates import is_date_line
from storyloom.ingest.lines import visible_lines

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
FURNITURE = ("See them", "Source link", "Other News", "Leave A Reply",
             "Your email address will not be published.", "source site-34")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not available")]


@pytest.fixture(scope="module")
def seeds():
    articles, warnings = read_inputs([str(SEEDS)])
    return articles, warnings


def test_five_articles_and_expected_md_is_not_one(seeds):
    articles, warnings = seeds
    assert warnings == []
    assert len(articles) == 5
    assert all(a.input.endswith(".txt") for a in articles)


def test_each_title_is_a_real_headline(seeds):
    for article in seeds[0]:
        assert len(article.title.split()) >= 4, article.id
        assert not is_date_line(article.title)
        assert not article.extra.get("title_guessed")
        assert article.title in article.text  # taken from the text, not made up


def test_no_furniture_in_clean_text_or_title(seeds):
    for article in seeds[0]:
        kept_lines = [line.text for line in visible_lines(article.clean_text)]
        for furniture in FURNITURE:
            assert furniture not in kept_lines, (article.id, furniture)
            assert furniture.lower() not in article.title.lower()
        assert "." not in kept_lines  # the lone full stop
        assert not re.search(r"(?m)^\s*source site-\d+\s*$", article.clean_text)


def test_repeated_title_lines_are_collapsed(seeds):
    for article in seeds[0]:
        head = article.clean_text[:len(article.title) + 40].lower()
        assert not head.startswith(article.title.lower()[:20]), article.id
        first_block = article.text[slice(*article.blocks[0])]
        assert len(first_block.split()) > 12  # the body starts with a real paragraph


def test_date_header_is_only_a_low_trust_candidate(seeds):
    dated = [a for a in seeds[0] if "date_header" in a.extra]
    assert dated, "one seed opens with a date header"
    for article in dated:
        assert article.extra["date_header"]["trust"] == "low"
        assert article.published is None
        assert article.extra["date_header"]["text"] not in article.clean_text


def test_seeds_are_independent_reports(seeds):
    assert all(a.syndicated_of is None for a in seeds[0])

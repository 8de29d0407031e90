"""Ingest measured on the shared labelled data (../shared/data, read-only; skipped if absent).

NeuS articles are wrapped in site furniture built from general shapes (date headers,
section labels, repeated titles, comment prompts) and the headline must come back out;
on ECB+, every article marked as a syndicated copy must report the same labelled event.
"""
import random
import re
from pathlib import Path

import pytest

from storyloom.ingest import read_inputs
from storyloom.ingest.article import build_article

pytestmark = pytest.mark.slow  # loads a model or reads real data

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NEUS = DATA / "neus-allsides" / "val.source"
ECB = DATA / "ecbplus-dev.jsonl"
HEADERS = ["Monday, March 4", "12/03/2021", "March 4, 2022", "Updated 10:45 AM"]
LABELS = ["Other News", "Home", "World", "Politics", "Top Stories"]
TAILS = ["Share this:", "Leave a Reply", "Your email address will not be published.",
         "Source link", "source site-12", ".", "See them", "Related Articles",
         "Subscribe to our newsletter"]


def neus_articles(limit: int) -> list[tuple[str, str]]:
    found = []
    with NEUS.open(encoding="utf-8") as handle:
        for line in handle:
            for part in line.split("[SEP]"):
                match = re.search(r"TITLE=>(.*?)ARTICLE=>(.*)", part, re.S)
                if match and len(match.group(2).split()) > 60:
                    found.append((match.group(1).strip(), match.group(2).strip()))
            if len(found) >= limit:
                return found[:limit]
    return found


def furnished(n: int, title: str, body: str, rng: random.Random) -> tuple[str, list[str], list[str]]:
    sentences = re.split(r"(?<=[.!?])\s+", body)
    paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    head = ([rng.choice(HEADERS)] if n % 3 == 0 else []) + ([rng.choice(LABELS)] if n % 4 == 1 else [])
    head += [title, title] if n % 2 == 0 else [title]
    tail = rng.sample(TAILS, 2)
    return "\n\n".join(head + paragraphs + tail), paragraphs, [*head[:-1], *tail]


@pytest.mark.skipif(not NEUS.is_file(), reason="../shared/data/neus-allsides not available")
def test_neus_headlines_survive_furniture():
    rng = random.Random(7)
    items = neus_articles(400)
    exact = furniture_left = words_lost = 0
    for n, (title, body) in enumerate(items):
        text, paragraphs, furniture = furnished(n, title, body, rng)
        article = build_article(str(n), text, "neus")
        exact += article.title == " ".join(title.split())
        kept = [article.text[s:e] for s, e in article.blocks]
        furniture_left += sum(line in kept for line in furniture if line != title)
        words_lost += max(0, len(" ".join(paragraphs).split()) - len(article.clean_text.split()))
    assert len(items) >= 300
    assert exact / len(items) >= 0.93  # measured 0.97; misses are 20+ word titles ending in "."
    assert furniture_left == 0 and words_lost == 0


@pytest.mark.skipif(not ECB.is_file(), reason="../shared/data/ecbplus-dev.jsonl not available")
def test_ecb_syndicated_copies_report_the_same_event():
    articles, warnings = read_inputs([str(ECB)])
    assert warnings == [] and len(articles) == 772
    by_id = {a.id: a for a in articles}
    copies = [a for a in articles if a.syndicated_of]
    assert len(copies) >= 10
    for copy in copies:
        assert copy.extra["event_cluster"] == by_id[copy.syndicated_of].extra["event_cluster"]
    assert all(a.blocks for a in articles)

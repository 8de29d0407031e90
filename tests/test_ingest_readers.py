"""Readers per format, directory discovery, stdin and sniffing."""
import io
import shutil
import sys
from pathlib import Path

from storyloom.ingest import read_inputs
from storyloom.ingest.markup import html_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def by_id(articles):
    return {a.id: a for a in articles}


def test_html_page_uses_trafilatura_text_and_metadata():
    articles, warnings = read_inputs([str(FIXTURES / "page.html")])
    assert warnings == []
    (page,) = articles
    assert page.title == "Comet seen over the northern sky"
    assert page.source == "The Evening Lantern"
    assert page.url == "https://lantern.example/news/comet"
    assert page.published == "2023-04-02"
    assert page.clean_text.startswith("A bright comet was visible")
    assert "newsletter" not in page.clean_text and "rights reserved" not in page.clean_text
    assert all(page.text[s:e] for s, e in page.blocks)


def test_rss_and_atom_entries_become_articles():
    articles, warnings = read_inputs([str(FIXTURES / "wire.rss"), str(FIXTURES / "updates.atom")])
    assert warnings == []
    found = by_id(articles)
    ferry = found["wire-1"]
    assert ferry.title == "Ferry service resumes after storm" and ferry.source == "Coastal Courier"
    assert ferry.url == "https://courier.example/ferry"
    assert ferry.published == "2023-03-06T08:30:00+00:00"
    assert "<p>" not in ferry.text and len(ferry.blocks) == 2
    roof = found["updates-1"]
    assert roof.source == "Valley Gazette" and roof.url == "https://gazette.example/roof"
    assert roof.clean_text.startswith("Builders finished")


def test_jsonl_fields_extra_defaults_and_line_warnings():
    articles, warnings = read_inputs([str(FIXTURES / "batch.jsonl")])
    found = by_id(articles)
    assert set(found) == {"j1", "batch-2", "j5"}
    first = found["j1"]
    assert (first.title, first.source, first.url, first.published, first.language) == (
        "Power cut hits the eastern district", "Metro Daily", "https://metro.example/power",
        "2023-02-01", "en")
    assert first.extra == {"story": "power-cut"}
    assert found["j5"].published == "2023-02-01"
    problems = {w.input: w.problem for w in warnings}
    name = str(FIXTURES / "batch.jsonl")
    assert "malformed JSON" in problems[f"{name}:3"]
    assert problems[f"{name}:4"] == "empty text"
    assert "expected a JSON object" in problems[f"{name}:5"]


def test_json_single_object_and_list():
    articles, warnings = read_inputs([str(FIXTURES / "single.json"), str(FIXTURES / "list.json")])
    assert warnings == []
    found = by_id(articles)
    assert found["single"].title == "Museum to open local history wing"
    assert found["l2"].source == "Arts Weekly"
    # a one-sentence text with no title stays body text
    assert found["l1"].clean_text.startswith("The marathon will start")


def test_directory_is_recursive_sorted_and_ignores_other_files():
    articles, warnings = read_inputs([str(FIXTURES)])
    ids = [a.id for a in articles]
    assert "README" not in ids and "secret" not in ids  # .md ignored, hidden folder skipped
    assert ids.index("dated_header") < ids.index("labelled") < ids.index("labelled_copy")
    again, _ = read_inputs([str(FIXTURES)])
    assert [a.id for a in again] == ids
    assert {w.input.rsplit(":", 1)[0] for w in warnings} == {str(FIXTURES / "batch.jsonl")}


def test_nested_copy_is_marked_syndicated():
    articles, _ = read_inputs([str(FIXTURES)])
    found = by_id(articles)
    assert found["labelled_copy"].syndicated_of == "labelled"
    assert found["labelled"].syndicated_of is None


def test_stdin_jsonl(monkeypatch):
    data = b'{"id": "s1", "text": "Snow closed the mountain pass on Friday, police said."}\n{bad\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, warnings = read_inputs(["-"])
    assert [a.id for a in articles] == ["s1"]
    assert [w.input for w in warnings] == ["stdin:2"]


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path):
    page = tmp_path / "download.dat"
    shutil.copy(FIXTURES / "page.html", page)
    feed = tmp_path / "feed.php"
    shutil.copy(FIXTURES / "wire.rss", feed)
    articles, warnings = read_inputs([str(page), str(feed)])
    assert warnings == []
    assert [a.source for a in articles] == ["The Evening Lantern", "Coastal Courier", "Coastal Courier"]


def test_repeated_ids_get_suffixes(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(
            f"Story from folder {folder}\n\nThe {folder} folder holds a short article about a fair.\n")
    articles, warnings = read_inputs([str(tmp_path)])
    assert [a.id for a in articles] == ["same", "same-2"]
    assert "already used" in warnings[0].problem


def test_html_fragment_to_text():
    assert html_to_text("<p>One &amp; two</p><p>Three<br>four</p>") == "One & two\n\nThree\nfour"


def test_file_named_twice_is_read_once():
    articles, warnings = read_inputs([str(FIXTURES / "labelled.txt"), str(FIXTURES)])
    assert warnings and [a.id for a in articles].count("labelled") == 1
    assert "labelled-2" not in {a.id for a in articles}


def test_short_html_page_without_article_markup(tmp_path):
    page = tmp_path / "short.html"
    page.write_text("<html><head><title>Pier closed for repairs</title></head><body>"
                    "<p>The old pier will stay closed until May while workers replace its "
                    "rotten boards, the harbour office said.</p></body></html>")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>")
    articles, warnings = read_inputs([str(page), str(empty)])
    assert [a.title for a in articles] == ["Pier closed for repairs"]
    assert articles[0].clean_text.startswith("The old pier")
    assert [w.input for w in warnings] == [str(empty)]


def test_aggregator_feed_credits_each_entry_to_its_own_outlet(tmp_path):
    """Three outlets' reports from one aggregator feed stay three outlets: an entry's
    <source>, else the site it links to; the feed's title only for its own site's entries."""
    from storyloom.ingest import read_inputs

    body = ("The harbour reopened on Friday after the storm damaged two piers, the port "
            "authority said in a statement on its website.")
    feed = tmp_path / "agg.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel>
      <title>News Roundup</title><link>https://roundup.example/</link>
      <item><title>Harbour reopens</title><link>https://www.coast-news.example/a1</link>
        <description>{body}</description></item>
      <item><title>Port back in business</title><link>https://valley.example/b2</link>
        <source url="https://valley.example/rss">Valley Wire</source>
        <description>{body} Ships queued outside.</description></item>
      <item><title>Our own take</title><link>https://roundup.example/c3</link>
        <description>{body} Our reporter was there.</description></item>
    </channel></rss>""")
    articles, _ = read_inputs([str(feed)])
    assert [a.source for a in articles] == ["coast-news.example", "Valley Wire", "News Roundup"]

"""Bad inputs each give a warning naming them and never stop the batch."""
import os
from pathlib import Path

import pytest

from storyloom.ingest import read_inputs
from storyloom.ingest.decode import MAX_TEXT_BYTES

GOOD = "Bakery wins regional prize\n\nThe village bakery won the regional bread prize on Sunday.\n"


def test_each_bad_input_warns_and_the_good_article_survives(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café opens on the square\n\nThe new café opened on Monday, its owner said.\n"
                      .encode("cp1252"))
    huge = tmp_path / "huge.txt"
    huge.write_text("Huge file of repeated lines\n\n" + "A line of text that repeats itself.\n"
                    * (5_200_000 // 36), encoding="utf-8")
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text('{"id": "ok", "text": "The ferry ran on time today, the operator said."}\n'
                     '{"id": "bad", "text": \n', encoding="utf-8")
    no_articles = tmp_path / "pictures"
    no_articles.mkdir()
    (no_articles / "photo.png").write_bytes(b"\x89PNG\r\n")
    (no_articles / "notes.md").write_text("# notes\n")
    missing = tmp_path / "missing.txt"
    only_furniture = tmp_path / "furniture.txt"
    only_furniture.write_text("Home\n\nShare this\n\nLeave a reply\n", encoding="utf-8")

    paths = [good, empty, binary, latin, huge, jsonl, no_articles, missing, only_furniture]
    articles, warnings = read_inputs([str(p) for p in paths])
    problems = {w.input: w.problem for w in warnings}

    assert {a.id for a in articles} == {"good", "latin", "huge", "ok"}
    assert problems[str(empty)] == "empty file"
    assert "binary" in problems[str(binary)]
    assert "cp1252" in problems[str(latin)]
    assert next(a for a in articles if a.id == "latin").title == "Café opens on the square"
    assert "too large" in problems[str(huge)]
    huge_article = next(a for a in articles if a.id == "huge")
    assert len(huge_article.text.encode()) <= MAX_TEXT_BYTES
    assert huge_article.title == "Huge file of repeated lines"
    assert "malformed JSON" in problems[f"{jsonl}:2"]
    assert "no article files" in problems[str(no_articles)]
    assert problems[str(missing)] == "no such file or directory"
    assert "site furniture" in problems[str(only_furniture)]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_warns(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    try:
        articles, warnings = read_inputs([str(locked), str(good)])
    finally:
        locked.chmod(0o600)
    assert [a.id for a in articles] == ["good"]
    assert warnings[0].input == str(locked) and "permission denied" in warnings[0].problem


def test_invalid_feed_and_json_document(tmp_path):
    feed = tmp_path / "broken.rss"
    feed.write_text("<rss><channel><title>x</title></channel></rss>")
    doc = tmp_path / "number.json"
    doc.write_text("42")
    articles, warnings = read_inputs([str(feed), str(doc)])
    assert articles == []
    assert [w.input for w in warnings] == [str(feed), str(doc)]


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Tram line extended to the airport\n\nThe tram line reached the airport on "
                     "Friday, the city said.\n".encode("utf-16"))
    articles, warnings = read_inputs([str(path)])
    assert warnings == [] and articles[0].title == "Tram line extended to the airport"


def test_directory_with_unreadable_entries_and_empty_paths(tmp_path):
    articles, warnings = read_inputs([str(tmp_path)])
    assert articles == [] and len(warnings) == 1 and warnings[0].input == str(tmp_path)
    assert read_inputs([]) == ([], [])


def test_permission_error_becomes_a_warning(tmp_path, monkeypatch):
    """The same path as above, simulated so that it also runs as root."""
    from storyloom.ingest import decode

    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(decode, "open", guarded_open, raising=False)
    articles, warnings = read_inputs([str(locked), str(good)])
    assert [a.id for a in articles] == ["good"]
    assert warnings[0].input == str(locked) and warnings[0].problem == "permission denied"


def test_deeply_nested_json_is_one_clear_warning(tmp_path):
    """6 KB of '[' in one JSONL line (or a whole .json file) is that input's problem, named
    with its line; the good article beside it is read (it used to abort with RecursionError)."""
    lines = tmp_path / "mixed.jsonl"
    lines.write_text('{"id": "ok", "text": "' + GOOD.replace('"', "'").replace("\n", " ") + '"}\n'
                     + '{"id": "deep", "text": ' + "[" * 6000 + "]" * 6000 + "}\n")
    document = tmp_path / "deep.json"
    document.write_text("[" * 6000 + "]" * 6000)
    articles, warnings = read_inputs([str(lines), str(document)])
    problems = {w.input: w.problem for w in warnings}
    assert [a.id for a in articles] == ["ok"]
    assert problems[f"{lines}:2"] == "JSON nested too deeply to read"
    assert problems[str(document)] == "JSON nested too deeply to read"


def test_deeply_nested_html_is_one_clear_warning(tmp_path):
    """50,000 nested <div>s: that page's problem (no RecursionError), the good one read."""
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 50000 + "Deep words about the harbour storm."
                    + "</div>" * 50000 + "</body></html>")
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    articles, warnings = read_inputs([str(deep), str(good)])
    assert [a.id for a in articles] == ["good"]
    assert [w.input for w in warnings] == [str(deep)]

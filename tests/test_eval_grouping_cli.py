"""`storyloom eval grouping` on the project's own JSONL format, and the data loaders."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from storyloom.cli import main_group
from storyloom.eval.datasets import load_grouping_file, load_neus

QUAKE = ("A magnitude 6.1 earthquake struck Ridgeford province on Tuesday, killing 14 people "
         "and injuring 230, Governor Malvina Ostrova said.")
FLOOD = ("Flooding in the Talvern valley forced 3,400 residents from their homes on Friday after "
         "the Oster river burst its banks, Mayor Ignatius Pell said.")


def _write_jsonl(path):
    rows = [{"id": f"{story}{n}", "story": story, "title": text.split(",")[0],
             "text": text + suffix, "language": "en"}
            for story, text in (("q", QUAKE), ("f", FLOOD))
            for n, suffix in enumerate(["", " Officials gave no further details.", " More soon."])]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")


@pytest.mark.slow
def test_grouping_command_prints_one_json_object(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLOOM_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "stories.jsonl"
    _write_jsonl(path)
    for mode in ("batch", "incremental"):
        result = CliRunner().invoke(main_group, ["eval", "grouping", str(path), "--format", "json",
                                          "--mode", mode])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert set(data) == {"n", "bcubed", "pairwise"} and data["n"] == 6
        assert set(data["bcubed"]) == {"p", "r", "f1"}
        assert data["bcubed"]["f1"] == 1.0


def test_loaders_read_own_jsonl_and_neus(tmp_path):
    path = tmp_path / "stories.jsonl"
    _write_jsonl(path)
    data = load_grouping_file(path)
    assert data.labels == ["q", "q", "q", "f", "f", "f"]
    source = tmp_path / "x.source"
    source.write_text("TITLE=> A. ARTICLE=> Body one. [SEP] TITLE=> B. ARTICLE=> Body two.\n"
                      "TITLE=> C. ARTICLE=> Body three.\n", encoding="utf-8")
    neus = load_neus(source)
    assert [a.title for a in neus.articles] == ["A.", "B.", "C."]
    assert neus.labels == ["0", "0", "1"]
    assert neus.articles[0].text.endswith("Body one.")

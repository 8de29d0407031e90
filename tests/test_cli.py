"""The CLI's contract: exit codes, formats, output files, warnings on stderr."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from storyloom.render.jsonout import load_schema

pytestmark = pytest.mark.slow  # loads a model or reads real data


def run_cli(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "storyloom", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, timeout=300)


ARTICLES = [
    {"id": "a1", "title": "Flood closes the river port of Velmar",
     "text": "Floodwater closed the river port of Velmar on Tuesday, the harbour office said. "
             "About 300 people were moved to higher ground."},
    {"id": "a2", "title": "Velmar port shut by flooding",
     "text": "The river port of Velmar was shut on Tuesday after floodwater rose over the quays. "
             "Some 300 residents were evacuated, officials said."},
]


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("digest", "group", "eval"):
        assert command in result.stdout


def test_digest_jsonl_on_stdin_is_valid_json(tmp_path):
    lines = "\n".join(json.dumps(a) for a in ARTICLES)
    result = run_cli("digest", "-", "--format", "json", "--embedder", "hashing", stdin=lines)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_schema())
    ids = {a["id"] for s in doc["stories"] for a in s["articles"]}
    assert ids == {"a1", "a2"}


def test_group_has_empty_brief_fields(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES), encoding="utf-8")
    result = run_cli("group", str(path), "--embedder", "hashing")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, load_schema())
    for story in doc["stories"]:
        for field in ("summary", "facts", "conflicts", "quotes", "entities", "timeline", "coverage"):
            assert story[field] == []


def test_nothing_usable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = run_cli("digest", str(tmp_path), "--embedder", "hashing")
    assert result.returncode == 2
    assert "no usable article" in result.stderr


def test_missing_path_warns_and_rest_goes_on(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES), encoding="utf-8")
    result = run_cli("digest", str(path), str(tmp_path / "nope.txt"), "--format", "json",
                     "--embedder", "hashing")
    assert result.returncode == 0, result.stderr
    assert "nope.txt" in result.stderr
    doc = json.loads(result.stdout)
    assert any("nope.txt" in w["input"] for w in doc["warnings"])


@pytest.mark.parametrize("fmt,marker", [("md", "#"), ("html", "<html"), ("json", '"stories"')])
def test_out_writes_a_file(tmp_path, fmt, marker):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES), encoding="utf-8")
    out_dir = tmp_path / "report"
    out_dir.mkdir()
    result = run_cli("digest", str(path), "--format", fmt, "--out", str(out_dir),
                     "--embedder", "hashing")
    assert result.returncode == 0, result.stderr
    written = (out_dir / f"digest.{fmt}").read_text(encoding="utf-8")
    assert marker in written.lower() if fmt == "html" else marker in written


def test_unknown_embedder_lists_choices(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLES[0]), encoding="utf-8")
    result = run_cli("digest", str(path), "--embedder", "nope")
    assert result.returncode == 2
    assert "hashing" in result.stderr and "use-multilingual" in result.stderr

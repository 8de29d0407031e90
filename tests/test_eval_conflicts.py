"""`storyloom eval conflicts`: loading, injection and the JSON report."""
from __future__ import annotations

import json
import random

from click.testing import CliRunner

from storyloom.eval.conflicts import command, detokenise, inject, load_stories


def test_detokenise():
    text = "Reid , 33 , paid $ 2 , 000 for a 90 - day stay . `` Fine , '' she said ."
    assert detokenise(text) == "Reid, 33, paid $2,000 for a 90-day stay. \u201cFine,\u201d she said."


def _write(tmp_path):
    rows = []
    sentences = [
        "Rescuers said 23 miners were trapped in the collapsed mine near Tarnow .",
        "Rescuers said 23 miners were trapped in the collapsed mine near Tarnow on Monday .",
        "The weather was cold and officials asked for patience .",
    ]
    for n, text in enumerate(sentences):
        rows.append({"doc_id": f"d{n}", "topic": 1, "subtopic": "ecb",
                     "event_cluster": "1_ecb" if n < 2 else "2_ecb", "n_sentences": 1, "text": text})
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_stories_need_two_articles(tmp_path):
    stories = load_stories(_write(tmp_path))
    assert list(stories) == ["1_ecb"] and len(stories["1_ecb"]) == 2


def test_injection_changes_a_value_with_a_counterpart(tmp_path):
    from storyloom.analyze import analyze

    members = analyze(load_stories(_write(tmp_path))["1_ecb"])
    injection, changed = inject("1_ecb", members, random.Random(0))
    assert injection.kind == "number" and injection.old == "23"
    assert injection.new in changed.text and "23" not in changed.text


def test_command_reports_recall_and_false_conflicts(tmp_path):
    result = CliRunner().invoke(command, [str(_write(tmp_path)), "--format", "json", "--seed", "1"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["stories"] == 1 and report["injected"] == 1
    assert report["recall"] == 1.0 and report["false_per_story"] == 0.0


def test_changed_date_keeps_its_weekday_consistent():
    from storyloom.analyze.times import find_dates
    from storyloom.eval.conflicts import _new_text

    rng = random.Random(0)
    dated = find_dates("on Monday, July 13, 2009")[0]
    assert _new_text("date", dated.text, dated, rng).endswith("Wednesday, July 22, 2009")
    bare = find_dates("on Monday, July 13")[0]
    assert "Monday" not in _new_text("date", bare.text, bare, rng)

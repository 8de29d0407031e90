"""`storyloom eval conflicts`: loading, injection and the JSON report."""
from __future__ import annotations

import json
import random

import pytest
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


@pytest.mark.slow
def test_injection_changes_a_value_with_a_counterpart(tmp_path):
    from storyloom.analyze import analyze

    members = analyze(load_stories(_write(tmp_path))["1_ecb"])
    injection, changed = inject("1_ecb", members, random.Random(0))
    assert injection.kind == "number" and injection.old == "23"
    assert injection.new in changed.text and "23" not in changed.text


@pytest.mark.slow
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


def test_labelled_score_counts_matches_by_kind_and_relation():
    from storyloom.eval.labelled_conflicts import score

    labels = [{"story": "s", "kind": "number", "relation": "contradiction", "about": "dead",
               "claims": [{"value": "five", "articles": ["a"], "evidence": "Five people died in the crash."},
                          {"value": "seven", "articles": ["b"], "evidence": "Seven people were killed."}]},
              {"story": "s", "kind": "date", "relation": "imprecise", "about": "when",
               "claims": [{"value": "about 100", "articles": ["a"], "evidence": "About 100 came."},
                          {"value": "98", "articles": ["b"], "evidence": "98 came."}]},
              {"story": "t", "none": True}]
    digest = {"stories": [{"id": "s", "articles": [{"id": "a"}, {"id": "b"}], "facts": [
        {"text": "Five people died in the crash.", "sources": ["a", "b"]}], "conflicts": [
        {"kind": "number", "contradiction": True, "relation": "contradiction", "claims": [
            {"value": "5 people", "sources": ["a"], "text": "Five people died in the crash."},
            {"value": "7 people", "sources": ["b"], "text": "Seven people were killed."}]},
        {"kind": "date", "contradiction": True, "claims": [
            {"value": "Monday", "sources": ["a"], "text": "It was Monday."},
            {"value": "Friday", "sources": ["b"], "text": "It was Friday."}]}]},
        {"id": "t", "articles": [{"id": "c"}, {"id": "d"}], "conflicts": [], "facts": []}]}
    result = score(digest, labels)
    assert (result["true"], result["false"], result["found"], result["positives"]) == (1, 1, 1, 1)
    assert result["precision"] == 0.5 and result["recall"] == 1.0
    assert result["contradicting_credits"] == 1  # the fact credits b, which says seven
    assert result["by_kind"]["number"] == {"labelled": 1, "reported": 1, "true": 1, "found": 1}
    assert result["by_relation"]["contradiction"]["found"] == 1
    assert result["by_relation"]["imprecise"] == {"labelled": 1}


@pytest.mark.slow
def test_eval_conflicts_command_scores_a_digest_against_labels(tmp_path):
    import json
    import subprocess
    import sys

    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"story": "s", "kind": "number", "relation": "update", "about": "x",
                                  "claims": [{"value": "5", "articles": ["a"], "evidence": "5 died."},
                                             {"value": "7", "articles": ["b"], "evidence": "7 died."}]})
                      + "\n", encoding="utf-8")
    digest = tmp_path / "digest.json"
    digest.write_text(json.dumps({"stories": [{"id": "s", "articles": [{"id": "a"}, {"id": "b"}],
                                               "facts": [], "conflicts": []}], "warnings": []}),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storyloom", "eval", "conflicts", str(digest),
                           str(labels), "--format", "json"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert {"precision", "recall", "contradicting_credits", "by_kind"} <= set(result)
    assert (result["positives"], result["found"], result["recall"]) == (1, 0, 0.0)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "storyloom", "eval", "conflicts", str(digest),
                           str(bad)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "bad.jsonl:1" in done.stderr


def test_labels_with_evidence_spans_read_their_sentences_from_the_texts(tmp_path):
    from storyloom.eval.conflicts import raw_texts
    from storyloom.eval.labelled_conflicts import has_spans, load_labels

    texts = tmp_path / "articles.jsonl"
    texts.write_text("\n".join(json.dumps(row) for row in [
        {"doc_id": "a", "text": "Intro .\nFive people died in Wrenfield .\n"},
        {"id": "b", "text": "Seven people died ."}]) + "\n", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps({"story": "s", "kind": "number", "relation": "contradiction", "claims": [
        {"value": "five", "articles": ["a"], "evidence": {"article": "a", "start": 8, "end": 39}},
        {"value": "seven", "articles": ["b"], "evidence": {"article": "b", "start": 0, "end": 19}}]})
        + "\n", encoding="utf-8")
    assert has_spans(labels)
    records = load_labels(labels, raw_texts(texts))
    assert [c["evidence"] for c in records[0]["claims"]] == [
        "Five people died in Wrenfield .", "Seven people died ."]
    with pytest.raises(ValueError, match="give the articles' texts"):
        load_labels(labels)
    missing = tmp_path / "missing.jsonl"
    missing.write_text(labels.read_text().replace('"b", "start"', '"z", "start"'), encoding="utf-8")
    with pytest.raises(ValueError, match="no text for article 'z'"):
        load_labels(missing, raw_texts(texts))


@pytest.mark.slow  # reads ../shared
def test_the_ecb_labels_resolve_to_their_evidence(data_dir):
    from storyloom.eval.conflicts import raw_texts
    from storyloom.eval.labelled_conflicts import load_labels
    from storyloom.eval.train_conflicts import ECB_LABELS

    texts = raw_texts(data_dir / "ecbplus-dev.jsonl")
    records = load_labels(ECB_LABELS, texts)
    claims = [c for r in records if not r.get("none") for c in r["claims"]]
    assert len({r["story"] for r in records}) == 20 and len(claims) > 150
    # each span is a whole line of its article (ECB+ gives one sentence per line)
    assert all(c["evidence"] and f"\n{c['evidence']}\n" in f"\n{texts[c['articles'][0]]}\n" for c in claims)

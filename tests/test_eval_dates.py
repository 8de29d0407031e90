"""`storyloom eval dates`: TempEval-3 Task A scoring of the time readers."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from storyloom.analyze.timex import annotate_times
from storyloom.eval.dates import command, score


def test_spans_leave_out_leading_prepositions_and_values_resolve():
    text = "The talks ended on Tuesday after two weeks; they resume March 4, 2021."
    found = annotate_times(text, dt.date(2021, 2, 25))  # a Thursday
    assert [(text[t.start:t.end], t.value) for t in found] == [
        ("Tuesday", "2021-02-23"), ("two weeks", "P2W"), ("March 4, 2021", "2021-03-04")]


def test_scores_strict_relaxed_and_values():
    text = "The talks ended on Tuesday after two weeks."
    gold = [{"start": text.index("Tuesday"), "end": text.index("Tuesday") + 7, "type": "DATE",
             "value": "2021-02-23"},
            {"start": text.index("two"), "end": text.index("two") + 9, "type": "DURATION", "value": "P3W"},
            {"start": 0, "end": 3, "type": "DATE", "value": "PRESENT_REF"}]
    result = score([{"id": "d", "dct": "2021-02-25", "text": text, "timexes": gold}])
    assert result["predicted"] == 2 and result["gold"] == 3
    assert result["strict_span_f1"] == result["relaxed_span_f1"] == 0.8
    assert result["value_accuracy"] == 0.5 and result["missed_by_type"] == {"DATE": 1}


def test_command_prints_json(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "d", "dct": "2021-02-25", "text": "Tuesday.", "timexes": []}) + "\n")
    result = CliRunner().invoke(command, [str(path), "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.output)["predicted"] == 1


@pytest.mark.slow  # reads ../shared
def test_tempeval3_train_floor(data_dir):
    # #15 targets: value F1 >= 0.80, relaxed span F1 >= 0.88 (HeidelTime: 0.776 / 0.903)
    documents = [json.loads(line) for line in
                 (data_dir / "tempeval3" / "train.jsonl").read_text(encoding="utf-8").splitlines() if line]
    result = score(documents)
    assert result["gold"] == 1822
    assert result["relaxed_span_f1"] >= 0.93 and result["value_f1"] >= 0.80, result
    assert result["strict_span_f1"] >= 0.82, result

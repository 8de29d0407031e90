"""A batch full of bad inputs: each is named in a warning, the good article still comes out."""
from __future__ import annotations

import json

import pytest
from test_cli import run_cli

pytestmark = pytest.mark.slow  # loads a model or reads real data

GOOD = ("Storm floods the harbour of Velmar\n\n"
        "A winter storm flooded the harbour of Velmar on Tuesday, the harbour office said. "
        "About 300 people were moved to higher ground as the water rose over the quays.\n")


def test_bad_inputs_do_not_stop_the_batch(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text(GOOD, encoding="utf-8")
    (batch / "empty.txt").write_text("", encoding="utf-8")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (batch / "latin.txt").write_bytes(b"Caf\xe9 \xff\xfe broken \x80\x81 bytes\n" * 3)
    (batch / "huge.txt").write_text(("word " * 200 + "\n") * 5300, encoding="utf-8")
    (batch / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "title": "Velmar harbour flooded by storm",
                    "text": "The harbour of Velmar flooded on Tuesday during a winter storm. "
                            "Around 300 residents left their homes."}) + "\n{not json\n",
        encoding="utf-8")
    (batch / "nothing_here").mkdir()
    (batch / "nothing_here" / "notes.md").write_text("# not an article\n", encoding="utf-8")

    result = run_cli("group", str(batch), "--embedder", "hashing")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    ids = {a["id"] for s in doc["stories"] for a in s["articles"]}
    assert {"good", "j1"} <= ids
    assert "empty" not in ids and "binary" not in ids
    warned = " ".join(w["input"] for w in doc["warnings"])
    for name in ("empty.txt", "binary.txt", "lines.jsonl"):
        assert name in warned, (name, doc["warnings"])
    for warning in doc["warnings"]:
        assert warning["problem"].strip()
    assert "warning:" in result.stderr

"""`storyloom annotate`: per-article extractions, with offsets, under a JSON Schema."""
from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from storyloom.annotate import SCHEMA_PATH, command

pytestmark = pytest.mark.slow  # spaCy names the entities and speakers

TEXT = ("Harbour reopens after storm\n\n"
        "The harbour of Ostrevik reopened on Tuesday, two weeks after the storm, the port "
        "authority said. \"We lost 1.2 million euros a day,\" said harbour master Ana Lind. "
        "\"The quay needs repairs.\"\n\nTrade fell 12% last year, Lind said.")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("annotate")
    (folder / "a.jsonl").write_text(json.dumps({"id": "a1", "source": "Port Daily", "text": TEXT,
                                                "published": "2021-03-11"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(command, [str(folder / "a.jsonl")])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_output_follows_the_schema_and_spans_are_exact(annotated):
    jsonschema.validate(annotated, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    article = annotated["articles"][0]
    for key in ("entities", "times", "quantities", "quotes"):
        for item in article[key]:
            assert article["text"][item["start"]:item["end"]] == item["text"], (key, item)


def test_times_quantities_and_quotes(annotated):
    article = annotated["articles"][0]
    times = {t["text"]: (t["type"], t["value"], t["certainty"]) for t in article["times"]}
    assert times["Tuesday"] == ("DATE", "2021-03-09", "exact")  # past tense: looks back
    assert times["two weeks"] == ("DURATION", "P2W", "exact")
    assert times["last year"] == ("DATE", "2020", "exact")
    figures = {q["text"]: q for q in article["quantities"]}
    assert any(q["unit"] == "%" and q["value"] == 12 for q in figures.values())
    quotes = [q for q in article["quotes"] if q["direct"]]
    assert [q["speaker"] for q in quotes] == ["Ana Lind", "Ana Lind"]
    assert [q["continues"] for q in quotes] == [False, True]
    assert any(e["type"] == "PERSON" and e["name"] == "Ana Lind" for e in article["entities"])


def test_a_dateline_and_a_region_are_places_and_a_lower_case_word_no_name():
    from storyloom.analyze.entities import _is_name
    from storyloom.annotate import _REGION_BEFORE, _is_dateline
    from storyloom.model import Mention

    text = "WRENFIELD, Md., Jan. 5 (Radio Nord) - Troops in northern Ostrevik held.\nSAID WRENFIELD"
    assert _is_dateline(text, Mention("WRENFIELD", "ORG", 0, 9, 0))
    assert not _is_dateline(text, Mention("WRENFIELD", "ORG", text.rindex("WRENFIELD"), len(text), 1))
    start = text.index("Ostrevik")
    assert _REGION_BEFORE.search(text, start - 20, start)
    assert not _is_name("harbour") and not _is_name("I.") and _is_name("Ana Lind")

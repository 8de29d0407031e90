"""One failing section of one story never costs the other sections or stories."""
from __future__ import annotations

import json

import jsonschema
import pytest

from storyloom.errors import SectionError
from storyloom.model import Article
from storyloom.pipeline import DigestOptions, digest_articles
from storyloom.render.jsonout import digest_to_dict, load_schema

# two unrelated stories, two outlets each
ARTICLES = [
    Article("flood-1", "Floodwater closed the river port of Velmar on Tuesday, the harbour office "
            "said. About 300 people were moved to higher ground. The port expects to reopen on "
            "March 14.", title="Flood closes the river port of Velmar", source="Velmar Post",
            language="en", published="2024-03-05"),
    Article("flood-2", "The river port of Velmar was shut on Tuesday after floodwater rose over "
            "the quays. Some 300 residents were evacuated, officials said. The port expects to "
            "reopen on March 14.", title="Velmar port shut by flooding", source="River Daily",
            language="en", published="2024-03-05"),
    Article("chess-1", "Grandmaster Ilse Varga won the Brenner chess open on Sunday after nine "
            "rounds. She beat the defending champion in the final game on March 3.",
            title="Varga wins the Brenner chess open", source="Board Weekly", language="en",
            published="2024-03-04"),
    Article("chess-2", "Ilse Varga took the Brenner open title on Sunday, winning the last of "
            "nine rounds on March 3 against the defending champion.",
            title="Brenner open goes to Varga", source="Chess Courier", language="en",
            published="2024-03-04"),
]


def _break_timeline_of(monkeypatch, article_id: str) -> None:
    """The timeline of the story holding `article_id` raises; every other one works."""
    import storyloom.consolidate.brief as brief_module

    real = brief_module.build_timeline

    def failing(members, *args):
        if any(m.id == article_id for m in members):
            raise RuntimeError("injected timeline failure")
        return real(members, *args)

    monkeypatch.setattr(brief_module, "build_timeline", failing)


def _digest(strict: bool = False):
    return digest_articles(list(ARTICLES), DigestOptions(embedder="hashing", executor="local",
                                                         strict=strict))


@pytest.mark.slow
def test_a_failing_section_keeps_the_rest_of_the_story_and_the_other_stories(monkeypatch):
    clean = _digest(strict=True)
    assert len(clean.stories) == 2 and not clean.failures
    _break_timeline_of(monkeypatch, "flood-1")
    digest = _digest()
    assert len(digest.stories) == 2
    by_member = {a: s for s in digest.stories for a in s.story.article_ids}
    flood, chess = by_member["flood-1"], by_member["chess-1"]
    # the failing story keeps every other section, equal to the clean run's
    clean_flood = next(s for s in clean.stories if "flood-1" in s.story.article_ids)
    assert flood.brief.timeline == []
    assert flood.brief.facts == clean_flood.brief.facts and flood.brief.facts
    assert flood.brief.summary == clean_flood.brief.summary and flood.brief.summary
    assert flood.brief.quotes == clean_flood.brief.quotes
    assert flood.brief.coverage == clean_flood.brief.coverage
    # the other story is untouched, timeline included
    clean_chess = next(s for s in clean.stories if "chess-1" in s.story.article_ids)
    assert chess.brief == clean_chess.brief and chess.brief.timeline and not chess.failures
    # the failure names the story, the section and the error
    assert [(f.story, f.section) for f in digest.failures] == [(flood.story.id, "timeline")]
    assert "injected timeline failure" in digest.failures[0].error
    doc = digest_to_dict(digest)
    jsonschema.validate(doc, load_schema())
    [warning] = doc["warnings"]
    assert warning["story"] == flood.story.id and warning["section"] == "timeline"
    assert "RuntimeError: injected timeline failure" in warning["problem"]


def test_strict_raises_naming_the_story_and_section(monkeypatch):
    _break_timeline_of(monkeypatch, "chess-2")
    with pytest.raises(SectionError) as caught:
        _digest(strict=True)
    assert caught.value.section == "timeline" and "injected timeline failure" in str(caught.value)


def test_a_whole_story_that_fails_leaves_the_others(monkeypatch):
    import storyloom.pipeline as pipeline

    real = pipeline.deepen

    def failing(members, *args, **kwargs):
        if any(m.id == "chess-1" for m in members):
            raise MemoryError("injected")
        return real(members, *args, **kwargs)

    monkeypatch.setattr(pipeline, "deepen", failing)
    digest = _digest()
    [failure] = digest.failures
    assert failure.section == "story" and "MemoryError" in failure.error
    flood = next(s for s in digest.stories if "flood-1" in s.story.article_ids)
    chess = next(s for s in digest.stories if "chess-1" in s.story.article_ids)
    assert flood.brief.facts and not flood.failures
    assert chess.brief.facts == [] and chess.title  # listed, titled, marked incomplete


def test_cli_exit_codes_for_a_failing_section(monkeypatch, tmp_path, capsys):
    from storyloom.cli import EXIT_INCOMPLETE, EXIT_INTERNAL, main

    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                            "source": a.source, "published": a.published})
                                for a in ARTICLES), encoding="utf-8")
    _break_timeline_of(monkeypatch, "flood-2")
    monkeypatch.delenv("STORYLOOM_STRICT", raising=False)
    args = ["digest", str(source), "--format", "json", "--embedder", "hashing", "--executor",
            "local", "-q"]
    with pytest.raises(SystemExit) as done:
        main(args)
    assert done.value.code == EXIT_INCOMPLETE
    out, err = capsys.readouterr()
    doc = json.loads(out)  # the output is still written whole
    assert len(doc["stories"]) == 2
    assert "timeline section could not be built" in err and "injected timeline failure" in err
    with pytest.raises(SystemExit) as done:
        main(args + ["--strict"])
    assert done.value.code == EXIT_INTERNAL
    assert "section timeline" in capsys.readouterr().err


def test_store_keeps_a_failed_brief_stale_and_retries_it(monkeypatch, tmp_path):
    from storyloom.store import open_store
    from storyloom.store.incremental import IngestOptions, IngestReport, ingest_articles, rebuild_stale_briefs

    store = open_store(str(tmp_path / "s.db"))
    options = IngestOptions(embedder="hashing", entities=False)
    _break_timeline_of(monkeypatch, "chess-1")
    report = ingest_articles(store, list(ARTICLES), options)
    [failure] = report.failures
    assert failure.section == "timeline"
    assert report.as_dict()["failures"][0]["section"] == "timeline"
    assert store.stale_story_ids() == [failure.story]  # only the failed one is retried
    saved = store.get_brief(failure.story)
    assert saved["facts"] and saved["failures"][0]["section"] == "timeline"
    monkeypatch.undo()  # fixed: the next run builds it whole
    again = IngestReport()
    rebuild_stale_briefs(store, options, again)
    assert again.rebuilt_stories == [failure.story] and not again.failures
    assert store.stale_story_ids() == []
    assert store.get_brief(failure.story)["timeline"]
    store.close()


def test_timeline_mixing_dated_and_year_less_expressions_in_undated_articles():
    """The reported crash: undated articles where one date carries its year and another
    does not gave sort keys ('2017-04', 12) and (5, 16) that do not compare."""
    from storyloom.analyze import analyze
    from storyloom.consolidate.timeline import build_timeline

    texts = {"a": "The council met on April 12, 2017 to debate the plan. The final vote is set "
                  "for May 16.",
             "b": "The final vote on the plan is set for May 16, the council said."}
    articles = [Article(k, v, source=k, language="en") for k, v in texts.items()]
    entries = build_timeline(analyze(articles, "hashing", entities=False))
    assert [e.date for e in entries] == ["2017-04-12", "--05-16"]
    assert entries[1].sources == ["a", "b"]


def test_web_story_with_a_failed_section_renders_and_the_others_work(monkeypatch, tmp_path):
    from fastapi.testclient import TestClient

    from storyloom.web.app import ServiceSettings, create_app

    settings = ServiceSettings(db=str(tmp_path / "web.db"), embedder="hashing", briefs=True,
                               entities=False)
    client = TestClient(create_app(settings))
    _break_timeline_of(monkeypatch, "flood-1")
    records = [{"id": a.id, "text": a.text, "title": a.title, "source": a.source,
                "published": a.published, "language": a.language} for a in ARTICLES]
    posted = client.post("/api/articles", json=records)
    assert posted.status_code == 200, posted.text
    [failure] = posted.json()["failures"]
    assert failure["section"] == "timeline"
    stories = client.get("/api/stories").json()
    ids = [s["id"] for s in (stories["stories"] if isinstance(stories, dict) else stories)]
    assert len(ids) == 2
    for story_id in ids:
        page = client.get(f"/stories/{story_id}")
        assert page.status_code == 200
        api = client.get(f"/api/stories/{story_id}").json()
        if story_id == failure["story"]:
            assert "Incomplete" in page.text and api["failures"][0]["section"] == "timeline"
            assert api["facts"]  # the other sections are there
        else:
            assert "Incomplete" not in page.text and api["timeline"]

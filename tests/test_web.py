"""Web UI and JSON API through FastAPI's TestClient."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from storyloom.store import open_store
from storyloom.store.incremental import IngestOptions
from storyloom.store.service import run_ingest
from storyloom.web.app import ServiceSettings, create_app
from storyloom.web.pages import cited_spans, segments

HOSTILE = ('Officials said the <script>alert("x")</script> dam held on Thursday. '
           '<img src=x onerror="alert(1)"> Engineers were <a href="javascript:alert(2)">'
           'on site</a> all night. <svg onload=alert(3)></svg> The river fell by morning.')


def _client(tmp_path, **kw) -> TestClient:
    settings = ServiceSettings(db=str(tmp_path / "web.db"), embedder="hashing", briefs=False, **kw)
    return TestClient(create_app(settings))


def _articles(n: int, prefix: str = "w") -> list[dict]:
    return [{"id": f"{prefix}{i}", "title": f"Bridge closed {i}", "source": f"outlet{i % 3}",
             "language": "en", "published": f"2024-05-0{1 + i % 9}",
             "text": f"The old bridge closed on Monday after cracks were found. Report {i}."}
            for i in range(n)]


class _Executable(HTMLParser):
    """Collects markup that could run: script elements, on* handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.append(f"{tag}[{name}=javascript:]")


def _executable(html: str) -> list[str]:
    parser = _Executable()
    parser.feed(html)
    return parser.found


def test_api_ingest_list_search_detail(tmp_path):
    client = _client(tmp_path)
    posted = client.post("/api/articles", json=_articles(4))
    assert posted.status_code == 200, posted.text
    assert len(posted.json()["added"]) == 4
    again = client.post("/api/articles", json=_articles(4)[0])  # a single object works too
    assert again.json()["added"] == [] and len(again.json()["duplicates"]) == 1
    listing = client.get("/api/stories", params={"limit": 10}).json()
    assert listing["total"] >= 1
    assert sum(s["article_count"] for s in listing["stories"]) == 4
    story = client.get(f"/api/stories/{listing['stories'][0]['id']}").json()
    assert {"id", "title", "articles", "summary", "facts", "conflicts", "quotes", "entities",
            "timeline", "coverage"} <= set(story)
    assert client.get("/api/stories", params={"q": "cracks"}).json()["total"] >= 1
    assert client.get("/api/stories", params={"q": "volcano"}).json()["total"] == 0
    article = client.get("/api/articles/w1").json()
    assert article["text"].startswith("The old bridge") and article["story"]
    page = client.get("/api/stories", params={"limit": 1, "offset": 0}).json()
    assert len(page["stories"]) == 1


@pytest.mark.parametrize("path", ["/api/stories/nope", "/api/articles/nope", "/api/nothing"])
def test_not_found_uses_the_error_shape(tmp_path, path):
    response = _client(tmp_path).get(path)
    assert response.status_code == 404
    assert set(response.json()["error"]) == {"code", "message"}


def test_bad_uploads_are_rejected_in_the_error_shape(tmp_path):
    client = _client(tmp_path, max_upload_bytes=2000)
    big = client.post("/api/articles", content=json.dumps({"text": "x" * 5000}),
                      headers={"content-type": "application/json"})
    assert big.status_code == 413 and big.json()["error"]["code"]
    binary = client.post("/api/articles", content=b"\x89PNG\r\n\x1a\n\x00\x00\x00",
                         headers={"content-type": "application/json"})
    assert binary.status_code == 422 and "error" in binary.json()
    invalid = client.post("/api/articles", json={"title": "no text"})
    assert invalid.status_code == 422 and "text" in invalid.json()["error"]["message"]
    (tmp_path / "nested").mkdir()
    nested = _client(tmp_path / "nested", max_upload_bytes=20000).post(
        "/api/articles", content="[" * 6000 + "]" * 6000, headers={"content-type": "application/json"})
    assert nested.status_code == 422 and "nested too deeply" in nested.json()["error"]["message"]
    query = client.get("/api/stories", params={"limit": 0})
    assert query.status_code == 422 and query.json()["error"]["code"] == "invalid_request"


def test_write_endpoints_need_the_token_when_one_is_set(tmp_path):
    client = _client(tmp_path, token="s3cret")
    assert client.post("/api/articles", json=_articles(1)).status_code == 401
    wrong = client.post("/api/articles", json=_articles(1),
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"]
    ok = client.post("/api/articles", json=_articles(1), headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    assert client.get("/api/stories").status_code == 200  # reading stays open


def test_serve_refuses_a_public_address_without_token():
    from storyloom.web.commands import serve

    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--db", "unused.db"],
                                env={"STORYLOOM_TOKEN": ""})
    assert result.exit_code != 0 and "--token" in result.output


def test_pages_list_sort_filter_and_story(tmp_path):
    client = _client(tmp_path)
    client.post("/api/articles", json=_articles(3))
    for sort in ("newest", "outlets", "conflicts"):
        page = client.get("/", params={"sort": sort, "language": "en", "source": "outlet1"})
        assert page.status_code == 200 and "Bridge closed" in page.text
    assert "Content-Security-Policy" in page.headers
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    story_id = client.get("/api/stories").json()["stories"][0]["id"]
    story = client.get(f"/stories/{story_id}")
    assert story.status_code == 200 and 'id="conflicts"' in story.text
    assert client.get("/stories/nope").status_code == 404


def test_hostile_source_is_inert_when_rendered(tmp_path):
    client = _client(tmp_path)
    hostile = {"id": "evil", "title": '<script>alert("t")</script>Dam holds',
               "source": '<b onmouseover="alert(4)">outlet</b>', "url": "javascript:alert(5)",
               "text": HOSTILE}
    page = tmp_path / "evil.html"
    page.write_text(f"<html><head><title>Dam <script>alert(6)</script></title></head><body>"
                    f"<article><p>{HOSTILE}</p><p>{HOSTILE}</p></article>"
                    f"<script>document.cookie</script></body></html>", encoding="utf-8")
    assert client.post("/api/articles", json=hostile).status_code == 200
    store = open_store(str(tmp_path / "web.db"))
    run_ingest(store, [str(page)], IngestOptions(embedder="hashing", briefs=False))
    store.close()
    stories = client.get("/api/stories").json()["stories"]
    pages = [client.get("/", params={"q": "dam"}).text]
    for s in stories:
        brief = client.get(f"/api/stories/{s['id']}").json()
        pages.append(client.get(f"/stories/{s['id']}").text)
        pages += [client.get(f"/articles/{a['id']}").text for a in brief["articles"]]
    assert len(pages) >= 4
    for html in pages:
        assert _executable(html) == []
    article_page = client.get("/articles/evil").text
    assert "&lt;script&gt;" in article_page  # shown as text, not run


def test_article_page_marks_cited_spans():
    text = "First sentence. Second sentence. Third."
    brief = {"facts": [{"evidence": [{"article_id": "a", "start": 16, "end": 32},
                                     {"article_id": "b", "start": 0, "end": 5}]}],
             "quotes": [{"evidence": [{"article_id": "a", "start": 16, "end": 22}]}]}
    spans = cited_spans(brief, "a")
    assert spans == {(16, 32), (16, 22)}
    pieces = segments(text, spans)
    assert "".join(p["text"] for p in pieces) == text
    marked = [p for p in pieces if p["mark"]]
    assert len(marked) == 1 and marked[0]["text"] == "Second sentence."
    assert {marked[0]["mark"], *marked[0]["anchors"]} == {"s-16-32", "s-16-22"}


def test_story_page_shows_year_less_dates_readably(tmp_path):
    env = _client(tmp_path).app.state.templates.env
    page = env.from_string('<time datetime="{{ d }}">{{ d|date_label }}</time>').render(d="--12-07")
    assert page == '<time datetime="--12-07">7 Dec (year not stated)</time>'


def test_api_docs_are_served_from_the_package(tmp_path):
    """/docs is our own page from the OpenAPI schema, under the CSP, with no external
    asset (FastAPI's Swagger UI came from a CDN: blank offline)."""
    import re

    client = _client(tmp_path)
    page = client.get("/docs")
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    assert "/api/stories" in page.text and "/openapi.json" in page.text
    assert re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page.text) is None
    assert client.get("/redoc").status_code == 404
    assert "Content-Security-Policy" in client.get("/openapi.json").headers


def _guarded(tmp_path) -> TestClient:
    from storyloom.web.app import served_hosts

    settings = ServiceSettings(db=str(tmp_path / "web.db"), embedder="hashing", briefs=False,
                               allowed_hosts=served_hosts("127.0.0.1", 8000))
    return TestClient(create_app(settings), base_url="http://127.0.0.1:8000")


def test_forged_writes_and_foreign_hosts_are_refused(tmp_path):
    """A page elsewhere cannot write (no JSON content type, or another Origin), and a
    request naming another host (DNS rebinding) is refused, reads included."""
    client = _guarded(tmp_path)
    article = json.dumps(_articles(1)[0])
    plain = client.post("/api/articles", content=article, headers={"content-type": "text/plain"})
    assert plain.status_code == 415
    foreign = client.post("/api/articles", content=article,
                          headers={"content-type": "application/json", "origin": "http://evil.example"})
    assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "cross_origin"
    null_origin = client.post("/api/articles", content=article,
                              headers={"content-type": "application/json", "origin": "null"})
    assert null_origin.status_code == 403
    rebound = client.get("/api/stories", headers={"host": "evil.example:8000"})
    assert rebound.status_code == 421
    assert client.get("/api/stories").json()["total"] == 0  # nothing was stored
    same = client.post("/api/articles", content=article,
                       headers={"content-type": "application/json", "origin": "http://127.0.0.1:8000"})
    assert same.status_code in (200, 201) and client.get("/api/stories").json()["total"] == 1
    alias = client.get("/api/stories", headers={"host": "localhost:8000"})
    assert alias.status_code == 200


def test_ids_with_slashes_are_reachable(tmp_path):
    """An article id holding "/" (a feed's path-like ids) gets working links."""
    client = _client(tmp_path)
    item = _articles(1)[0] | {"id": "wires/2024/a1"}
    assert client.post("/api/articles", json=item).status_code in (200, 201)
    assert client.get("/api/articles/wires/2024/a1").json()["id"] == "wires/2024/a1"
    assert client.get("/api/articles/wires%2F2024%2Fa1").status_code == 200
    page = client.get("/articles/wires/2024/a1")
    assert page.status_code == 200 and "Bridge closed 0" in page.text
    story = client.get("/api/stories").json()["stories"][0]["id"]
    assert client.get(f"/stories/{story}").status_code == 200


def test_delete_an_article_rebuilds_its_story_and_is_audited(tmp_path):
    client = _client(tmp_path)
    items = [{"id": f"d{i}", "title": "Bridge closed after cracks found", "source": f"outlet{i}",
              "language": "en", "published": "2024-05-02",
              "text": "The old bridge closed on Monday after engineers found cracks in two "
                      f"of its piers, the city said. Report {i}."} for i in range(3)]
    items.append({"id": "lone", "title": "Cup final", "source": "sport", "language": "en",
                  "text": "The home side won the cup final 2-0 on Saturday evening."})
    assert client.post("/api/articles", json=items).status_code in (200, 201)
    story = client.get("/api/articles/d0").json()["story"]
    assert len(client.get(f"/api/stories/{story}").json()["articles"]) == 3
    removed = client.delete("/api/articles/d0")
    assert removed.status_code == 200 and removed.json()["story"] == story
    assert [a["id"] for a in client.get(f"/api/stories/{story}").json()["articles"]] == ["d1", "d2"]
    assert client.get("/api/articles/d0").status_code == 404
    before = client.get("/api/stories").json()["total"]
    assert client.delete("/api/articles/lone").status_code == 200
    assert client.get("/api/stories").json()["total"] == before - 1  # an emptied story leaves
    assert client.delete("/api/articles/nope").status_code == 404
    foreign = client.delete("/api/articles/d1", headers={"origin": "http://evil.example"})
    assert foreign.status_code == 403 and client.get("/api/articles/d1").status_code == 200
    store = client.app.state.stores.get()
    trail = [(w["action"], w["article_id"]) for w in reversed(store.writes())]
    assert trail[:4] == [("add", "d0"), ("add", "d1"), ("add", "d2"), ("add", "lone")]
    assert trail[4:] == [("remove", "d0"), ("remove", "lone")]
    assert all(w["actor"].startswith("api ") for w in store.writes())


@pytest.mark.slow
def test_stories_left_without_a_brief_are_finished_on_start(tmp_path):
    """After a crash mid-build, `serve` finishes the stale briefs in the background."""
    from storyloom.web.commands import finish_on_start

    client = _client(tmp_path)
    assert client.post("/api/articles", json=_articles(3)).status_code in (200, 201)
    store = client.app.state.stores.get()
    story = store.list_stories().stories[0].id
    store.mark_stale(story)  # as a crash during brief building leaves it
    assert story in store.stale_story_ids()
    finish_on_start(client.app)
    assert store.stale_story_ids() == []

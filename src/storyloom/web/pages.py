"""Server-rendered pages: story list, story (the brief, every claim linked to its source
sentence), article (the text with cited sentences marked). Article text is untrusted and
only ever rendered through autoescaping."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode, urlparse

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from storyloom.model import Article
from storyloom.render.common import date_label, differ_label, plural
from storyloom.store.base import SORTS, Store

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 30


def store_of(request: Request) -> Store:
    return request.app.state.stores.get()


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


def span_anchor(start: int, end: int) -> str:
    return f"s-{start}-{end}"


def source_link(evidence: dict[str, Any]) -> str:
    """Where a claim's source sentence is shown: the article page, at its <mark>."""
    article = quote(str(evidence["article_id"]), safe="")
    return f"/articles/{article}#{span_anchor(int(evidence['start']), int(evidence['end']))}"


def http_url(value: str | None) -> str:
    """Only http(s) URLs become links: a `javascript:` URL from a source stays text."""
    if value and urlparse(value).scheme.lower() in ("http", "https"):
        return value
    return ""


def install_filters(env) -> None:
    env.filters["source_link"] = source_link
    env.filters["date_label"] = date_label
    env.globals["http_url"] = http_url


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    """The API's reference, server-rendered from its OpenAPI schema: no external assets."""
    return _render(request, "api_docs.html", spec=request.app.openapi())


@router.get("/", response_class=HTMLResponse)
def story_list(request: Request, q: str = Query("", max_length=200),
               language: str = Query("", max_length=20), source: str = Query("", max_length=200),
               sort: str = Query("newest"), page: int = Query(1, ge=1)):
    store = store_of(request)
    sort = sort if sort in SORTS else "newest"
    listing = store.list_stories(q, language, source, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    languages, sources = store.languages_and_sources()
    base = {"q": q, "language": language, "source": source}

    def link(**changes: Any) -> str:
        params = {k: v for k, v in {**base, "sort": sort, **changes}.items() if v}
        return "/?" + urlencode(params)

    return _render(request, "stories.html", listing=listing, q=q, language=language,
                   source=source, sort=sort, sorts=SORTS, page=page, page_size=PAGE_SIZE,
                   languages=languages, sources=sources, link=link)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str):
    store = store_of(request)
    story = store.get_brief(store.resolve_story(story_id))
    articles = [Article(str(a["id"]), "", source=a.get("source") or "", url=a.get("url") or "")
                for a in story["articles"]]
    # citations by outlet name as readers know it (source, else the site), title on hover
    labels = {a.id: a.outlet for a in articles}
    outlet_of = {a.publisher: a.outlet for a in articles}  # coverage rows are keyed by publisher
    titles = {a["id"]: a.get("title") or a["id"] for a in story["articles"]}
    conflicts = story.get("conflicts") or []
    outlets = list(dict.fromkeys(labels.values()))
    facts = story.get("facts") or []
    agreed = [f for f in facts if f.get("corroboration", 0) > 1] if len(outlets) > 1 else facts
    return _render(request, "story.html", story=story, titles=titles, labels=labels,
                   outlet_of=outlet_of, outlets=outlets, plural=plural, agreed=agreed,
                   disputes=[c for c in conflicts if c.get("contradiction", True)],
                   related=[c for c in conflicts if not c.get("contradiction", True)],
                   differ_label=differ_label, history=store.history(story["id"]))


def cited_spans(brief: Any, article_id: str) -> set[tuple[int, int]]:
    """Every (start, end) of this article that the brief cites, anywhere in it."""
    found: set[tuple[int, int]] = set()
    stack = [brief]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("article_id") == article_id and "start" in item and "end" in item:
                found.add((int(item["start"]), int(item["end"])))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def segments(text: str, spans: set[tuple[int, int]]) -> list[dict[str, Any]]:
    """The text cut into plain and marked pieces. Overlapping citations share one <mark>;
    the others get an empty anchor at their start, so every link lands somewhere."""
    pieces: list[dict[str, Any]] = []
    position = 0
    valid = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    for start, end in sorted(valid, key=lambda s: (s[0], -s[1])):  # outer span first
        anchor = span_anchor(start, end)
        if start < position:  # inside the previous mark
            pieces[-1]["anchors"].append(anchor)
            continue
        if start > position:
            pieces.append({"text": text[position:start], "mark": None, "anchors": []})
        pieces.append({"text": text[start:end], "mark": anchor, "anchors": []})
        position = end
    if position < len(text):
        pieces.append({"text": text[position:], "mark": None, "anchors": []})
    return pieces


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    store = store_of(request)
    article = store.get_article(article_id)
    story_id = store.article_story(article_id)
    story = store.get_brief(story_id) if story_id else None
    spans = cited_spans(story, article_id) if story else set()
    return _render(request, "article.html", article=article, story=story,
                   pieces=segments(article.text, spans))

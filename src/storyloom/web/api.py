"""JSON API: stories (list, search, detail), articles (detail, ingest)."""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from storyloom.errors import InputError
from storyloom.ingest.jsonl import NestingError, parse_json
from storyloom.render.jsonout import article_to_dict
from storyloom.store.base import SORTS, Store

router = APIRouter(prefix="/api", tags=["api"])


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorBody} for status in (401, 404, 413, 422)}


class StoryListItem(BaseModel):
    id: str
    title: str
    article_count: int
    outlet_count: int
    conflict_count: int
    latest: str


class StoryList(BaseModel):
    total: int
    limit: int
    offset: int
    stories: list[StoryListItem]


class ArticleIn(BaseModel):
    """One article as in the JSONL input; unknown fields are kept as extras."""

    model_config = ConfigDict(extra="allow")
    id: str | None = None
    text: str = Field(min_length=1)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None


def store_of(request: Request) -> Store:
    return request.app.state.stores.get()


def require_token(request: Request) -> None:
    """Writes need `Authorization: Bearer <token>` whenever the service has a token."""
    token = request.app.state.settings.token
    if not token:
        return
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip(), token):
        raise HTTPException(401, "a valid bearer token is required",
                            headers={"WWW-Authenticate": "Bearer"})


@router.get("/stories", response_model=StoryList, responses=ERRORS)
def list_stories(request: Request, q: str = Query("", max_length=200),
                 language: str = Query("", max_length=20), source: str = Query("", max_length=200),
                 sort: str = Query("newest", pattern="^(" + "|".join(SORTS) + ")$"),
                 limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    """Stories, newest first by default; `q` searches article titles and texts."""
    page = store_of(request).list_stories(q, language, source, sort, limit, offset)
    return {"total": page.total, "limit": limit, "offset": offset,
            "stories": [vars(s) for s in page.stories]}


@router.get("/stories/{story_id:path}", responses=ERRORS)
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """The story object of the digest JSON contract (see digest.schema.json)."""
    store = store_of(request)
    return store.get_brief(store.resolve_story(story_id))


@router.get("/articles/{article_id:path}", responses=ERRORS)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    store = store_of(request)
    article = store.get_article(article_id)
    return {**article_to_dict(article), "text": article.text, "blocks": article.blocks,
            "story": store.article_story(article_id)}


_INGEST_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "oneOf": [{"$ref": "#/components/schemas/ArticleIn"},
              {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}]}}}}}


@router.post("/articles", dependencies=[Depends(require_token)], responses=ERRORS,
             openapi_extra=_INGEST_BODY)
async def post_articles(request: Request) -> dict[str, Any]:
    """Ingest one article object or a list of them; returns what happened."""
    records = parse_upload(await read_limited(request), request)
    return await run_in_threadpool(_ingest_records, request, records)


async def read_limited(request: Request) -> bytes:
    limit = request.app.state.settings.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload larger than {limit} bytes")
    body = bytearray()
    async for part in request.stream():
        body.extend(part)
        if len(body) > limit:
            raise HTTPException(413, f"upload larger than {limit} bytes")
    return bytes(body)


def parse_upload(body: bytes, request: Request) -> list[dict[str, Any]]:
    from pydantic import TypeAdapter, ValidationError

    if b"\x00" in body:
        raise HTTPException(422, "binary upload: expected JSON text")
    try:
        data = parse_json(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, NestingError) as exc:
        raise HTTPException(422, f"not JSON: {exc}") from exc
    items = data if isinstance(data, list) else [data]
    if not items:
        raise HTTPException(422, "no article given")
    try:
        parsed = TypeAdapter(list[ArticleIn]).validate_python(items)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise HTTPException(422, f"{where}: {first.get('msg')}") from exc
    return [p.model_dump(exclude_none=True) for p in parsed]


def _default_id(record: dict[str, Any]) -> str:
    """An id for a posted article without one: stable for the same text."""
    given = record.get("text")
    text = given if isinstance(given, str) else ""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _ingest_records(request: Request, records: list[dict[str, Any]]) -> dict[str, Any]:
    from storyloom.ingest import mark_syndicated
    from storyloom.ingest.jsonl import article_from_record
    from storyloom.store.incremental import IngestOptions, ingest_articles

    settings = request.app.state.settings
    try:
        articles = [article_from_record(r, _default_id(r), f"api[{n}]")[0]
                    for n, r in enumerate(records)]
    except InputError as exc:
        raise HTTPException(422, str(exc)) from exc
    mark_syndicated(articles)
    options = IngestOptions(embedder=settings.embedder, entities=settings.entities,
                            briefs=settings.briefs, actor=_actor(request))
    stores = request.app.state.stores
    with stores.write_lock:
        report = ingest_articles(stores.get(), articles, options)
    return report.as_dict()


def _actor(request: Request) -> str:
    """Who wrote, for the audit trail: the API and the client's address."""
    client = request.client.host if request.client else "unknown"
    return f"api {client}"


@router.delete("/articles/{article_id:path}", dependencies=[Depends(require_token)],
               responses=ERRORS)
def delete_article(request: Request, article_id: str) -> dict[str, Any]:
    """Remove an article; the brief of the story it was in is rebuilt without it."""
    from storyloom.store.incremental import IngestOptions, remove_articles

    settings = request.app.state.settings
    options = IngestOptions(embedder=settings.embedder, entities=settings.entities,
                            briefs=settings.briefs, actor=_actor(request))
    stores = request.app.state.stores
    with stores.write_lock:
        store = stores.get()
        story = store.article_story(article_id)
        report = remove_articles(store, [article_id], options)
    return {"removed": article_id, "story": story, "rebuilt_stories": report.rebuilt_stories}

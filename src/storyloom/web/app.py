"""The FastAPI application: server-rendered pages, a JSON API under /api, one error shape.

`create_app(ServiceSettings(...))` builds it; `storyloom serve` runs it with uvicorn.
Every response of the API that is an error reads {"error": {"code", "message"}}.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyloom.errors import MissingExtraError, StoryloomError
from storyloom.store.base import NotFoundError, Store

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
# article text is untrusted: no inline script may run, whatever slipped through escaping
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@dataclass(frozen=True)
class ServiceSettings:
    db: str | None = None
    token: str | None = None  # required for write endpoints when set
    max_upload_bytes: int = 5 * 1024 * 1024
    embedder: str = "use-multilingual"
    entities: bool = True
    briefs: bool = True


class StoreProvider:
    """One store connection per worker thread (SQLite and psycopg connections are not
    meant to be shared between threads); writes are serialised by a lock."""

    def __init__(self, db: str | None):
        from storyloom.store import open_store, resolve_db_url

        self.url = resolve_db_url(db)
        self._open = open_store
        self._local = threading.local()
        self._all: list[Store] = []
        self.write_lock = threading.Lock()
        self.get()  # open (and migrate) once up front, so a bad URL fails at start-up

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._open(self.url)
            self._all.append(store)
        return store

    def close(self) -> None:
        for store in self._all:
            store.close()


def error_body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _status_code_name(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_")
    except ValueError:
        return "error"


def create_app(settings: ServiceSettings = ServiceSettings()):
    try:
        from fastapi import FastAPI
        from fastapi.staticfiles import StaticFiles
        from fastapi.templating import Jinja2Templates
    except ImportError as exc:
        raise MissingExtraError("the web UI", "web") from exc
    from storyloom.web.api import router as api_router
    from storyloom.web.pages import install_filters
    from storyloom.web.pages import router as pages_router

    # docs_url/redoc_url off: FastAPI's pages load Swagger UI from a CDN (blank offline,
    # outside the CSP); /docs is a page of our own, built from the same OpenAPI schema
    app = FastAPI(title="storyloom", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Stories grouped from many outlets, with facts, conflicts, "
                              "quotes and timelines traced to their sources.")
    app.state.settings = settings
    app.state.stores = StoreProvider(settings.db)
    import jinja2

    # autoescape everything: article text and titles come from untrusted sources
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=True)
    install_filters(env)
    templates = Jinja2Templates(env=env)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    _install_error_handlers(app)
    _install_security_headers(app)
    app.router.on_shutdown.append(app.state.stores.close)
    return app


def _is_api(request) -> bool:
    return request.url.path.startswith("/api")


def _install_error_handlers(app) -> None:
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import HTMLResponse, JSONResponse
    from starlette.exceptions import HTTPException

    def respond(request, status: int, code: str, message: str):
        if _is_api(request):
            return JSONResponse(error_body(code, message), status_code=status)
        page = request.app.state.templates.get_template("error.html").render(
            status=status, message=message)
        return HTMLResponse(page, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request, exc: HTTPException):
        code = getattr(exc, "code", None) or _status_code_name(exc.status_code)
        response = respond(request, exc.status_code, code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}"
                             for e in exc.errors())
        return respond(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(NotFoundError)
    async def not_found(request, exc: NotFoundError):
        return respond(request, 404, "not_found", str(exc))

    @app.exception_handler(StoryloomError)
    async def domain_error(request, exc: StoryloomError):
        return respond(request, 400, "bad_input", str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request, exc: Exception):
        log.exception("internal error on %s", request.url.path)
        return respond(request, 500, "internal_error", "internal error")


def _install_security_headers(app) -> None:
    @app.middleware("http")
    async def security_headers(request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

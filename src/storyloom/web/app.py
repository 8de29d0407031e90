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
    # Host header values this server answers to ("127.0.0.1:8000", "localhost:8000"): a
    # request naming another host (DNS rebinding) is refused; None: any (in-process tests)
    allowed_hosts: frozenset[str] | None = None


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
    _install_guard_and_headers(app)
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


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def served_hosts(host: str, port: int) -> frozenset[str]:
    """The Host values a server on host:port answers to; a loopback server also to its
    loopback names (a browser may say "localhost" for 127.0.0.1)."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if ":" in host and not host.startswith("["):
        names = {f"[{n}]" if ":" in n else n for n in names}
    return frozenset(f"{n}:{port}" for n in names) | (frozenset(names) if port == 80 else frozenset())


def guard_problem(method: str, headers: dict[str, str], allowed_hosts: frozenset[str] | None
                  ) -> tuple[int, str, str] | None:
    """Why a request is refused before it reaches a route, or None. Every request must name
    a host this server answers to (a page on a rebinding domain cannot read or write); a
    write must come with a JSON body (a cross-site form or a no-cors text/plain fetch
    cannot send one) and, when the browser says where it comes from, from this server's
    own origin."""
    host = headers.get("host", "").lower()
    if allowed_hosts is not None and host not in allowed_hosts:
        return 421, "wrong_host", f"this server does not answer to host {host!r}"
    if method not in WRITE_METHODS:
        return None
    origin = headers.get("origin")
    if origin is not None:
        origin_host = origin.split("://", 1)[-1].lower().rstrip("/")
        if origin == "null" or (origin_host != host and (allowed_hosts is None
                                                          or origin_host not in allowed_hosts)):
            return 403, "cross_origin", f"writes from another origin ({origin}) are refused"
    if method in ("POST", "PUT", "PATCH"):
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if kind != "application/json":
            return 415, "unsupported_media_type", "writes take Content-Type: application/json"
    return None


def _install_guard_and_headers(app) -> None:
    """One middleware (each BaseHTTPMiddleware layer costs every request: two cost ~12% of
    the read throughput in bench/serve): the request guard, then the security headers."""
    from fastapi.responses import JSONResponse

    @app.middleware("http")
    async def guard_and_headers(request, call_next):
        problem = guard_problem(request.method, {k.lower(): v for k, v in request.headers.items()},
                                request.app.state.settings.allowed_hosts)
        if problem is not None:
            status, code, message = problem
            log.warning("refused %s %s: %s", request.method, request.url.path, message)
            response = JSONResponse(error_body(code, message), status_code=status)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

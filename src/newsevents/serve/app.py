"""The FastAPI application: configuration, token and size guards, one JSON error shape, read-only store access.

``create_app(config)`` builds the app; the JSON API lives in ``serve.api`` and the HTML pages in ``serve.ui``.
The DuckDB file is opened read-only for each request and closed after it, so a ``newsevents run`` can take
the write lock between requests; while a writer holds it (one batch commit, see ``store.access``), opening
waits until a deadline, then 503.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import duckdb
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.store import Store
from newsevents.store.access import StoreBusy, open_reader

log = logging.getLogger("newsevents.serve")

TOKEN_ENV = "NEWSEVENTS_TOKEN"
TOKEN_COOKIE = "newsevents_token"
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                  b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'"),
)


@dataclass(frozen=True)
class ServeConfig:
    """Settings of one server: the store file, the optional token, and the size and time limits."""

    db: Path
    token: str | None = None
    busy_deadline_s: float = 30.0  # how long a request waits for a writer's batch commit (docs/reliability.md)
    max_body_bytes: int = 256 * 1024  # request bodies above this get 413
    max_text_chars: int = 50_000  # POST /api/extract texts above this get 413
    max_page: int = 200  # largest page of /api/events


class ApiError(Exception):
    """An error answered with the JSON error shape ``{"error": {"code", "message"}}`` and an HTTP status."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one error shape every 4xx/5xx response carries."""
    return {"error": {"code": code, "message": message, **extra}}


def _error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(code, message, **extra), status_code=status)


class Extractor:
    """The pipeline for POST /api/extract: loaded on first use, one document at a time (spaCy is not shared)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pipeline: Any = None

    def extract(self, text: str, date: str | None) -> list[Any]:
        """Events of one pasted text (raises ``NewsEventsError`` for texts the pipeline rejects)."""
        from newsevents import extract
        from newsevents.pipeline import Pipeline

        with self._lock:
            if self._pipeline is None:
                self._pipeline = Pipeline()
            return extract(text, date, doc_id="pasted", pipeline=self._pipeline)


def open_read_only(db: Path, deadline_s: float) -> Store:
    """Open the store read-only, waiting while a writer holds it (see ``store.access``), until ``deadline_s``."""
    try:
        return open_reader(db, deadline_s)
    except FileNotFoundError as exc:
        raise ApiError(503, "store_missing", "the event store file does not exist") from exc
    except StoreBusy as exc:
        raise ApiError(503, "store_busy", "the event store is being written; try again shortly") from exc
    except duckdb.Error as exc:
        log.error("cannot open the store %s: %s", db, exc)
        raise ApiError(503, "store_unavailable", "the event store cannot be opened") from exc


def read_store(request: Request) -> Iterator[Store]:
    """FastAPI dependency: a read-only store for one request, closed when the request is done."""
    config: ServeConfig = request.app.state.config
    store = open_read_only(config.db, config.busy_deadline_s)
    try:
        yield store
    finally:
        store.close()


def _token_ok(scope: Scope, token: str) -> tuple[bool, bool]:
    """(authorised, came from the query string) for a request under ``token``."""
    want = token.encode()
    headers = dict(scope.get("headers") or [])
    auth = headers.get(b"authorization", b"")
    if auth[:7].lower() == b"bearer " and secrets.compare_digest(auth[7:].strip(), want):
        return True, False
    for part in headers.get(b"cookie", b"").split(b";"):
        name, _, value = part.strip().partition(b"=")
        if name == TOKEN_COOKIE.encode() and secrets.compare_digest(value, want):
            return True, False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if any(secrets.compare_digest(v.encode(), want) for v in query.get("token", [])):
        return True, True
    return False, False


class GuardMiddleware:
    """Token check on every route, request body size limit and security headers, before any route runs."""

    def __init__(self, app: ASGIApp, config: ServeConfig):
        self.app, self.config = app, config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        set_cookie = False
        if self.config.token:
            ok, from_query = _token_ok(scope, self.config.token)
            if not ok:
                resp = _error_response(401, "unauthorized", "a valid token is required "
                                       "(Authorization: Bearer TOKEN, or ?token=TOKEN in a browser)")
                resp.headers["WWW-Authenticate"] = "Bearer"
                await self._send_with_headers(resp, scope, receive, send)
                return
            set_cookie = from_query
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.config.max_body_bytes):
            resp = _error_response(413, "payload_too_large",
                                   f"request body over {self.config.max_body_bytes} bytes")
            await self._send_with_headers(resp, scope, receive, send)
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            receive = await self._buffered(receive)
            if receive is None:
                resp = _error_response(413, "payload_too_large",
                                       f"request body over {self.config.max_body_bytes} bytes")
                await self._send_with_headers(resp, scope, self._empty, send)
                return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(SECURITY_HEADERS)
                if set_cookie and self.config.token:
                    cookie = f"{TOKEN_COOKIE}={self.config.token}; Path=/; HttpOnly; SameSite=Strict"
                    message["headers"].append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_wrapper)

    @staticmethod
    async def _empty() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def _buffered(self, receive: Receive) -> Receive | None:
        """Read the whole body (chunked too) up to the limit; None when it is larger."""
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body = message.get("body", b"")
            size += len(body)
            if size > self.config.max_body_bytes:
                return None
            chunks.append(body)
            if not message.get("more_body"):
                break
        data = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": data, "more_body": False}
            return await receive()

        return replay

    @staticmethod
    async def _send_with_headers(resp: JSONResponse, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(SECURITY_HEADERS)
            await send(message)

        await resp(scope, receive, send_wrapper)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
        try:
            phrase = HTTPStatus(exc.status_code).phrase
        except ValueError:
            phrase = "error"
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else phrase.lower()
        if exc.status_code == 404:
            message = "no such resource"
        return _error_response(exc.status_code, codes.get(exc.status_code, "http_error"), message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
                   for e in exc.errors()][:20]
        message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
        return _error_response(422, "invalid_request", message, details=details)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error serving %s %s", request.method, request.url.path)
        return _error_response(500, "internal_error", "internal server error")


def create_app(config: ServeConfig) -> FastAPI:
    """The whole server (API, pages, assets) for one store file."""
    from newsevents import __version__
    from newsevents.serve import api, ui

    app = FastAPI(title="newsevents", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Political events extracted from news, with the sentence behind each record. "
                              "Every error is `{\"error\": {\"code\": ..., \"message\": ...}}`.")
    app.state.config = config
    app.state.extractor = Extractor()
    _install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(ui.router)
    app.add_middleware(GuardMiddleware, config=config)
    return app

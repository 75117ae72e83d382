"""The FastAPI application: ``create_app(settings)`` builds everything once.

Start it with ``certverify serve`` (uvicorn). It refuses settings that use servers
without the shared secrets (``check_deployment``). On start it applies the database
migrations, opens the queue (rq when ``redis_url`` is set, background threads
otherwise) and runs the reconciler periodically.
"""

from __future__ import annotations

import errno
import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from prometheus_client import CollectorRegistry
from sqlalchemy.exc import DataError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api import catalog, documents, health, keys, notifications, people, trainers, web
from api.deps import Services, stamp_arrival
from api.guards import refuse_unstorable
from api.metrics import StoreCollector
from api.previews import Previews
from api.quotas import Quotas
from api.security import security_headers
from api.web.render import error_page, wants_page
from ingest.errors import CertverifyError, ErrorCode, ServiceUnavailable, StorageFull
from ingest.settings import Settings, check_deployment
from store.blobs import make_file_store
from store.db import Database
from store.dispatch import make_dispatcher
from store.reconcile import housekeeping

log = logging.getLogger(__name__)


def build_services(settings: Settings) -> Services:
    registry = CollectorRegistry()
    db = Database(settings)
    files = make_file_store(settings, db)
    svc = Services(
        settings=settings,
        db=db,
        files=files,
        dispatcher=make_dispatcher(settings),
        metrics_registry=registry,
        quotas=Quotas(settings),
        previews=Previews(settings, files),
    )
    registry.register(StoreCollector(svc))
    return svc


def create_app(settings: Settings, *, reconcile_in_background: bool = True) -> FastAPI:
    """The app; ``ConfigurationError`` when servers are configured without the shared secrets."""
    check_deployment(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc = build_services(settings)
        app.state.services = svc
        stop = threading.Event()
        if reconcile_in_background:
            threading.Thread(
                target=_reconcile_loop, args=(svc, stop), name="reconciler", daemon=True
            ).start()
        try:
            yield
        finally:
            stop.set()
            svc.dispatcher.close()
            svc.db.dispose()

    docs = "/docs" if settings.api_docs else None
    app = FastAPIOffline(  # Swagger UI and ReDoc served from this process, not a CDN
        docs_url=docs,
        redoc_url="/redoc" if docs else None,
        title="certverify",
        version="1",
        summary="Reads CEU certificates and CPR/AED cards for NASM-CPT recertification.",
        lifespan=lifespan,
    )
    app.include_router(documents.router)
    app.include_router(catalog.router)
    app.include_router(keys.router)
    app.include_router(people.router)
    app.include_router(trainers.router)
    app.include_router(notifications.router)
    app.include_router(health.router)
    web.install(app)
    app.add_middleware(refuse_unstorable)
    app.add_middleware(stamp_arrival)
    app.add_middleware(security_headers)
    _add_error_handlers(app)
    return app


def _reconcile_loop(svc: Services, stop: threading.Event) -> None:
    while not stop.wait(svc.settings.reconcile_interval_s):
        try:
            housekeeping(svc.db, svc.dispatcher, svc.files, svc.settings)
        except Exception:  # the database may be down; try again next round
            log.warning("reconciler pass failed", exc_info=True)


def _allowed_methods(request: Request) -> str | None:
    """Every method the API documents at this path (RFC 9110 wants all of them on a 405).

    Starlette names only the methods of the first route matching the path, and
    FastAPI makes one route per method, so GET and POST on /v1/documents would
    each hide the other. The OpenAPI paths are the public list of both; None for
    a path outside it (the pages keep Starlette's answer).
    """
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(
        request.app.state, "allow_table", None
    )
    if table is None:
        table = []
        for template, operations in request.app.openapi().get("paths", {}).items():
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
            methods = {m.upper() for m in operations} & _HTTP_METHODS
            table.append((re.compile(pattern), methods | ({"HEAD"} if "GET" in methods else set())))
        request.app.state.allow_table = table
    found = set().union(*(m for rx, m in table if rx.fullmatch(request.url.path)))
    return ", ".join(sorted(found)) if found else None


_HTTP_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"}


def _error(request: Request, status: int, code: str, message: str) -> Response:
    """JSON for the API; an HTML page with the same message for a browser opening a page."""
    if wants_page(request):
        return error_page(request, status, message)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _disk_full(error: object) -> bool:
    """PostgreSQL's disk_full (SQLSTATE 53100) or SQLite's SQLITE_FULL."""
    return getattr(error, "sqlstate", None) == "53100" or "disk is full" in str(error)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CertverifyError)
    async def certverify_error(request: Request, exc: CertverifyError) -> Response:
        response = _error(request, exc.http_status, str(exc.code), exc.message)
        response.headers.update(exc.headers())
        return response

    @app.exception_handler(OperationalError)
    async def database_down(request: Request, exc: OperationalError) -> Response:
        if _disk_full(exc.orig):
            log.error("database storage full: %s", exc.orig)
            return await certverify_error(request, StorageFull())
        log.warning("database unavailable: %s", exc.orig)
        message = "The database does not answer. Try again in a minute; nothing was stored."
        return await certverify_error(request, ServiceUnavailable(message))

    @app.exception_handler(DataError)
    async def unstorable(request: Request, exc: DataError) -> Response:
        log.info("value refused by the database: %s", exc.orig)
        message = "A value cannot be stored (a NUL character, or a number out of range)."
        return _error(request, 422, str(ErrorCode.INVALID_REQUEST), message)

    @app.exception_handler(OSError)
    async def os_error(request: Request, exc: OSError) -> Response:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            log.error("no room left on the data disk: %s", exc)
            return await certverify_error(request, StorageFull())
        return await unexpected(request, exc)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = f"{where}: {first.get('msg', 'invalid value')}" if where else "Invalid request."
        return _error(request, 422, str(ErrorCode.INVALID_REQUEST), message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400:  # a body FastAPI could not parse: invalid like any other
            message = "The request body could not be parsed: send valid JSON (UTF-8)."
            return _error(request, 422, str(ErrorCode.INVALID_REQUEST), message)
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.INVALID_REQUEST
        detail = str(exc.detail)
        if exc.status_code == 404 and wants_page(request):
            detail = "There is no page at this address. Check the link, or start again below."
        response = _error(request, exc.status_code, str(code), detail)
        response.headers.update(exc.headers or {})
        allowed = _allowed_methods(request) if exc.status_code == 405 else None
        if allowed:
            response.headers["Allow"] = allowed
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error", exc_info=exc)
        return _error(request, 500, str(ErrorCode.INTERNAL), "Something went wrong on our side.")

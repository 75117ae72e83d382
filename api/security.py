"""Security headers on every answer: pages, previews, the JSON API and its docs.

A pure ASGI middleware (no buffering of bodies). Pages may run only their own
scripts (``script-src 'self'``), style attributes are allowed (the pages draw
bars and evidence boxes with them), nothing may frame the service, MIME types
are not sniffed, no referrer leaves, and nothing personal is kept in a cache:
every answer but the versioned static files is ``Cache-Control: no-store``.
The API docs (served from this process, never a CDN) need Swagger UI's inline
start-up script, so their pages alone allow inline scripts.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_COMMON_POLICY = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
PAGE_POLICY = f"{_COMMON_POLICY}; script-src 'self'"
DOCS_POLICY = f"{_COMMON_POLICY}; script-src 'self' 'unsafe-inline'; worker-src 'self' blob:"
DOCS_PATHS = ("/docs", "/redoc")
STATIC_PREFIXES = ("/web/static/", "/static-offline-docs/")


def headers_for(path: str, https: bool) -> dict[str, str]:
    docs = path.startswith(DOCS_PATHS)
    headers = {
        "Content-Security-Policy": DOCS_POLICY if docs else PAGE_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if not path.startswith(STATIC_PREFIXES):
        headers["Cache-Control"] = "no-store"
    if https:
        headers["Strict-Transport-Security"] = "max-age=31536000"
    return headers


def security_headers(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: add ``headers_for`` the request's path to its answer."""

    async def with_headers(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        added = headers_for(scope.get("path", ""), scope.get("scheme") == "https")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in added.items():
                    headers[name] = value
            await send(message)

        await app(scope, receive, send_with_headers)

    return with_headers

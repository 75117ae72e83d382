"""Text the database cannot store is refused with 422 before any route sees it.

PostgreSQL's text cannot hold NUL (U+0000), and no UTF-8 text can hold a lone
surrogate (a JSON escape like ``\\ud800``): either reaching the database
answered 500. This middleware refuses both, in the path, the query string and
JSON bodies, on every route and every database alike, with the service's usual
error body. Multipart fields are checked where they are parsed (``api.upload``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ingest.errors import ErrorCode

MAX_JSON_BYTES = 1024 * 1024  # the API's JSON bodies are small; larger ones are not JSON here


def storable(text: str) -> bool:
    """Whether the text can be stored: no NUL, valid Unicode (no lone surrogates)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _refusal(where: str) -> JSONResponse:
    message = f"The {where} contains a NUL character or invalid Unicode text; remove it and retry."
    return JSONResponse(
        {"error": {"code": str(ErrorCode.INVALID_REQUEST), "message": message}}, status_code=422
    )


def _url_unstorable(scope: Scope) -> str | None:
    path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
    if b"\x00" in unquote_to_bytes(path):
        return "address"
    query = unquote_to_bytes(scope.get("query_string", b"").replace(b"+", b" "))
    if b"\x00" in query:
        return "query"
    return None


def refuse_unstorable(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: 422 for NUL in the URL, and for NUL or lone surrogates in JSON."""

    async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        where = _url_unstorable(scope)
        if where:
            await _refusal(where)(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if not headers.get(b"content-type", b"").startswith(b"application/json"):
            await app(scope, receive, send)
            return
        body, messages = await _read_body(receive)
        if body is not None and not _json_storable(body):
            await _refusal("request body")(scope, receive, send)
            return
        await app(scope, _replay(messages, receive), send)

    return guarded


async def _read_body(receive: Receive) -> tuple[bytes | None, list[Message]]:
    """The body (None past ``MAX_JSON_BYTES``: left to the route) and the messages read."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return None, messages
        size += len(message.get("body", b""))
        if size > MAX_JSON_BYTES:
            return None, messages
        if not message.get("more_body", False):
            return b"".join(m.get("body", b"") for m in messages), messages


def _json_storable(body: bytes) -> bool:
    try:
        parsed = json.loads(body)
    except ValueError:
        return True  # not JSON: the route answers that
    return all(storable(text) for text in _strings(parsed))


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed

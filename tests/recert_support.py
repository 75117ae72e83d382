"""Helpers for the recertification and monitoring tests: stored samples, local servers.

Documents are real sample files uploaded through the API and read by the real
worker task (in-process); webhooks go to a real ``http.server`` on 127.0.0.1
and email to a small real SMTP server on 127.0.0.1, both on ephemeral ports.
"""

from __future__ import annotations

import json
import re
import socketserver
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.service_fixtures import POSTGRES_ADMIN_URL, ROOT, Api

SAMPLE_SET = ROOT / "samples" / "set"
SAMPLE_TRUTH = ROOT / "samples" / "truth"
SAMPLE_CATALOG = ROOT / "samples" / "catalog.csv"
CERTIFICATES = (
    "cert-prose-classic-01-digital.pdf",
    "cert-label-block-01-digital.pdf",
    "cert-multi-credit-01-digital.pdf",
)
CARD_SIDES = ("card-aha-bls-01-front-digital.pdf", "card-aha-bls-01-back-digital.pdf")
NOT_A_CERTIFICATE = "other-invoice-01-digital.pdf"


def truth(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLE_TRUTH / f"{Path(name).stem}.json").read_text())
    return data


def import_catalog(api: Api) -> None:
    files = {"file": ("catalog.csv", SAMPLE_CATALOG.read_bytes(), "text/csv")}
    answer = api.client.post("/v1/catalog", files=files, headers=api.keys.header("admin"))
    assert answer.status_code == 201, answer.text


def store_samples(api: Api, names: tuple[str, ...], who: str = "trainer_a") -> dict[str, str]:
    """Upload sample files and wait until the worker read them: file name -> document id."""
    ids = {name: api.upload(SAMPLE_SET / name, who).json()["id"] for name in names}
    for document_id in ids.values():
        api.wait_for(document_id)
    return ids


def put_profile(api: Api, trainer_id: str, expiry: str, name: str = "Maria L. Gonzalez") -> None:
    body = {"name": name, "certification_expiry": expiry, "other_names": ["Maria Gonzalez"]}
    headers = api.keys.header("admin")
    answer = api.client.put(f"/v1/trainers/{trainer_id}", json=body, headers=headers)
    assert answer.status_code == 200, answer.text


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A throw-away database on the local PostgreSQL (skips the test when none answers)."""
    import psycopg

    name = f"certverify_recert_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as e:
        pytest.skip(f"no PostgreSQL answers at {POSTGRES_ADMIN_URL}: {e}".splitlines()[0])
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Received:
    """What a local server was sent."""

    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def webhook_server(status: int) -> Iterator[tuple[str, Received]]:
    """A real HTTP server on 127.0.0.1 answering every POST with ``status``."""
    received = Received()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with received.lock:
                received.requests.append((dict(self.headers.items()), body))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


class _SmtpHandler(socketserver.StreamRequestHandler):
    """The server side of RFC 5321 that ``smtplib`` uses: HELO/EHLO, MAIL, RCPT, DATA, QUIT."""

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._reply("220 localhost test SMTP")
        while line := self.rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "DATA":
                self._reply("354 end with <CRLF>.<CRLF>")
                self._store(self._read_data())
                self._reply("250 OK queued")
            elif verb == "QUIT":
                self._reply("221 bye")
                return
            elif verb in {"EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP"}:
                self._reply("250 OK")
            else:
                self._reply("502 not implemented")

    def _read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)

    def _store(self, data: bytes) -> None:
        server: Any = self.server
        with server.received.lock:
            server.received.requests.append(({}, data))


@contextmanager
def smtp_server() -> Iterator[tuple[int, Received]]:
    """A real SMTP server on 127.0.0.1 keeping the messages it accepted."""
    server: Any = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpHandler)
    server.daemon_threads = True
    server.received = Received()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.received
    finally:
        server.shutdown()
        server.server_close()


def messages(received: Received) -> list[Message]:
    with received.lock:
        return [message_from_bytes(body) for _headers, body in received.requests]


def login(api: Api, who: str) -> str:
    """Sign the test client in with a key as ``who``; the CSRF token of the session's pages."""
    api.client.cookies.clear()
    form = api.client.get("/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token
    key = getattr(api.keys, who)
    answer = api.client.post(
        "/web/login", data={"api_key": key, "csrf": token.group(1)}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = api.client.get("/web/").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)

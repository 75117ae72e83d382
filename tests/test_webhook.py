"""Webhook delivery against real HTTP servers on 127.0.0.1 (ephemeral ports)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pydantic import SecretStr

from audit.webhook import SIGNATURE_HEADER, TIMESTAMP_HEADER, deliver, sign, verify_signature
from ingest.settings import Settings

SECRET = "test-secret"
PAYLOAD = {"event": "card_expired", "key": "card_expired:EC-1:2026-04-30"}


class Recorder:
    """Answers with the given statuses in turn (the last one repeats) and keeps each request."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.requests: list[tuple[dict[str, str], bytes]] = []

    def next_status(self) -> int:
        index = min(len(self.requests), len(self.statuses)) - 1
        return self.statuses[index]


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, Recorder]]:
    recorder = Recorder(request.param)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            recorder.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(recorder.next_status())
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/hook", recorder
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def hook_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "webhook_secret": SecretStr(SECRET),
            "webhook_max_attempts": 4,
            "webhook_backoff_s": 0.01,
        }
    )


@pytest.mark.parametrize(
    ("server", "outcome"),
    [
        ([200], (True, 1, 200)),
        ([503, 500, 204], (True, 3, 204)),
        ([502], (False, 4, 502)),
        ([429, 200], (True, 2, 200)),
        ([400], (False, 1, 400)),
    ],
    ids=["first-try", "fails-twice-then-succeeds", "always-fails", "rate-limited", "4xx-final"],
    indirect=["server"],
)
def test_delivery_outcome(
    server: tuple[str, Recorder], hook_settings: Settings, outcome: tuple[bool, int, int]
) -> None:
    url, _ = server
    result = deliver(url, PAYLOAD, hook_settings)
    assert (result.delivered, result.attempts, result.status) == outcome


@pytest.mark.parametrize("server", [[500, 500, 200]], indirect=True, ids=["retries"])
def test_backoff_doubles(server: tuple[str, Recorder], hook_settings: Settings) -> None:
    waits: list[float] = []
    deliver(server[0], PAYLOAD, hook_settings, sleep=waits.append)
    assert waits == [0.01, 0.02]


@pytest.mark.parametrize("server", [[200]], indirect=True, ids=["ok"])
def test_request_is_signed_json(server: tuple[str, Recorder], hook_settings: Settings) -> None:
    url, recorder = server
    deliver(url, PAYLOAD, hook_settings)
    headers, body = recorder.requests[0]
    assert (
        json.loads(body),
        verify_signature(SECRET, headers, body, now=time.time()),
        headers[SIGNATURE_HEADER.lower()].startswith("sha256="),
    ) == (PAYLOAD, True, True)


@pytest.mark.parametrize(
    ("secret", "body", "age_s", "valid"),
    [
        (SECRET, b'{"a": 1}', 0, True),
        ("other-secret", b'{"a": 1}', 0, False),
        (SECRET, b'{"a": 2}', 0, False),
        (SECRET, b'{"a": 1}', 3600, False),
    ],
    ids=["valid", "wrong-secret", "tampered-body", "stale-timestamp"],
)
def test_verify_signature(secret: str, body: bytes, age_s: int, valid: bool) -> None:
    now = 1_800_000_000
    headers = {
        TIMESTAMP_HEADER: str(now - age_s),
        SIGNATURE_HEADER: "sha256=" + sign(SECRET, now - age_s, b'{"a": 1}'),
    }
    assert verify_signature(secret, headers, body, now=now) is valid


def test_connection_refused_is_retried_then_fails(hook_settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = deliver(f"http://127.0.0.1:{port}/hook", PAYLOAD, hook_settings)
    assert (result.delivered, result.attempts, result.status, bool(result.error)) == (
        False,
        4,
        None,
        True,
    )


def test_nothing_is_sent_without_a_secret(settings: Settings) -> None:
    result = deliver("http://127.0.0.1:9/hook", PAYLOAD, settings)
    assert (result.delivered, result.attempts, result.error) == (False, 0, "no webhook secret")

"""Page sessions kept on the server, one secret per deployment, security headers everywhere.

Real `certverify serve` processes (embedded: SQLite, data folder on disk),
the real login form over HTTP: logging out makes the old cookie useless, two
server processes honour each other's sessions, a mangled cookie is a trip to
the login form, and every answer carries the security headers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from api.web.session import LOGIN_COOKIE, LOGIN_SALT
from ingest.settings import Settings
from store.deployment import SECRET_FILE
from tests.service_fixtures import (
    ROOT,
    TRIVIAL_PDF,
    Keys,
    free_port,
    make_keys,
    serving,
    settings_env,
    upload_and_wait,
    wait_healthy,
)

SESSION_COOKIE = "cv_session"
REQUESTS = 12
HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[tuple[str, Keys]]:
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    with serving(settings, tmp_path / "api.log") as base:
        yield base, keys


def _log_in(client: httpx.Client, base: str, key: str) -> str:
    """Log in through the form; the CSRF token of the session's pages."""
    form = client.get(f"{base}/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token
    answer = client.post(f"{base}/web/login", data={"api_key": key, "csrf": token[1]})
    assert answer.status_code == 303, answer.text
    page = client.get(f"{base}/web/dashboard").text
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found[1]


def _dashboard_status(base: str, cookie: str | bytes) -> int:
    raw = cookie if isinstance(cookie, bytes) else cookie.encode("ascii")
    answer = httpx.get(f"{base}/web/dashboard", headers=[(b"Cookie", raw)])
    return answer.status_code


def test_logging_out_ends_the_session_on_the_server(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    with httpx.Client() as client:
        csrf = _log_in(client, base, keys.trainer_a)
        old = f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"
        before = _dashboard_status(base, old)
        client.post(f"{base}/web/logout", data={"csrf": csrf})
    assert (before, _dashboard_status(base, old)) == (200, 303)


@pytest.mark.parametrize(
    "cookie",
    [f"{SESSION_COOKIE}=é.x".encode(), f"{SESSION_COOKIE}=abc.def".encode()],
    ids=["non_ascii", "forged"],
)
def test_a_mangled_cookie_leads_to_the_login_form(embedded: tuple[str, Keys], cookie: str) -> None:
    base, _keys = embedded
    assert _dashboard_status(base, cookie) == 303


def test_a_non_ascii_login_token_is_refused_not_a_crash(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    with httpx.Client() as client:
        client.get(f"{base}/web/login")
        answer = client.post(f"{base}/web/login", data={"api_key": keys.trainer_a, "csrf": "é"})
    assert answer.status_code == 403


class _TwoHoursAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 7200


def _login_cookie(
    secret: bytes, token: str, signer: type[TimestampSigner] = TimestampSigner
) -> str:
    serializer = URLSafeTimedSerializer(secret, salt=LOGIN_SALT, signer=signer)
    return f"{LOGIN_COOKIE}={serializer.dumps(token)}"


@pytest.mark.parametrize("path", ["/web/login", "/web/login/link"])
def test_the_sign_in_forms_take_only_a_recent_token_of_this_deployment(
    embedded: tuple[str, Keys], tmp_path: Path, path: str
) -> None:
    """The sign-in forms' double-submit cookie is signed and timed (itsdangerous): a token
    not ours, unsigned, over an hour old or non-ASCII is refused with 403, never a 500."""
    base, _keys = embedded
    httpx.get(f"{base}/web/login")  # the embedded secret is made on first use
    ours = (tmp_path / "data" / SECRET_FILE).read_bytes().strip()
    form = {"csrf": "t" * 32, "api_key": "cvk_unknown", "email": "nobody@example.org"}
    refused = {
        "unsigned": f"{LOGIN_COOKIE}={'t' * 32}",
        "another_secret": _login_cookie(b"another-deployment-" + b"x" * 32, "t" * 32),
        "two_hours_old": _login_cookie(ours, "t" * 32, _TwoHoursAgo),
        "other_token": _login_cookie(ours, "u" * 32),
        "non_ascii": f"{LOGIN_COOKIE}=é{'t' * 32}",
    }
    statuses = {}
    for name, cookie in {**refused, "fresh": _login_cookie(ours, "t" * 32)}.items():
        answer = httpx.post(f"{base}{path}", data=form, headers=[(b"Cookie", cookie.encode())])
        statuses[name] = answer.status_code
    non_ascii_form = httpx.post(
        f"{base}{path}",
        data={**form, "csrf": "é"},
        headers=[(b"Cookie", _login_cookie(ours, "t" * 32).encode())],
    )
    assert statuses == {**dict.fromkeys(refused, 403), "fresh": statuses["fresh"]}
    # the fresh one passes: to "unknown key", or "e-mail sign-in is not set up here"
    assert statuses["fresh"] == {"/web/login": 303, "/web/login/link": 503}[path]
    assert non_ascii_form.status_code == 403


def test_two_server_processes_share_the_embedded_secret(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "cli.main", "serve", "--port", str(port), "--workers", "2"]
    with (tmp_path / "api.log").open("wb") as log:
        process = subprocess.Popen(
            command, env=settings_env(settings), cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(base, process)
        time.sleep(1.0)  # both processes up
        with httpx.Client() as client:
            _log_in(client, base, keys.trainer_a)
            cookie = f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}"
        # a new connection each time, so both processes answer some of them
        statuses = [_dashboard_status(base, cookie) for _ in range(REQUESTS)]
    finally:
        process.terminate()
        process.wait(20)
    assert statuses == [200] * REQUESTS


def _answers(base: str, keys: Keys) -> dict[str, httpx.Response]:
    with httpx.Client() as client:
        _log_in(client, base, keys.trainer_a)
        headers = keys.header("trainer_a")
        document_id = upload_and_wait(base, keys, TRIVIAL_PDF)
        return {
            "page": client.get(f"{base}/web/dashboard"),
            "login": client.get(f"{base}/web/login"),
            "preview": client.get(
                f"{base}/v1/documents/{document_id}/pages/1.png", headers=headers
            ),
            "json": client.get(f"{base}/v1/documents/{document_id}", headers=headers),
            "docs": client.get(f"{base}/docs"),
            "error": client.get(f"{base}/v1/documents/nope", headers=headers),
        }


def test_every_answer_carries_the_security_headers(embedded: tuple[str, Keys]) -> None:
    base, keys = embedded
    missing = {}
    for name, answer in _answers(base, keys).items():
        policy = answer.headers.get("content-security-policy", "")
        wanted = {**HEADERS, "cache-control": "no-store"}
        lacking = [h for h, v in wanted.items() if answer.headers.get(h) != v]
        if "frame-ancestors 'none'" not in policy:
            lacking.append("frame-ancestors")
        if lacking:
            missing[name] = lacking
    assert missing == {}


def test_the_api_docs_load_nothing_from_another_host(embedded: tuple[str, Keys]) -> None:
    base, _keys = embedded
    page = httpx.get(f"{base}/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert [s for s in sources if "://" in s or s.startswith("//")] == []


def _session_cookie_line(base: str, key: str, headers: dict[str, str]) -> tuple[str, str | None]:
    """Log in with ``headers`` on every request: the session's Set-Cookie line and HSTS."""
    with httpx.Client(headers=headers) as client:
        form = client.get(f"{base}/web/login").text
        token = re.search(r'name="csrf" value="([^"]+)"', form)
        assert token
        answer = client.post(f"{base}/web/login", data={"api_key": key, "csrf": token[1]})
    assert answer.status_code == 303, answer.text
    lines = [c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE)]
    assert len(lines) == 1, lines
    return lines[0], answer.headers.get("strict-transport-security")


def _is_secure(cookie_line: str) -> bool:
    return "secure" in [part.strip().lower() for part in cookie_line.split(";")]


def test_the_cookie_is_secure_behind_a_trusted_proxy_only(tmp_path: Path) -> None:
    """`X-Forwarded-Proto: https` counts only from uvicorn's `--forwarded-allow-ips`
    (default 127.0.0.1, where the test's requests come from): then the cookie is `Secure`
    and HSTS is sent; from any other address the header is ignored (README, Behind a proxy)."""
    settings = Settings(data_dir=tmp_path / "data")
    keys = make_keys(settings)
    https = {"X-Forwarded-Proto": "https"}
    with serving(settings, tmp_path / "trusted.log") as base:
        plain, plain_hsts = _session_cookie_line(base, keys.trainer_a, {})
        proxied, proxied_hsts = _session_cookie_line(base, keys.trainer_a, https)
    assert (_is_secure(plain), plain_hsts) == (False, None)
    assert (_is_secure(proxied), proxied_hsts) == (True, "max-age=31536000")

    port = free_port()
    env = {**settings_env(settings), "FORWARDED_ALLOW_IPS": "192.0.2.1"}  # not this client
    command = [sys.executable, "-m", "cli.main", "serve", "--port", str(port)]
    with (tmp_path / "untrusted.log").open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        claimed, claimed_hsts = _session_cookie_line(base, keys.trainer_a, https)
    finally:
        process.terminate()
        process.wait(20)
    assert (_is_secure(claimed), claimed_hsts) == (False, None)

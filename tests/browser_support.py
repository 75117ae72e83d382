"""A real uvicorn server on 127.0.0.1 (ephemeral port) and Debian's Chromium for page tests.

The server runs the embedded default (SQLite, files on disk, jobs in-process),
so uploads go through the real pipeline. Playwright never downloads a browser:
it launches the system Chromium; without it the browser tests are skipped.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from ingest.settings import Settings
from tests.service_fixtures import ROOT, Keys, make_keys

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
STARTUP_TIMEOUT_S = 30.0
UPDATE_SCREENSHOTS = os.environ.get("CERTVERIFY_UPDATE_SCREENSHOTS") == "1"


@dataclass
class Server:
    url: str
    keys: Keys
    settings: Settings

    def admin(self) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys.admin}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@contextmanager
def running_server(settings: Settings) -> Iterator[Server]:
    """``create_app`` served by uvicorn in a thread, on a port the system chose."""
    import uvicorn

    from api.app import create_app

    keys = make_keys(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, reconcile_in_background=False), log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Server(url=f"http://127.0.0.1:{port}", keys=keys, settings=settings)
    finally:
        server.should_exit = True
        thread.join(STARTUP_TIMEOUT_S)
        sock.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (skips when either is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install the Debian package 'chromium'")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page: Any, name: str) -> None:
    """Save a full-page screenshot under test-artifacts/; with CERTVERIFY_UPDATE_SCREENSHOTS=1
    also into docs/screenshots/ (the README's pictures)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if UPDATE_SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / f"{name}.png").write_bytes(path.read_bytes())


def screenshot_unless_gone(page: Any, name: str) -> bool:
    """A screenshot of a page that may be navigating away; False when it was too late."""
    from playwright.sync_api import Error

    try:
        screenshot(page, name)
    except Error:
        return False
    return True

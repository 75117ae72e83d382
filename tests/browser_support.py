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
README_SCREENSHOTS = frozenset(
    {
        "dashboard-390",
        "dashboard-1366",
        "audit-queue-1366",
        "audit-case-1366",
        "audit-case-320",
        "audit-case-decided-1366",
    }
)


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
    the README's pictures also into docs/screenshots/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if UPDATE_SCREENSHOTS and name in README_SCREENSHOTS:
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


CSP_REFUSAL = "Content Security Policy"


def watch(page: Any) -> list[str]:
    """The page's script errors and Chromium's reports of what its Content-Security-Policy
    refused (a script, a style sheet, an inline handler), as they happen."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(f"script error: {error}"))

    def console(message: Any) -> None:
        if message.type == "error" and CSP_REFUSAL in message.text:
            found.append(f"refused: {message.text}")

    page.on("console", console)
    return found


# Installed in every page before its scripts: what is written into the status region (the
# one with role="status") after the page has loaded, which is what a screen reader announces.
STATUS_WATCH = """
window.__announced = [];
document.addEventListener("DOMContentLoaded", function () {
  var region = document.querySelector("#status[role=status]");
  if (!region) { return; }
  new MutationObserver(function () {
    if (region.textContent.trim()) { window.__announced.push(region.textContent.trim()); }
  }).observe(region, {childList: true, subtree: true, characterData: true});
});
"""


def announced(page: Any, timeout_ms: int = 5000) -> str:
    """What the page announced in its status region since it loaded (waits for a first
    announcement); a message merely present in the HTML at load is not announced."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function("() => window.__announced.length > 0", timeout=timeout_ms)
    except Timeout:
        return ""
    said: list[str] = page.evaluate("window.__announced")
    return " | ".join(said)


def file_chooser(page: Any, trigger: Any, tries: int = 3, wait_ms: int = 8000) -> Any:
    """The file chooser that ``trigger()`` (a key press or a click) opens.

    Headless Chromium now and then loses the user gesture that asks for the chooser
    (a known Playwright flake under load): a chooser that is coming opens within a
    second, so after ``wait_ms`` the same gesture is made again, at most ``tries`` times.
    A page whose control opens no chooser still fails.
    """
    from playwright.sync_api import TimeoutError as Timeout

    for attempt in range(tries):
        try:
            with page.expect_file_chooser(timeout=wait_ms) as chooser:
                trigger()
            return chooser.value
        except Timeout:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


WIDTHS = (1366, 390, 320)
HEIGHTS = {1366: 900, 390: 844, 320: 640}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
OVERFLOW_SCRIPT = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations of WCAG 2.2 AA and its best practices: rule id and first target."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['nodes'][0]['target'] if v['nodes'] else ''} ({v['help']})"
        for v in results.response["violations"]
    ]


def page_findings(page: Any, name: str) -> dict[int, dict[str, Any]]:
    """At each width: how far the page scrolls sideways and axe-core's violations.

    The viewport is put back to where it was; a screenshot of each width goes to
    test-artifacts/ (``name-390.png``).
    """
    before = page.viewport_size
    found: dict[int, dict[str, Any]] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
        page.wait_for_timeout(50)
        found[width] = {"overflow_px": max(0, page.evaluate(OVERFLOW_SCRIPT))}
        found[width]["axe"] = axe_violations(page)
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size(before)
    return found


CLEAN = {width: {"overflow_px": 0, "axe": []} for width in WIDTHS}


def tab_to(page: Any, selector: str, limit: int = 400, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until focus is on an element matching ``selector``."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} is not reachable with {key}")


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS ``rgb(...)`` colours."""

    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.04045 else ((share + 0.055) / 1.055) ** 2.4

    def luminance(css: str) -> float:
        r, g, b = (int(p) for p in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)

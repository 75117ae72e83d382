"""The pages in a real browser: a trainer uploads and submits, an auditor reviews and decides.

One server and one browser for the module; the steps run in order, each test
starting from what the previous one left (the trainer's uploads, then the case).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from ingest.settings import Settings
from tests.browser_support import (
    Server,
    chromium,
    running_server,
    screenshot,
    screenshot_unless_gone,
)
from tests.service_fixtures import ROOT

MARCUS = ROOT / "samples" / "applications" / "marcus-bell"
UPLOADS = ("app-marcus-kettlebell-digital.pdf", "app-marcus-fascia-digital.pdf")
PROCESSING_TIMEOUT_MS = 120_000
IMAGES_LOADED = (
    "[...document.querySelectorAll('.page-frame img')].every(i => i.complete && i.naturalWidth)"
)
VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("browser") / "data"
    settings = Settings(data_dir=data, audit_share=1.0, audit_seed=SecretStr("browser-test"))
    with running_server(settings) as found, found.admin() as admin:
        catalog = (ROOT / "samples" / "catalog.csv").read_bytes()
        assert admin.post("/v1/catalog", files={"file": ("c.csv", catalog)}).status_code == 201
        profile = {"name": "Marcus O. Bell", "certification_expiry": "2027-03-31"}
        assert admin.put("/v1/trainers/T-A", json=profile).status_code == 200
        yield found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as found:
        yield found


def log_in(browser: Any, server: Server, key: str) -> Any:
    """A new page logged in with ``key``; its script errors are kept for ``close``."""
    # The pages' CSP allows only their own scripts; the test's probes (axe-core, waits) are
    # evaluated strings, so the test's page lets them run. test_sessions checks the policy.
    page = browser.new_page(viewport=VIEWPORT, bypass_csp=True)
    errors = SCRIPT_ERRORS.setdefault(id(page), [])
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.url}/web/login")
    page.get_by_label("API key").fill(key)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    return page


SCRIPT_ERRORS: dict[int, list[str]] = {}


def close(page: Any) -> None:
    """Close the page; any script error it had fails the test."""
    errors = SCRIPT_ERRORS.pop(id(page), [])
    page.close()
    assert not errors, f"script errors on the page: {errors}"


DROP_SCRIPT = """([selector, files]) => {
    const data = new DataTransfer();
    for (const f of files) {
        const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, {type: "application/pdf"}));
    }
    const zone = document.querySelector(selector);
    zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true}));
    zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true}));
    return document.querySelectorAll("#uploads li progress").length;
}"""


def drop_files(page: Any, selector: str, paths: list[Path]) -> int:
    """Drop files on an element the way a browser does (a DataTransfer on a drop event);
    the number of upload rows with a progress bar right after the drop."""
    files = [{"name": p.name, "b64": base64.b64encode(p.read_bytes()).decode()} for p in paths]
    rows: int = page.evaluate(DROP_SCRIPT, [selector, files])
    return rows


def test_trainer_uploads_two_files_and_sees_the_entries(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_a)
    assert page.url.endswith("/web/dashboard")
    assert drop_files(page, "#dropzone", [MARCUS / name for name in UPLOADS]) == len(UPLOADS)
    screenshot_unless_gone(page, "dashboard-uploading")  # it reloads once all are read
    page.locator("#entries article.entry").nth(len(UPLOADS) - 1).wait_for(
        timeout=PROCESSING_TIMEOUT_MS
    )
    text = page.inner_text("#entries")
    assert "Kettlebell" in text and "Fascia" in text
    screenshot(page, "dashboard")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit application").click()
    assert "Selected for audit" in page.inner_text("#submission")
    close(page)


def test_trainer_cannot_open_auditor_pages(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_b)
    answer = page.goto(f"{server.url}/web/audit")
    assert answer.status == 403
    close(page)


def test_auditor_reviews_and_decides_the_case(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.auditor)
    assert page.url.endswith("/web/audit")
    screenshot(page, "audit-queue")
    page.get_by_role("link", name="Marcus O. Bell").click()
    page.wait_for_selector(".page-frame img")
    page.wait_for_function(IMAGES_LOADED)
    assert page.locator(".page-frame .box").count() >= 4
    box = page.locator(".page-frame .box").first.bounding_box()
    image = page.locator(".page-frame img").first.bounding_box()
    assert box and image and box["width"] > 0
    assert image["x"] <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 1
    screenshot(page, "audit-case")

    page.keyboard.press("n")
    focused = page.evaluate("document.activeElement.dataset.entry")
    assert focused
    page.keyboard.press("r")
    page.keyboard.type("Course outside the approved catalog")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "rejected: Course outside the approved catalog" in page.inner_text(f"#entry-{focused}")

    page.keyboard.press("n")
    second = page.evaluate("document.activeElement.dataset.entry")
    assert second and second != focused
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "accepted" in page.inner_text(f"#entry-{second}")

    page.get_by_label("denied").check()
    page.get_by_label("Decision reason").fill("Short of 2.0 CEUs")
    with page.expect_navigation():
        page.get_by_role("button", name="Decide").click()
    assert page.inner_text("#case-status") == "decided"
    trail = page.inner_text("table.trail")
    assert re.search(r"auditor:aud\s+entry_rejected", trail) and "decided" in trail
    screenshot(page, "audit-case-decided")
    close(page)

    trainer = log_in(browser, server, server.keys.trainer_a)
    status = trainer.inner_text("#submission")
    assert "decision: denied (Short of 2.0 CEUs)" in status
    assert trainer.get_by_role("button", name="Submit application").is_visible()
    close(trainer)

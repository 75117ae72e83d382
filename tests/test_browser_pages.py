"""The pages in a real browser: a trainer uploads, fixes and submits on a phone, an auditor
reviews and decides, each page state checked at 1366, 390 and 320 px wide (no sideways
scrolling) with axe-core (WCAG 2.2 AA and best practices: no violation).

One server and one browser for the module; the steps run in order, each test
starting from what the previous one left (the trainer's uploads, then the case).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from ingest.settings import Settings
from tests.badfiles import encrypted_pdf
from tests.browser_support import (
    CLEAN,
    STATUS_WATCH,
    Server,
    announced,
    chromium,
    contrast,
    file_chooser,
    page_findings,
    running_server,
    screenshot,
    tab_to,
    watch,
)
from tests.recert_support import NOT_A_CERTIFICATE, SAMPLE_SET
from tests.service_fixtures import ROOT

MARCUS = ROOT / "samples" / "applications" / "marcus-bell"
KETTLEBELL = MARCUS / "app-marcus-kettlebell-digital.pdf"
FASCIA = MARCUS / "app-marcus-fascia-digital.pdf"
CARD_FRONT = MARCUS / "app-marcus-card-front-digital.pdf"
CARD_BACK = MARCUS / "app-marcus-card-back-digital.pdf"
PROCESSING_TIMEOUT_MS = 120_000
FIRST_IMAGE_LOADED = "() => document.querySelector('.page-frame img').naturalWidth > 0"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("browser") / "data"
    settings = Settings(data_dir=data, audit_share=1.0, audit_seed=SecretStr("browser-test"))
    with running_server(settings) as found, found.admin() as admin:
        catalog = (ROOT / "samples" / "catalog.csv").read_bytes()
        assert admin.post("/v1/catalog", files={"file": ("c.csv", catalog)}).status_code == 201
        for trainer in ("T-A", "T-B"):
            profile = {"name": "Marcus O. Bell", "certification_expiry": "2030-03-31"}
            assert admin.put(f"/v1/trainers/{trainer}", json=profile).status_code == 200
        yield found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as found:
        yield found


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Real files a trainer might pick by mistake: a locked PDF and a text file."""
    folder = tmp_path_factory.mktemp("picked")
    locked = folder / "locked-certificate.pdf"
    locked.write_bytes(encrypted_pdf())
    notes = folder / "notes.txt"
    notes.write_text("CPR class on Tuesday\n")
    return {"locked": locked, "notes": notes}


PROBLEMS: dict[int, list[str]] = {}


def open_page(browser: Any, viewport: dict[str, int] = DESKTOP) -> Any:
    """A new page under the pages' real Content-Security-Policy (never bypassed: the test's
    probes run through the DevTools protocol, which the policy does not govern). Its script
    errors and whatever the policy refused are kept; ``close`` fails the test on any."""
    page = browser.new_page(viewport=viewport)
    PROBLEMS[id(page)] = watch(page)
    page.add_init_script(STATUS_WATCH)
    return page


def log_in(browser: Any, server: Server, key: str, viewport: dict[str, int] = DESKTOP) -> Any:
    """A new page (``open_page``) signed in with ``key`` (the key form)."""
    page = open_page(browser, viewport)
    page.goto(f"{server.url}/web/login")
    page.get_by_label("API key", exact=True).fill(key)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with the key").click()
    return page


def close(page: Any) -> None:
    """Close the page; any script error it had, or anything its CSP refused, fails the test."""
    problems = PROBLEMS.pop(id(page), [])
    page.close()
    assert not problems, f"script errors or CSP refusals on the page: {problems}"


INJECT_SCRIPT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injectedRan = true;";
    document.head.appendChild(script);
    const sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = "http://192.0.2.1/elsewhere.css";
    document.head.appendChild(sheet);
}"""

DROP_SCRIPT = """([selector, files]) => {
    const data = new DataTransfer();
    for (const f of files) {
        const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name));
    }
    const zone = document.querySelector(selector);
    zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true}));
    zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true}));
    return document.querySelectorAll("#uploads li").length;
}"""


def drop_files(page: Any, paths: list[Path]) -> int:
    """Drop files on the drop zone the way a browser does; the upload rows right after."""
    files = [{"name": p.name, "b64": base64.b64encode(p.read_bytes()).decode()} for p in paths]
    rows: int = page.evaluate(DROP_SCRIPT, ["#dropzone", files])
    return rows


@contextmanager
def reloaded_when_read(page: Any) -> Iterator[None]:
    """The dashboard reloads once every file sent in the block is read; wait for it and for
    the summary in the status region."""
    with page.expect_navigation(timeout=PROCESSING_TIMEOUT_MS):
        yield
    page.wait_for_selector("#status .done")


def upload_row(page: Any, name: str) -> str:
    text: str = page.locator("#uploads li", has_text=name).first.inner_text()
    return text


def test_the_sign_in_page(browser: Any, server: Server) -> None:
    page = open_page(browser, PHONE)
    page.goto(f"{server.url}/")
    assert page_findings(page, "sign-in") == CLEAN
    page.get_by_label("E-mail address", exact=True).fill("maria@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Send me a sign-in link").click()
    assert "not set up on this service" in page.inner_text("#email-err")  # no SMTP here
    # The field with the message has the focus and names the message, so it is read out.
    focused = page.evaluate("[document.activeElement.id, document.activeElement.ariaInvalid]")
    described = page.get_attribute("#email", "aria-describedby") or ""
    assert (focused, "email-err" in described.split()) == (["email", "true"], True)
    assert page_findings(page, "sign-in-error") == CLEAN
    close(page)


def test_what_the_policy_refuses_fails_a_page(browser: Any, server: Server) -> None:
    """The watch on every page sees the real policy at work: an inline script and a style
    sheet from elsewhere, added to a real page, are refused and reported."""
    page = browser.new_page(viewport=DESKTOP)
    problems = watch(page)
    page.goto(f"{server.url}/web/login")
    page.evaluate(INJECT_SCRIPT)
    page.wait_for_timeout(200)
    ran = page.evaluate("window.injectedRan === true")
    page.close()
    refused = " ".join(problems)
    assert (ran, "script-src" in refused, "style-src" in refused) == (False, True, True)


def test_trainer_uploads_on_a_phone(
    browser: Any, server: Server, bad_files: dict[str, Path]
) -> None:
    page = log_in(browser, server, server.keys.trainer_a, PHONE)
    assert page_findings(page, "dashboard-empty") == CLEAN
    picked = [KETTLEBELL, FASCIA, CARD_FRONT, SAMPLE_SET / NOT_A_CERTIFICATE, *bad_files.values()]
    with reloaded_when_read(page):
        assert drop_files(page, picked) == len(picked)
        screenshot(page, "dashboard-uploading")
    with reloaded_when_read(page):
        drop_files(page, [KETTLEBELL])
    rows = {name: upload_row(page, name) for name in ("kettlebell", "locked", "notes", "card")}
    assert "files read" in announced(page)
    assert "recognised as CE certificate" in rows["kettlebell"]
    assert "already uploaded before" in page.locator("#uploads li").last.inner_text()
    assert "could not be read" in rows["locked"] and "password" in rows["locked"]
    assert "not accepted" in rows["notes"] and "PDF" in rows["notes"]
    assert "CPR/AED card (front)" in rows["card"]
    assert "neither a CE certificate nor a CPR/AED card" in page.inner_text("#documents")
    assert page_findings(page, "dashboard") == CLEAN
    close(page)


def test_a_wrong_value_is_shown_beside_its_field(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_a, PHONE)
    entry = page.locator("#entries article.entry").first
    entry.get_by_text("Correct a value").click()
    entry.get_by_label("What to correct").select_option("completion_date")
    entry.get_by_label("Correct value").fill("13/45/2028")
    with page.expect_navigation():
        entry.get_by_role("button", name="Save the correction").click()
    entry = page.locator("#entries article.entry").first
    value = entry.get_by_label("Correct value")
    assert value.get_attribute("aria-invalid") == "true"
    assert "is not a date we can read" in entry.locator(".error").inner_text()
    assert page_findings(page, "dashboard-form-error") == CLEAN
    value.fill("11/20/2029")
    with page.expect_navigation():
        entry.get_by_role("button", name="Save the correction").click()
    assert "Nov 20, 2029" in page.locator("#entries article.entry").first.inner_text()
    close(page)


def test_trainer_replaces_and_deletes_uploads(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_a, PHONE)
    locked = page.locator("#documents li", has_text="locked-certificate.pdf")
    chooser = file_chooser(page, locked.get_by_role("button", name="Replace…").click)
    with reloaded_when_read(page):
        chooser.set_files(str(CARD_BACK))
    assert "CPR/AED card (back)" in upload_row(page, "instead of locked-certificate.pdf")
    assert "locked-certificate.pdf" not in page.inner_text("#documents")
    invoice = page.locator("#documents li", has_text=NOT_A_CERTIFICATE)
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        invoice.get_by_role("button", name="Delete").click()
    assert "Document deleted." in announced(page)
    assert NOT_A_CERTIFICATE not in page.inner_text("#documents")
    close(page)


def test_an_incomplete_application_is_sent_only_when_confirmed(
    browser: Any, server: Server
) -> None:
    page = log_in(browser, server, server.keys.trainer_a, PHONE)
    submission = page.locator("#submission")
    assert "What the auditor will see" in submission.inner_text()
    assert "Not passed:" in submission.inner_text()
    with page.expect_navigation():
        submission.get_by_role("button", name="Send the incomplete application").click()
    assert "Tick the box" in page.locator("#submission .error").inner_text()
    assert page_findings(page, "dashboard-submit-asks") == CLEAN
    page.locator("#submission").get_by_label("Send it as it is").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send the incomplete application").click()
    assert "selected for audit" in page.inner_text("#submission")
    assert page_findings(page, "dashboard-sent") == CLEAN
    close(page)


def test_a_trainer_gets_a_page_saying_the_audit_is_not_theirs(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_b)
    answer = page.goto(f"{server.url}/web/audit")
    assert (answer.status, page.locator("h1").inner_text()) == (
        403,
        "This page is not for your account",
    )
    assert page_findings(page, "forbidden") == CLEAN
    page.goto(f"{server.url}/web/no-such-page")
    assert page_findings(page, "not-found") == CLEAN
    close(page)


def test_auditor_reviews_and_decides_by_keyboard(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.auditor)
    assert page_findings(page, "audit-queue") == CLEAN
    tab_to(page, "a[href^='/web/audit/cases/']")
    assert page.evaluate("document.activeElement.textContent") == "Marcus O. Bell"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function(FIRST_IMAGE_LOADED)
    box = page.locator(".page-frame .box").first.bounding_box()
    image = page.locator(".page-frame img").first.bounding_box()
    assert box and image and image["x"] <= box["x"] <= image["x"] + image["width"]
    assert page_findings(page, "audit-case") == CLEAN

    tab_to(page, "#shortcuts")
    page.keyboard.press("Space")
    page.keyboard.press("n")
    first = page.evaluate("document.activeElement.dataset.entry")
    page.keyboard.press("r")
    page.keyboard.type("Course outside the approved catalog")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "rejected: Course outside the approved catalog" in page.inner_text(f"#entry-{first}")
    assert "Entry rejected." in announced(page)
    page.keyboard.press("n")  # the page came back on the rejected entry: n goes to the next
    second = page.evaluate("document.activeElement.dataset.entry")
    assert second != first
    with page.expect_navigation():
        page.keyboard.press("a")
    assert "accepted" in page.inner_text(f"#entry-{second}")

    tab_to(page, "#request-message")
    page.keyboard.type("The back of your CPR/AED card, showing the skills check")
    tab_to(page, "#request-message ~ button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Request sent" in announced(page)

    tab_to(page, "input[name=decision][value=approved]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#decision-reason ~ button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Give the reason" in page.inner_text("#reason-err")
    assert page_findings(page, "audit-case-decision-error") == CLEAN
    page.keyboard.type("Short of 2.0 CEUs; the CPR/AED card has expired")
    tab_to(page, "#decision-reason ~ button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Every entry was reviewed." in page.inner_text("#confirm")
    assert page_findings(page, "audit-case-confirm") == CLEAN
    tab_to(page, "#confirm button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.inner_text("#case-status") == "decided"
    assert "Decision recorded" in announced(page)
    assert "Entry rejected: " in page.inner_text("table.trail")
    assert page_findings(page, "audit-case-decided") == CLEAN
    close(page)


def test_the_trainer_reads_why_it_was_denied(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_a, PHONE)
    reasons = page.inner_text("#submission")
    assert "denied" in reasons and "Course outside the approved catalog" in reasons
    assert "the CPR/AED card has expired" in reasons
    assert page.get_by_role("button", name="Send the incomplete application").is_visible()
    assert page_findings(page, "dashboard-denied") == CLEAN
    close(page)


def test_keyboard_only_upload_and_confirm(browser: Any, server: Server) -> None:
    page = log_in(browser, server, server.keys.trainer_b, PHONE)
    tab_to(page, "#files")
    chooser = file_chooser(page, lambda: page.keyboard.press("Space"))
    with reloaded_when_read(page):
        chooser.set_files([str(FASCIA)])
    tab_to(page, "#entries form.inline button")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert contrast(ring, "rgb(255, 255, 255)") >= 3
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Entry confirmed." in announced(page)
    tab_to(page, "#documents a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, ".evidence-item")
    assert page.locator(".box.lit").count() == 1
    assert page_findings(page, "document") == CLEAN
    tab_to(page, "button.zoom")
    page.keyboard.press("Enter")
    assert page.get_attribute("button.zoom", "aria-pressed") == "true"
    assert page_findings(page, "document-zoomed") == CLEAN  # the page scrolls in its box
    close(page)

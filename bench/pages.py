"""The auditor's case page with 9 page previews, loaded in a cold browser.

A real ``certverify serve`` (embedded default: SQLite, files on disk, jobs
read in the process, which draws and keeps every page's preview as it reads)
on 127.0.0.1. A trainer uploads 9 one-page files read in place: the four
digital PDFs of samples/applications/marcus-bell, a 2315 x 1736 phone photo
of a certificate from samples/, and four real photos and scans from
../shared/corpus/real-documents; the application is sent and drawn for audit
(``audit_share`` 1). Then, each run in a newly launched Chromium (Debian's,
through Playwright; a new profile, so nothing cached), the auditor signs in
and opens the case: the time from the start of the navigation until the 9
preview images have loaded and are decoded (``HTMLImageElement.decode``),
read from the page's own clock (``performance.now``), with the bytes each
preview weighed. Median and worst of the runs; the target is under 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from bench.options import REAL_DOCUMENTS, ROOT, SAMPLES, BenchOptions

TARGET_S = 2.0
RUNS = 7
QUICK_RUNS = 3
MARCUS = SAMPLES / "applications" / "marcus-bell"
FILES = (
    MARCUS / "app-marcus-kettlebell-digital.pdf",
    MARCUS / "app-marcus-fascia-digital.pdf",
    MARCUS / "app-marcus-card-front-digital.pdf",
    MARCUS / "app-marcus-card-back-digital.pdf",
    SAMPLES / "applications" / "dana-whitfield" / "app-dana-barbell-photo.jpg",
    REAL_DOCUMENTS / "files" / "008-homehealth-inservice-osha-photo.jpg",
    REAL_DOCUMENTS / "files" / "012-baycrest-clri-internship-certificate.jpg",
    REAL_DOCUMENTS / "files" / "029-tuth-cpr-participation-nepal-photo.jpg",
    REAL_DOCUMENTS / "files" / "030-nepal-htc-newborn-care-rotated-photo.jpg",
)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
VIEWPORT: Any = {"width": 1366, "height": 900}  # a ViewportSize
# A second set of runs over an emulated line as an office or home connection gives: what the
# previews weigh shows here, not on 127.0.0.1.
LINE = {"latency": 40, "downloadThroughput": 30e6 / 8, "uploadThroughput": 10e6 / 8}
LINE_WORDS = "30 Mbit/s down, 10 up, 40 ms"
LINE_RUNS = 3
READ_TIMEOUT_S = 300.0
LOAD_TIMEOUT_MS = 60_000
PREVIEWS = ".page-frame img"
# Installed before any page script: each image's load, then its decode, on the page's clock.
WATCH_IMAGES = """
window.__previews = [];
document.addEventListener("load", function (e) {
  var img = e.target;
  if (!(img instanceof HTMLImageElement) || !img.closest(".page-frame")) { return; }
  var loaded = performance.now();
  img.decode().then(function () {
    window.__previews.push({src: img.currentSrc, loaded: loaded, decoded: performance.now()});
  });
}, true);
"""
ALL_DECODED = (
    f"n => window.__previews.length >= n && document.querySelectorAll('{PREVIEWS}').length === n"
)
SIZES = """() => performance.getEntriesByType("resource")
  .filter(e => e.name.includes("/pages/"))
  .map(e => ({name: e.name, bytes: e.encodedBodySize, start: e.startTime, end: e.responseEnd}))"""


def run(options: BenchOptions) -> dict[str, Any]:
    missing = [str(p) for p in FILES if not p.exists()]
    if missing:
        return {"skipped": f"files missing: {', '.join(missing)}"}
    if not CHROMIUM.exists():
        return {"skipped": f"no Chromium at {CHROMIUM} (`make test-system-deps`)"}
    runs = QUICK_RUNS if options.quick else RUNS
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    with (
        tempfile.TemporaryDirectory(prefix="certverify-bench-pages-") as tmp,
        serving(Path(tmp)) as (base, keys),
    ):
        read_s = prepare_case(base, keys)
        case_url = _case_url(base, keys["auditor"])
        loads = [cold_load(base, keys["auditor"], case_url) for _ in range(runs)]
        remote = [cold_load(base, keys["auditor"], case_url, LINE) for _ in range(LINE_RUNS)]
    load_average = round(os.getloadavg()[0], 1)  # the machine is shared: say how busy it was
    times = [load["complete_s"] for load in loads]
    sizes = loads[-1]["previews"]
    return {
        "date": started,
        "load_average": load_average,
        "files": [p.name for p in FILES],
        "runs": runs,
        "read_s": round(read_s, 1),
        "complete_s": times,
        "median_s": round(statistics.median(times), 3),
        "worst_s": round(max(times), 3),
        "first_byte_s": round(statistics.median(load["page_s"] for load in loads), 3),
        "again_median_s": round(statistics.median(load["again_s"] for load in loads), 3),
        "again_kb": loads[-1]["again_kb"],
        "line": LINE_WORDS,
        "line_s": [load["complete_s"] for load in remote],
        "preview_kb": sorted(round(p["bytes"] / 1024) for p in sizes),
        "preview_total_kb": round(sum(p["bytes"] for p in sizes) / 1024),
        "target_s": TARGET_S,
        "cache_control": loads[-1]["cache_control"],
    }


def markdown(data: dict[str, Any]) -> str:
    if "skipped" in data:
        return f"Not run: {data['skipped']}."
    verdict = "within" if data["worst_s"] < data["target_s"] else "over"
    return "\n".join(
        [
            f"The auditor's case page with {len(data['files'])} page previews (four digital PDFs,",
            "a 2315 x 1736 phone photo, four real photos and scans from the shared corpus),",
            "opened by a newly launched Chromium each run (nothing cached), served by a real",
            "`certverify serve` on 127.0.0.1. Complete = every preview loaded and decoded,",
            "timed by the page's clock from the start of the navigation. Run on "
            f"{data['date']}, load average {data['load_average']} on the shared machine.",
            "",
            "| runs | median | worst | target | page HTML (median) | previews, total |",
            "|---|---|---|---|---|---|",
            f"| {data['runs']} | {data['median_s']:.2f} s | {data['worst_s']:.2f} s "
            f"| under {data['target_s']:.0f} s ({verdict}) | {data['first_byte_s']:.2f} s "
            f"| {data['preview_total_kb']} KB |",
            "",
            f"Each run: {', '.join(f'{t:.2f}' for t in data['complete_s'])} s. Preview sizes "
            f"(KB): {', '.join(str(k) for k in data['preview_kb'])}; served with "
            f"`Cache-Control: {data['cache_control']}`. Reading the 9 files took "
            f"{data['read_s']} s (previews drawn then, not when the page is opened). Opened "
            f"again in the same browser (as after each verdict): {data['again_median_s']:.2f} s "
            f"median, {data['again_kb']} KB of previews fetched again. Over an emulated "
            f"line ({data['line']}), cold: "
            f"{', '.join(f'{t:.2f}' for t in data['line_s'])} s.",
        ]
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _make_keys(data_dir: Path) -> dict[str, str]:
    from ingest.settings import Settings
    from store.db import Database
    from store.keys import create_key
    from store.models import Role

    db = Database(Settings(data_dir=data_dir))
    try:
        with db.session() as session:
            return {
                "trainer": create_key(session, name="t", role=Role.TRAINER, trainer_id="T-A")[1],
                "auditor": create_key(session, name="aud", role=Role.AUDITOR)[1],
                "admin": create_key(session, name="adm", role=Role.ADMIN)[1],
            }
    finally:
        db.dispose()


@contextmanager
def serving(tmp: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``certverify serve`` on a free port of 127.0.0.1 over ``tmp``; stopped after."""
    data_dir = tmp / "data"
    keys = _make_keys(data_dir)
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("CERTVERIFY_"):
            del env[name]
    env.update(
        {
            "CERTVERIFY_DATA_DIR": str(data_dir),
            "CERTVERIFY_AUDIT_SHARE": "1.0",
            "OMP_THREAD_LIMIT": "1",
        }
    )
    port = _free_port()
    log = (tmp / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"certverify serve exited: {(tmp / 'serve.log').read_text()}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("certverify serve did not answer within 60 s")
            time.sleep(0.2)
        yield base, keys
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def _client(base: str, key: str) -> httpx.Client:
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def _signed_in(base: str, key: str) -> tuple[httpx.Client, str]:
    """A client signed in to the pages with ``key``; the session's CSRF token."""
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=True)
    form = client.get("/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token, "no sign-in form"
    client.post("/web/login", data={"api_key": key, "csrf": token[1]})
    page = client.get("/web/").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    assert csrf, "not signed in"
    return client, csrf[1]


def prepare_case(base: str, keys: dict[str, str]) -> float:
    """Catalog, profile, the 9 uploads read, the application sent: seconds to read them."""
    with _client(base, keys["admin"]) as admin:
        catalog = (SAMPLES / "catalog.csv").read_bytes()
        admin.post("/v1/catalog", files={"file": ("catalog.csv", catalog)}).raise_for_status()
        profile = {"name": "Marcus O. Bell", "certification_expiry": "2027-03-31"}
        admin.put("/v1/trainers/T-A", json=profile).raise_for_status()
    started = time.monotonic()
    with _client(base, keys["trainer"]) as trainer:
        ids = []
        for path in FILES:
            answer = trainer.post("/v1/documents", files={"file": (path.name, path.read_bytes())})
            answer.raise_for_status()
            ids.append(answer.json()["id"])
        for document_id in ids:
            while trainer.get(f"/v1/documents/{document_id}").json()["status"] not in (
                "done",
                "failed",
            ):
                if time.monotonic() - started > READ_TIMEOUT_S:
                    raise RuntimeError(f"{document_id} not read in {READ_TIMEOUT_S} s")
                time.sleep(0.2)
    read_s = time.monotonic() - started
    client, csrf = _signed_in(base, keys["trainer"])
    try:
        client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    finally:
        client.close()
    return read_s


def _case_url(base: str, auditor_key: str) -> str:
    client, _csrf = _signed_in(base, auditor_key)
    try:
        found = re.search(r'href="(/web/audit/cases/[0-9a-f-]+)"', client.get("/web/audit").text)
    finally:
        client.close()
    assert found, "no case in the audit queue"
    return f"{base}{found[1]}"


def cold_load(
    base: str, auditor_key: str, case_url: str, line: dict[str, float] | None = None
) -> dict[str, Any]:
    """One load of the case page in a newly launched browser signed in as the auditor;
    with ``line``, over that emulated network (Chromium's own throttling)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.goto(f"{base}/web/login")
            page.get_by_label("API key", exact=True).fill(auditor_key)
            with page.expect_navigation():
                page.get_by_role("button", name="Sign in with the key").click()
            page.add_init_script(WATCH_IMAGES)
            if line is not None:
                devtools = context.new_cdp_session(page)
                devtools.send("Network.enable")
                devtools.send("Network.emulateNetworkConditions", {"offline": False, **line})
            expected = len(FILES)
            page.goto(case_url, wait_until="commit")
            page.wait_for_function(ALL_DECODED, arg=expected, timeout=LOAD_TIMEOUT_MS)
            seen = page.evaluate("window.__previews")
            html = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
            sizes = page.evaluate(SIZES)
            cache_control = page.evaluate(
                "src => fetch(src).then(r => r.headers.get('cache-control'))", seen[0]["src"]
            )
            # Opened again in the same browser, as after each verdict (the form reloads it).
            page.goto(case_url, wait_until="commit")
            page.wait_for_function(ALL_DECODED, arg=expected, timeout=LOAD_TIMEOUT_MS)
            again = page.evaluate("window.__previews")
            refetched = page.evaluate(SIZES)
            context.close()
        finally:
            browser.close()
    return {
        "complete_s": round(max(p["decoded"] for p in seen) / 1000, 3),
        "again_s": round(max(p["decoded"] for p in again) / 1000, 3),
        "again_kb": round(sum(p["bytes"] for p in refetched) / 1024),
        "page_s": html / 1000,
        "previews": sizes,
        "cache_control": cache_control,
    }

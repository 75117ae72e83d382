"""The hostile corpus through the API and a real worker: each bad file ends with its code.

Files the upload can tell apart by their bytes are refused there (415, 422);
the others are accepted, read by one `certverify worker` process and end
`failed` with the pipeline's error code, and the same worker then reads the
next, good upload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest.settings import Settings
from tests.badfiles import encrypted_pdf, pdf_with_pages, pdf_without_pages, png_claiming
from tests.locations import HOSTILE_DIR
from tests.service_fixtures import TRIVIAL_PDF, Api, WorkerStarter, running_api

ACCEPTED_THEN_FAILED = {
    "invalid.pdf": "corrupt_file",
    "hugemono.pdf": "image_too_large",
    "encrypted.pdf": "pdf_encrypted",
    "no_pages.pdf": "no_pages",
    "too_many_pages.pdf": "too_many_pages",
    "pixel_bomb.png": "image_too_large",
}
REFUSED_AT_UPLOAD = {
    "SOURCES.md": (415, "unsupported_type"),
    "linn.txt": (415, "unsupported_type"),
    "empty.pdf": (422, "file_empty"),
}


def _bytes(name: str, settings: Settings) -> bytes:
    built = {
        "encrypted.pdf": encrypted_pdf,
        "no_pages.pdf": pdf_without_pages,
        "too_many_pages.pdf": lambda: pdf_with_pages(settings.max_pages + 1),
        "pixel_bomb.png": lambda: png_claiming(60_000, 60_000),
        "empty.pdf": lambda: b"",
    }
    return built[name]() if name in built else (HOSTILE_DIR / name).read_bytes()


def _upload(api: Api, name: str) -> tuple[int, Any]:
    answer = api.upload(Path(name), data=_bytes(name, api.settings))
    return answer.status_code, answer.json()


def test_each_hostile_upload_ends_with_its_code_and_the_worker_goes_on(
    queue_settings: Settings, start_worker: WorkerStarter
) -> None:
    with running_api(queue_settings) as api:
        refused = {}
        for name in REFUSED_AT_UPLOAD:
            status, body = _upload(api, name)
            refused[name] = (status, body["error"]["code"])
        accepted = {name: str(_upload(api, name)[1]["id"]) for name in ACCEPTED_THEN_FAILED}
        good = api.upload(TRIVIAL_PDF).json()["id"]
        worker = start_worker(queue_settings, burst=True)
        exit_status = worker.wait(600)
        failed = {}
        for name, document_id in accepted.items():
            body = api.wait_for(document_id, timeout=30)
            failed[name] = body["error"]["code"] if body["status"] == "failed" else body["status"]
        last = api.wait_for(good, timeout=30)["status"]
    assert (refused, failed, last, exit_status) == (
        REFUSED_AT_UPLOAD,
        ACCEPTED_THEN_FAILED,
        "done",
        0,
    )

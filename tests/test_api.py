"""The HTTP API in its embedded default (SQLite, files on disk, jobs in-process).

Every upload here runs the real pipeline on a real file.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from ingest.settings import Settings
from store.files import FileStore
from tests.service_fixtures import SCANNED_IMAGE, TRIVIAL_PDF, Api, running_api

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "samples" / "catalog.csv"


def test_upload_is_read_in_the_background_and_served(embedded_api: Api) -> None:
    response = embedded_api.upload(TRIVIAL_PDF)
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["status_url"] == f"/v1/documents/{accepted['id']}"
    assert accepted["job_id"] and accepted["duplicate"] is False
    body = embedded_api.wait_for(accepted["id"])
    assert body["status"] == "done", body
    assert body["error"] is None and body["attempts"] == 1
    record = body["record"]
    assert record["status"] == "ok" and record["source"] == TRIVIAL_PDF.name
    assert record["sha256"] == accepted["sha256"]
    assert record["pages"][0]["source"] == "text_layer"
    stored = FileStore(embedded_api.settings.data_dir).path_for(accepted["sha256"])
    assert stored.read_bytes() == TRIVIAL_PDF.read_bytes()


def test_same_bytes_twice_give_the_same_document_and_rerun_reads_it_again(
    embedded_api: Api,
) -> None:
    first = embedded_api.upload(TRIVIAL_PDF).json()
    again = embedded_api.upload(TRIVIAL_PDF, data=TRIVIAL_PDF.read_bytes()).json()
    assert again["id"] == first["id"] and again["duplicate"] is True
    other_trainer = embedded_api.upload(TRIVIAL_PDF, "trainer_b").json()
    assert other_trainer["id"] != first["id"]
    assert embedded_api.wait_for(first["id"])["status"] == "done"
    rerun = embedded_api.upload(TRIVIAL_PDF, rerun=True).json()
    assert (rerun["id"], rerun["duplicate"], rerun["status"]) == (first["id"], True, "queued")
    assert rerun["job_id"] != first["job_id"]
    for document_id in (first["id"], other_trainer["id"]):
        assert embedded_api.wait_for(document_id)["status"] == "done"
    listed = embedded_api.get("/v1/documents").json()
    assert listed["total"] == 1


def test_an_unreadable_file_fails_with_its_code_and_stage(embedded_api: Api) -> None:
    broken = b"%PDF-1.7\n" + b"\x00garbage" * 50
    response = embedded_api.upload(Path("broken.pdf"), data=broken)
    assert response.status_code == 202
    body = embedded_api.wait_for(response.json()["id"])
    assert body["status"] == "failed"
    assert body["error"]["code"] == "corrupt_file"
    assert body["error"]["stage"] == "triage"
    assert "Traceback" not in body["error"]["message"]


def test_too_large_upload_is_refused_with_413(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", max_upload_bytes=1000)
    with running_api(settings) as api:
        response = api.upload(TRIVIAL_PDF, data=b"%PDF-1.4\n" + b"0" * 5000)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "file_too_large"
        huge = api.upload(TRIVIAL_PDF, data=b"%PDF-1.4\n" + b"0" * 200_000)
        assert huge.status_code == 413
        assert list((tmp_path / "data" / "staging").iterdir()) == []


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<!doctype html><html>login</html>", "unsupported_type"),
        (b"just some notes", "unsupported_type"),
        (b"PK\x03\x04 office file", "unsupported_type"),
    ],
    ids=["html", "text", "zip"],
)
def test_unsupported_bytes_are_refused_with_415(embedded_api: Api, data: bytes, code: str) -> None:
    response = embedded_api.upload(Path("certificate.pdf"), data=data)
    assert response.status_code == 415
    assert response.json()["error"]["code"] == code
    assert "message" in response.json()["error"]


def test_empty_or_missing_file_is_a_bad_request(embedded_api: Api) -> None:
    empty = embedded_api.upload(Path("empty.pdf"), data=b"")
    assert empty.status_code == 422 and empty.json()["error"]["code"] == "file_empty"
    no_file = embedded_api.client.post(
        "/v1/documents", data={"note": "x"}, headers=embedded_api.keys.header("trainer_a")
    )
    assert no_file.status_code == 422
    assert no_file.json()["error"]["code"] == "invalid_request"


def test_admin_uploads_for_a_named_trainer(embedded_api: Api) -> None:
    headers = embedded_api.keys.header("admin")
    files = {"file": ("c.pdf", TRIVIAL_PDF.read_bytes(), "application/pdf")}
    missing = embedded_api.client.post("/v1/documents", files=files, headers=headers)
    assert missing.status_code == 422
    response = embedded_api.client.post(
        "/v1/documents", files=files, data={"trainer_id": "T-C"}, headers=headers
    )
    assert response.status_code == 202
    assert embedded_api.wait_for(response.json()["id"])["trainer_id"] == "T-C"


def test_page_preview_is_turned_upright_by_the_recorded_rotation(
    embedded_api: Api, tmp_path: Path
) -> None:
    sideways = tmp_path / "sideways.png"
    with Image.open(SCANNED_IMAGE) as original:
        assert original.width > original.height
        original.rotate(90, expand=True).save(sideways)  # a landscape page, photographed sideways
    document_id = embedded_api.upload(sideways).json()["id"]
    body = embedded_api.wait_for(document_id, timeout=180)
    assert body["status"] == "done", body
    assert body["record"]["pages"][0]["rotation"] == 90
    response = embedded_api.get(f"/v1/documents/{document_id}/pages/1.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    preview = Image.open(io.BytesIO(response.content))
    assert preview.width > preview.height, "the preview is upright (landscape) again"
    assert embedded_api.get(f"/v1/documents/{document_id}/pages/2.png").status_code == 404


def test_preview_waits_until_the_document_is_read(embedded_api: Api) -> None:
    broken = embedded_api.upload(Path("b.pdf"), data=b"%PDF-1.4 broken").json()["id"]
    assert embedded_api.wait_for(broken)["status"] == "failed"
    response = embedded_api.get(f"/v1/documents/{broken}/pages/1.png")
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"


def test_listing_filters_and_paginates(embedded_api: Api) -> None:
    ids = [
        embedded_api.upload(
            TRIVIAL_PDF, data=TRIVIAL_PDF.read_bytes() + b"\n%" + bytes([i])
        ).json()["id"]
        for i in range(3)
    ]
    for document_id in ids:
        embedded_api.wait_for(document_id)
    page = embedded_api.get("/v1/documents?limit=2", "auditor").json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = embedded_api.get("/v1/documents?limit=2&offset=2", "auditor").json()
    assert {i["id"] for i in page["items"] + rest["items"]} == set(ids)
    assert embedded_api.get("/v1/documents?status=failed", "auditor").json()["total"] == 0
    assert embedded_api.get("/v1/documents?trainer=T-B", "auditor").json()["total"] == 0
    assert embedded_api.get("/v1/documents?flag=card_expired", "auditor").json()["total"] == 0
    assert embedded_api.get("/v1/documents?type=unknown", "auditor").json()["total"] == 3
    assert embedded_api.get("/v1/documents?type=other", "auditor").json()["total"] == 0
    assert embedded_api.get("/v1/documents?type=memo", "auditor").status_code == 422
    bad = embedded_api.get("/v1/documents?status=lost", "auditor")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_delete_removes_the_row_and_the_unshared_file(embedded_api: Api) -> None:
    files = FileStore(embedded_api.settings.data_dir)
    mine = embedded_api.upload(TRIVIAL_PDF).json()
    theirs = embedded_api.upload(TRIVIAL_PDF, "trainer_b").json()
    for document in (mine, theirs):
        embedded_api.wait_for(document["id"])
    path = files.path_for(mine["sha256"])
    headers = embedded_api.keys.header("trainer_a")
    assert (
        embedded_api.client.delete(f"/v1/documents/{mine['id']}", headers=headers).status_code
        == 204
    )
    assert path.exists(), "still referenced by the other trainer's document"
    assert embedded_api.get(f"/v1/documents/{mine['id']}").status_code == 404
    admin = embedded_api.keys.header("admin")
    assert (
        embedded_api.client.delete(f"/v1/documents/{theirs['id']}", headers=admin).status_code
        == 204
    )
    assert not path.exists()


def test_catalog_import_reports_rejected_rows_and_feeds_search(embedded_api: Api) -> None:
    text = CATALOG.read_text(encoding="utf-8") + "P999,,,C9,Broken row,not-a-number,2026\n"
    response = embedded_api.client.post(
        "/v1/catalog",
        files={"file": ("catalog.csv", text.encode(), "text/csv")},
        headers=embedded_api.keys.header("admin"),
    )
    assert response.status_code == 201, response.text
    report = response.json()
    assert report["rows_accepted"] > 0 and report["rows_rejected"] >= 1
    assert any(r["line"] == len(text.splitlines()) for r in report["rejected"])
    hits = embedded_api.get("/v1/catalog/providers?q=summit", "trainer_a").json()
    assert hits and hits[0]["name"] == "Summit Strength Academy"


def test_an_invalid_catalog_is_refused_whole(embedded_api: Api) -> None:
    response = embedded_api.client.post(
        "/v1/catalog",
        files={"file": ("catalog.xlsx", b"PK\x03\x04xlsx", "application/octet-stream")},
        headers=embedded_api.keys.header("admin"),
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "catalog_invalid"
    assert embedded_api.get("/v1/catalog/providers?q=summit").json() == []


def test_health_readiness_and_metrics(embedded_api: Api) -> None:
    assert embedded_api.client.get("/healthz").json()["status"] == "ok"
    ready = embedded_api.client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"] == {
        "database": "ok",
        "queue": "ok",
        "disk": "ok",
    }
    embedded_api.wait_for(embedded_api.upload(TRIVIAL_PDF).json()["id"])
    metrics = embedded_api.client.get("/metrics").text
    assert 'certverify_uploads_total{result="accepted"}' in metrics
    assert 'certverify_documents{status="done"} 1.0' in metrics
    assert 'certverify_job_stage_seconds{quantile="0.5",stage="processing"}' in metrics
    assert "certverify_queue_depth" in metrics


def test_openapi_documents_every_error_response(embedded_api: Api) -> None:
    spec = embedded_api.client.get("/openapi.json").json()
    upload = spec["paths"]["/v1/documents"]["post"]["responses"]
    assert {"202", "401", "403", "413", "415", "422"} <= set(upload)
    assert upload["415"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    for path, operations in spec["paths"].items():
        if path.startswith("/v1/"):
            for method, operation in operations.items():
                responses = operation["responses"]
                assert {"401", "503"} <= set(responses), f"{method} {path}"
                for status, response in responses.items():
                    if int(status) >= 400:
                        schema = response["content"]["application/json"]["schema"]
                        assert schema["$ref"].endswith("/ErrorBody"), f"{method} {path} {status}"

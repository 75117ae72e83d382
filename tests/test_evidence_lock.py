"""An application under audit is a snapshot; fee fields come from an administrator.

Real API (embedded: SQLite, files on disk, jobs in-process) and real files:
while an audit case is open, the documents uploaded before the application
cannot be deleted or read again and the trainer's profile cannot change; the
certification's expiry and recertify-for-life are never set by the trainer;
corrected CEUs are finite and bounded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from audit.corrections import correct_entry
from audit.entries import entry_from_record
from ingest.errors import InvalidRequest
from ingest.settings import Settings
from store.cases import submit
from store.db import Database
from tests.audit_factories import ceu
from tests.service_fixtures import TRIVIAL_PDF, Api

PROFILE = {"name": "Maria Gonzalez", "certification_expiry": "2027-01-31"}


@dataclass(frozen=True)
class UnderAudit:
    api: Api
    document_id: str


def _open_case(settings: Settings, trainer_id: str) -> None:
    """Submit the trainer's application with a draw that always selects it for audit."""
    always = settings.model_copy(update={"audit_share": 1.0})
    db = Database(settings, run_migrations=False)
    try:
        with db.session() as session:
            _submission, case = submit(session, trainer_id, [], None, always)
            assert case is not None
    finally:
        db.dispose()


@pytest.fixture
def under_audit(embedded_api: Api) -> Iterator[UnderAudit]:
    api = embedded_api
    answer = api.client.put("/v1/trainers/T-A", json=PROFILE, headers=api.keys.header("admin"))
    assert answer.status_code == 200, answer.text
    document_id = api.upload(TRIVIAL_PDF).json()["id"]
    api.wait_for(document_id)
    _open_case(api.settings, "T-A")
    yield UnderAudit(api, document_id)


def _delete(audit: UnderAudit) -> Any:
    url = f"/v1/documents/{audit.document_id}"
    return audit.api.client.delete(url, headers=audit.api.keys.header("trainer_a"))


def _read_again(audit: UnderAudit) -> Any:
    return audit.api.upload(TRIVIAL_PDF, rerun=True)


def _rename(audit: UnderAudit) -> Any:
    body = {**PROFILE, "name": "Someone Else"}
    return audit.api.client.put(
        "/v1/trainers/T-A", json=body, headers=audit.api.keys.header("trainer_a")
    )


@pytest.mark.parametrize(
    "change", [_delete, _read_again, _rename], ids=["delete", "read_again", "rename"]
)
def test_evidence_under_an_open_audit_cannot_change(under_audit: UnderAudit, change: Any) -> None:
    answer = change(under_audit)
    assert (answer.status_code, answer.json()["error"]["code"]) == (409, "conflict")


def test_a_new_upload_during_the_audit_is_free_to_delete(under_audit: UnderAudit) -> None:
    api = under_audit.api
    data = TRIVIAL_PDF.read_bytes() + b"\n% added during the audit\n"
    added = api.upload(TRIVIAL_PDF, data=data).json()["id"]
    api.wait_for(added)
    answer = api.client.delete(f"/v1/documents/{added}", headers=api.keys.header("trainer_a"))
    assert answer.status_code == 204


@pytest.mark.parametrize(
    ("who", "change", "expected"),
    [
        ("trainer_a", {"recertify_for_life": True}, 403),
        ("trainer_a", {"certification_expiry": "2029-01-31"}, 403),
        ("trainer_a", {"other_names": ["Maria L. Gonzalez"]}, 200),
        ("admin", {"recertify_for_life": True, "certification_expiry": "2029-01-31"}, 200),
    ],
    ids=["trainer-for-life", "trainer-expiry", "trainer-other-names", "admin-both"],
)
def test_fee_fields_come_from_an_administrator(
    embedded_api: Api, who: str, change: dict[str, Any], expected: int
) -> None:
    admin = embedded_api.keys.header("admin")
    assert (
        embedded_api.client.put("/v1/trainers/T-A", json=PROFILE, headers=admin).status_code == 200
    )
    body = {**PROFILE, **change}
    answer = embedded_api.client.put(
        "/v1/trainers/T-A", json=body, headers=embedded_api.keys.header(who)
    )
    assert answer.status_code == expected


def test_a_trainer_cannot_create_their_own_profile(embedded_api: Api) -> None:
    headers = embedded_api.keys.header("trainer_a")
    assert (
        embedded_api.client.put("/v1/trainers/T-A", json=PROFILE, headers=headers).status_code
        == 403
    )


@pytest.mark.parametrize("ceus", ["1e308", "inf", "nan", "-0.1", "20.5", 1e308], ids=str)
def test_corrected_ceus_are_finite_and_bounded(settings: Settings, ceus: Any) -> None:
    entry = entry_from_record(ceu("a"), settings)
    when = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with pytest.raises(InvalidRequest):
        correct_entry(entry, "ceus", ceus, who="trainer", when=when)

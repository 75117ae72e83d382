"""Web pages through the app: login, roles, CSRF, dashboard, submission, audit case."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from audit.selection import draw_for_audit, due_date, is_overdue, recheck
from bench.tamper import white_out_resaved
from ingest.settings import Settings
from tests.recert_support import SAMPLE_SET, import_catalog, login, put_profile, store_samples
from tests.service_fixtures import Api, running_api

CERT = "cert-prose-classic-01-digital.pdf"
INVOICE = "other-invoice-01-digital.pdf"


@pytest.fixture
def web_api(tmp_path: Path) -> Iterator[Api]:
    settings = Settings(
        data_dir=tmp_path / "data", audit_share=1.0, audit_seed=SecretStr("test-seed")
    )
    with running_api(settings) as api:
        yield api


def test_pages_need_a_session(web_api: Api) -> None:
    answer = web_api.client.get("/web/dashboard", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/web/login"
    bad = web_api.client.post("/web/login", data={"api_key": "x", "csrf": "nope"})
    assert bad.status_code == 403


def test_a_wrong_key_is_refused(web_api: Api) -> None:
    form = web_api.client.get("/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token
    answer = web_api.client.post("/web/login", data={"api_key": "cvk_wrong", "csrf": token[1]})
    assert "unknown or revoked" in answer.text


def test_roles_and_csrf(web_api: Api) -> None:
    login(web_api, "trainer_a")
    assert web_api.client.get("/web/audit").status_code == 403
    assert web_api.client.post("/web/submit", data={"csrf": "forged"}).status_code == 403
    login(web_api, "auditor")
    assert web_api.client.get("/web/dashboard").status_code == 403
    assert web_api.client.get("/web/audit").status_code == 200


def test_submission_opens_a_case_that_an_auditor_decides(web_api: Api) -> None:
    import_catalog(web_api)
    put_profile(web_api, "T-A", "2026-12-31")
    store_samples(web_api, (CERT, INVOICE))
    csrf = login(web_api, "trainer_a")
    page = web_api.client.get("/web/dashboard").text
    assert "Kettlebell Foundations" in page
    entry_id = re.search(r'id="entry-([^"]+)"', page)
    assert entry_id
    confirmed = web_api.client.post(
        f"/web/entries/{entry_id[1]}", data={"csrf": csrf, "action": "confirm"}
    )
    assert confirmed.status_code == 200 and "Entry confirmed." in confirmed.text
    asked = web_api.client.post("/web/submit", data={"csrf": csrf})
    assert asked.status_code == 422 and "Tick the box to send it as it is" in asked.text
    submitted = web_api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    assert "selected for audit" in submitted.text
    assert f"({Settings().audit_due_days} days left)" in submitted.text
    locked = web_api.client.post(
        f"/web/entries/{entry_id[1]}", data={"csrf": csrf, "action": "confirm"}
    )
    assert locked.status_code == 409

    csrf = login(web_api, "auditor")
    queue = web_api.client.get("/web/audit").text
    case_id = re.search(r'/web/audit/cases/([0-9a-f-]+)"', queue)
    assert case_id
    case_url = f"/web/audit/cases/{case_id[1]}"
    case = web_api.client.get(case_url).text
    assert 'class="box box-' in case and "/pages/1.png" in case
    assert "What gave it away: invoice" in case and "Cards and other documents" in case
    rejected = web_api.client.post(
        f"{case_url}/entries/{entry_id[1]}",
        data={"csrf": csrf, "verdict": "rejected", "reason": "provider not approved"},
    )
    assert "Your verdict: <strong>rejected</strong>: provider not approved" in rejected.text
    decided = _decide(web_api, case_url, csrf, "denied", "Short of 2.0 CEUs")
    assert "Application decided" in decided.text and "Entry rejected" in decided.text
    assert "aud (auditor)" in decided.text
    source = re.search(r'src="(/web/documents/[^"]+)"', case)
    assert source
    image = web_api.client.get(source[1])
    assert image.headers["content-type"] == "image/png"

    login(web_api, "trainer_a")
    page = web_api.client.get("/web/dashboard").text
    assert "Why it was denied" in page and "Short of 2.0 CEUs" in page
    assert "provider not approved" in page


def _decide(api: Api, case_url: str, csrf: str, decision: str, reason: str) -> Any:
    """The decision form, then its confirmation (the second form on the answer)."""
    asked = api.client.post(
        f"{case_url}/decision", data={"csrf": csrf, "decision": decision, "reason": reason}
    )
    assert asked.status_code == 200 and "Confirm:" in asked.text
    data = {"csrf": csrf, "decision": decision, "reason": reason, "confirmed": "yes"}
    return api.client.post(f"{case_url}/decision", data=data)


@pytest.fixture
def web_case(web_api: Api) -> tuple[Api, str, str]:
    """A case opened from one certificate: the API, the case's address, an auditor's token."""
    import_catalog(web_api)
    put_profile(web_api, "T-A", "2026-12-31")
    store_samples(web_api, (CERT,))
    csrf = login(web_api, "trainer_a")
    web_api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    csrf = login(web_api, "auditor")
    case_id = re.search(r'/web/audit/cases/([0-9a-f-]+)"', web_api.client.get("/web/audit").text)
    assert case_id
    return web_api, f"/web/audit/cases/{case_id[1]}", csrf


@pytest.mark.parametrize(
    ("decision", "reason", "message"),
    [
        ("denied", "", "Give the reason for the decision"),
        ("approved", "  ", "Give the reason for the decision"),
        ("", "fine", "Choose approve or deny"),
    ],
    ids=["deny-without-reason", "approve-blank-reason", "no-decision"],
)
def test_a_decision_needs_a_reason(
    web_case: tuple[Api, str, str], decision: str, reason: str, message: str
) -> None:
    api, case_url, csrf = web_case
    answer = api.client.post(
        f"{case_url}/decision", data={"csrf": csrf, "decision": decision, "reason": reason}
    )
    assert (answer.status_code, message in answer.text) == (422, True)


def test_the_confirmation_names_entries_not_reviewed(web_case: tuple[Api, str, str]) -> None:
    api, case_url, csrf = web_case
    asked = api.client.post(
        f"{case_url}/decision", data={"csrf": csrf, "decision": "approved", "reason": "fine"}
    )
    assert "1 entry was not reviewed" in asked.text and "Kettlebell Foundations" in asked.text


def test_a_document_request_reaches_the_trainer(web_case: tuple[Api, str, str]) -> None:
    api, case_url, csrf = web_case
    empty = api.client.post(f"{case_url}/request", data={"csrf": csrf, "message": " "})
    assert empty.status_code == 422
    message = "The back of your CPR/AED card, please"
    api.client.post(f"{case_url}/request", data={"csrf": csrf, "message": message})
    login(api, "trainer_a")
    page = api.client.get("/web/dashboard").text
    assert "The auditor asks for documents" in page and message in page


@pytest.mark.parametrize(
    ("field", "typed", "shown"),
    [
        ("completion_date", "11/20/2025", "Nov 20, 2025"),
        ("completion_date", "Nov 3, 2025", "Nov 03, 2025"),
        ("ceus", "0,8", "<dd>0.8</dd>"),
        ("ceus", " 1.5 ", "<dd>1.5</dd>"),
    ],
    ids=["us-date", "month-name", "decimal-comma", "decimal-point"],
)
def test_values_are_read_as_people_type_them(
    web_api: Api, field: str, typed: str, shown: str
) -> None:
    entry_url, csrf = _one_entry(web_api)
    data = {"csrf": csrf, "action": "correct", "field": field, "value": typed}
    answer = web_api.client.post(entry_url, data=data)
    assert shown in answer.text


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("completion_date", "13/45/2025", "is not a date we can read"),
        ("completion_date", "yesterday", "is not a full date with its year"),
        ("ceus", "eight", "is not a number of CEUs"),
        ("nonsense", "x", "Choose the field to correct"),
    ],
    ids=["impossible-date", "relative-date", "ceus-word", "unknown-field"],
)
def test_a_form_error_is_shown_beside_the_field(
    web_api: Api, field: str, typed: str, message: str
) -> None:
    entry_url, csrf = _one_entry(web_api)
    data = {"csrf": csrf, "action": "correct", "field": field, "value": typed}
    answer = web_api.client.post(entry_url, data=data)
    found = re.search(r'aria-invalid="true".{0,400}class="error">([^<]+)<', answer.text, re.S)
    assert (answer.status_code, found and message in found[1]) == (422, True)


def _one_entry(api: Api) -> tuple[str, str]:
    import_catalog(api)
    put_profile(api, "T-A", "2026-12-31")
    store_samples(api, (CERT,))
    csrf = login(api, "trainer_a")
    entry_id = re.search(r'id="entry-([^"]+)"', api.client.get("/web/dashboard").text)
    assert entry_id
    return f"/web/entries/{entry_id[1]}", csrf


@pytest.mark.parametrize(
    ("path", "who", "status", "words"),
    [
        ("/web/nowhere", "trainer_a", 404, "Page not found"),
        ("/web/audit", "trainer_a", 403, "This page is not for your account"),
        ("/web/dashboard", "auditor", 403, "This page is not for your account"),
        ("/web/documents/nope", "trainer_a", 404, "Page not found"),
    ],
    ids=["unknown-page", "trainer-on-audit", "auditor-on-dashboard", "unknown-document"],
)
def test_browsers_get_error_pages(
    web_api: Api, path: str, who: str, status: int, words: str
) -> None:
    login(web_api, who)
    answer = web_api.client.get(path, headers={"Accept": "text/html"})
    assert (answer.status_code, answer.headers["content-type"][:9], words in answer.text) == (
        status,
        "text/html",
        True,
    )


def test_the_api_keeps_json_errors(web_api: Api) -> None:
    answer = web_api.client.get(
        "/v1/documents/nope", headers={"Accept": "text/html", **web_api.keys.header("trainer_a")}
    )
    assert answer.json()["error"]["code"] == "not_found"


def test_the_bare_address_leads_to_the_pages(web_api: Api) -> None:
    answer = web_api.client.get("/", follow_redirects=False)
    assert answer.headers["location"] == "/web/"


def test_a_trainer_deletes_an_upload(web_api: Api) -> None:
    import_catalog(web_api)
    put_profile(web_api, "T-A", "2026-12-31")
    ids = store_samples(web_api, (CERT, INVOICE))
    csrf = login(web_api, "trainer_a")
    page = web_api.client.get("/web/dashboard").text
    assert "neither a CE certificate nor a CPR/AED card" in page
    gone = web_api.client.post(f"/web/documents/{ids[INVOICE]}/delete", data={"csrf": csrf})
    assert "Document deleted." in gone.text and INVOICE not in gone.text


def test_the_draw_is_reproducible_and_logged() -> None:
    draw = draw_for_audit("seed", "s1", "submission-1", 0.5)
    assert draw == draw_for_audit("seed", "s1", "submission-1", 0.5)
    assert 0 <= draw.number < 1 and draw.selected == (draw.number < 0.5)
    assert recheck("seed", draw.to_json_dict())
    assert not recheck("other seed", draw.to_json_dict())
    picked = sum(draw_for_audit("seed", "s", str(i), 0.1).selected for i in range(2000))
    assert 140 <= picked <= 260


def test_due_dates() -> None:
    import datetime as dt

    opened = dt.date(2026, 1, 1)
    due = due_date(opened, 30)
    assert due == dt.date(2026, 1, 31)
    assert not is_overdue(due, due, decided=False)
    assert is_overdue(due, due + dt.timedelta(days=1), decided=False)
    assert not is_overdue(due, due + dt.timedelta(days=1), decided=True)


def test_locked_entries_and_overdue_cases(web_api: Api) -> None:
    import datetime as dt

    from store.db import Database
    from store.models import AuditCase

    import_catalog(web_api)
    put_profile(web_api, "T-A", "2026-12-31")
    store_samples(web_api, (CERT,))
    csrf = login(web_api, "trainer_a")
    sent = web_api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    assert "selected for audit" in sent.text
    again = web_api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    assert again.status_code == 409
    entries = web_api.get("/v1/trainers/T-A/ceu-entries").json()
    patch = web_api.client.patch(
        f"/v1/trainers/T-A/ceu-entries/{entries[0]['entry_id']}",
        json={"confirm": True},
        headers=web_api.keys.header("trainer_a"),
    )
    assert patch.status_code == 409
    db = Database(web_api.settings)
    try:
        with db.session() as session:
            case = session.query(AuditCase).one()
            case.due_on = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=3)
            assert case.submission_id
    finally:
        db.dispose()
    login(web_api, "auditor")
    queue = web_api.client.get("/web/audit").text
    assert "overdue by 3" in queue and "Maria L. Gonzalez" in queue


def test_fee_windows_follow_the_settings() -> None:
    import datetime as dt

    from api.web.data import fee_windows

    windows = fee_windows(dt.date(2026, 6, 30), Settings(late_fee_days=90, lapse_days=365))
    assert [w.state for w in windows] == ["on_time", "late_fee", "additional_fee", "lapsed"]
    assert windows[1].start == dt.date(2026, 7, 1) and windows[1].end == dt.date(2026, 9, 28)
    assert windows[3].start == dt.date(2027, 7, 1)


def test_logout_and_a_revoked_key_end_the_session(web_api: Api) -> None:
    csrf = login(web_api, "trainer_a")
    assert web_api.client.post("/web/logout", data={"csrf": "forged"}).status_code == 403
    out = web_api.client.post("/web/logout", data={"csrf": csrf}, follow_redirects=False)
    assert out.status_code == 303
    web_api.client.cookies.clear()
    assert web_api.client.get("/web/dashboard", follow_redirects=False).status_code == 303
    login(web_api, "trainer_b")
    keys = web_api.client.get("/v1/keys", headers=web_api.keys.header("admin")).json()
    key_id = next(k["id"] for k in keys if k["name"] == "b")
    revoked = web_api.client.delete(f"/v1/keys/{key_id}", headers=web_api.keys.header("admin"))
    assert revoked.status_code in (200, 204)
    answer = web_api.client.get("/web/dashboard", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/web/login"


def test_the_case_page_shows_signs_of_editing_beside_the_page(web_api: Api, tmp_path: Path) -> None:
    edited = tmp_path / "edited-certificate.pdf"
    edited.write_bytes(white_out_resaved((SAMPLE_SET / CERT).read_bytes(), "2099"))
    import_catalog(web_api)
    put_profile(web_api, "T-A", "2026-12-31")
    web_api.wait_for(web_api.upload(edited, "trainer_a").json()["id"])
    csrf = login(web_api, "trainer_a")
    entry_id = re.search(r'id="entry-([^"]+)"', web_api.client.get("/web/dashboard").text)
    assert entry_id
    web_api.client.post(f"/web/entries/{entry_id[1]}", data={"csrf": csrf, "action": "confirm"})
    web_api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    login(web_api, "auditor")
    case_id = re.search(r'/web/audit/cases/([0-9a-f-]+)"', web_api.client.get("/web/audit").text)
    assert case_id
    case = web_api.client.get(f"/web/audit/cases/{case_id[1]}").text
    assert ("Signs of editing" in case, 'class="box box-finding"' in case) == (True, True)

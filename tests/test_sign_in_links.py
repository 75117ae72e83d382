"""Signing in as a person: a one-time link by e-mail through a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from ingest.settings import Settings
from tests.recert_support import (
    CERTIFICATES,
    import_catalog,
    login,
    messages,
    put_profile,
    smtp_server,
    store_samples,
)
from tests.service_fixtures import Api, running_api

ADDRESS = "maria.gonzalez@example.org"


@pytest.fixture
def mail_api(tmp_path: Path) -> Iterator[tuple[Api, Any]]:
    """The API with e-mail going to a local SMTP server, and one trainer who signs in by link."""
    with smtp_server() as (port, received):
        settings = Settings(
            data_dir=tmp_path / "data", smtp_host="127.0.0.1", smtp_port=port, audit_share=1.0
        )
        with running_api(settings) as api:
            person = {"email": ADDRESS, "name": "Maria L. Gonzalez", "role": "trainer"}
            answer = api.client.post(
                "/v1/people", json={**person, "trainer_id": "T-A"}, headers=api.keys.header("admin")
            )
            assert answer.status_code == 201, answer.text
            yield api, received


def ask_for_link(api: Api, email: str) -> Any:
    form = api.client.get("/web/login").text
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token
    return api.client.post("/web/login/link", data={"csrf": token[1], "email": email})


def link_in_mail(received: Any) -> str:
    payload = messages(received)[-1].get_payload(decode=True)
    assert isinstance(payload, bytes)
    body = payload.decode("utf-8")
    found = re.search(r"https?://\S+/web/login/link/\S+", body)
    assert found
    return found[0].split("/web/", 1)[1]


def use_link(api: Api, path: str) -> Any:
    page = api.client.get(f"/web/{path}")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    if token is None:
        return page
    return api.client.post(f"/web/{path}", data={"csrf": token[1]}, follow_redirects=False)


def test_a_trainer_signs_in_with_the_link_sent_by_mail(mail_api: tuple[Api, Any]) -> None:
    api, received = mail_api
    assert "a sign-in link is on its way" in ask_for_link(api, " Maria.Gonzalez@Example.org ").text
    signed_in = use_link(api, link_in_mail(received))
    assert signed_in.headers["location"] == "/web/"
    assert "<span>Maria L. Gonzalez</span>" in api.client.get("/web/dashboard").text


def test_a_link_works_once(mail_api: tuple[Api, Any]) -> None:
    api, received = mail_api
    ask_for_link(api, ADDRESS)
    path = link_in_mail(received)
    use_link(api, path)
    api.client.cookies.clear()
    again = use_link(api, path)
    assert (again.status_code, "already used or has expired" in again.text) == (410, True)


def test_an_expired_link_is_refused(tmp_path: Path) -> None:
    with smtp_server() as (port, received):
        settings = Settings(
            data_dir=tmp_path / "data",
            smtp_host="127.0.0.1",
            smtp_port=port,
            web_link_max_age_s=0,
        )
        with running_api(settings) as api:
            person = {"email": ADDRESS, "name": "Ada", "role": "auditor"}
            api.client.post("/v1/people", json=person, headers=api.keys.header("admin"))
            ask_for_link(api, ADDRESS)
            answer = use_link(api, link_in_mail(received))
    assert answer.status_code == 410


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    mail_api: tuple[Api, Any],
) -> None:
    api, received = mail_api
    answer = ask_for_link(api, "nobody@example.org")
    assert ("a sign-in link is on its way" in answer.text, messages(received)) == (True, [])


def test_a_disabled_person_is_signed_out(mail_api: tuple[Api, Any]) -> None:
    api, received = mail_api
    ask_for_link(api, ADDRESS)
    use_link(api, link_in_mail(received))
    people = api.client.get("/v1/people", headers=api.keys.header("admin")).json()
    api.client.delete(f"/v1/people/{people[0]['id']}", headers=api.keys.header("admin"))
    answer = api.client.get("/web/dashboard", follow_redirects=False)
    assert answer.headers["location"] == "/web/login"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"email": "not-an-address", "name": "X", "role": "auditor"}, 422),
        ({"email": ADDRESS, "name": "Again", "role": "auditor"}, 409),
        ({"email": "t@example.org", "name": "T", "role": "trainer"}, 422),
    ],
    ids=["bad-address", "address-taken", "trainer-without-id"],
)
def test_people_are_checked_when_added(
    mail_api: tuple[Api, Any], body: dict[str, str], status: int
) -> None:
    api, _received = mail_api
    answer = api.client.post("/v1/people", json=body, headers=api.keys.header("admin"))
    assert answer.status_code == status


def test_without_mail_the_page_says_so(tmp_path: Path) -> None:
    with running_api(Settings(data_dir=tmp_path / "data")) as api:
        answer = ask_for_link(api, ADDRESS)
    assert (answer.status_code, "not set up on this service" in answer.text) == (503, True)


def test_a_document_request_and_the_decision_reach_the_trainer_by_mail(
    mail_api: tuple[Api, Any],
) -> None:
    api, received = mail_api
    import_catalog(api)
    put_profile(api, "T-A", "2026-12-31")
    store_samples(api, (CERTIFICATES[0],))
    csrf = login(api, "trainer_a")
    api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    csrf = login(api, "auditor")
    case = re.search(r'(/web/audit/cases/[0-9a-f-]+)"', api.client.get("/web/audit").text)
    assert case
    asked = "The back of your CPR/AED card"
    api.client.post(f"{case[1]}/request", data={"csrf": csrf, "message": asked})
    data = {"csrf": csrf, "decision": "denied", "reason": "No card", "confirmed": "yes"}
    api.client.post(f"{case[1]}/decision", data=data)
    sent = [(m["To"], m["Subject"]) for m in messages(received)]
    assert sent == [
        (ADDRESS, "certverify: Your auditor asks for a document"),
        (ADDRESS, "certverify: Your application was denied"),
    ]


def _same_page(answer: Any, address: str) -> str:
    """The answer's page without what differs by request: the address typed, the form token."""
    text = answer.text.replace(address, "ADDRESS")
    return re.sub(r'name="csrf" value="[^"]+"', 'name="csrf"', text)


@contextmanager
def limited_api(tmp_path: Path, **quotas: str) -> Iterator[tuple[Api, Any]]:
    with smtp_server() as (port, received):
        settings = Settings(
            data_dir=tmp_path / "data", smtp_host="127.0.0.1", smtp_port=port
        ).model_copy(update=quotas)
        with running_api(settings) as api:
            person = {"email": ADDRESS, "name": "Ada", "role": "auditor"}
            api.client.post("/v1/people", json=person, headers=api.keys.header("admin"))
            yield api, received


def test_links_asked_too_often_for_one_address_are_refused_on_the_form(tmp_path: Path) -> None:
    with limited_api(tmp_path, sign_in_link_quota_per_address="2/hour") as (api, received):
        known = [ask_for_link(api, ADDRESS) for _ in range(3)]
        unknown = [ask_for_link(api, "nobody@example.org") for _ in range(3)]
        sent = len(messages(received))
    assert [a.status_code for a in known + unknown] == [200, 200, 429] * 2
    refused = known[2]
    assert refused.headers["content-type"].startswith("text/html")
    assert int(refused.headers["retry-after"]) > 3500
    assert "Too many sign-in links were asked for" in refused.text
    assert "Try again in 60 minutes" in refused.text
    assert 'aria-invalid="true"' in refused.text and 'id="email-err"' in refused.text
    assert sent == 2  # the third asked for the known address sent nothing
    # Known or not, every answer is the same page.
    for mine, nobody in zip(known, unknown, strict=True):
        assert _same_page(mine, ADDRESS) == _same_page(nobody, "nobody@example.org")


def test_links_asked_too_often_from_one_client_are_refused(tmp_path: Path) -> None:
    with limited_api(tmp_path, sign_in_link_quota_per_client="3/hour") as (api, received):
        answers = [ask_for_link(api, f"person{n}@example.org") for n in range(3)]
        answers.append(ask_for_link(api, ADDRESS))
        sent = messages(received)
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert ("from this device" in answers[3].text, sent) == (True, [])


def test_link_quotas_are_kept_in_redis_for_every_api_process(
    tmp_path: Path, queue_settings: Settings
) -> None:
    from redis import Redis

    with smtp_server() as (port, received):
        settings = queue_settings.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": port,
                "sign_in_link_quota_per_address": "2/hour",
            }
        )
        with running_api(settings) as first, running_api(settings) as second:
            person = {"email": ADDRESS, "name": "Ada", "role": "auditor"}
            first.client.post("/v1/people", json=person, headers=first.keys.header("admin"))
            statuses = [ask_for_link(api, ADDRESS).status_code for api in (first, second, first)]
            statuses.append(ask_for_link(second, ADDRESS).status_code)
        sent = len(messages(received))
    redis = Redis.from_url(str(settings.redis_url))
    keys = [k.decode() for k in redis.scan_iter(f"certverify-quota:{settings.queue_name}*")]
    assert (statuses, sent) == ([200, 200, 429, 429], 2)
    assert any("link-address" in k for k in keys) and any("link-client" in k for k in keys)
    assert not any(ADDRESS in k for k in keys)  # the address is counted by its hash
    for key in keys:
        redis.delete(key)

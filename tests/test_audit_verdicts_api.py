"""Audit verdicts end to end through the API, on real sample files read by the real worker.

The catalog's CEUs for an approved course, cross-checked against the print;
a trainer's corrections shown to the auditor, identity corrections held until
an auditor accepts them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageFilter
from pydantic import SecretStr

from ingest.settings import Settings
from tests.made_captures import rendered, without_band
from tests.recert_support import SAMPLE_SET, import_catalog, put_profile, store_samples
from tests.service_fixtures import Api, running_api
from tests.test_pages import login

EXPIRY = "2027-01-31"
AS_OF = "2026-11-24"
# Printed 0.8 NASM CEUs; the catalog lists 0.8 for C1001.
AGREES = "cert-prose-classic-01-digital.pdf"
# Printed 0.8 CEUs; the catalog lists 1.0 for C6001.
DIFFERS = "cert-minimal-01-digital.pdf"
# The band of AGREES (page fractions) that prints "and has been awarded 0.8 CEUs".
CREDIT_LINE = (0.530, 0.560)
# Ana Sofía Castillo's eCard (both sides, valid), beside cards in other people's names.
OWN_CARD = "card-aha-bls-02-both-digital.pdf"
OTHERS_CARDS = ("card-aha-bls-01-front-digital.pdf", "card-aha-heartsaver-01-front-photo.jpg")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("verdicts") / "data",
        audit_share=1.0,
        audit_seed=SecretStr("test-seed-" + "v" * 32),
    )
    with running_api(settings) as running:
        import_catalog(running)
        store_samples(running, (AGREES, DIFFERS))
        put_profile(running, "T-A", EXPIRY)
        store_samples(running, (*OTHERS_CARDS, OWN_CARD), who="trainer_b")
        put_profile(running, "T-B", EXPIRY, name="Ana Sofía Castillo")
        unprinted = _without_credit_line(tmp_path_factory.mktemp("captures"))
        running.wait_for(running.upload(unprinted, "trainer_b").json()["id"])
        yield running


def _without_credit_line(folder: Path) -> Path:
    """AGREES rendered as a photo would show it with its "0.8 CEUs" line lost (a fold, glare)."""
    path = folder / "kettlebell-credit-unreadable.png"
    without_band(rendered(SAMPLE_SET / AGREES), *CREDIT_LINE).save(path)
    return path


def _entry(api: Api, source: str) -> dict[str, Any]:
    entries = api.get("/v1/trainers/T-A/ceu-entries", "auditor").json()
    found: dict[str, Any] = next(e for e in entries if e["source"] == source)
    return found


def _assessment(api: Api) -> dict[str, Any]:
    answer = api.get(f"/v1/trainers/T-A/recertification?as_of={AS_OF}", "auditor")
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


def test_catalog_value_counts_and_the_print_agrees(api: Api) -> None:
    entry = _entry(api, AGREES)
    check = entry["ceus_check"]
    assert (entry["ceus"], entry["ceus_source"], check["printed"], check["agrees"]) == (
        0.8,
        "catalog",
        0.8,
        True,
    )


def test_catalog_value_counts_where_the_print_differs(api: Api) -> None:
    entry = _entry(api, DIFFERS)
    check = entry["ceus_check"]
    assert (entry["ceus"], check["catalog"], check["printed"], check["agrees"]) == (
        1.0,
        1.0,
        0.8,
        False,
    )


def test_disagreement_is_flagged_with_both_values_and_the_box(api: Api) -> None:
    document = _entry(api, DIFFERS)["document"]
    flag = next(f for f in _assessment(api)["flags"] if f["code"] == "ceus_mismatch")
    evidence = flag["evidence"]
    assert (
        flag["documents"],
        "shows 0.8 NASM CEUs (page 1)" in flag["message"],
        "the catalog lists 1 for this approved course" in flag["message"],
        evidence["page"],
        len(evidence["box"]),
    ) == ([document], True, True, 0, 4)


def test_catalog_value_counts_where_nothing_printed_was_read(api: Api) -> None:
    entries = api.get("/v1/trainers/T-B/ceu-entries", "auditor").json()
    entry = next(e for e in entries if e["source"] == "kettlebell-credit-unreadable.png")
    assert (entry["ceus"], entry["ceus_source"], entry["ceus_check"]["printed"]) == (
        0.8,
        "catalog",
        None,
    )


def test_no_disagreement_flag_where_the_print_agrees(api: Api) -> None:
    document = _entry(api, AGREES)["document"]
    codes = [f["code"] for f in _assessment(api)["flags"] if document in f["documents"]]
    assert "ceus_mismatch" not in codes


@pytest.mark.parametrize(
    "ceus",
    [
        pytest.param(float("nan"), id="nan"),
        pytest.param(float("inf"), id="inf"),
        pytest.param(1e308, id="1e308"),
        pytest.param("nan", id="nan-text"),
        pytest.param(-0.5, id="negative"),
    ],
)
def test_ceus_correction_must_be_finite_and_bounded(api: Api, ceus: float | str) -> None:
    url = f"/v1/trainers/T-A/ceu-entries/{_entry(api, AGREES)['entry_id']}"
    body = json.dumps({"corrections": {"ceus": ceus}})  # NaN and Infinity as JSON allows them
    headers = {**api.keys.header("trainer_a"), "Content-Type": "application/json"}
    answer = api.client.patch(url, content=body, headers=headers)
    error = answer.json()["error"]
    assert (answer.status_code, error["code"], "from 0 to 10" in error["message"]) == (
        422,
        "invalid_request",
        True,
    )


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Api, str]]:
    """A trainer's application where the trainer changed another person's name to their own."""
    settings = Settings(
        data_dir=tmp_path / "data", audit_share=1.0, audit_seed=SecretStr("seed-" + "h" * 32)
    )
    with running_api(settings) as running:
        import_catalog(running)
        store_samples(running, (AGREES, DIFFERS))
        put_profile(running, "T-A", EXPIRY)
        entry_id = _entry(running, DIFFERS)["entry_id"]
        answer = running.client.patch(
            f"/v1/trainers/T-A/ceu-entries/{entry_id}",
            json={"corrections": {"holder_name": "Maria L. Gonzalez"}},
            headers=running.keys.header("trainer_a"),
        )
        assert answer.status_code == 200, answer.text
        yield running, entry_id


def _verdict(api: Api, entry_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        e for e in _assessment(api)["entries"] if e["entry_id"] == entry_id
    )
    return found


def test_identity_correction_is_held_and_does_not_count(held: tuple[Api, str]) -> None:
    api, entry_id = held
    verdict = _verdict(api, entry_id)
    correction = verdict["corrections"][0]
    assert (
        correction["read"],
        correction["value"],
        correction["review"],
        verdict["counted"],
        verdict["not_counted_reasons"][-1],
    ) == (
        "Kwame Mensah-Boateng",
        "Maria L. Gonzalez",
        "held",
        False,
        "the trainer changed the holder from 'Kwame Mensah-Boateng' to 'Maria L. Gonzalez': "
        "held until an auditor accepts it",
    )


def test_a_trainer_cannot_accept_their_own_correction(held: tuple[Api, str]) -> None:
    api, entry_id = held
    answer = api.client.post(
        f"/v1/trainers/T-A/ceu-entries/{entry_id}/reviews",
        json={"field": "holder_name", "decision": "accepted"},
        headers=api.keys.header("trainer_a"),
    )
    assert answer.status_code == 403


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        pytest.param("accepted", ("Maria L. Gonzalez", True), id="accepted-counts"),
        pytest.param("rejected", ("Kwame Mensah-Boateng", False), id="rejected-read-value-back"),
    ],
)
def test_auditor_review_decides_the_correction(
    held: tuple[Api, str], decision: str, expected: tuple[str, bool]
) -> None:
    api, entry_id = held
    answer = api.client.post(
        f"/v1/trainers/T-A/ceu-entries/{entry_id}/reviews",
        json={"field": "holder_name", "decision": decision, "reason": "checked the certificate"},
        headers=api.keys.header("auditor"),
    )
    assert answer.status_code == 200, answer.text
    verdict = _verdict(api, entry_id)
    assert (verdict["holder_name"], verdict["counted"]) == expected


def _case_page(api: Api) -> tuple[str, str, str]:
    """Submit as the trainer, open the case as the auditor: (page, case URL, CSRF token)."""
    csrf = login(api, "trainer_a")
    submitted = api.client.post("/web/submit", data={"csrf": csrf, "send_incomplete": "yes"})
    assert "selected for audit" in submitted.text
    csrf = login(api, "auditor")
    case_id = re.search(r'/web/audit/cases/([0-9a-f-]+)"', api.client.get("/web/audit").text)
    assert case_id
    url = f"/web/audit/cases/{case_id[1]}"
    return api.client.get(url).text, url, csrf


def test_case_page_and_trail_show_the_held_correction(held: tuple[Api, str]) -> None:
    api, _entry_id = held
    page, _url, _csrf = _case_page(api)
    shown = (
        "read “Kwame Mensah-Boateng”, changed to “Maria L. Gonzalez” by the trainer" in page,
        "held for an auditor's review" in page,
        'class="crop-frame"' in page,
        "holder name: read &#39;Kwame Mensah-Boateng&#39;, changed to &#39;Maria L. Gonzalez&#39; "
        "by the trainer" in page,
    )
    assert shown == (True, True, True, True)


def test_auditor_accepts_on_the_case_page_and_the_trail_says_so(held: tuple[Api, str]) -> None:
    api, entry_id = held
    _page, url, csrf = _case_page(api)
    answer = api.client.post(
        f"{url}/entries/{entry_id}/corrections/holder_name",
        data={"csrf": csrf, "decision": "accepted"},
    )
    assert (
        "change of holder name to &#39;Maria L. Gonzalez&#39; accepted by auditor:aud"
        in answer.text,
        _verdict(api, entry_id)["counted"],
    ) == (True, True)


def test_card_panel_names_the_judged_card_and_why_not_the_others(api: Api) -> None:
    answer = api.get(f"/v1/trainers/T-B/recertification?as_of={AS_OF}", "trainer_b").json()
    card = answer["cpr_aed"]
    assert (
        card["valid"],
        card["sources"],
        card["judged"],
        [(o["sources"], o["reason"]) for o in card["others"]],
    ) == (
        True,
        [OWN_CARD],
        "the card in the trainer's name (Ana Sofía Castillo), front and back, valid, "
        "expires 2027-02-28",
        [
            ([OTHERS_CARDS[0]], "in another person's name (Daniel P. Kowalski)"),
            ([OTHERS_CARDS[1]], "in another person's name (Zoé Thompson-Hale)"),
        ],
    )


def test_dashboard_card_panel_lists_the_cards_not_judged(api: Api) -> None:
    login(api, "trainer_b")
    page = api.client.get("/web/dashboard").text
    assert (
        f"{OTHERS_CARDS[0]}: in another person&#39;s name (Daniel P. Kowalski)" in page,
        "Judged: the card in the trainer&#39;s name (Ana Sofía Castillo)" in page,
    ) == (True, True)


# Daniel P. Kowalski's card: a phone photo too blurred for its dates, then the digital sides.
DANIEL_SIDES = ("card-aha-bls-01-front-digital.pdf", "card-aha-bls-01-back-digital.pdf")
BLURRED = "card-front-blurred.jpg"


@pytest.fixture
def blurred_first(tmp_path: Path) -> Iterator[Api]:
    """The blurred photo of the front uploaded first, then the card read in full."""
    with running_api(Settings(data_dir=tmp_path / "data")) as running:
        photo = Image.open(SAMPLE_SET / "card-aha-bls-01-front-photo.jpg")
        path = tmp_path / BLURRED
        photo.filter(ImageFilter.GaussianBlur(4)).save(path)
        running.wait_for(running.upload(path).json()["id"])
        store_samples(running, DANIEL_SIDES)
        put_profile(running, "T-A", EXPIRY, name="Daniel P. Kowalski")
        yield running


def test_well_read_card_is_judged_over_a_blurred_photo(blurred_first: Api) -> None:
    card = blurred_first.get(f"/v1/trainers/T-A/recertification?as_of={AS_OF}").json()["cpr_aed"]
    assert (
        card["valid"],
        card["sources"],
        [(o["sources"], o["reason"]) for o in card["others"]],
    ) == (
        True,
        list(DANIEL_SIDES),
        [([BLURRED], "could not be read well enough (no expiry date found)")],
    )

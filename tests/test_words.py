"""The pages' words for the store's codes, and trail values as sentences."""

from __future__ import annotations

from typing import Any

import pytest

from api.web.words import describe_change, person, say


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("on_time", "deadline", "on time"),
        ("awaiting_documents", "case_status", "waiting for the auditor"),
        ("cpr_aed_card", "document_type", "CPR/AED card"),
        ("client_relations_and_administration", "area", "Client relations and administration"),
        ("something_new", "deadline", "something new"),
        (None, "deadline", ""),
    ],
    ids=["deadline", "case-status", "document-type", "area", "unknown-code", "nothing"],
)
def test_codes_read_as_words(code: str | None, kind: str, words: str) -> None:
    assert say(code, kind) == words


@pytest.mark.parametrize(
    ("value", "sentence"),
    [
        ({"status": "in_review"}, "Status: being reviewed"),
        ({"verdict": "rejected", "reason": "no card"}, "Verdict: rejected; Reason: no card"),
        ({"seed_id": "default", "number": 0.03, "selected": True}, ""),
        (None, ""),
    ],
    ids=["status", "verdict-and-reason", "draw-hidden", "nothing"],
)
def test_trail_values_are_sentences(value: Any, sentence: str) -> None:
    assert describe_change(value) == sentence


@pytest.mark.parametrize(
    ("label", "shown"),
    [("auditor:Ada Lovelace", "Ada Lovelace (auditor)"), ("system", "system")],
    ids=["person", "system"],
)
def test_who_is_named(label: str, shown: str) -> None:
    assert person(label) == shown

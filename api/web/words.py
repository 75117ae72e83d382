"""Plain words for the codes the store and the audit keep, as people read them on the pages.

The API answers codes (``on_time``, ``cpr_aed_card``); the pages never show one.
``say(kind, code)`` is the Jinja filter ``words``: an unknown code is shown with
its underscores turned into spaces rather than hidden, so nothing goes missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

WORDS: dict[str, dict[str, str]] = {
    "document_type": {
        "ceu_certificate": "CE certificate",
        "cpr_aed_card": "CPR/AED card",
        "other": "neither a CE certificate nor a CPR/AED card",
        "unknown": "not recognised",
    },
    "document_status": {
        "queued": "waiting to be read",
        "processing": "being read",
        "done": "read",
        "failed": "could not be read",
    },
    "entry_state": {
        "auto": "filled in from the document, not checked yet",
        "confirmed": "checked by you",
        "corrected": "corrected by you",
    },
    "entry_state_auditor": {
        "auto": "not checked by the trainer",
        "confirmed": "confirmed by the trainer",
        "corrected": "corrected by the trainer",
    },
    "deadline": {
        "on_time": "on time",
        "late_fee": "late: a late fee applies",
        "additional_fee": "late: the late fee and an additional fee apply",
        "lapsed": "lapsed: recertification is no longer possible",
    },
    "case_status": {
        "awaiting_documents": "waiting for the auditor",
        "in_review": "being reviewed",
        "decided": "decided",
    },
    "confidence": {"high": "read surely", "medium": "read unsurely", "low": "doubtful"},
    "decision": {"approved": "approved", "denied": "denied"},
    "verdict": {"accepted": "accepted", "rejected": "rejected"},
    "area": {
        "assessment": "Assessment",
        "exercise_technique": "Exercise technique",
        "program_design": "Program design",
        "nutrition": "Nutrition",
        "client_relations_and_administration": "Client relations and administration",
        "professional_practice_and_responsibility": "Professional practice and responsibility",
    },
    "field": {
        "provider": "Provider",
        "provider_name": "Provider",
        "course": "Course",
        "course_title": "Course",
        "ceus": "CEUs",
        "completion_date": "Completion date",
        "holder_name": "Name on the certificate",
        "certificate_id": "Certificate number",
        "document_type": "Kind of document",
        "expiry_date": "Expiry date",
        "issue_date": "Issue date",
        "contact_hours": "Contact hours",
        "course_code": "Course code",
        "card_side": "Card side",
        "instructor": "Instructor",
        "state": "State",
        "status": "Status",
        "decision": "Decision",
        "reason": "Reason",
        "verdict": "Verdict",
    },
    "role": {"trainer": "trainer", "auditor": "auditor", "admin": "administrator"},
    "fee": {
        "recertification": "Renewal fee",
        "late_fee": "Late fee",
        "additional_fee": "Additional fee",
        "petition": "Petition fee",
    },
    "trail": {
        "opened": "Selected for audit in the random draw; case opened",
        "opened_incomplete": "Sent incomplete, so reviewed whatever the draw; case opened",
        "status": "Status changed",
        "entry_accepted": "Entry accepted",
        "entry_rejected": "Entry rejected",
        "decided": "Application decided",
        "documents_requested": "Documents requested from the trainer",
    },
}


def say(code: Any, kind: str) -> str:
    """The plain words for ``code`` of ``kind`` (the Jinja filter ``words``)."""
    if code is None or code == "":
        return ""
    text = str(code)
    return WORDS.get(kind, {}).get(text, text.replace("_", " "))


def person(label: str) -> str:
    """A trail's or history's "role:name" as "name (role)"; "system" as it is."""
    role, sep, name = label.partition(":")
    return f"{name} ({say(role, 'role')})" if sep else label


def describe_change(value: Any) -> str:
    """A trail's before or after value as a sentence: fields in words, no JSON, no ids."""
    if value is None:
        return ""
    if not isinstance(value, dict):
        return say(value, "field")
    parts = []
    for key, item in value.items():
        if key in _HIDDEN_TRAIL_KEYS or item in (None, ""):
            continue
        kind = _TRAIL_VALUE_KINDS.get(key)
        shown = say(item, kind) if kind else _plain_value(item)
        parts.append(f"{say(key, 'field')}: {shown}")
    return "; ".join(parts)


_HIDDEN_TRAIL_KEYS = frozenset({"seed_id", "input", "number", "threshold", "selected", "outcome"})
_TRAIL_VALUE_KINDS = {"status": "case_status", "decision": "decision", "verdict": "verdict"}


def _plain_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(_plain_value(v) for v in value)
    return str(value)

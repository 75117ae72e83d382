"""The data each document is drawn from; the truth is computed from the same data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

AS_OF = dt.date(2026, 11, 24)


@dataclass(frozen=True)
class Fields:
    """The truth fields, exactly as the project's Fields contract names them."""

    holder_name: str | None = None
    provider_name: str | None = None
    course_title: str | None = None
    course_code: str | None = None
    ceus: float | None = None
    contact_hours: float | None = None
    completion_date: dt.date | None = None
    expiry_date: dt.date | None = None
    certificate_id: str | None = None


@dataclass(frozen=True)
class CertData:
    """One CEU completion certificate. ``None`` means "not printed"."""

    key: str
    design: str
    holder: str
    provider: str
    course: str
    completed: dt.date
    date_style: str
    code: str | None = None
    nasm_ceus: float | None = None
    hours: float | None = None
    other_credits: tuple[str, ...] = ()
    range_start: dt.date | None = None
    cert_id: str | None = None
    issued: dt.date | None = None
    signers: tuple[tuple[str, str], ...] = ()
    catalog: tuple[str, str] | None = None
    catalog_ceus: float | None = None
    provider_number: str | None = None
    approval_note: str | None = None
    seed: int = 0


@dataclass(frozen=True)
class CardData:
    """One CPR/AED card (both sides); each side prints a subset of it."""

    key: str
    design: str
    issuer: str
    holder: str
    course: str
    completed: dt.date
    expiry: dt.date
    code: str
    tc_name: str
    tc_id: str
    instructor: str
    instructor_id: str
    hands_on: bool
    online_only: bool = False
    adult_cpr_aed: bool = True
    month_only_issue: bool = False
    location: str = ""
    seed: int = 0


@dataclass(frozen=True)
class DocTruth:
    """What one drawn document (or card side) is, before any capture."""

    key: str
    design: str
    document_type: str
    card_side: str | None
    fields: Fields
    hands_on_skills: bool | None
    catalog: tuple[str, str] | None
    flags: tuple[str, ...]


def cert_ceus(data: CertData) -> float:
    """The NASM value: the NASM figure if printed, else hours x 0.1."""
    if data.nasm_ceus is not None:
        return data.nasm_ceus
    if data.hours is None:
        raise ValueError(f"{data.key}: a certificate must print CEUs or hours")
    return round(data.hours * 0.1, 2)


def cert_truth(data: CertData) -> DocTruth:
    ceus = cert_ceus(data)
    flags: list[str] = []
    if data.catalog is None:
        flags.append("provider_not_approved")
    elif data.catalog_ceus is not None and abs(ceus - data.catalog_ceus) > 1e-6:
        flags.append("ceus_mismatch")
    fields = Fields(
        holder_name=data.holder,
        provider_name=data.provider,
        course_title=data.course,
        course_code=data.code,
        ceus=data.nasm_ceus,  # as printed: hours are converted by the entry, not the reader
        contact_hours=data.hours,
        completion_date=data.completed,
        certificate_id=data.cert_id,
    )
    return DocTruth(
        data.key, data.design, "ceu_certificate", None, fields, None, data.catalog, tuple(flags)
    )


def card_flags(
    data: CardData, shows_dates: bool, shows_course: bool, states_online: bool
) -> tuple[str, ...]:
    """Flags a reader can raise from one file, given what that file prints."""
    flags: list[str] = []
    if shows_dates and data.expiry < AS_OF:
        flags.append("card_expired")
    if states_online and data.online_only:
        flags.append("card_online_only")
    if shows_course and not data.adult_cpr_aed:
        flags.append("card_not_adult_cpr_aed")
    return tuple(flags)

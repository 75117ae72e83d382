"""/v1/trainers/{id}: the profile, the CEU entries, and the recertification assessment.

A trainer reads and changes their own data only (anyone else's answers 404);
auditors read everything and change nothing; admins do everything. CEU
entries are filled in again from the stored records on every read, so they
follow re-processing; what a person confirmed or corrected is kept
(``store.entries``). The assessment is ``audit.readiness.assess`` over the
stored records, the kept entries and the profile: the object ``certverify
audit --format json`` prints, with documents named by their content hash.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field, StrictBool
from sqlalchemy.orm import Session

from api.deps import ANY_ROLE, Services, require, services
from api.params import IsoDate, TrainerIdPath
from api.schemas import error_responses
from audit.model import CeuEntry, EntryValue
from audit.readiness import assess
from ingest.errors import Conflict, Forbidden, InvalidRequest, NotFound
from store.cases import evidence_locked_since
from store.entries import change_entry, review_entry, sync_entries
from store.keys import Principal
from store.models import CeuEntryRow, Role, Trainer, TrainerProfileRow
from store.trainers import (
    ProfileInput,
    active_catalog,
    get_profile_row,
    profile_of,
    put_profile,
    stored_records,
)

router = APIRouter(prefix="/v1/trainers", tags=["trainers"])
_READERS = require(*ANY_ROLE)
_WRITERS = require(Role.TRAINER, Role.ADMIN)
_REVIEWERS = require(Role.AUDITOR, Role.ADMIN)


class ProfileIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    other_names: list[str] = Field(default_factory=list, max_length=20)
    certification_number: str | None = Field(None, max_length=64)
    certification_expiry: IsoDate
    recertify_for_life: StrictBool = False


class ProfileOut(ProfileIn):
    trainer_id: str
    cycle_start: dt.date = Field(description="Derived: `cycle_years` before the expiry.")
    updated_at: dt.datetime


class EntryOut(CeuEntry):
    document_id: str | None = Field(description="The stored document the entry comes from.")


class EntryPatch(BaseModel):
    confirm: StrictBool = Field(False, description="The entry was checked against its certificate.")
    corrections: dict[str, EntryValue] = Field(
        default_factory=dict,
        description="Field -> new value: provider, course, course_code, ceus, completion_date, "
        "holder_name, certificate_id, area, category, petition_status.",
    )


class ReviewIn(BaseModel):
    field: Literal["holder_name", "provider", "category", "petition_status"] = Field(
        description="The field whose held correction is reviewed."
    )
    decision: Literal["accepted", "rejected"]
    reason: str = Field("", max_length=500, description="Required to reject.")


def _check_access(svc: Services, who: Principal, trainer_id: str) -> None:
    """404 for another trainer's data (no probing) and for an unknown trainer."""
    if who.role is Role.TRAINER and who.trainer_id != trainer_id:
        raise NotFound(f"No trainer {trainer_id}.")
    if who.role is not Role.TRAINER:
        with svc.db.session() as session:
            if session.get(Trainer, trainer_id) is None:
                raise NotFound(f"No trainer {trainer_id}.")


def _profile_out(row: TrainerProfileRow, svc: Services) -> ProfileOut:
    profile = profile_of(row, svc.settings)
    return ProfileOut(
        trainer_id=row.trainer_id,
        name=row.name,
        other_names=list(row.other_names or ()),
        certification_number=row.certification_number,
        certification_expiry=row.certification_expiry,
        recertify_for_life=row.recertify_for_life,
        cycle_start=profile.cycle_start,
        updated_at=row.updated_at,
    )


def _entry_out(row: CeuEntryRow, entry: CeuEntry) -> EntryOut:
    return EntryOut(**dict(entry), document_id=row.document_id)


@router.get("/{trainer_id}", response_model=ProfileOut, responses=error_responses(401, 404, 422))
def get_profile(
    trainer_id: TrainerIdPath,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
) -> ProfileOut:
    """The trainer's profile; 404 until one is stored with PUT."""
    _check_access(svc, who, trainer_id)
    with svc.db.session() as session:
        row = get_profile_row(session, trainer_id)
        if row is None:
            raise NotFound(f"Trainer {trainer_id} has no profile yet; PUT one first.")
        return _profile_out(row, svc)


@router.put(
    "/{trainer_id}", response_model=ProfileOut, responses=error_responses(401, 403, 404, 409, 422)
)
def replace_profile(
    trainer_id: TrainerIdPath,
    body: ProfileIn,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_WRITERS)],
) -> ProfileOut:
    """Store the profile (admins may create it for a trainer not seen before).

    The certification's expiry and recertify-for-life decide the trainer's fees
    and deadlines: only an administrator sets them (a trainer sends the values
    stored, 403 otherwise). While an audit case is open the profile is part of
    the application under review and the trainer cannot change it (409).
    """
    if who.role is Role.TRAINER and who.trainer_id != trainer_id:
        raise NotFound(f"No trainer {trainer_id}.")
    given = ProfileInput(
        name=body.name,
        certification_expiry=body.certification_expiry,
        other_names=tuple(body.other_names),
        certification_number=body.certification_number,
        recertify_for_life=body.recertify_for_life,
    )
    with svc.db.write_session() as session:
        if who.role is Role.TRAINER:
            _check_trainer_change(session, trainer_id, given)
        return _profile_out(put_profile(session, trainer_id, given), svc)


_ADMIN_FIELDS = {
    "certification_expiry": "the certification's expiry",
    "recertify_for_life": "recertify for life",
}


def _check_trainer_change(session: Session, trainer_id: str, given: ProfileInput) -> None:
    """What a trainer may change in their own profile (see ``replace_profile``)."""
    current = get_profile_row(session, trainer_id)
    if current is None:
        raise Forbidden(
            "Your profile is added by an administrator, who checks your certification "
            "against NASM's records. Ask them to add it."
        )
    changed = [
        label for f, label in _ADMIN_FIELDS.items() if getattr(current, f) != getattr(given, f)
    ]
    if changed:
        raise Forbidden(
            f"Only an administrator can change {' and '.join(changed)}: they decide your fees "
            "and deadline. Send the values stored now, and ask an administrator to change them."
        )
    if evidence_locked_since(session, trainer_id) is not None and _differs(current, given):
        raise Conflict(
            "Your profile is part of the application under audit, so it cannot change until the "
            "audit is decided."
        )


def _differs(current: TrainerProfileRow, given: ProfileInput) -> bool:
    stored = (current.name, tuple(current.other_names or ()), current.certification_number)
    return stored != (given.name, given.other_names, given.certification_number)


@router.get(
    "/{trainer_id}/ceu-entries",
    response_model=list[EntryOut],
    responses=error_responses(401, 404, 422),
)
def list_entries(
    trainer_id: TrainerIdPath,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
) -> list[EntryOut]:
    """The CEU entries filled in from the trainer's read certificates, in upload order."""
    _check_access(svc, who, trainer_id)
    with svc.db.write_session() as session:
        pairs = sync_entries(session, trainer_id, svc.settings, active_catalog(session))
        return [_entry_out(row, entry) for row, entry in pairs]


@router.patch(
    "/{trainer_id}/ceu-entries/{entry_id}",
    response_model=EntryOut,
    responses=error_responses(401, 403, 404, 422),
)
def patch_entry(
    trainer_id: TrainerIdPath,
    entry_id: str,
    body: EntryPatch,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_WRITERS)],
) -> EntryOut:
    """Confirm an entry, or correct fields of it; each change is kept in its history."""
    _check_access(svc, who, trainer_id)
    if not body.confirm and not body.corrections:
        raise InvalidRequest("Send confirm: true, or corrections: {field: value}.")
    with svc.db.write_session() as session:
        sync_entries(session, trainer_id, svc.settings, active_catalog(session))
        row, entry = change_entry(
            session,
            trainer_id,
            entry_id,
            who=who.label,
            corrections=body.corrections,
            confirm=body.confirm,
            settings=svc.settings,
            by_trainer=who.role is Role.TRAINER,
        )
        return _entry_out(row, entry)


@router.post(
    "/{trainer_id}/ceu-entries/{entry_id}/reviews",
    response_model=EntryOut,
    responses=error_responses(401, 403, 404, 422),
)
def review_correction(
    trainer_id: TrainerIdPath,
    entry_id: str,
    body: ReviewIn,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_REVIEWERS)],
) -> EntryOut:
    """Accept or reject a trainer's held correction (holder, provider, category, petition)."""
    _check_access(svc, who, trainer_id)
    with svc.db.write_session() as session:
        sync_entries(session, trainer_id, svc.settings, active_catalog(session))
        decision, reason = body.decision, body.reason
        row, entry = review_entry(
            session, trainer_id, entry_id, body.field, decision, who=who.label, reason=reason
        )
        return _entry_out(row, entry)


@router.get(
    "/{trainer_id}/recertification",
    response_model=dict[str, Any],
    responses=error_responses(401, 404, 409, 422),
)
def recertification(
    trainer_id: TrainerIdPath,
    svc: Annotated[Services, Depends(services)],
    who: Annotated[Principal, Depends(_READERS)],
    as_of: Annotated[
        IsoDate | None, Query(description="Submission date, YYYY-MM-DD (default today).")
    ] = None,
) -> dict[str, Any]:
    """CEUs counted, the CPR/AED card, deadline and fees, checklist and readiness score."""
    _check_access(svc, who, trainer_id)
    with svc.db.write_session() as session:
        row = get_profile_row(session, trainer_id)
        if row is None:
            raise Conflict(f"Trainer {trainer_id} has no profile: PUT /v1/trainers/{trainer_id}.")
        catalog = active_catalog(session)
        entries = [
            entry for _row, entry in sync_entries(session, trainer_id, svc.settings, catalog)
        ]
        records = [s.record for s in stored_records(session, trainer_id)]
        profile = profile_of(row, svc.settings)
    on = as_of or dt.datetime.now(dt.UTC).date()
    return assess(records, profile, on, svc.settings, catalog, entries).to_json_dict()

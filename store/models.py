"""Database tables: trainers, documents, API keys and catalog imports.

Timestamps are stored as timezone-aware UTC. The document's ``result`` holds the
same JSON the CLI prints (``DocumentRecord.to_json_dict``), so the API serves
exactly what ``certverify extract`` would have shown.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every backend (SQLite drops the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class DocumentStatus(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    DONE = "done"
    FAILED = "failed"


class Role(StrEnum):
    TRAINER = "trainer"
    AUDITOR = "auditor"
    ADMIN = "admin"


class Base(DeclarativeBase):
    # A missing object is SQL NULL, never the JSON value null (which passes ``IS NOT NULL``).
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UtcDateTime,
        dict[str, Any]: JSON(none_as_null=True),
    }


class Trainer(Base):
    __tablename__ = "trainers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        # One document per trainer and file content, decided by the database (migration 0004).
        UniqueConstraint("trainer_id", "sha256", name="uq_documents_trainer_sha256"),
        Index("ix_documents_status_updated", "status", "updated_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_filename: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))
    size_bytes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=DocumentStatus.QUEUED)
    document_type: Mapped[str | None] = mapped_column(String(32))
    # Date-independent flag codes, " a b " for LIKE filters; date-dependent ones are judged
    # when read (ingest.dated_flags), from the facts stored beside them:
    flags: Mapped[str | None] = mapped_column(String(400))
    card_expires_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    error_stage: Mapped[str | None] = mapped_column(String(32))
    result: Mapped[dict[str, Any] | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    enqueues: Mapped[int] = mapped_column(Integer, default=0)
    # When the trainer last sent these bytes again (answered "duplicate"): a delete that
    # arrived before then keeps the row, so that answer never names a deleted document.
    reuploaded_at: Mapped[dt.datetime | None] = mapped_column()
    job_id: Mapped[str | None] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    enqueued_at: Mapped[dt.datetime | None] = mapped_column()
    started_at: Mapped[dt.datetime | None] = mapped_column()
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column()
    finished_at: Mapped[dt.datetime | None] = mapped_column()


class StoredFile(Base):
    """An uploaded file's bytes, once per content (``file_store = "database"``)."""

    __tablename__ = "stored_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    trainer_id: Mapped[str | None] = mapped_column(ForeignKey("trainers.id"))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column()


class Person(Base):
    """Someone who signs in to the pages by a link sent to their e-mail address."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    trainer_id: Mapped[str | None] = mapped_column(ForeignKey("trainers.id"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column()


class SignInLink(Base):
    """A one-time sign-in link: only the SHA-256 of its token is kept."""

    __tablename__ = "sign_in_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    used_at: Mapped[dt.datetime | None] = mapped_column()


class CatalogImport(Base):
    __tablename__ = "catalog_imports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    filename: Mapped[str | None] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    rows_accepted: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict[str, Any] | None] = mapped_column()
    imported_by: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TrainerProfileRow(Base):
    """What the recertification rules need to know about a trainer (the cycle start is derived)."""

    __tablename__ = "trainer_profiles"

    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    other_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    certification_number: Mapped[str | None] = mapped_column(String(64))
    certification_expiry: Mapped[dt.date] = mapped_column(Date)
    recertify_for_life: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CeuEntryRow(Base):
    """A trainer's CEU entry as kept: ``entry`` is ``audit.model.CeuEntry`` as JSON.

    ``entry_id`` is the id the rules give the entry (derived from the upload's
    hash), so an entry filled in again after re-processing finds its row, its
    state and its corrections.
    """

    __tablename__ = "ceu_entries"
    __table_args__ = (UniqueConstraint("trainer_id", "entry_id", name="uq_ceu_entries_trainer"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(16))
    entry: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CeuEntryChange(Base):
    """One confirmation or correction of a CEU entry: who, when, which field, old and new."""

    __tablename__ = "ceu_entry_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    entry_id: Mapped[str] = mapped_column(String(40))
    who: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column()
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)


class NotificationStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # taken by a run; back to deliverable after ``lease_s``
    DELIVERED = "delivered"
    FAILED = "failed"


class Notification(Base):
    """A monitoring event recorded once per trainer and event key, with its delivery state."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("trainer_id", "event_key", name="uq_notifications_event"),
        Index("ix_notifications_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    event_key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=NotificationStatus.PENDING)
    channels_done: Mapped[str] = mapped_column(String(64), default="")  # space-separated
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column()


class CaseStatus(StrEnum):
    AWAITING_DOCUMENTS = "awaiting_documents"
    IN_REVIEW = "in_review"
    DECIDED = "decided"


class Submission(Base):
    """A recertification application as submitted: the entries it used are locked until
    it is closed (``closed_at``): by the auditor's decision, or accepted without audit."""

    __tablename__ = "submissions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    entry_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    readiness: Mapped[dict[str, Any] | None] = mapped_column()
    draw: Mapped[dict[str, Any]] = mapped_column()  # seed id, input, number, threshold, outcome
    selected: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(32))  # approved, denied, accepted_...


class AuditCase(Base):
    """An audit opened for a selected submission."""

    __tablename__ = "audit_cases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submissions.id"), unique=True)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id"), index=True)
    opened_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), default=CaseStatus.AWAITING_DOCUMENTS)
    verdicts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # entry id -> verdict
    decision: Mapped[str | None] = mapped_column(String(24))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime | None] = mapped_column()


class CaseEvent(Base):
    """One line of a case's audit trail (append-only): who, when, what, before and after."""

    __tablename__ = "audit_case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("audit_cases.id"), index=True)
    who: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column()
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)


class WebSession(Base):
    """A page session: the cookie carries a random token (signed), this row the rest.

    Only the token's hash is stored. Logging out or revoking the key sets
    ``ended_at``, so an old cookie stops working at once, on every process.
    """

    __tablename__ = "web_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # whose session: an API key's id, or a person's as "person:<id>"
    key_id: Mapped[str] = mapped_column(String(64), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    ended_at: Mapped[dt.datetime | None] = mapped_column()


class ReuseMark(Base):
    """One fingerprint of a document as read (``checks.reuse``), kept to find the same
    certificate in another trainer's upload (``store.reuse``).

    ``kind`` is ``file`` (the bytes' hash), ``certificate_id`` (issuer and folded id),
    ``code`` (the hash of a code's payload), ``page`` (the folded id, with the page's
    hash beside it: compared only between uploads with the same id) or ``layout`` (a row
    of the page's hash, with the whole hash: near pages are compared by
    ``checks.likeness``).
    """

    __tablename__ = "reuse_marks"
    __table_args__ = (Index("ix_reuse_marks_kind_value", "kind", "value"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    trainer_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(200))
    page_hash: Mapped[str | None] = mapped_column(String(64))

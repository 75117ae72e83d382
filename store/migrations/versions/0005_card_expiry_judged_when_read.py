"""date-dependent flags judged when read: documents.card_expires_on

``card_expired`` was stored in ``documents.flags`` when the document was
processed, and so froze. The card's expiry date is stored instead (filled in
here from each stored record) and the flag is judged on the day it is read;
the stored flag codes lose ``card_expired``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_documents = sa.table(
    "documents",
    sa.column("id", sa.String),
    sa.column("result", sa.JSON),
    sa.column("flags", sa.String),
    sa.column("card_expires_on", sa.Date),
)


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("card_expires_on", sa.Date(), nullable=True))
        batch_op.create_index("ix_documents_card_expires_on", ["card_expires_on"], unique=False)
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_documents.c.id, _documents.c.result, _documents.c.flags).where(
            _documents.c.result.is_not(None)
        )
    ).all()
    for row in rows:
        connection.execute(
            sa.update(_documents)
            .where(_documents.c.id == row.id)
            .values(card_expires_on=_expiry(row.result), flags=_without_expired(row.flags))
        )


def _expiry(result: Any) -> dt.date | None:
    data = json.loads(result) if isinstance(result, str) else result
    if not isinstance(data, dict) or data.get("status") != "ok":
        return None
    if data.get("document_type") != "cpr_aed_card":
        return None
    value = (data.get("fields") or {}).get("expiry_date")
    return dt.date.fromisoformat(value) if value else None


def _without_expired(flags: str | None) -> str | None:
    codes = [c for c in (flags or "").split() if c != "card_expired"]
    return f" {' '.join(codes)} " if codes else None


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_card_expires_on")
        batch_op.drop_column("card_expires_on")

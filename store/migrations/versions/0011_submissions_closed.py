"""submissions.closed_at and outcome: an application is open until it is closed

An audited application is closed by the auditor's decision (outcome
``approved`` or ``denied``, backfilled here from the decided cases); one the
draw did not select is accepted without audit by the daily monitoring run
(outcome ``accepted_without_audit``), so its entries do not stay locked.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("outcome", sa.String(length=32), nullable=True))
    op.execute(
        """
        UPDATE submissions
        SET closed_at = (SELECT c.decided_at FROM audit_cases c
                         WHERE c.submission_id = submissions.id),
            outcome = (SELECT c.decision FROM audit_cases c
                       WHERE c.submission_id = submissions.id)
        WHERE EXISTS (SELECT 1 FROM audit_cases c
                      WHERE c.submission_id = submissions.id AND c.status = 'decided')
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("outcome")
        batch.drop_column("closed_at")

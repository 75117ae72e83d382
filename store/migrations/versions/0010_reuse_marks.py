"""reuse_marks: fingerprints of each document read, to find one certificate uploaded by
two trainers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reuse_marks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("trainer_id", sa.String(length=64), nullable=False),
        # file | certificate_id | code | page
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("page_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reuse_marks_document_id", "reuse_marks", ["document_id"])
    op.create_index("ix_reuse_marks_kind_value", "reuse_marks", ["kind", "value"])
    # Documents read before: their bytes are known; the other fingerprints come when read again.
    op.execute(
        "INSERT INTO reuse_marks (document_id, trainer_id, kind, value) "
        "SELECT id, trainer_id, 'file', sha256 FROM documents WHERE status = 'done'"
    )


def downgrade() -> None:
    op.drop_index("ix_reuse_marks_kind_value", table_name="reuse_marks")
    op.drop_index("ix_reuse_marks_document_id", table_name="reuse_marks")
    op.drop_table("reuse_marks")

"""recertification: trainer profiles, CEU entries and their changes, notifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ceu_entries",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("trainer_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.String(length=40), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("entry", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["trainers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("trainer_id", "entry_id", name="uq_ceu_entries_trainer"),
    )
    with op.batch_alter_table("ceu_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ceu_entries_trainer_id"), ["trainer_id"], unique=False)
    op.create_table(
        "ceu_entry_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trainer_id", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.String(length=40), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old", sa.JSON(), nullable=True),
        sa.Column("new", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["trainers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ceu_entry_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ceu_entry_changes_trainer_id"), ["trainer_id"], unique=False
        )
    op.create_table(
        "notifications",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("trainer_id", sa.String(length=64), nullable=False),
        sa.Column("event_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("channels_done", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["trainers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("trainer_id", "event_key", name="uq_notifications_event"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index("ix_notifications_status", ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_notifications_trainer_id"), ["trainer_id"], unique=False
        )
    op.create_table(
        "trainer_profiles",
        sa.Column("trainer_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("other_names", sa.JSON(), nullable=False),
        sa.Column("certification_number", sa.String(length=64), nullable=True),
        sa.Column("certification_expiry", sa.Date(), nullable=False),
        sa.Column("recertify_for_life", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["trainer_id"],
            ["trainers.id"],
        ),
        sa.PrimaryKeyConstraint("trainer_id"),
    )


def downgrade() -> None:
    op.drop_table("trainer_profiles")
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_trainer_id"))
        batch_op.drop_index("ix_notifications_status")
    op.drop_table("notifications")
    with op.batch_alter_table("ceu_entry_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ceu_entry_changes_trainer_id"))
    op.drop_table("ceu_entry_changes")
    with op.batch_alter_table("ceu_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ceu_entries_trainer_id"))
    op.drop_table("ceu_entries")

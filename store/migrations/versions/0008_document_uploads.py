"""documents.reuploaded_at (a delete checks it); JSON null objects become SQL NULL

``documents.reuploaded_at``: when the trainer last sent these bytes again.
Objects stored as the JSON value ``null`` (a failure without a record) passed
``result IS NOT NULL`` filters; they are made SQL NULL, as the models now write them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


_NULLABLE_OBJECTS = {
    "documents": "result",
    "submissions": "readiness",
    "catalog_imports": "report",
}


def upgrade() -> None:
    op.add_column("documents", sa.Column("reuploaded_at", sa.DateTime(timezone=True)))
    for table, column in _NULLABLE_OBJECTS.items():
        op.execute(f"UPDATE {table} SET {column} = NULL WHERE CAST({column} AS TEXT) = 'null'")


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("reuploaded_at")

"""one document per trainer and file content: unique (trainer_id, sha256)

Duplicates left by earlier races or reruns are folded first: the newest row
of each (trainer, content) pair is kept, as the upload route used to answer
with the newest one. No other table references documents by foreign key
(CEU entries are keyed by the content hash).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_FOLD_DUPLICATES = sa.text(
    """
    DELETE FROM documents
    WHERE EXISTS (
        SELECT 1 FROM documents AS newer
        WHERE newer.trainer_id = documents.trainer_id
          AND newer.sha256 = documents.sha256
          AND (newer.created_at > documents.created_at
               OR (newer.created_at = documents.created_at AND newer.id > documents.id))
    )
    """
)


def upgrade() -> None:
    op.execute(_FOLD_DUPLICATES)
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_trainer_sha256")
        batch_op.create_unique_constraint("uq_documents_trainer_sha256", ["trainer_id", "sha256"])


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint("uq_documents_trainer_sha256", type_="unique")
        batch_op.create_index("ix_documents_trainer_sha256", ["trainer_id", "sha256"], unique=False)

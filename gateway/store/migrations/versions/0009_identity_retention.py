"""Identity retention: an index on `received_at` of the pruned messages only (`pruned_at IS NOT NULL`),
so that `Store.forget` finds the oldest identities past GATEWAY_IDENTITY_RETENTION_DAYS in the index's
order, without walking past the messages still kept or the identities still young.

Revision ID: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PRUNED = sa.text("pruned_at IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_messages_pruned_received",
        "messages",
        ["received_at"],
        sqlite_where=PRUNED,
        postgresql_where=PRUNED,
    )


def downgrade() -> None:
    op.drop_index("ix_messages_pruned_received", table_name="messages")

"""Retention: `messages.pruned_at`, when `Store.prune` emptied a message (its original, harmonized form
and issues removed, its deliveries and events deleted, status `pruned`); NULL for every message kept.
Not undone by a downgrade: the emptied messages stay emptied. An index on `(pruned_at, received_at)`
finds the messages not pruned yet, oldest first, without walking past the ones already pruned.

Revision ID: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("messages", sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_messages_retention", "messages", ["pruned_at", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_retention", table_name="messages")
    # not a batch: on SQLite it would copy `messages`, which the deliveries' foreign key forbids; SQLite
    # drops a column itself since 3.35 (the pruned messages stay, emptied, as status "pruned")
    op.execute("ALTER TABLE messages DROP COLUMN pruned_at")

"""The first schema: messages, deliveries (the outbox), events, disabled endpoints, unresolved names, keys.

Revision ID: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)
IDENTIFIER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "messages",
        sa.Column("message_id", sa.String(64), primary_key=True),
        sa.Column("sender", sa.String(2), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("format", sa.String(100)),
        sa.Column("kind", sa.String(100)),
        sa.Column("original", sa.LargeBinary, nullable=False),
        sa.Column("harmonized", sa.LargeBinary),
        sa.Column("issues", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("received_at", WHEN, nullable=False),
        sa.UniqueConstraint("sender", "reference", name="uq_messages_sender_reference"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", IDENTIFIER, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(64), sa.ForeignKey("messages.message_id"), nullable=False),
        sa.Column("recipient", sa.String(2), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("endpoint", sa.Text),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", WHEN),
        sa.Column("lease_owner", sa.String(200)),
        sa.Column("lease_until", WHEN),
    )
    op.create_index("ix_deliveries_due", "deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_deliveries_inbox", "deliveries", ["recipient", "method", "state", "id"])
    op.create_index("ix_deliveries_message", "deliveries", ["message_id"])
    op.create_table(
        "events",
        sa.Column("id", IDENTIFIER, primary_key=True, autoincrement=True),
        sa.Column("message_id", sa.String(64)),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("recipient", sa.String(2)),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("at", WHEN, nullable=False),
    )
    op.create_index("ix_events_message", "events", ["message_id", "id"])
    op.create_table(
        "disabled_endpoints",
        sa.Column("recipient", sa.String(2), primary_key=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("disabled_at", WHEN, nullable=False),
    )
    op.create_table(
        "unresolved_names",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("text", sa.String(500), primary_key=True),
        sa.Column("language", sa.String(35), primary_key=True),
        sa.Column("script", sa.String(4)),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("message_ids", sa.Text, nullable=False),
        sa.Column("first_seen", WHEN, nullable=False),
        sa.Column("last_seen", WHEN, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("key_id", sa.String(64), primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN),
        sa.Column("revoked_at", WHEN),
    )


def downgrade() -> None:
    for table in ("api_keys", "unresolved_names", "disabled_endpoints", "events", "deliveries", "messages"):
        op.drop_table(table)

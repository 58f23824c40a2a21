"""The officers' sessions by key: an index on (`key_id`, `created_at`) of `review_sessions`, so that a
sign-in finds the key's sessions newest first and deletes those past GATEWAY_REVIEW_SESSIONS_PER_KEY
without reading every key's rows.

Revision ID: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_review_sessions_key", "review_sessions", ["key_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_review_sessions_key", table_name="review_sessions")

"""The officers' proposed corrections of names: `name_corrections`, one row per officer, name and answer
(the right English form and/or code an officer proposed for a name of a delivered message, with the
message, the delivery, the glossary version the page showed and a comment), for the terminologists.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_corrections",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("script", sa.String(4), nullable=True),
        sa.Column("sender", sa.String(2), nullable=False),
        sa.Column("english", sa.String(200), nullable=False),
        sa.Column("code", sa.String(35), nullable=False),
        sa.Column("comment", sa.String(500), nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("delivery_id", sa.BigInteger(), nullable=False),
        sa.Column("pointer", sa.String(200), nullable=False),
        sa.Column("glossary_version", sa.String(64), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint(
            "key_id", "kind", "text", "language", "english", "code", name="uq_name_corrections_once"
        ),
    )
    op.create_index("ix_name_corrections_proposed", "name_corrections", ["proposed_at", "id"])
    op.create_index("ix_name_corrections_message", "name_corrections", ["message_id", "country"])


def downgrade() -> None:
    op.drop_index("ix_name_corrections_message", table_name="name_corrections")
    op.drop_index("ix_name_corrections_proposed", table_name="name_corrections")
    op.drop_table("name_corrections")

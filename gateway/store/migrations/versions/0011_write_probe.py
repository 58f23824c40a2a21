"""The write probe: a table that holds nothing between probes, where `Store.probe_write` writes a row of
`WRITE_PROBE_BYTES` and deletes it in one committed transaction, to learn whether the store can write
again after a write failed (a full disk, a read-only file): /ready and `gateway_store_writable`.

Revision ID: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "write_probe",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("filler", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("write_probe")

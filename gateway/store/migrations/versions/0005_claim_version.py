"""A claim on an unresolved name is made for one glossary version: `unresolved_names.claimed_for` (the
version its checker checks against). A checker of another version (the glossary changed) takes the name
at once instead of waiting out the lease. NULL for the claims already stored: free to any version.

Revision ID: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.add_column(sa.Column("claimed_for", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.drop_column("claimed_for")

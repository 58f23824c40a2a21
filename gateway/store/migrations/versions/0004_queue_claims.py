"""The unresolved queue's background check is shared by the processes of one store (`gateway serve
--workers N`): a checker claims a batch of names before checking them, `unresolved_names.claimed_by`
(its name) until `claimed_until` (the lease: after it, another checker may take them). Both NULL: not
claimed; the rows already stored are not.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(200), nullable=True))
        batch.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.drop_column("claimed_until")
        batch.drop_column("claimed_by")

"""A delivery's payload equal to its message's harmonized bytes is stored once: `deliveries.payload` may
be NULL, which reads as the message's `harmonized` (the store joins it). Rows already stored whose payload
equals their message's are set to NULL; every payload reads back the same as before.

Revision ID: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_SAME = (
    "UPDATE deliveries SET payload = NULL WHERE payload = "
    "(SELECT harmonized FROM messages WHERE messages.message_id = deliveries.message_id)"
)
_OWN = (
    "UPDATE deliveries SET payload = "
    "(SELECT harmonized FROM messages WHERE messages.message_id = deliveries.message_id) "
    "WHERE payload IS NULL"
)


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("payload", existing_type=sa.LargeBinary(), nullable=True)
    op.execute(_SAME)


def downgrade() -> None:
    op.execute(_OWN)
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("payload", existing_type=sa.LargeBinary(), nullable=False)

"""The unresolved queue keeps the countries that sent each name, and the glossary version each name was
last checked against: `unresolved_names.countries` (JSON, sorted; `[]` for the names counted before,
whose senders were not kept), `checked_in` (NULL: not checked since it was counted from a new country)
and `answered` (whether that version resolves it for every sender). Rows already stored read as not
checked, with no country known: they are checked again as a document of no country reads them.

Revision ID: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.add_column(sa.Column("countries", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("checked_in", sa.String(64), nullable=True))
        batch.add_column(sa.Column("answered", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("unresolved_names") as batch:
        batch.drop_column("answered")
        batch.drop_column("checked_in")
        batch.drop_column("countries")

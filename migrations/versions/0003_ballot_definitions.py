"""ballots tied to the definition they were cast under

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BALLOT_TABLES = ("budgets", "votes")


def upgrade() -> None:
    for table in BALLOT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("rules_hash", sa.String(length=16)))
            batch.add_column(
                sa.Column(
                    "outdated", sa.Boolean(), nullable=False, server_default=sa.false()
                )
            )
    with op.batch_alter_table("tally_snapshots") as batch:
        batch.add_column(sa.Column("rules_hash", sa.String(length=16)))


def downgrade() -> None:
    with op.batch_alter_table("tally_snapshots") as batch:
        batch.drop_column("rules_hash")
    for table in BALLOT_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("outdated")
            batch.drop_column("rules_hash")

"""reactions on any trajectory: the kind of the trajectory a reaction belongs to

A reaction on a budget, poll or moodboard has no idea: `idea_id` may be NULL and
`kind` says which kind's trajectory `round_id` names (existing rows: "ideas").

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reactions") as batch:
        batch.add_column(
            sa.Column(
                "kind", sa.String(length=16), nullable=False, server_default="ideas"
            )
        )
        batch.alter_column("idea_id", existing_type=sa.Integer(), nullable=True)
    op.create_index(
        "ix_reactions_host", "reactions", ["kind", "round_id", "state", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_reactions_host", table_name="reactions")
    op.execute("DELETE FROM reactions WHERE idea_id IS NULL")
    with op.batch_alter_table("reactions") as batch:
        batch.alter_column("idea_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("kind")

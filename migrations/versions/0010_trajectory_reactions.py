"""reactions on any trajectory: the kind of the trajectory a reaction belongs to

A reaction on a budget, poll or moodboard has no idea: `idea_id` may be NULL and
`kind` says which kind's trajectory `round_id` names (existing rows: "ideas").

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import contextlib

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with _replies_kept(), op.batch_alter_table("reactions") as batch:
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
    with _replies_kept(), op.batch_alter_table("reactions") as batch:
        batch.alter_column("idea_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("kind")


@contextlib.contextmanager
def _replies_kept():
    """SQLite changes a column's NOT NULL only by copying the table and dropping
    the old one; with foreign keys on (every connection of the app), dropping it
    deletes, by `parent_id ... ON DELETE CASCADE`, every reply in the copy, which
    refers to the table by name. So on SQLite the replies' parents are set aside
    and cleared first, and written back after. PostgreSQL alters in place."""
    if op.get_bind().dialect.name != "sqlite":
        yield
        return
    op.execute(
        "CREATE TEMP TABLE reply_parents AS "
        "SELECT id, parent_id FROM reactions WHERE parent_id IS NOT NULL"
    )
    op.execute("UPDATE reactions SET parent_id = NULL WHERE parent_id IS NOT NULL")
    yield
    op.execute(
        "UPDATE reactions SET parent_id = (SELECT p.parent_id FROM reply_parents p"
        " WHERE p.id = reactions.id) WHERE id IN (SELECT id FROM reply_parents)"
    )
    op.execute("DROP TABLE reply_parents")

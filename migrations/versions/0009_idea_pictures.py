"""ideas: an optional picture (alternative text and size on the idea, the bytes in
their own table)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("ideas", sa.Column("picture_alt", sa.Text(), nullable=True))
    op.add_column("ideas", sa.Column("picture_width", sa.Integer(), nullable=True))
    op.add_column("ideas", sa.Column("picture_height", sa.Integer(), nullable=True))
    op.create_table(
        "idea_pictures",
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("idea_id"),
    )


def downgrade() -> None:
    op.drop_table("idea_pictures")
    # Plain ALTER TABLE on both databases (SQLite >= 3.35): a batch copy of
    # `ideas` would drop the old table with foreign keys on, and the ratings and
    # reactions that cascade from it would go with it.
    op.drop_column("ideas", "picture_height")
    op.drop_column("ideas", "picture_width")
    op.drop_column("ideas", "picture_alt")

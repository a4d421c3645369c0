"""counted results: saved tallies, and an index for reading recent changes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tally_snapshots",
        sa.Column("project_id", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("ballots", sa.Integer(), nullable=False),
        sa.Column("watermark", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("project_id"),
    )
    op.create_index(
        "ix_budgets_project_updated", "budgets", ["project_id", "updated_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_budgets_project_updated", table_name="budgets")
    op.drop_table("tally_snapshots")

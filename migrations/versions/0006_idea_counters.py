"""idea counters: residents' counts per idea, counts per shown position, raters,
a version per round; created and filled from the ratings already stored; an index
for a round's hidden reactions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

VALUES = ("support", "oppose", "neutral")


def upgrade() -> None:
    for value in VALUES:
        op.add_column(
            "ideas",
            sa.Column(
                f"resident_{value}", sa.Integer(), nullable=False, server_default="0"
            ),
        )
    op.create_table(
        "idea_position_counts",
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *(sa.Column(value, sa.Integer(), nullable=False) for value in VALUES),
        sa.PrimaryKeyConstraint("round_id", "synthetic", "position"),
    )
    op.create_table(
        "idea_raters",
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("round_id", "synthetic", "token_hash"),
    )
    op.create_table(
        "idea_round_versions",
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("round_id"),
    )
    op.create_index("ix_reactions_round_state", "reactions", ["round_id", "state"])
    _backfill()


def _backfill() -> None:
    """The counters of the ratings stored before this revision."""
    ideas = sa.table(
        "ideas", sa.column("id"), *(sa.column(f"resident_{v}") for v in VALUES)
    )
    ratings = sa.table(
        "idea_ratings",
        sa.column("idea_id"),
        sa.column("round_id"),
        sa.column("token_hash"),
        sa.column("value"),
        sa.column("position"),
        sa.column("synthetic", sa.Boolean()),
    )

    def counted(value: str) -> sa.ColumnElement:
        return sa.func.sum(sa.case((ratings.c.value == value, 1), else_=0))

    op.execute(
        ideas.update().values(
            **{
                f"resident_{value}": sa.select(sa.func.count())
                .where(
                    ratings.c.idea_id == ideas.c.id,
                    ratings.c.value == value,
                    ratings.c.synthetic == sa.false(),
                )
                .scalar_subquery()
                for value in VALUES
            }
        )
    )
    positions = sa.table(
        "idea_position_counts",
        sa.column("round_id"),
        sa.column("synthetic"),
        sa.column("position"),
        *(sa.column(value) for value in VALUES),
    )
    op.execute(
        positions.insert().from_select(
            ["round_id", "synthetic", "position", *VALUES],
            sa.select(
                ratings.c.round_id,
                ratings.c.synthetic,
                ratings.c.position,
                *(counted(value) for value in VALUES),
            )
            .where(ratings.c.position.is_not(None))
            .group_by(ratings.c.round_id, ratings.c.synthetic, ratings.c.position),
        )
    )
    raters = sa.table(
        "idea_raters",
        sa.column("round_id"),
        sa.column("synthetic"),
        sa.column("token_hash"),
    )
    op.execute(
        raters.insert().from_select(
            ["round_id", "synthetic", "token_hash"],
            sa.select(
                ratings.c.round_id, ratings.c.synthetic, ratings.c.token_hash
            ).distinct(),
        )
    )


def downgrade() -> None:
    op.drop_index("ix_reactions_round_state", table_name="reactions")
    op.drop_table("idea_round_versions")
    op.drop_table("idea_raters")
    op.drop_table("idea_position_counts")
    # Plain ALTER TABLE on both databases (SQLite >= 3.35): a batch copy would
    # drop and recreate `ideas`, and SQLite's cascade would take the ratings along.
    for value in VALUES:
        op.execute(f"ALTER TABLE ideas DROP COLUMN resident_{value}")

"""forums: topics, posts (moderated like ideas and reactions) and closings

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _item_columns() -> list[sa.Column]:
    """The columns every moderated item has (as in 0005's ideas and reactions);
    `round_id` holds the forum's id."""
    return [
        sa.Column("public_id", sa.String(length=24), nullable=False),
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=60), nullable=True),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("queue_reason", sa.String(length=64), nullable=True),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.String(length=16), nullable=True),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "forum_topics",
        sa.Column("id", sa.Integer(), nullable=False),
        *_item_columns(),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=True),
        sa.Column("conclusion", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index(
        "ix_forum_topics_forum_state",
        "forum_topics",
        ["round_id", "state", "created_at"],
    )
    op.create_index("ix_forum_topics_queue", "forum_topics", ["queued_at"])
    op.create_table(
        "forum_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        *_item_columns(),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("stance", sa.String(length=8), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("municipality", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["topic_id"], ["forum_topics.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["forum_posts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index(
        "ix_forum_posts_topic_state",
        "forum_posts",
        ["topic_id", "state", "created_at"],
    )
    op.create_index("ix_forum_posts_queue", "forum_posts", ["queued_at"])
    op.create_table(
        "forum_closings",
        sa.Column("forum_id", sa.String(length=64), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("forum_id"),
    )


def downgrade() -> None:
    op.drop_table("forum_closings")
    op.drop_table("forum_posts")
    op.drop_table("forum_topics")

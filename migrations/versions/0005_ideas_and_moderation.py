"""ideas, ratings, reactions, reports, an append-only moderation log, appeals

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _item_columns() -> list[sa.Column]:
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
        "ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        *_item_columns(),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("theme", sa.String(length=64), nullable=True),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answer_link", sa.String(length=300), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("oppose", sa.Integer(), nullable=False),
        sa.Column("neutral", sa.Integer(), nullable=False),
        sa.Column("reactions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index(
        "ix_ideas_round_state", "ideas", ["round_id", "state", "created_at"]
    )
    op.create_index("ix_ideas_queue", "ideas", ["queued_at"])
    op.create_table(
        "idea_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=True),
        sa.Column("synthetic", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("idea_id", "token_hash", name="uq_idea_ratings_idea_token"),
    )
    op.create_index(
        "ix_idea_ratings_round_token", "idea_ratings", ["round_id", "token_hash"]
    )
    op.create_index(
        "ix_idea_ratings_idea_value",
        "idea_ratings",
        ["round_id", "synthetic", "idea_id", "value"],
    )
    op.create_index(
        "ix_idea_ratings_position",
        "idea_ratings",
        ["round_id", "synthetic", "position", "value"],
    )
    op.create_table(
        "reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        *_item_columns(),
        sa.Column("idea_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("stance", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["idea_id"], ["ideas.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["reactions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("public_id"),
    )
    op.create_index("ix_reactions_idea_state", "reactions", ["idea_id", "state"])
    op.create_index("ix_reactions_queue", "reactions", ["queued_at"])
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_type", sa.String(length=8), nullable=False),
        sa.Column("item_id", sa.String(length=24), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "item_type", "item_id", "token_hash", name="uq_reports_item"
        ),
    )
    op.create_index("ix_reports_token", "reports", ["token_hash"])
    op.create_table(
        "moderation_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moderator", sa.String(length=64), nullable=False),
        sa.Column("item_type", sa.String(length=8), nullable=False),
        sa.Column("item_id", sa.String(length=24), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("reason_code", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_moderation_log_item", "moderation_log", ["item_type", "item_id"]
    )
    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_type", sa.String(length=8), nullable=False),
        sa.Column("item_id", sa.String(length=24), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("against", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_type", "item_id", name="uq_appeals_item"),
    )
    _append_only("moderation_log")


def _append_only(table: str) -> None:
    """The database itself refuses to change or remove a log entry, whatever code
    runs against it."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{table} is append-only'; END;
            $$ LANGUAGE plpgsql"""
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER moderation_log_append_only ON moderation_log")
        op.execute("DROP FUNCTION moderation_log_append_only()")
    op.drop_table("appeals")
    op.drop_table("moderation_log")
    op.drop_table("reports")
    op.drop_table("reactions")
    op.drop_table("idea_ratings")
    op.drop_table("ideas")

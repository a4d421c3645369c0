"""The moderation part of the store: reports, decisions, the append-only log and
appeals, over the items of `budgetschuiver.ideas.store` (ideas and reactions) and
`budgetschuiver.forums.store` (topics and posts) and `budgetschuiver.qa.store`
(live Q&A questions).
`budgetschuiver.store.Store` inherits `ModerationStore`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
    update,
)

from budgetschuiver.forums.store import FORUM_ITEM_TABLES, forum_scope, forum_topics
from budgetschuiver.ideas.store import (
    ITEM_TABLES,
    _aware,
    _count_reactions,
    reaction_scope,
    token_scope,
    touch_round,
)
from budgetschuiver.moderation import rules
from budgetschuiver.qa.store import questions

# Every moderated item type: its table (the shared item columns) and the
# token-hash scope of its author (its kind: `rules.ITEM_KINDS`).
MODERATED = {**ITEM_TABLES, **FORUM_ITEM_TABLES, "question": questions}
AUTHOR_SCOPES = {
    "idea": token_scope,
    "reaction": token_scope,
    "topic": forum_scope,
    "post": forum_scope,
    "question": token_scope,
}

# The item a reaction or post hangs under (its idea or topic: where the author's
# list links to), as (table, column in the item's table).
PARENTS = {
    "reaction": (ITEM_TABLES["idea"], "idea_id"),
    "post": (forum_topics, "topic_id"),
}

moderation_metadata = MetaData()
# Reporters are known across items by a hash in this one scope, so the weight of
# their reports can follow how their earlier reports were decided.
REPORT_SCOPE = "reports"

reports = Table(
    "reports",
    moderation_metadata,
    Column("id", Integer, primary_key=True),
    Column("item_type", String(8), nullable=False),
    Column("item_id", String(24), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("reason", String(16), nullable=False),
    Column("note", Text),
    # NULL while open; "upheld" (the item was hidden or rejected) or "rejected".
    Column("outcome", String(8)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    UniqueConstraint("item_type", "item_id", "token_hash", name="uq_reports_item"),
)
Index("ix_reports_token", reports.c.token_hash)

# Append-only: the migration adds triggers that refuse UPDATE and DELETE.
moderation_log = Table(
    "moderation_log",
    moderation_metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("moderator", String(64), nullable=False),
    Column("item_type", String(8), nullable=False),
    Column("item_id", String(24), nullable=False),
    Column("action", String(8), nullable=False),
    Column("reason_code", String(16), nullable=False),
    Column("note", Text),
)
Index("ix_moderation_log_item", moderation_log.c.item_type, moderation_log.c.item_id)

# One appeal per item, by its author; decided by another account than the one whose
# decision it appeals (`against`).
appeals = Table(
    "appeals",
    moderation_metadata,
    Column("id", Integer, primary_key=True),
    Column("item_type", String(8), nullable=False),
    Column("item_id", String(24), nullable=False),
    Column("text", Text),
    Column("against", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("decided_at", DateTime(timezone=True)),
    Column("decided_by", String(64)),
    Column("outcome", String(8)),
    UniqueConstraint("item_type", "item_id", name="uq_appeals_item"),
)

MODERATION_TABLES = (reports, moderation_log, appeals)
# What each action makes of an item, and what it says about its open reports.
ACTION_STATE = {
    "approve": "published",
    "restore": "published",
    "hide": "hidden",
    "reject": "rejected",
}
REPORT_OUTCOME = {
    "approve": "rejected",
    "restore": "rejected",
    "hide": "upheld",
    "reject": "upheld",
}
LOG_COLUMNS = (
    "time",
    "moderator",
    "item_type",
    "item_id",
    "action",
    "reason_code",
    "note",
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass(frozen=True)
class QueueItem:
    type: str
    id: str
    round_id: str
    text: str
    title: str | None
    reason_queued: str
    reports: int
    created_at: dt.datetime
    queued_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ReviewItem:
    """One idea or reaction as a moderator sees it from its page, whatever its
    state: `reason_queued` None when it is not waiting."""

    type: str
    id: str
    round_id: str
    text: str
    title: str | None
    state: str
    reason_queued: str | None
    reports: int


class ModerationStore:
    """Store methods for reports, decisions, the log and appeals; mixed into
    `budgetschuiver.store.Store`."""

    def contributions_of(
        self, places: Iterable[tuple[str, str]], token: str | None
    ) -> list[dict[str, Any]]:
        """What this browser wrote in these trajectories (`(kind name, trajectory
        id)` pairs), newest first, of every moderated item type of each kind:
        `{type, id, kind, round_id, parent_id, title, text, state, reason,
        created_at}`; `round_id` is the trajectory's id, `parent_id` the idea or
        topic a reaction or post is on (None for the others), `title` None for
        items without one, `reason` the queue reason or the latest decision's
        reason code. Empty without a token."""
        if not token:
            return []
        out: list[dict[str, Any]] = []
        with self._read() as conn:
            for kind, trajectory_id in places:
                for item_type, table in MODERATED.items():
                    if not _written_in(item_type, kind):
                        continue
                    if item_type == "reaction":
                        scope = reaction_scope(kind, trajectory_id)
                    else:
                        scope = AUTHOR_SCOPES[item_type](trajectory_id)
                    stmt = _with_parent(item_type, table).where(
                        table.c.round_id == trajectory_id,
                        table.c.token_hash == self.token_hash(scope, token),
                    )
                    if "kind" in table.c:
                        # Ids are unique per kind only.
                        stmt = stmt.where(table.c.kind == kind)
                    out += (
                        _authored(item_type, kind, row) for row in conn.execute(stmt)
                    )
        out.sort(key=lambda item: item["created_at"], reverse=True)
        return out

    def report_item(
        self,
        item_type: str,
        public_id: str,
        token: str,
        reason: str,
        note: str | None,
        threshold: float,
    ) -> tuple[str, bool]:
        """One report per browser per item. Returns ("created" | "again" |
        "not_found", hidden now): when the weights of the distinct reporters of
        the item's open reports reach `threshold` (`rules.reports_hide`), a public
        item is hidden pending review. Hiding never deletes."""
        table = MODERATED[item_type]
        token_hash = self.token_hash(REPORT_SCOPE, token)
        now = _now()
        with self._write() as conn:
            item = conn.execute(
                select(table.c.id, table.c.state, table.c.round_id).where(
                    table.c.public_id == public_id
                )
            ).one_or_none()
            if item is None or item.state not in ("published", "pending", "hidden"):
                return "not_found", False
            exists = conn.execute(
                select(reports.c.id).where(
                    reports.c.item_type == item_type,
                    reports.c.item_id == public_id,
                    reports.c.token_hash == token_hash,
                )
            ).one_or_none()
            if exists is not None:
                return "again", False
            conn.execute(
                reports.insert(),
                {
                    "item_type": item_type,
                    "item_id": public_id,
                    "token_hash": token_hash,
                    "reason": reason,
                    "note": note,
                    "created_at": now,
                },
            )
            if item.state != "published":
                return "created", False
            weights = _open_report_weights(conn, item_type, public_id)
            if not rules.reports_hide(weights, threshold):
                return "created", False
            conn.execute(
                update(table)
                .where(table.c.id == item.id)
                .values(state="hidden", queue_reason="reports", queued_at=now)
            )
            if item_type == "idea":
                touch_round(conn, item.round_id)
            if item_type == "reaction":
                idea_row = conn.execute(
                    select(table.c.idea_id).where(table.c.id == item.id)
                ).scalar()
                _count_reactions(conn, idea_row)
        return "created", True

    def moderation_queue(self, limit: int = 500) -> list[QueueItem]:
        """Items waiting for a moderator, oldest first: pending (pre-moderation or
        tripped checks), hidden by reports, or appealed."""
        parts = []
        for kind, table in MODERATED.items():
            title = table.c.title if "title" in table.c else None
            parts.append(
                select(
                    literal(kind, String(8)).label("type"),
                    table.c.public_id,
                    table.c.round_id,
                    table.c.text,
                    (title if title is not None else cast(null(), Text)).label("title"),
                    table.c.queue_reason,
                    table.c.created_at,
                    table.c.queued_at,
                ).where(table.c.queue_reason.is_not(None))
            )
        query = union_all(*parts).subquery()
        open_reports = (
            select(func.count())
            .where(
                reports.c.item_type == query.c.type,
                reports.c.item_id == query.c.public_id,
                reports.c.outcome.is_(None),
            )
            .scalar_subquery()
        )
        stmt = (
            select(query, open_reports.label("reports"))
            .order_by(query.c.queued_at, query.c.public_id)
            .limit(limit)
        )
        with self._read() as conn:
            return [
                QueueItem(
                    row.type,
                    row.public_id,
                    row.round_id,
                    row.text,
                    row.title,
                    row.queue_reason,
                    int(row.reports),
                    _aware(row.created_at),
                    _aware(row.queued_at),
                )
                for row in conn.execute(stmt)
            ]

    def decide(
        self,
        item_type: str,
        public_id: str,
        action: str,
        reason_code: str,
        note: str | None,
        moderator: str,
    ) -> str:
        """Apply a moderator's decision and write it to the log, in one
        transaction. Returns "ok", "not_found" (unknown or deleted item) or
        "same_moderator" (an open appeal must be decided by another account than
        the one whose decision it appeals). Approving a report-hidden item makes it
        public again and closes its reports (as rejected); hiding or rejecting
        upholds them."""
        # Approving needs no reason (the log keeps an empty one); the rest do.
        reason_ok = reason_code in rules.REASON_CODES or (
            action == "approve" and reason_code == ""
        )
        if action not in ACTION_STATE or not reason_ok:
            raise ValueError(f"unknown action or reason: {action!r}, {reason_code!r}")
        table = MODERATED[item_type]
        now = _now()
        with self._write() as conn:
            item = conn.execute(
                select(table).where(table.c.public_id == public_id)
            ).one_or_none()
            if item is None or item.state == "deleted":
                return "not_found"
            appeal = conn.execute(
                select(appeals).where(
                    appeals.c.item_type == item_type,
                    appeals.c.item_id == public_id,
                    appeals.c.decided_at.is_(None),
                )
            ).one_or_none()
            if appeal is not None:
                if appeal.against == moderator:
                    return "same_moderator"
                conn.execute(
                    update(appeals)
                    .where(appeals.c.id == appeal.id)
                    .values(decided_at=now, decided_by=moderator, outcome=action)
                )
            conn.execute(
                update(table)
                .where(table.c.id == item.id)
                .values(
                    state=ACTION_STATE[action],
                    queue_reason=None,
                    queued_at=None,
                    decision_reason=reason_code or None,
                )
            )
            conn.execute(
                update(reports)
                .where(
                    reports.c.item_type == item_type,
                    reports.c.item_id == public_id,
                    reports.c.outcome.is_(None),
                )
                .values(outcome=REPORT_OUTCOME[action], decided_at=now)
            )
            conn.execute(
                moderation_log.insert(),
                {
                    "at": now,
                    "moderator": moderator,
                    "item_type": item_type,
                    "item_id": public_id,
                    "action": action,
                    "reason_code": reason_code,
                    "note": note,
                },
            )
            if item_type == "reaction":
                _count_reactions(conn, item.idea_id)
            else:
                touch_round(conn, item.round_id)
        return "ok"

    def appeal(
        self, item_type: str, public_id: str, token: str, text: str | None
    ) -> str:
        """The author appeals the decision on a hidden or rejected item: it goes
        back to the queue. Returns "created", "not_found" (unknown, or not this
        browser's), "not_decided" (nothing to appeal: public or waiting) or
        "again" (already appealed)."""
        table = MODERATED[item_type]
        now = _now()
        with self._write() as conn:
            item = conn.execute(
                select(table).where(table.c.public_id == public_id)
            ).one_or_none()
            if item is None or not secrets.compare_digest(
                item.token_hash,
                self.token_hash(_author_scope(item_type, item), token),
            ):
                return "not_found"
            if item.state not in ("hidden", "rejected") or item.queue_reason:
                return "not_decided"
            last = conn.execute(
                select(moderation_log.c.moderator)
                .where(
                    moderation_log.c.item_type == item_type,
                    moderation_log.c.item_id == public_id,
                )
                .order_by(moderation_log.c.id.desc())
                .limit(1)
            ).scalar()
            exists = conn.execute(
                select(appeals.c.id).where(
                    appeals.c.item_type == item_type, appeals.c.item_id == public_id
                )
            ).one_or_none()
            if exists is not None:
                return "again"
            conn.execute(
                appeals.insert(),
                {
                    "item_type": item_type,
                    "item_id": public_id,
                    "text": text,
                    # Hidden by reports and never decided: no account to avoid.
                    "against": last or "",
                    "created_at": now,
                },
            )
            conn.execute(
                update(table)
                .where(table.c.id == item.id)
                .values(queue_reason="appeal", queued_at=now)
            )
        return "created"

    def item_place(self, item_type: str, public_id: str) -> tuple[str, str] | None:
        """(kind name, trajectory id) of a moderated item, or None when unknown.
        A reaction says its own kind: on an idea ("ideas") or on a whole
        trajectory of another kind."""
        table = MODERATED[item_type]
        own = rules.ITEM_KINDS[item_type]
        kind = table.c.kind if "kind" in table.c else literal(own)
        with self._read() as conn:
            found = conn.execute(
                select(kind, table.c.round_id).where(table.c.public_id == public_id)
            ).one_or_none()
        return (str(found[0]), found[1]) if found else None

    def moderation_log_rows(self) -> Iterator[tuple]:
        """The log, oldest first, as tuples in `LOG_COLUMNS` order."""
        stmt = select(
            moderation_log.c.at,
            moderation_log.c.moderator,
            moderation_log.c.item_type,
            moderation_log.c.item_id,
            moderation_log.c.action,
            moderation_log.c.reason_code,
            moderation_log.c.note,
        ).order_by(moderation_log.c.id)
        with self._read() as conn:
            for row in conn.execute(stmt):
                yield (_aware(row[0]), *row[1:])

    def hidden_totals(
        self,
        round_id: str,
        item_types: tuple[str, ...] = ("idea", "reaction"),
        kind: str | None = None,
    ) -> dict[str, dict[str, int]]:
        """Per item type (of `item_types`), how many of the trajectory's items are
        hidden or rejected, by the reason code of their latest decision ("reports"
        for those hidden by reports and not yet decided): what the public round or
        forum page sums up. `kind`: the trajectory's kind where an item type is
        kept for several (reactions); by default the item type's own."""
        out: dict[str, dict[str, int]] = {}
        for item_type in item_types:
            table = MODERATED[item_type]
            reason = func.coalesce(table.c.decision_reason, table.c.queue_reason)
            where = [
                table.c.round_id == round_id,
                table.c.state.in_(("hidden", "rejected")),
            ]
            if "kind" in table.c:
                where.append(table.c.kind == (kind or rules.ITEM_KINDS[item_type]))
            stmt = select(reason, func.count()).where(*where).group_by(reason)
            with self._read() as conn:
                out[item_type] = {str(r): int(n) for r, n in conn.execute(stmt)}
        return out

    def queue_size(self) -> int:
        with self._read() as conn:
            return sum(
                int(
                    conn.execute(
                        select(func.count()).where(table.c.queue_reason.is_not(None))
                    ).scalar()
                )
                for table in MODERATED.values()
            )

    def review_item(self, item_type: str, public_id: str) -> ReviewItem | None:
        """An item for a moderator who opened it from its page (public ones too:
        a moderator may hide what nobody reported); None when unknown or deleted
        by its author."""
        table = MODERATED.get(item_type)
        if table is None:
            return None
        with self._read() as conn:
            row = conn.execute(
                select(table).where(table.c.public_id == public_id)
            ).one_or_none()
            if row is None or row.state == "deleted":
                return None
            open_reports = conn.execute(
                select(func.count()).where(
                    reports.c.item_type == item_type,
                    reports.c.item_id == public_id,
                    reports.c.outcome.is_(None),
                )
            ).scalar_one()
        return ReviewItem(
            item_type,
            row.public_id,
            row.round_id,
            row.text,
            row._mapping.get("title"),
            row.state,
            row.queue_reason,
            int(open_reports),
        )


def _author_scope(item_type: str, item: Any) -> str:
    """The token-hash scope of a stored item's author (a reaction's depends on
    the kind of trajectory it is on)."""
    if item_type == "reaction":
        return reaction_scope(item.kind, item.round_id)
    return AUTHOR_SCOPES[item_type](item.round_id)


def _open_report_weights(conn: Any, item_type: str, public_id: str) -> list[float]:
    """One weight per distinct reporter of the item's open reports, from how each
    reporter's earlier reports (on any item) were decided."""
    reporters = select(reports.c.token_hash).where(
        reports.c.item_type == item_type,
        reports.c.item_id == public_id,
        reports.c.outcome.is_(None),
    )
    history = (
        select(reports.c.token_hash, reports.c.outcome, func.count())
        .where(
            reports.c.token_hash.in_(reporters.scalar_subquery()),
            reports.c.outcome.is_not(None),
        )
        .group_by(reports.c.token_hash, reports.c.outcome)
    )
    counts: dict[str, dict[str, int]] = {
        token: {} for (token,) in conn.execute(reporters)
    }
    for token, outcome, count in conn.execute(history):
        counts[token][outcome] = int(count)
    return [
        rules.reporter_weight(c.get("upheld", 0), c.get("rejected", 0))
        for c in counts.values()
    ]


def _written_in(item_type: str, kind: str) -> bool:
    """Whether items of `item_type` are written in trajectories of `kind`: the
    kind's own items, and reactions also on the kinds that switch them on for a
    whole trajectory (`reactions: true`: budgets, polls, moodboards)."""
    if rules.ITEM_KINDS[item_type] == kind:
        return True
    return item_type == "reaction" and kind not in rules.ITEM_KINDS.values()


def _with_parent(item_type: str, table: Table):
    """SELECT of an item's columns and its parent's public id (`parent_public`,
    NULL for types without a parent)."""
    if item_type not in PARENTS:
        return select(table, cast(null(), String(24)).label("parent_public"))
    parent, column = PARENTS[item_type]
    # Outer: a reaction on a whole trajectory has no idea above it.
    return select(table, parent.c.public_id.label("parent_public")).join(
        parent, parent.c.id == table.c[column], isouter=True
    )


def _authored(item_type: str, kind: str, row: Any) -> dict[str, Any]:
    """One row of `contributions_of`."""
    return {
        "type": item_type,
        "id": row.public_id,
        "kind": kind,
        "round_id": row.round_id,
        "parent_id": row.parent_public,
        "title": getattr(row, "title", None),
        "text": row.text,
        "state": row.state,
        "reason": row.queue_reason or row.decision_reason,
        "created_at": _aware(row.created_at),
    }

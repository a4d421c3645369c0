"""The votes' part of the store (polls and moodboards share one table)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)

from budgetschuiver.kernel.store import (
    BallotTable,
    KernelStore,
    Receipt,
    definition_columns,
    filtered_query,
    metadata,
    new_receipt,
    register_ballot_table,
    utcnow,
)

# One current vote per (poll or moodboard, browser), replaced in place like a budget.
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(24), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("receipt", String(16), nullable=False),
    Column("choices", JSON, nullable=False),
    Column("other_text", Text),
    Column("district", String(32)),
    Column("age_band", String(8)),
    Column("revision", Integer, nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    *definition_columns(),
    UniqueConstraint("kind", "target_id", "token_hash", name="uq_votes_target_token"),
)


VOTE_BALLOTS = BallotTable(
    votes,
    votes.c.choices,
    votes.c.other_text,
    lambda kind, item_id: [votes.c.kind == kind, votes.c.target_id == item_id],
)
# Polls, moodboards and any kind without a table of its own keep their votes here.
register_ballot_table("*", VOTE_BALLOTS)


def _vote(row: Any) -> StoredVote:
    return StoredVote(
        id=row.public_id,
        kind=row.kind,
        target_id=row.target_id,
        choices=tuple(row.choices),
        other_text=row.other_text,
        district=row.district,
        age_band=row.age_band,
        revision=row.revision,
        synthetic=row.synthetic,
        updated_at=row.updated_at,
        outdated=bool(row.outdated),
    )


@dataclasses.dataclass(frozen=True)
class StoredVote:
    id: str
    kind: str
    target_id: str
    choices: tuple[str, ...]
    other_text: str | None
    district: str | None
    age_band: str | None
    revision: int
    synthetic: bool
    updated_at: dt.datetime
    # No longer fits the poll's or moodboard's current definition.
    outdated: bool = False


@dataclasses.dataclass(frozen=True)
class Tally:
    """How many voted, and how often each choice was picked."""

    voters: int
    counts: dict[str, int]
    synthetic: int = 0
    others: tuple[str, ...] = ()


class VoteStore(KernelStore):
    """The choices methods of the store (a part of `budgetschuiver.store.Store`)."""

    def submit_vote(
        self,
        kind: str,
        target_id: str,
        choices: tuple[str, ...],
        token: str,
        *,
        other_text: str | None = None,
        district: str | None = None,
        age_band: str | None = None,
        synthetic: bool = False,
    ) -> Receipt:
        """Insert or replace this browser's vote; returns after the commit."""
        now = utcnow()
        values = {
            "public_id": "v" + secrets.token_hex(10),
            "kind": kind,
            "target_id": target_id,
            "token_hash": self.token_hash(f"{kind}:{target_id}", token),
            "receipt": new_receipt(),
            "choices": list(choices),
            "other_text": other_text,
            "district": district,
            "age_band": age_band,
            "revision": 1,
            "synthetic": synthetic,
            "created_at": now,
            "updated_at": now,
            "rules_hash": self.definitions.get(f"{kind}:{target_id}"),
            "outdated": False,
        }
        row = self._upsert(
            votes,
            values,
            ("kind", "target_id", "token_hash"),
            (
                "receipt",
                "choices",
                "other_text",
                "district",
                "age_band",
                "synthetic",
                "updated_at",
                "rules_hash",
                "outdated",
            ),
        )
        return Receipt(row.public_id, row.receipt, row.revision == 1, now)

    def find_vote(self, kind: str, target_id: str, token: str) -> StoredVote | None:
        token_hash = self.token_hash(f"{kind}:{target_id}", token)
        with self._read() as conn:
            row = conn.execute(
                select(votes).where(
                    votes.c.kind == kind,
                    votes.c.target_id == target_id,
                    votes.c.token_hash == token_hash,
                )
            ).one_or_none()
        return _vote(row) if row else None

    def tally(self, kind: str, target_id: str) -> Tally:
        """Counts per choice over the current votes that fit the definition (each
        browser once)."""
        counts: dict[str, int] = {}
        voters = synthetic = 0
        others: list[str] = []
        with self._read() as conn:
            rows = conn.execute(
                select(votes.c.choices, votes.c.other_text, votes.c.synthetic).where(
                    votes.c.kind == kind,
                    votes.c.target_id == target_id,
                    votes.c.outdated.is_(False),
                )
            )
            for choices, other_text, is_synthetic in rows:
                voters += 1
                synthetic += bool(is_synthetic)
                for choice in choices:
                    counts[choice] = counts.get(choice, 0) + 1
                if other_text:
                    others.append(other_text)
        return Tally(voters, counts, synthetic, tuple(others))

    def count_votes(self, kind: str | None = None, target_id: str | None = None) -> int:
        query = select(func.count()).select_from(votes)
        if kind is not None:
            query = query.where(votes.c.kind == kind)
        if target_id is not None:
            query = query.where(votes.c.target_id == target_id)
        with self._read() as conn:
            return conn.execute(query).scalar_one()

    def votes_for(
        self,
        kind: str,
        target_id: str,
        *,
        district: str | None = None,
        age_band: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[StoredVote]:
        """The current votes that fit the poll's or moodboard's definition."""
        query = select(votes).where(
            votes.c.kind == kind,
            votes.c.target_id == target_id,
            votes.c.outdated.is_(False),
        )
        query = filtered_query(query, votes, district, age_band, since, until)
        with self._read() as conn:
            rows = conn.execute(query.order_by(votes.c.id)).all()
        return [_vote(row) for row in rows]

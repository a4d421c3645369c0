"""The live Q&A part of the store: questions (moderated like ideas and reactions,
item type "question") and votes (one per browser token or voting code, as a keyed
hash). `budgetschuiver.store.Store` inherits `QaStore`; these tables join its
MetaData there."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    delete,
    func,
    select,
    update,
)

from budgetschuiver.ideas.store import (
    _aware,
    _item_columns,
    published_with_counts,
    token_scope,
)
from budgetschuiver.qa import rules

qa_metadata = MetaData()

# `round_id` is the session's id: the moderation queue reads every item table by
# the same column names.
questions = Table(
    "qa_questions",
    qa_metadata,
    Column("id", Integer, primary_key=True),
    *_item_columns(),
    Column("text", Text, nullable=False),
    Column("stage", String(12), nullable=False, default="waiting"),
    Column("answer", Text),
    Column("answered_live", Boolean, nullable=False, default=False),
    Column("answered_at", DateTime(timezone=True)),
    Column("pinned_at", DateTime(timezone=True)),
    # Set when a host merged it into another question (its state is "merged").
    Column("merged_into", String(24)),
    # Counted in the transaction of each vote, so a poll reads no vote rows.
    Column("votes", Integer, nullable=False, default=0),
)
Index("ix_qa_questions_session", questions.c.round_id, questions.c.state)
Index("ix_qa_questions_queue", questions.c.queued_at)

qa_votes = Table(
    "qa_votes",
    qa_metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "question_id",
        Integer,
        ForeignKey("qa_questions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("session_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("question_id", "token_hash", name="uq_qa_votes_question_token"),
)
Index("ix_qa_votes_session_token", qa_votes.c.session_id, qa_votes.c.token_hash)

QA_TABLES = (questions, qa_votes)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def vote_scope(session_id: str) -> str:
    """The token-hash scope of votes in one session."""
    return "qa-votes:" + session_id


@dataclasses.dataclass(frozen=True)
class StoredQuestion:
    id: str
    session_id: str
    text: str
    display_name: str | None
    state: str
    stage: str
    votes: int
    answer: str | None
    answered_live: bool
    merged_into: str | None
    created_at: dt.datetime
    answered_at: dt.datetime | None
    queue_reason: str | None = None
    decision_reason: str | None = None
    row_id: int = 0


@dataclasses.dataclass(frozen=True)
class QuestionSupport:
    """A published question as the public results count it: `votes` by
    residents only (synthetic votes left out)."""

    id: str
    text: str
    votes: int
    stage: str
    answer: str | None
    answered_live: bool


def _question(row: Any) -> StoredQuestion:
    return StoredQuestion(
        row.public_id,
        row.round_id,
        row.text,
        row.display_name,
        row.state,
        row.stage,
        int(row.votes),
        row.answer,
        bool(row.answered_live),
        row.merged_into,
        _aware(row.created_at),
        _aware(row.answered_at),
        row.queue_reason,
        row.decision_reason,
        row.id,
    )


def _recount(conn: Any, row_id: int) -> None:
    """Keep a question's vote count in step with its vote rows (same transaction)."""
    count = (
        select(func.count())
        .select_from(qa_votes)
        .where(qa_votes.c.question_id == row_id)
        .scalar_subquery()
    )
    conn.execute(update(questions).where(questions.c.id == row_id).values(votes=count))


def _votes(conn: Any, row_id: int) -> int:
    return int(
        conn.execute(select(questions.c.votes).where(questions.c.id == row_id)).scalar()
    )


class QaStore:
    """Store methods for live Q&A sessions; mixed into `budgetschuiver.store.Store`,
    whose `_write`, `_read` and `token_hash` they use."""

    def add_question(
        self,
        session_id: str,
        token: str,
        *,
        text: str,
        display_name: str | None = None,
        queue_reason: str | None = None,
        synthetic: bool = False,
        stage: str = "waiting",
        answer: str | None = None,
    ) -> StoredQuestion:
        """Store a new question; with `queue_reason` it waits for a host or
        moderator (state "pending"), else it is public at once. `stage` and
        `answer` only for illustrative demo questions. Returns it."""
        if stage not in rules.STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        now = _now()
        values = {
            "public_id": "q" + secrets.token_hex(8),
            "round_id": session_id,
            "token_hash": self.token_hash(token_scope(session_id), token),
            "display_name": display_name,
            "state": "pending" if queue_reason else "published",
            "queue_reason": queue_reason,
            "queued_at": now if queue_reason else None,
            "synthetic": synthetic,
            "created_at": now,
            "text": text,
            "stage": stage,
            "answer": answer,
            "answered_live": False,
            "answered_at": now if stage == "answered" else None,
            "votes": 0,
        }
        with self._write() as conn:
            row_id = conn.execute(
                questions.insert().returning(questions.c.id), values
            ).scalar()
            row = conn.execute(select(questions).where(questions.c.id == row_id)).one()
        return _question(row)

    def find_question(self, public_id: object) -> StoredQuestion | None:
        """A question by its public id (any state), or None."""
        if not isinstance(public_id, str) or not 0 < len(public_id) <= 24:
            return None
        with self._read() as conn:
            row = conn.execute(
                select(questions).where(questions.c.public_id == public_id)
            ).one_or_none()
        return _question(row) if row is not None else None

    def session_questions(
        self, session_id: str, states: Sequence[str] = ("published",)
    ) -> list[StoredQuestion]:
        """The session's questions in these moderation states, oldest first."""
        stmt = (
            select(questions)
            .where(questions.c.round_id == session_id, questions.c.state.in_(states))
            .order_by(questions.c.created_at, questions.c.id)
        )
        with self._read() as conn:
            return [_question(row) for row in conn.execute(stmt)]

    def merged_count(self, session_id: str) -> int:
        """How many of the session's questions were merged into another."""
        stmt = select(func.count()).where(
            questions.c.round_id == session_id, questions.c.state == "merged"
        )
        with self._read() as conn:
            return int(conn.execute(stmt).scalar())

    def vote_question(
        self,
        question: StoredQuestion,
        token: str,
        synthetic: bool = False,
        may_add: Callable[[], bool] = lambda: True,
    ) -> tuple[str, int]:
        """One vote of this browser (or voting code) on a question. `may_add` is
        asked only when the vote would be new (the device window). Returns
        ("created" | "again" | "refused", the question's votes after it)."""
        token_hash = self.token_hash(vote_scope(question.session_id), token)
        with self._write() as conn:
            exists = conn.execute(
                select(qa_votes.c.id).where(
                    qa_votes.c.question_id == question.row_id,
                    qa_votes.c.token_hash == token_hash,
                )
            ).one_or_none()
            if exists is not None:
                outcome = "again"
            elif not may_add():
                outcome = "refused"
            else:
                conn.execute(
                    qa_votes.insert(),
                    {
                        "question_id": question.row_id,
                        "session_id": question.session_id,
                        "token_hash": token_hash,
                        "synthetic": synthetic,
                        "created_at": _now(),
                    },
                )
                _recount(conn, question.row_id)
                outcome = "created"
            return outcome, _votes(conn, question.row_id)

    def withdraw_vote(self, question: StoredQuestion, token: str) -> tuple[bool, int]:
        """Take this browser's vote back: (whether there was one, the question's
        votes after it)."""
        token_hash = self.token_hash(vote_scope(question.session_id), token)
        with self._write() as conn:
            gone = conn.execute(
                delete(qa_votes).where(
                    qa_votes.c.question_id == question.row_id,
                    qa_votes.c.token_hash == token_hash,
                )
            ).rowcount
            if gone:
                _recount(conn, question.row_id)
            return bool(gone), _votes(conn, question.row_id)

    def votes_of(self, session_id: str, token: str | None) -> frozenset[str]:
        """The public ids of the questions this browser voted for."""
        if not token:
            return frozenset()
        token_hash = self.token_hash(vote_scope(session_id), token)
        stmt = (
            select(questions.c.public_id)
            .join(qa_votes, qa_votes.c.question_id == questions.c.id)
            .where(
                qa_votes.c.session_id == session_id, qa_votes.c.token_hash == token_hash
            )
        )
        with self._read() as conn:
            return frozenset(row[0] for row in conn.execute(stmt))

    def set_stage(
        self,
        question: StoredQuestion,
        stage: str,
        answer: str | None = None,
        live: bool = False,
    ) -> None:
        """Move a published question to `stage` (see `rules.next_stage`). Pinning
        one as "answering" puts the session's earlier pinned question back to
        waiting; an answer is kept with "answered" (`live`: answered out loud)."""
        if stage not in rules.STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        now = _now()
        values: dict[str, Any] = {"stage": stage}
        if stage == "answering":
            values["pinned_at"] = now
        if stage == "answered":
            values |= {"answer": answer, "answered_live": live, "answered_at": now}
        with self._write() as conn:
            if stage == "answering":
                conn.execute(
                    update(questions)
                    .where(
                        questions.c.round_id == question.session_id,
                        questions.c.stage == "answering",
                        questions.c.id != question.row_id,
                    )
                    .values(stage="waiting", pinned_at=None)
                )
            conn.execute(
                update(questions)
                .where(questions.c.id == question.row_id)
                .values(**values)
            )

    def merge_questions(self, merged: StoredQuestion, into: StoredQuestion) -> int:
        """Merge a duplicate into another question of the same session: its
        votes move over, a voter of both counted once (`rules.merged_voters`);
        it leaves the list (state "merged", `merged_into` set). Returns the
        votes of `into` after the merge. Raises ValueError for questions of
        different sessions or a question merged into itself."""
        if merged.session_id != into.session_id or merged.row_id == into.row_id:
            raise ValueError("merge needs two questions of one session")
        with self._write() as conn:
            already = select(qa_votes.c.token_hash).where(
                qa_votes.c.question_id == into.row_id
            )
            conn.execute(
                update(qa_votes)
                .where(
                    qa_votes.c.question_id == merged.row_id,
                    qa_votes.c.token_hash.not_in(already.scalar_subquery()),
                )
                .values(question_id=into.row_id)
            )
            conn.execute(
                delete(qa_votes).where(qa_votes.c.question_id == merged.row_id)
            )
            conn.execute(
                update(questions)
                .where(questions.c.id == merged.row_id)
                .values(
                    state="merged",
                    merged_into=into.id,
                    votes=0,
                    pinned_at=None,
                    # A merged question no longer waits in the moderation queue.
                    queue_reason=None,
                    queued_at=None,
                )
            )
            _recount(conn, into.row_id)
            return _votes(conn, into.row_id)

    def seed_question_votes(self, question: StoredQuestion, count: int) -> None:
        """`count` made-up votes (synthetic) on an illustrative question."""
        for _ in range(count):
            self.vote_question(question, secrets.token_urlsafe(24), synthetic=True)

    def question_support(self, session_id: str) -> list[QuestionSupport]:
        """The session's published questions with their residents' votes, in
        one read so counts and answers belong together."""
        stmt = published_with_counts(
            questions,
            qa_votes.c.question_id,
            "votes",
            session_id,
            (
                questions.c.public_id,
                questions.c.text,
                questions.c.stage,
                questions.c.answer,
                questions.c.answered_live,
            ),
            qa_votes.c.synthetic.is_(False),
        )
        with self._read() as conn:
            return [
                QuestionSupport(
                    row.public_id,
                    row.text,
                    int(row.votes),
                    row.stage,
                    row.answer,
                    bool(row.answered_live),
                )
                for row in conn.execute(stmt)
            ]

    def count_qa_voters(self, session_id: str, synthetic: bool = False) -> int:
        """How many browsers or voting codes (distinct keyed hashes) voted for a
        published question of the session; synthetic ones only with
        `synthetic`."""
        where = [qa_votes.c.session_id == session_id, questions.c.state == "published"]
        if not synthetic:
            where.append(qa_votes.c.synthetic.is_(False))
        stmt = select(func.count(func.distinct(qa_votes.c.token_hash))).select_from(
            qa_votes.join(questions, questions.c.id == qa_votes.c.question_id)
        )
        with self._read() as conn:
            return int(conn.execute(stmt.where(*where)).scalar())

    def count_askers(self, session_id: str) -> int:
        """How many browsers or voting codes (distinct keyed hashes) asked a
        question that is public or merged into one; synthetic ones left out."""
        stmt = select(func.count(func.distinct(questions.c.token_hash))).where(
            questions.c.round_id == session_id,
            questions.c.state.in_(("published", "merged")),
            questions.c.synthetic.is_(False),
        )
        with self._read() as conn:
            return int(conn.execute(stmt).scalar())

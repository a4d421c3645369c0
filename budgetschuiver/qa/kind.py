"""Live question hours as a participation kind (see `budgetschuiver.kernel.kinds`):
the kind's own contribution is a question; a vote and withdrawing it are its
parts, and reports and appeals on its questions (`moderation.parts`). All go
through the one pipeline (`kernel.cast`); every stored change
bumps the session's version so that polling viewers see it."""

from __future__ import annotations

from typing import Any

from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.moderation.parts import moderation_parts
from budgetschuiver.qa import api, pages, rules, texts, validate
from budgetschuiver.qa.model import QaSession
from budgetschuiver.qa.store import StoredQuestion

# Imported for its side effect: the kind's texts join the message catalogue.
assert texts.MESSAGES


def _accepts(session: QaSession) -> Refusal | None:
    """Questions before the start (in advance) and during the hour."""
    if rules.may_ask(session.session_status()):
        return None
    return Refusal(409, "closed", "error.qa_session_closed")


def _accepts_vote(session: QaSession, _question: StoredQuestion) -> Refusal | None:
    if rules.may_vote(session.session_status()):
        return None
    return Refusal(409, "closed", "error.qa_session_closed")


def _store_question(store: Any, session: QaSession, draft, held):
    question = store.add_question(
        session.id,
        draft.token,
        text=draft.text,
        display_name=draft.display_name,
        queue_reason=held,
    )
    api.changed(session.id)
    return question


def _store_vote(store: Any, session: QaSession, question: StoredQuestion, token, _held):
    """(created, votes); a new vote from a device that voted on this question a
    moment ago with another token is refused (429); this token's own vote again
    is no new vote (200)."""
    outcome, votes = store.vote_question(
        question, token, may_add=lambda: api.device_allowed(question.id)
    )
    if outcome == "refused":
        return Refusal(429, "rate_limited", "error.qa_too_fast")
    if outcome == "created":
        api.changed(session.id)
    return outcome == "created", votes


def _store_withdraw(store: Any, session: QaSession, question, token, _held):
    withdrawn, votes = store.withdraw_vote(question, token)
    if withdrawn:
        api.changed(session.id)
    return withdrawn, votes


def _vote_part(name: str, store) -> Part:
    """A vote or its withdrawal: `{token}` on a public question while the
    session takes questions, counted against the vote limit."""
    return Part(
        name=name,
        validate=lambda _session, _question, body: validate.validate_vote(body),
        store=store,
        accepts=_accepts_vote,
        allowed=lambda token: api.allowed("vote", token),
        missing="error.qa_question_not_found",
    )


VOTE = _vote_part("vote", _store_vote)
WITHDRAW = _vote_part("withdraw", _store_withdraw)

KIND = Kind(
    name="qa",
    folder="qa",
    model=QaSession,
    noun="qa_session",
    route_variable="session_id",
    path="/vragenuur/",
    validate=validate.validate_question,
    store_ballot=_store_question,
    # Questions are contributions of their own, not ballots on the rules.
    misfits=lambda _session, _content, _other: (),
    moderate=lambda session, draft: api.screen(session, draft.text),
    accepts=_accepts,
    allowed=lambda token: api.allowed("question", token),
    pages=(pages,),
    api=api.qa_api,
    summary=lambda session: f"{len(session.hosts)} hosts",
    # A report may hide a question: its viewers are told (`api.moderated`).
    parts={
        "vote": VOTE,
        "withdraw": WITHDRAW,
        **moderation_parts("qa", after=api.moderated),
    },
)

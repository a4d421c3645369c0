"""Pure checks of what residents and hosts send to a live Q&A session: a
question, a vote, a host's action. Every refusal is a `Problem` naming the body
key at fault; nothing that fails here is stored. Personal data is refused (the
ideas platform's check, `ideas.validate.check_words`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from budgetschuiver.ideas.validate import (
    DISPLAY_NAME_MAX,
    NOT_OBJECT,
    _unknown,
    check_words,
)
from budgetschuiver.kernel import validation
from budgetschuiver.kernel.problems import Problem
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.qa import rules

QUESTION_FIELDS = frozenset({"text", "display_name", "token"})
VOTE_FIELDS = frozenset({"token"})
HOST_FIELDS = frozenset({"action", "question", "into", "answer", "reason_code"})
ANSWER_MAX = 5000
ID_MAX = 24


@dataclasses.dataclass(frozen=True)
class QuestionDraft:
    text: str
    display_name: str | None
    token: str


@dataclasses.dataclass(frozen=True)
class HostAction:
    """A host's action on `question`; `into` for merge, `answer` for answer
    (None: answered live), `reason_code` for hide."""

    action: str
    question: str
    into: str | None
    answer: str | None
    reason_code: str | None


def _renamed(problems: list[Problem]) -> list[Problem]:
    """The ideas platform's text problems in the Q&A's words."""
    keys = {
        "error.idea_empty": "error.qa_empty",
        "error.idea_too_long": "error.qa_too_long",
        "error.idea_not_text": "error.qa_not_text",
    }
    return [dataclasses.replace(p, key=keys.get(p.key, p.key)) for p in problems]


def validate_question(
    session: Any, body: object
) -> tuple[QuestionDraft | None, list[Problem]]:
    """A new question for `session` (a `QaSession`): text up to its
    `question_limit` characters, an optional display name (40), a token; no
    other fields."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, QUESTION_FIELDS)
    token, found = validation.check_token(body.get("token"))
    problems += found
    text, found = check_words(
        body.get("text"), "text", session.question_limit, required=True
    )
    problems += _renamed(found)
    name, found = check_words(
        body.get("display_name"), "display_name", DISPLAY_NAME_MAX, required=False
    )
    problems += _renamed(found)
    if problems or token is None or text is None:
        return None, problems
    return QuestionDraft(text, name, token), []


def validate_vote(body: object) -> tuple[str | None, list[Problem]]:
    """The voter's token from `{token}` (nothing else)."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, VOTE_FIELDS)
    token, found = validation.check_token(body.get("token"))
    problems += found
    if problems or token is None:
        return None, problems
    return token, []


def _question_id(raw: object, field: str) -> tuple[str | None, list[Problem]]:
    if isinstance(raw, str) and 0 < len(raw) <= ID_MAX:
        return raw, []
    key = "error.qa_bad_into" if field == "into" else "error.qa_bad_question"
    return None, [Problem(f"invalid_{field}", field, key)]


def validate_host(body: object) -> tuple[HostAction | None, list[Problem]]:
    """A host's action: one of `rules.HOST_ACTIONS` on a question id; merge needs
    `into`, hide a `reason_code` from the moderation list (approve needs none),
    answer takes an optional written `answer` (absent or "live": answered out
    loud). Personal data in an answer is refused like in residents' text."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    problems = _unknown(body, HOST_FIELDS)
    action = body.get("action")
    if action not in rules.HOST_ACTIONS:
        problems.append(Problem("invalid_action", "action", "error.qa_bad_action"))
    question, found = _question_id(body.get("question"), "question")
    problems += found
    into = None
    if action == "merge":
        into, found = _question_id(body.get("into"), "into")
        problems += found
    reason = body.get("reason_code")
    if action == "hide" and reason not in moderation.REASON_CODES:
        problems.append(
            Problem("invalid_reason", "reason_code", "error.qa_needs_reason")
        )
    elif (
        action != "hide"
        and reason is not None
        and (reason not in moderation.REASON_CODES)
    ):
        problems.append(
            Problem("invalid_reason", "reason_code", "error.idea_bad_reason")
        )
    answer = None
    if action == "answer" and body.get("answer") not in (None, rules.LIVE_ANSWER):
        answer, found = check_words(
            body.get("answer"), "answer", ANSWER_MAX, required=False
        )
        problems += _renamed(found)
    if problems or action is None or question is None:
        return None, problems
    return HostAction(action, question, into, answer, reason), []

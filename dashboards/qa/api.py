"""Hosts' actions on a live Q&A session under /api/v1 (advisor, moderator or
admin accounts): approve, hide (with a reason code), merge duplicates, pin as
"nu in behandeling", answer (written or live) and "volgt later". The console
(`dashboards/qa/page.py`) goes through the same `apply`."""

from __future__ import annotations

import dataclasses

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel.api import (
    error,
    json_body,
    problems_response,
    refusal_response,
)
from budgetschuiver.kernel.context import services
from budgetschuiver.qa import api as qa_api
from budgetschuiver.qa import rules, validate
from dashboards.kernel.auth import api_login_required, current_account

host_api = Blueprint("qa_host_api", __name__, url_prefix="/api/v1")

# Moderation states a question may come from, per moderation action.
FROM_STATES = {"approve": ("pending", "hidden"), "hide": ("published", "pending")}


@dataclasses.dataclass(frozen=True)
class Done:
    """What a host's action did: HTTP `status`, and either the question's new
    `state`/`stage` or an error `code` with its message `key` and `field`."""

    status: int
    code: str = ""
    key: str = ""
    field: str = ""
    state: str = ""
    stage: str = ""


def apply(session, action: validate.HostAction, host: str) -> Done:
    """Carry out a validated host action on `session` as account `host`:
    approve and hide are moderation decisions (logged, `ModerationStore.decide`);
    merge combines votes (each voter once); pin, answer and follow_up move the
    question's stage (`rules.next_stage`). Tells polling viewers. Never raises
    for a question that does not fit: 404 unknown, 409 not now, 422 bad merge."""
    store = services().store
    question = store.find_question(action.question)
    if question is None or question.session_id != session.id:
        return Done(404, "not_found", "error.qa_question_not_found", "question")
    if not rules.may_host(session.session_status(), action.action):
        return Done(409, "not_now", "error.qa_not_now")
    name = action.action
    if name in FROM_STATES:
        if question.state not in FROM_STATES[name]:
            return Done(409, "not_now", "error.qa_not_now", "question")
        store.decide(
            "question", question.id, name, action.reason_code or "", None, host
        )
    elif name == "merge":
        into = store.find_question(action.into)
        if (
            into is None
            or into.session_id != session.id
            or into.id == question.id
            or into.state != "published"
            or question.state not in ("published", "pending")
        ):
            return Done(422, "invalid_into", "error.qa_bad_into", "into")
        store.merge_questions(question, into)
    else:
        if question.state != "published":
            return Done(409, "not_now", "error.qa_not_now", "question")
        try:
            stage = rules.next_stage(name, question.stage)
        except rules.Refused:
            return Done(409, "not_now", "error.qa_not_now", "question")
        store.set_stage(question, stage, action.answer, live=action.answer is None)
    qa_api.changed(session.id)
    fresh = store.find_question(question.id)
    return Done(200, state=fresh.state, stage=fresh.stage)


@host_api.post("/qa/<session_id>/host")
@api_login_required("advisor")
def host(session_id: str) -> Response:
    """`{action, question, into?, answer?, reason_code?}` -> 200 `{question,
    action, state, stage}`."""
    session = qa_api.session_of(session_id)
    if session is None:
        return error(404, "not_found", "error.qa_session_not_found")
    body, bad = json_body()
    if bad is not None:
        return refusal_response(bad)
    parsed, problems = validate.validate_host(body)
    if parsed is None:
        return problems_response(problems)
    done = apply(session, parsed, current_account().name)
    if done.status != 200:
        return error(done.status, done.code, done.key, done.field)
    return jsonify(
        {
            "question": parsed.question,
            "action": parsed.action,
            "state": done.state,
            "stage": done.stage,
        }
    )

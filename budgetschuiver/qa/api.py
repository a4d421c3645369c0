"""JSON API of live Q&A sessions under /api/v1: the session with its questions
(conditional GET: an ETag from the session's own version in the shared cache),
questions, votes and the transcript as CSV. Registered through the kind. The
hosts' actions are on the dashboard side (`dashboards/qa/api.py`).

Live updates are conditional polling: every viewer asks about once a second with
`If-None-Match`; while nothing changed the answer is an empty 304 decided from
one Redis read, and a changed session is built once per version per worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.datastructures import ETags
from werkzeug.http import parse_etags

from budgetschuiver.ideas.api import allowed_words
from budgetschuiver.ideas.validate import queue_reason
from budgetschuiver.kernel import front_door, i18n, ratelimit
from budgetschuiver.kernel.api import error, json_body, refusal_response
from budgetschuiver.kernel.cast import Outcome, Refusal, cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.settings import parse_limit
from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.kernel.web import contribution_allowed, request_language
from budgetschuiver.qa import rules
from budgetschuiver.qa.model import QaSession
from budgetschuiver.qa.store import StoredQuestion

qa_api = Blueprint("qa_api_v1", __name__, url_prefix="/api/v1")

# Per address, as for ideas: generous, since a hall shares one address.
ADDRESS_LIMIT = (600, 10 * 60)
# The same device (address and browser signature) may add one vote per question
# in this many seconds, whatever token it sends: clearing the cookie alone does
# not give a second vote at once. Off with BUDGETSCHUIVER_RATE_LIMITS_ENABLED=0.
DEVICE_WINDOW_SECONDS = 60
# How many built answers a worker keeps (one per session, version and language).
KEEP_BUILT = 64

# Built answers live on the app (not in the module): each app has versions of
# its own, so two apps in one process never share an answer.
BUILT_EXTENSION = "budgetschuiver.qa.built"
_built_lock = threading.Lock()


def session_of(session_id: object) -> QaSession | None:
    return services().catalog.find("qa", session_id)


def scope(session_id: str) -> str:
    """The session's version scope in the shared cache (`DataVersion.bump_scope`)."""
    return "qa:" + session_id


def changed(session_id: str) -> None:
    """Tell every viewer (every worker and host) that the session changed."""
    services().data_version.bump_scope(scope(session_id))


def moderated(item_type: str, item_id: str) -> None:
    """After a moderation decision or a report on any item: when it is a Q&A
    question, tell the viewers of its session (it may have left or joined the
    list)."""
    if item_type != "question":
        return
    question = services().store.find_question(item_id)
    if question is not None:
        changed(question.session_id)


def allowed(kind: str, token: str | None) -> bool:
    """Count one question or vote (`kind`: "question" or "vote") for this token
    and address; False when either is over its limit."""
    limit = parse_limit(getattr(services().settings, f"qa_{kind}_limit"))
    return contribution_allowed(f"qa-{kind}", token, limit, ADDRESS_LIMIT)


def device_allowed(question_id: str) -> bool:
    """One new vote per question per device (address + User-Agent) in
    `DEVICE_WINDOW_SECONDS`; counts the attempt."""
    device = ratelimit.key(
        "qa-device",
        request.remote_addr or "",
        request.headers.get("User-Agent", "")[:300],
        question_id,
    )
    return services().limiter.allow(device, 1, DEVICE_WINDOW_SECONDS)


def screen(session: QaSession, text: str) -> str | None:
    """Why a new question waits for a host (pre-moderation, spam, profanity;
    `ideas.validate.queue_reason`), or None to publish it at once."""
    return queue_reason(
        session,
        "",
        text,
        allowed_words=allowed_words(str(services().settings.data_dir)),
    )


def local_time(value: dt.datetime | None) -> str | None:
    """An aware time as an ISO local time in Den Haag (seconds)."""
    if value is None:
        return None
    return value.astimezone(TIMEZONE).isoformat(timespec="seconds")


def question_json(question: StoredQuestion) -> dict[str, Any]:
    """A question as the API shows it; `answer` only once answered (null when it
    was answered live, then `answered_live` is true)."""
    out: dict[str, Any] = {
        "id": question.id,
        "text": question.text,
        "display_name": question.display_name,
        "votes": question.votes,
        "state": question.stage,
        "asked_at": local_time(question.created_at),
    }
    if question.stage == "answered":
        out["answer"] = question.answer
        out["answered_live"] = question.answered_live
    if question.merged_into:
        out["merged_into"] = question.merged_into
    return out


def lines(questions: list[StoredQuestion]) -> list[rules.Line]:
    return [rules.Line(q.id, q.stage, q.votes, q.created_at) for q in questions]


def session_json(session: QaSession, lang: str) -> dict[str, Any]:
    """The whole public state of a session: status, the question being answered,
    the published questions (`rules.shown_order`), hidden by reason, merged."""
    store = services().store
    found = store.session_questions(session.id)
    by_id = {q.id: q for q in found}
    ordered = [by_id[line.id] for line in rules.shown_order(lines(found))]
    out: dict[str, Any] = {
        "id": session.id,
        "title": session.title.get(lang),
        "status": session.session_status(),
        "starts": session.starts.isoformat(timespec="minutes"),
        "ends": session.ends.isoformat(timespec="minutes"),
        "hosts": list(session.hosts),
        "moderation": session.moderation,
        "question_limit": session.question_limit,
        "questions": [question_json(q) for q in ordered],
        "hidden_by_reason": store.hidden_totals(session.id, ("question",))["question"],
        "merged": store.merged_count(session.id),
    }
    now = next((q for q in ordered if q.stage == "answering"), None)
    if now is not None:
        out["now_answering"] = question_json(now)
    return out


def _built_body(session: QaSession, lang: str, key: tuple) -> bytes:
    """The session's JSON, built once per (session, version, status, language)
    in this worker."""
    built = current_app.extensions.setdefault(BUILT_EXTENSION, {})
    with _built_lock:
        hit = built.get(key)
    if hit is not None:
        return hit
    body = jsonify(session_json(session, lang)).get_data()
    with _built_lock:
        if len(built) >= KEEP_BUILT:
            built.clear()
        built[key] = body
    return body


@qa_api.get("/qa")
def list_sessions() -> Response:
    lang = request_language()
    return jsonify(
        {
            "sessions": [
                {
                    "id": s.id,
                    "title": s.title.get(lang),
                    "status": s.session_status(),
                    "starts": s.starts.isoformat(timespec="minutes"),
                    "ends": s.ends.isoformat(timespec="minutes"),
                }
                for s in services().catalog.of("qa").values()
            ]
        }
    )


@qa_api.get("/qa/<session_id>")
def get_session(session_id: str) -> Response:
    """The session; 304 when the client's ETag is current."""
    session = session_of(session_id)
    if session is None:
        return error(404, "not_found", "error.qa_session_not_found")
    lang = request_language()
    etag, key = current_etag(session, lang)
    headers = {"ETag": f'"{etag}"', "Cache-Control": "no-cache", "Vary": "Cookie"}
    identity = poll_identity(etag, request.if_none_match)
    front_door.mark(identity)
    if identity[2] == 304:
        return Response(status=304, headers=headers)
    body = _built_body(session, lang, key)
    return Response(body, mimetype="application/json", headers=headers)


def poll_identity(etag: str, if_none_match: ETags) -> tuple:
    """What decides Flask's answer to a poll, as the front door keeps it:
    ("qa", etag, 304) when the client holds `etag` (`get_session` answers 304),
    else ("qa", etag, the algorithms A for which it holds "etag:A"):
    Flask-Compress marks a compressed answer's ETag so and itself turns the
    answer into a 304 when the client holds that one."""
    if etag in if_none_match:
        return ("qa", etag, 304)
    prefix = etag + ":"
    held = if_none_match.as_set()
    return (
        "qa",
        etag,
        frozenset(t[len(prefix) :] for t in held if t.startswith(prefix)),
    )


def current_etag(session: QaSession, lang: str) -> tuple[str, tuple]:
    """The session's ETag (without quotes) for `lang` now, and the key of its
    built answer: (session, version, status, language). One shared read."""
    version = services().data_version.scope(scope(session.id))
    status = session.session_status()
    key = (session.id, version, status, lang)
    return f"{session.id}-{version}-{status}-{lang}", key


SESSION_PATH = "/api/v1/qa/"


def _front_door_session(environ: dict, _body: bytes, lookup: front_door.Lookup):
    """`get_session` before Flask: the kept 304 or 200 that Flask sent for this
    ETag (`front_door`), found with the same reads, else None."""
    session = session_of(environ["PATH_INFO"][len(SESSION_PATH) :])
    if session is None:
        return None
    etag, _key = current_etag(session, front_door.language(environ))
    return lookup(poll_identity(etag, parse_etags(environ.get("HTTP_IF_NONE_MATCH"))))


# `GET /api/v1/qa/<session_id>` in the front door (app.py registers it).
FRONT_DOOR = front_door.Route(
    "GET",
    lambda path: path.startswith(SESSION_PATH) and "/" not in path[len(SESSION_PATH) :],
    _front_door_session,
)


@qa_api.post("/qa/<session_id>/questions")
def post_question(session_id: str) -> Response:
    """A question through the pipeline: 201 `{id, state}` (pending: waits for a
    host)."""
    known = services()
    outcome = cast(known.catalog.kinds["qa"], session_of(session_id), json_body)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    question = outcome.receipt
    response = jsonify({"id": question.id, "state": question.state})
    response.status_code = 201
    return response


def public_question(session: QaSession | None, question_id: object):
    """A published question of this session, or None."""
    if session is None:
        return None
    question = services().store.find_question(question_id)
    if question is None or question.session_id != session.id:
        return None
    return question if question.state == "published" else None


def on_question(session_id: str, question_id: str, part: str, read_body) -> Outcome:
    session = session_of(session_id)
    target = public_question(session, question_id)
    kind = services().catalog.kinds["qa"]
    return cast(kind, session, read_body, part=part, target=target)


@qa_api.route(
    "/qa/<session_id>/questions/<question_id>/votes", methods=["POST", "DELETE"]
)
def vote(session_id: str, question_id: str) -> Response:
    """POST: 201 for a new vote, 200 when this token had voted already.
    DELETE: 200 (`withdrawn` says whether there was a vote)."""
    part = "vote" if request.method == "POST" else "withdraw"
    outcome = on_question(session_id, question_id, part, json_body)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    created, votes = outcome.receipt
    payload: dict[str, Any] = {"id": question_id, "votes": votes}
    if part == "withdraw":
        payload["withdrawn"] = created
    response = jsonify(payload)
    response.status_code = 201 if part == "vote" and created else 200
    return response


TRANSCRIPT_COLUMNS = (
    "question_id",
    "asked_at",
    "display_name",
    "question",
    "votes",
    "state",
    "answer",
    "answered_live",
    "answered_at",
)


def csv_cell(value: object) -> str:
    """A cell as text; a leading =, +, - or @ is defused with a quote so that a
    spreadsheet never runs a resident's text as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def transcript_rows(session: QaSession) -> list[list[str]]:
    """The published questions in `rules.shown_order` as CSV rows
    (`TRANSCRIPT_COLUMNS`), times as local ISO times."""
    found = services().store.session_questions(session.id)
    by_id = {q.id: q for q in found}
    rows = []
    for line in rules.shown_order(lines(found)):
        q = by_id[line.id]
        rows.append(
            [
                q.id,
                local_time(q.created_at) or "",
                csv_cell(q.display_name),
                csv_cell(q.text),
                str(q.votes),
                q.stage,
                csv_cell(q.answer),
                "yes" if q.answered_live else "no",
                local_time(q.answered_at) or "",
            ]
        )
    return rows


@qa_api.get("/qa/<session_id>/transcript.csv")
def transcript(session_id: str) -> Response:
    """The published transcript as CSV (UTF-8 with BOM), during and after the
    session; 409 before it starts."""
    session = session_of(session_id)
    if session is None:
        return error(404, "not_found", "error.qa_session_not_found")
    if session.session_status() == "upcoming":
        starts = i18n.format_date(session.starts.date(), request_language())
        return error(409, "not_open", "error.qa_session_upcoming", date=starts)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TRANSCRIPT_COLUMNS)
    writer.writerows(transcript_rows(session))
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="vragenuur-{session.id}.csv"'
        },
    )


def refusal_words(refusal: Refusal, lang: str) -> str:
    """A refusal as one sentence for a page."""
    if refusal.problems:
        return " ".join(p.message(lang) for p in refusal.problems)
    return refusal.message(lang)

"""Moderation and idea-round results under /api/v1 for dashboard accounts: the
queue, decisions, the log, an idea's status and answer, and the ranking."""

from __future__ import annotations

import csv
import io
import json

from flask import Blueprint, Response, jsonify, request

from budgetschuiver.ideas import rules, validate
from budgetschuiver.ideas.api import iso_time, round_of
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel.api import error, json_body, problems_response
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language
from budgetschuiver.moderation.store import LOG_COLUMNS
from budgetschuiver.qa import api as qa_api
from dashboards.ideas import group_results, public, scope
from dashboards.kernel.auth import api_login_required, current_account
from dashboards.kernel.filters import FilterError, Filters

moderation_api = Blueprint("moderation_api", __name__, url_prefix="/api/v1")


@moderation_api.get("/moderation/queue")
@api_login_required("moderator")
def queue() -> Response:
    return jsonify(
        {
            "items": [
                {
                    "type": item.type,
                    "id": item.id,
                    "round": item.round_id,
                    "title": item.title,
                    "text": item.text,
                    "reason_queued": item.reason_queued,
                    "reports": item.reports,
                    "created_at": iso_time(item.created_at),
                    "queued_at": iso_time(item.queued_at),
                }
                for item in services().store.moderation_queue()
            ]
        }
    )


@moderation_api.post("/moderation/decisions")
@api_login_required("moderator")
def decide() -> Response:
    body, bad = json_body()
    if bad is not None:
        return bad
    parsed, problems = validate.validate_decision(body)
    if parsed is None:
        return problems_response(problems)
    (item_type, item_id), action, reason, note = parsed
    outcome = services().store.decide(
        item_type, item_id, action, reason, note, current_account().name
    )
    if outcome == "not_found":
        return error(404, "not_found", "error.idea_item_not_found")
    if outcome == "same_moderator":
        return error(409, "same_moderator", "error.idea_same_moderator")
    qa_api.moderated(item_type, item_id)
    return jsonify({"item": {"type": item_type, "id": item_id}, "action": action})


def csv_safe(value: object) -> str:
    """A cell as text; formulas (=, +, -, @ first) are defused with a quote, as in
    the other exports."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@moderation_api.get("/moderation/log.csv")
@api_login_required("moderator")
def log_csv() -> Response:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LOG_COLUMNS)
    for row in services().store.moderation_log_rows():
        writer.writerow([row[0].isoformat(), *(csv_safe(value) for value in row[1:])])
    response = Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        content_type="text/csv; charset=utf-8",
    )
    response.headers["Content-Disposition"] = (
        'attachment; filename="moderation-log.csv"'
    )
    return response


@moderation_api.post("/ideas/<idea_id>/status")
@api_login_required("admin")
def set_status(idea_id: str) -> Response:
    """Admins: the idea's status and the municipality's public answer."""
    body, bad = json_body()
    if bad is not None:
        return bad
    values, field = checked_status(body)
    if values is None:
        return error(422, "invalid", "error.idea_bad_status", field)
    status, answer, link = values
    try:
        found = services().store.set_idea_status(idea_id, status, answer, link)
    except ValueError:
        return error(422, "invalid", "error.idea_bad_status", "status")
    if not found:
        return error(404, "not_found", "error.idea_not_found")
    return jsonify({"id": idea_id, "status": status})


def checked_status(body: object) -> tuple[tuple | None, str]:
    """(status, answer, answer_link) from an untrusted body, the answer cleaned
    like every text and the link a path on this site (at most 300 characters);
    or (None, the field at fault). Whether the status is known and needs an
    answer, the store checks (ValueError)."""
    if not isinstance(body, dict) or set(body) - {"status", "answer", "answer_link"}:
        return None, "status"
    status, answer = body.get("status"), body.get("answer")
    link = body.get("answer_link")
    if not isinstance(answer, (str, type(None))):
        return None, "answer"
    if not isinstance(link, (str, type(None))):
        return None, "answer_link"
    answer = validate.validation.clean_text(answer) if answer else None
    if link is not None and (len(link) > 300 or not link.startswith("/")):
        return None, "answer_link"
    return (status, answer, link), ""


@moderation_api.get("/idea-rounds/<round_id>/results")
@api_login_required()
def results(round_id: str) -> Response:
    """Ranking by the Wilson lower bound and the position-bias audit in the
    filter of the query string (`scope.from_query`: district, theme, since,
    until, synthetic); 400 naming the parameter for a bad or unsupported one."""
    round_ = round_of(round_id)
    if round_ is None:
        return error(404, "not_found", "error.idea_round_not_found")
    try:
        filters = scope.from_query(round_, request.args)
    except FilterError as exc:
        return error(400, "bad_filter", "error.bad_filter", exc.field)
    store = services().store
    body = store.kept_while_unchanged(
        ("results", round_.id, tuple(sorted(scope.query(filters).items()))),
        round_.id,
        lambda: json.dumps(filtered_ranking(round_, filters), sort_keys=True),
    )
    return Response(body, mimetype="application/json")


def filtered_ranking(round_: IdeaRound, filters: Filters) -> dict:
    """The results API's body: {"filters": {query parameter: value},
    "n_ideas", "n_raters", "synthetic" (synthetic raters counted in),
    "synthetic_excluded" (left out), "ideas": [{id, support, oppose, neutral,
    wilson_lower, rank, tied}], "position_audit"}."""
    found = scope.scope(round_, filters, moments=False)
    if found.suppressed:
        return {"filters": scope.query(filters), "suppressed": True}
    ranked = rules.rank(found.counts)
    return {
        "filters": scope.query(filters),
        "n_ideas": len(ranked),
        "n_raters": found.raters,
        "synthetic": found.synthetic,
        "synthetic_excluded": found.excluded,
        "ideas": public.ranked_items(ranked),
        "position_audit": rules.position_audit(found.positions),
    }


@moderation_api.get("/idea-rounds/<round_id>/groups")
@api_login_required()
def groups(round_id: str) -> Response:
    """Opinion groups of the round's raters as last computed in the background
    (residents only; every rater with `synthetic=1`): `200`, or `202` with no
    groups while the first run computes; 400 for another `synthetic` value."""
    round_ = round_of(round_id)
    if round_ is None:
        return error(404, "not_found", "error.idea_round_not_found")
    synthetic = request.args.get("synthetic", "0")
    if synthetic not in ("0", "1"):
        return error(400, "bad_filter", "error.bad_filter", "synthetic")
    found, _fresh = group_results.latest(round_, synthetic=synthetic == "1")
    labels = group_results.labels(found, request_language())
    response = jsonify(group_results.public(found, labels))
    response.status_code = 200 if found is not None else 202
    response.headers["Cache-Control"] = "private, no-store"
    return response

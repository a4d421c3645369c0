"""JSON API under /api/v1: thin — parse, validate with the pure rules, store."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from budgetschuiver import budget, i18n, votes
from budgetschuiver.context import services
from budgetschuiver.demographics import AGE_BANDS, DISTRICTS, options
from budgetschuiver.files import image_url
from budgetschuiver.identity import code_token
from budgetschuiver.problems import Problem
from budgetschuiver.projects import BudgetProject, Moodboard, Poll, Trajectory
from budgetschuiver.web import ballot_allowed, request_language

api = Blueprint("api_v1", __name__, url_prefix="/api/v1")


def project_json(project: BudgetProject, lang: str) -> dict[str, Any]:
    return {
        "id": project.id,
        "title": project.title.get(lang),
        "status": project.status(),
        "total": project.total,
        "balance_rule": project.balance_rule,
        "tolerance": project.tolerance,
        "lines": [
            {
                "id": line.id,
                "label": line.label.get(lang),
                "kind": line.kind,
                "plan": line.plan,
                "min": line.min,
                "max": line.top,
                "step": line.step,
                "locked": line.locked,
            }
            for line in project.lines
        ],
    }


def error(status: int, code: str, key: str, field: str = "", **params) -> Response:
    lang = request_language()
    response = jsonify(
        {
            "error": {
                "code": code,
                "message": i18n.t(key, lang, **params),
                "field": field,
            }
        }
    )
    response.status_code = status
    return response


def problems_response(problems: list[Problem]) -> Response:
    lang = request_language()
    first = problems[0]
    response = jsonify(
        {
            "error": first.as_json(lang),
            "errors": [problem.as_json(lang) for problem in problems],
        }
    )
    response.status_code = 422
    return response


def json_body() -> tuple[Any, Response | None]:
    """The parsed body, or a 400 for anything that is not JSON."""
    try:
        return json.loads(request.get_data(cache=True)), None
    except (ValueError, RecursionError):
        # RecursionError: deeply nested arrays are a malformed body, not a crash.
        return None, error(400, "not_json", "error.not_json")


def _with_code(kind: str, item: Trajectory, body: Any) -> tuple[Any, Response | None]:
    """For `integrity: code`: check the body's "code" and key the ballot by it."""
    if item.integrity != "code" or not isinstance(body, dict):
        return body, None
    body = dict(body)
    token, problem = code_token(kind, item.id, body.pop("code", None))
    if problem is not None:
        if problem.code == "rate_limited":
            return body, error(429, "rate_limited", problem.key, "code")
        return body, problems_response([problem])
    body["token"] = token
    return body, None


def _token_of(body: Any) -> str | None:
    token = body.get("token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None


@api.get("/projects")
def list_projects() -> Response:
    lang = request_language()
    catalog = services().catalog
    return jsonify(
        {"projects": [project_json(p, lang) for p in catalog.projects.values()]}
    )


@api.get("/projects/<project_id>")
def get_project(project_id: str) -> Response:
    project = services().catalog.project(project_id)
    if project is None:
        return error(404, "not_found", "error.project_not_found")
    return jsonify(project_json(project, request_language()))


def gate(item: Trajectory | None, kind: str = "project") -> Response | None:
    """404 for an unknown trajectory, 409 when it is not open for ballots."""
    if item is None:
        return error(404, "not_found", f"error.{kind}_not_found")
    status = item.status()
    if status == "closed":
        return error(409, "closed", f"error.{kind}_closed")
    if status == "upcoming":
        return error(
            409, "not_open", f"error.{kind}_upcoming", date=item.opens.isoformat()
        )
    return None


def ballot_body(kind: str, item: Trajectory | None) -> tuple[Any, Response | None]:
    """The checks every ballot passes before its own rules: the trajectory exists and
    is open, the body is JSON, the voting code (if any) is right, not too many."""
    refused = gate(item, "project" if kind == "budget" else kind)
    if refused is not None:
        return None, refused
    body, bad = json_body()
    if bad is not None:
        return None, bad
    body, refused = _with_code(kind, item, body)
    if refused is not None:
        return None, refused
    if not ballot_allowed(_token_of(body)):
        return None, error(429, "rate_limited", "error.rate_limited")
    return body, None


@api.post("/projects/<project_id>/submissions")
def submit(project_id: str) -> Response:
    project = services().catalog.project(project_id)
    body, refused = ballot_body("budget", project)
    if refused is not None:
        return refused
    ballot, problems = budget.validate_submission(project, body)
    if ballot is None:
        return problems_response(problems)
    receipt = services().store.submit_budget(
        project.id,
        ballot.allocation,
        ballot.token,
        district=ballot.district,
        age_band=ballot.age_band,
        comment=ballot.comment,
    )
    response = jsonify({"id": receipt.id, "receipt": receipt.receipt})
    response.status_code = 201 if receipt.created else 200
    return response


@api.route("/<path:_rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(_rest: str) -> Response:
    """Unknown API paths answer in JSON; otherwise Dash's page route would take them."""
    # The resident and dashboard blueprints share this URL space, so any real
    # route at this path (whichever blueprint has it) makes the answer a 405.
    adapter = current_app.url_map.bind("")
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        if method == request.method:
            continue
        try:
            endpoint, _args = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint != "api_v1.unknown":
            return error(405, "method_not_allowed", "error.method")
    return error(404, "not_found", "error.not_found")


def vote_response(kind: str, item: Trajectory, ballot: votes.VoteBallot) -> Response:
    receipt = services().store.submit_vote(
        kind,
        item.id,
        ballot.choices,
        ballot.token,
        other_text=ballot.other_text,
        district=ballot.district,
        age_band=ballot.age_band,
    )
    response = jsonify({"id": receipt.id, "receipt": receipt.receipt})
    response.status_code = 201 if receipt.created else 200
    return response


def poll_json(poll: Poll, lang: str) -> dict[str, Any]:
    return {
        "id": poll.id,
        "question": poll.question.get(lang),
        "options": [{"id": o.id, "label": o.label.get(lang)} for o in poll.options],
        "min_choices": poll.min_choices,
        "max_choices": poll.max_choices,
        "allow_other": poll.allow_other,
        "status": poll.status(),
    }


def moodboard_json(moodboard: Moodboard, lang: str) -> dict[str, Any]:
    return {
        "id": moodboard.id,
        "title": moodboard.title.get(lang),
        "min_choices": moodboard.min_choices,
        "max_choices": moodboard.max_choices,
        "status": moodboard.status(),
        "images": [
            {
                "id": image.id,
                "title": image.title.get(lang),
                "alt": image.alt.get(lang),
                "url": image_url(moodboard.id, image.id, 960),
            }
            for image in moodboard.images
        ],
    }


@api.get("/polls")
def list_polls() -> Response:
    lang = request_language()
    polls = services().catalog.polls.values()
    return jsonify({"polls": [poll_json(poll, lang) for poll in polls]})


@api.post("/polls/<poll_id>/votes")
def vote_poll(poll_id: str) -> Response:
    poll = services().catalog.poll(poll_id)
    body, refused = ballot_body("poll", poll)
    if refused is not None:
        return refused
    ballot, problems = votes.validate_poll_vote(poll, body)
    if ballot is None:
        return problems_response(problems)
    return vote_response("poll", poll, ballot)


@api.get("/moodboards")
def list_moodboards() -> Response:
    lang = request_language()
    found = (services().moodboard(key) for key in services().catalog.moodboards)
    return jsonify({"moodboards": [moodboard_json(m, lang) for m in found if m]})


@api.post("/moodboards/<moodboard_id>/votes")
def vote_moodboard(moodboard_id: str) -> Response:
    moodboard = services().moodboard(moodboard_id)
    body, refused = ballot_body("moodboard", moodboard)
    if refused is not None:
        return refused
    ballot, problems = votes.validate_moodboard_vote(moodboard, body)
    if ballot is None:
        return problems_response(problems)
    return vote_response("moodboard", moodboard, ballot)


@api.get("/districts")
def districts() -> Response:
    return jsonify({"districts": options(DISTRICTS, request_language())})


@api.get("/age-bands")
def age_bands() -> Response:
    return jsonify({"age_bands": options(AGE_BANDS, request_language())})

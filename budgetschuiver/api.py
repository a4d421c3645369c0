"""JSON API under /api/v1: thin — parse, validate with the pure rules, store."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from budgetschuiver import budget, i18n
from budgetschuiver.context import services
from budgetschuiver.demographics import AGE_BANDS, DISTRICTS, options
from budgetschuiver.problems import Problem
from budgetschuiver.projects import BudgetProject
from budgetschuiver.web import request_language

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


def gate(project: BudgetProject | None) -> Response | None:
    """404 for an unknown trajectory, 409 when it is not open for ballots."""
    if project is None:
        return error(404, "not_found", "error.project_not_found")
    status = project.status()
    if status == "closed":
        return error(409, "closed", "error.project_closed")
    if status == "upcoming":
        return error(
            409, "not_open", "error.project_upcoming", date=project.opens.isoformat()
        )
    return None


@api.post("/projects/<project_id>/submissions")
def submit(project_id: str) -> Response:
    project = services().catalog.project(project_id)
    refused = gate(project)
    if refused is not None:
        return refused
    body, bad = json_body()
    if bad is not None:
        return bad
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
    adapter = current_app.url_map.bind("")
    for method in ("GET", "POST"):
        try:
            endpoint, _args = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint.startswith("api_v1.") and endpoint != "api_v1.unknown":
            return error(405, "method_not_allowed", "error.method")
    return error(404, "not_found", "error.not_found")


@api.get("/districts")
def districts() -> Response:
    return jsonify({"districts": options(DISTRICTS, request_language())})


@api.get("/age-bands")
def age_bands() -> Response:
    return jsonify({"age_bands": options(AGE_BANDS, request_language())})

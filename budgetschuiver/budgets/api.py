"""Budgets in the JSON API: the definitions and sending a budget."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel.api import PREFIX, error, json_body, receipt_response
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language

from .model import BudgetProject

api = Blueprint("budgets_api", __name__, url_prefix=PREFIX)


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


@api.get("/projects")
def list_projects() -> Response:
    lang = request_language()
    projects = services().catalog.of("budget").values()
    return jsonify({"projects": [project_json(p, lang) for p in projects]})


@api.get("/projects/<project_id>")
def get_project(project_id: str) -> Response:
    project = services().catalog.find("budget", project_id)
    if project is None:
        return error(404, "not_found", "error.project_not_found")
    return jsonify(project_json(project, request_language()))


@api.post("/projects/<project_id>/submissions")
def submit(project_id: str) -> Response:
    known = services()
    project = known.catalog.find("budget", project_id)
    return receipt_response(cast(known.catalog.kinds["budget"], project, json_body))

"""JSON API under /api/v1: the kernel's part (errors, the body, unknown paths,
districts and age bands); each kind adds its own blueprint under the same prefix."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.cast import Outcome, Refusal
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS, options
from budgetschuiver.kernel.problems import Problem
from budgetschuiver.kernel.web import request_language

PREFIX = "/api/v1"
api = Blueprint("api_v1", __name__, url_prefix=PREFIX)


def error(status: int, code: str, key: str, field: str = "", **params) -> Response:
    """`{"error": {code, message, field}}` with the status; the message in the
    request's language."""
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
    """422 with the first problem as `error` and all of them as `errors`."""
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


def json_body() -> tuple[Any, Refusal | None]:
    """The parsed request body, or a 400 refusal for anything that is not JSON."""
    try:
        return json.loads(request.get_data(cache=True)), None
    except (ValueError, RecursionError):
        # RecursionError: deeply nested arrays are a malformed body, not a crash.
        return None, Refusal(400, "not_json", "error.not_json")


def refusal_response(refusal: Refusal) -> Response:
    """A pipeline refusal as the API answers it (dates as ISO 8601)."""
    if refusal.problems:
        return problems_response(list(refusal.problems))
    params = {
        name: value.isoformat() if isinstance(value, dt.date) else value
        for name, value in refusal.params.items()
    }
    return error(refusal.status, refusal.code, refusal.key, refusal.field, **params)


def receipt_response(outcome: Outcome) -> Response:
    """201 for a new contribution, 200 for one that replaced the sender's earlier
    one; `{"id", "receipt"}`, or the refusal."""
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    receipt = outcome.receipt
    response = jsonify({"id": receipt.id, "receipt": receipt.receipt})
    response.status_code = 201 if receipt.created else 200
    return response


@api.route("/<path:_rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(_rest: str) -> Response:
    """Unknown API paths answer in JSON; otherwise Dash's page route would take them."""
    # Every kind's blueprint and the dashboard's share this URL space, so any real
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


@api.get("/districts")
def districts() -> Response:
    return jsonify({"districts": options(DISTRICTS, request_language())})


@api.get("/age-bands")
def age_bands() -> Response:
    return jsonify({"age_bands": options(AGE_BANDS, request_language())})

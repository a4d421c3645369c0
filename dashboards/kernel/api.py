"""What every kind's dashboard API routes share (under /api/v1, for logged-in
accounts: session or HTTP Basic): errors, filters from the query string, results."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from budgetschuiver.kernel.api import PREFIX, error
from budgetschuiver.kernel.context import services
from dashboards.kernel.filters import FilterError, Filters, parse_filters
from dashboards.kernel.service import compute

# The JSON error shape and the prefix are the resident API's: one for all of /api/v1.
__all__ = ["PREFIX", "error", "request_filters", "results_response"]


def request_filters() -> Filters | Response:
    """The query string's filters, or a 400 naming the field at fault."""
    try:
        return parse_filters(request.args)
    except FilterError as exc:
        return error(400, "invalid_filter", "error.bad_filter", exc.field)


def results_response(kind: str, item: Any) -> Response:
    """A trajectory's results under the query string's filters (`compute`), with
    how many ballots were cast under an earlier definition; 404 for an unknown
    trajectory, 400 for a bad filter."""
    if item is None:
        noun = services().catalog.kinds[kind].noun
        return error(404, "not_found", f"error.{noun}_not_found")
    filters = request_filters()
    if isinstance(filters, Response):
        return filters
    data = compute(kind, item, filters)
    if not data.get("suppressed"):
        earlier, outdated = services().ballot_versions(kind, item.id)
        data = data | {"definitions": {"earlier": earlier, "outdated": outdated}}
    response = jsonify(data)
    response.headers["Cache-Control"] = "private, no-store"
    return response

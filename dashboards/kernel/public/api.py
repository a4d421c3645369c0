"""GET /api/v1/<projects|polls|moodboards>/<id>/public-results: the dashboard's
results at its default filters for anyone, while the definition makes them public
(`404` otherwise, with when they come in the caller's language)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.web import request_language
from dashboards.kernel.public.kinds import PublicKind, registered
from dashboards.kernel.public.results import is_public, public_results

public_api = Blueprint("public_api", __name__, url_prefix="/api/v1")


def _error(status: int, code: str, message: str) -> Response:
    response = jsonify({"error": {"code": code, "field": "", "message": message}})
    response.status_code = status
    return response


def public_results_api(kind: PublicKind, item_id: str) -> Response:
    lang = request_language()
    item = kind.find(item_id)
    if item is None:
        return _error(404, "not_found", i18n.t("loop.not_found", lang))
    if not is_public(item):
        return _error(404, "not_public", not_public_text(item, lang))
    response = jsonify(public_results(kind, item))
    # Public, but results change with every ballot: caches ask again.
    response.headers["Cache-Control"] = "no-cache"
    return response


# One address per kind (its `segment`), named in the README's API table.
@public_api.get("/<segment>/<item_id>/public-results")
def public_results_by_segment(segment: str, item_id: str) -> Response:
    kind = next((k for k in registered() if k.segment == segment), None)
    if kind is None:
        return _error(404, "not_found", i18n.t("error.not_found", request_language()))
    return public_results_api(kind, item_id)


def not_public_text(item, lang: str) -> str:
    """Why the results are not shown yet, and when they will be."""
    if item.results_public == "never":
        return i18n.t("loop.never", lang)
    if item.status() == "upcoming":
        return i18n.t(
            "loop.not_yet_open", lang, date=i18n.format_date(item.opens, lang)
        )
    return i18n.t("loop.not_yet", lang, date=i18n.format_date(item.closes, lang))

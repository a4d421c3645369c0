"""GET /api/v1/<segment>/<id>/public-results (projects, polls, moodboards,
idea-rounds, forums, qa: each kind's `PublicKind.segment`): the dashboard's
results at its default filters for anyone, while the definition makes them public
(`404` otherwise, with when they come in the caller's language)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.web import request_language
from dashboards.kernel.public.kinds import PublicKind
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


def install(server: Any, kinds: Iterable[PublicKind]) -> None:
    """One address per kind with a loop-back part (its `segment`), as the README's
    API table names them: `GET /api/v1/<segment>/<id>/public-results`."""
    for kind in kinds:
        server.add_url_rule(
            f"{public_api.url_prefix}/{kind.segment}/<item_id>/public-results",
            endpoint=f"public_results_{kind.kind}",
            view_func=lambda item_id, kind=kind: public_results_api(kind, item_id),
            methods=["GET"],
        )


def not_public_text(item, lang: str) -> str:
    """Why the results are not shown yet, and when they will be."""
    if item.results_public == "never":
        return i18n.t("loop.never", lang)
    if item.status() == "upcoming":
        return i18n.t(
            "loop.not_yet_open", lang, date=i18n.format_date(item.opens, lang)
        )
    return i18n.t("loop.not_yet", lang, date=i18n.format_date(item.closes, lang))

"""Poll and moodboard results under /api/v1 for logged-in accounts."""

from __future__ import annotations

from flask import Blueprint, Response

from budgetschuiver.kernel.context import services
from dashboards.kernel import auth
from dashboards.kernel.api import PREFIX, results_response

api = Blueprint("dashboard_choices_api", __name__, url_prefix=PREFIX)


@api.get("/polls/<poll_id>/results")
@auth.api_login_required()
def poll_results(poll_id: str) -> Response:
    return results_response("poll", services().catalog.find("poll", poll_id))


@api.get("/moodboards/<moodboard_id>/results")
@auth.api_login_required()
def moodboard_results(moodboard_id: str) -> Response:
    return results_response("moodboard", services().item("moodboard", moodboard_id))

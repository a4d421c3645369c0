"""Polls in the JSON API: the questions and voting."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel.api import PREFIX, json_body, receipt_response
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language

from .model import Poll

api = Blueprint("polls_api", __name__, url_prefix=PREFIX)


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


@api.get("/polls")
def list_polls() -> Response:
    lang = request_language()
    polls = services().catalog.of("poll").values()
    return jsonify({"polls": [poll_json(poll, lang) for poll in polls]})


@api.post("/polls/<poll_id>/votes")
def vote_poll(poll_id: str) -> Response:
    known = services()
    poll = known.catalog.find("poll", poll_id)
    return receipt_response(cast(known.catalog.kinds["poll"], poll, json_body))

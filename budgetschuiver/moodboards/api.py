"""Moodboards in the JSON API: the pictures and voting."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from budgetschuiver.kernel.api import PREFIX, json_body, receipt_response
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language
from budgetschuiver.moodboards.files import image_url

from .model import Moodboard

api = Blueprint("moodboards_api", __name__, url_prefix=PREFIX)


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


@api.get("/moodboards")
def list_moodboards() -> Response:
    lang = request_language()
    known = services()
    found = (known.item("moodboard", key) for key in known.catalog.of("moodboard"))
    return jsonify({"moodboards": [moodboard_json(m, lang) for m in found if m]})


@api.post("/moodboards/<moodboard_id>/votes")
def vote_moodboard(moodboard_id: str) -> Response:
    known = services()
    moodboard = known.item("moodboard", moodboard_id)
    kind = known.catalog.kinds["moodboard"]
    return receipt_response(cast(kind, moodboard, json_body))

"""Serving moodboard pictures: phone-sized WebP versions, cached by browsers."""

from __future__ import annotations

import functools

from flask import Blueprint, Response, abort, request

from budgetschuiver import media
from budgetschuiver.context import services

files = Blueprint("files", __name__)

ONE_WEEK = 7 * 24 * 3600


def image_url(moodboard_id: str, image_id: str, width: int) -> str:
    return f"/media/moodboards/{moodboard_id}/{image_id}-{width}.webp"


@functools.lru_cache(maxsize=128)
def _resized(data: bytes, width: int) -> bytes:
    return media.resized(data, width)


@files.get("/media/moodboards/<moodboard_id>/<image_id>-<int:width>.webp")
def moodboard_image(moodboard_id: str, image_id: str, width: int) -> Response:
    if width not in media.SIZES:
        abort(404)
    moodboard = services().moodboard(moodboard_id)
    image = moodboard.image(image_id) if moodboard else None
    data = services().image_bytes(moodboard, image) if image else None
    if data is None:
        abort(404)
    response = Response(_resized(data, width), mimetype="image/webp")
    response.headers["Cache-Control"] = f"public, max-age={ONE_WEEK}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.add_etag()
    return response.make_conditional(request)

"""Serving ideas' pictures: phone-sized WebP versions of published ideas only (a
pending, hidden, rejected or deleted idea's picture is not public), and the
larger request bodies a picture needs."""

from __future__ import annotations

import re

from flask import Blueprint, Response

from budgetschuiver.ideas.store import StoredIdea
from budgetschuiver.ideas.validate import PICTURE_BASE64_MAX
from budgetschuiver.kernel import media
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pictures import webp_response

idea_files = Blueprint("idea_files", __name__)

# Short: a picture a moderator hides should leave shared caches soon; the ETag
# makes the browser's check after that cheap.
MAX_AGE = 10 * 60
# The widths pages use: the list's thumbnail and the idea page's picture.
THUMBNAIL, LARGE = media.SIZES
# A post with a picture: the picture in base64 plus the idea's texts. Allowed to
# the API's idea route and to the idea form's callback (`pages.POST_OUTPUT`).
BODY_BYTES = PICTURE_BASE64_MAX + 64 * 1024
API_ROUTE = re.compile(r"^/api/v1/idea-rounds/[^/]{1,64}/ideas$")


def picture_url(idea_id: str, width: int) -> str:
    return f"/media/ideas/{idea_id}-{width}.webp"


def picture_json(idea: StoredIdea) -> dict | None:
    """`{"url", "thumbnail_url", "alt", "width", "height"}` of an idea's picture
    (width and height in pixels of the version at `url`), or None without one."""
    if idea.picture_alt is None or not idea.picture_width or not idea.picture_height:
        return None
    width = min(LARGE, idea.picture_width)
    return {
        "url": picture_url(idea.id, LARGE),
        "thumbnail_url": picture_url(idea.id, THUMBNAIL),
        "alt": idea.picture_alt,
        "width": width,
        "height": round(idea.picture_height * width / idea.picture_width),
    }


@idea_files.get("/media/ideas/<idea_id>-<int:width>.webp")
def idea_picture(idea_id: str, width: int) -> Response:
    """A published idea's picture at most `width` (one of `media.SIZES`) wide;
    404 otherwise."""
    data = services().store.idea_picture(idea_id) if width in media.SIZES else None
    return webp_response(data, width, MAX_AGE)

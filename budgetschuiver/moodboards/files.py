"""Serving moodboard pictures: phone-sized WebP versions, cached by browsers."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort

from budgetschuiver.kernel import media
from budgetschuiver.kernel.context import Services, services
from budgetschuiver.kernel.pictures import webp_response
from budgetschuiver.kernel.settings import Settings
from budgetschuiver.kernel.trajectory import LocalText
from budgetschuiver.moodboards.model import Moodboard, MoodboardImage

files = Blueprint("files", __name__)

ONE_WEEK = 7 * 24 * 3600


def image_url(moodboard_id: str, image_id: str, width: int) -> str:
    return f"/media/moodboards/{moodboard_id}/{image_id}-{width}.webp"


@files.get("/media/moodboards/<moodboard_id>/<image_id>-<int:width>.webp")
def moodboard_image(moodboard_id: str, image_id: str, width: int) -> Response:
    if width not in media.SIZES:
        abort(404)
    known = services()
    moodboard = known.item("moodboard", moodboard_id)
    image = moodboard.image(image_id) if moodboard else None
    data = image_bytes(known, moodboard, image) if image else None
    return webp_response(data, width, ONE_WEEK)


def with_uploads(known: Services, base: Moodboard) -> Moodboard:
    """The moodboard with the pictures from its definition and those uploaded."""
    uploaded = known.store.uploaded_images(base.id)
    if not uploaded:
        return base
    extra = tuple(
        MoodboardImage(
            id=item.image_id,
            file=f"{item.image_id}.webp",
            title=LocalText(**item.title),
            alt=LocalText(**item.alt),
            description=LocalText(**item.description)
            if item.description.get("nl")
            else None,
        )
        for item in uploaded
    )
    return base.model_copy(update={"images": base.images + extra})


def image_bytes(
    known: Services, moodboard: Moodboard, image: MoodboardImage
) -> bytes | None:
    """The stored picture: shipped with the definitions, else uploaded."""
    path = image_path(known.settings, moodboard.id, image.file)
    if path.is_file():
        return path.read_bytes()
    return known.store.image_data(moodboard.id, image.id)


def image_path(settings: Settings, moodboard_id: str, file: str) -> Path:
    return Path(settings.data_dir) / "moodboards" / "images" / moodboard_id / file

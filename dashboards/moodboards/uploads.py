"""The administrators' page for adding a moodboard picture (a plain form, with CSRF)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, render_template, request

from budgetschuiver.kernel import i18n, media
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language
from budgetschuiver.moodboards.store import UploadedImage
from dashboards.kernel import auth

PATH = "/dashboard/afbeeldingen"
# The whole form: the picture plus a few short text fields.
MAX_FORM_BYTES = media.MAX_UPLOAD_BYTES + 64 * 1024

uploads = Blueprint("uploads", __name__, template_folder="templates")


# The typed fields a refused form shows again (a browser cannot refill a file).
KEPT_FIELDS = ("moodboard", "image_id", "title_nl", "alt_nl", "title_en", "alt_en")


def _page(
    status: int = 200, error: str = "", done: str = "", keep: bool = True
) -> Response:
    """The form; after a refusal with what was typed, after success empty."""
    lang = request_language()
    store = services().store
    boards = [
        {
            "id": board.id,
            "title": board.title.get(lang),
            "votes": store.count_votes("moodboard", board.id),
        }
        for board in services().catalog.of("moodboard").values()
    ]
    for board in boards:
        board["warning"] = (
            i18n.t(
                "upload.has_votes",
                lang,
                title=board["title"],
                count=i18n.format_number(board["votes"], lang),
            )
            if board["votes"]
            else ""
        )
    typed = request.form if request.method == "POST" and keep else {}
    account = auth.current_account()
    html = render_template(
        "upload.html",
        lang=lang,
        other="en" if lang == "nl" else "nl",
        t=lambda key: i18n.t(key, lang),
        sheets=auth.STYLESHEETS,
        boards=boards,
        csrf=auth.csrf_token(),
        error=error,
        done=done,
        values={name: typed.get(name, "") for name in KEPT_FIELDS},
        account=account.name if account else "",
        path=PATH,
    )
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def _admin_or_refusal() -> Response | None:
    account = auth.current_account()
    if account is None:
        return Response(status=302, headers={"Location": f"/login?next={PATH}"})
    if not account.is_admin:
        return _page(403, i18n.t("auth.forbidden", request_language()))
    return None


@uploads.get(PATH)
def form() -> Response:
    return _admin_or_refusal() or _page()


@uploads.post(PATH)
def upload() -> Response:
    refused = _admin_or_refusal()
    if refused is not None:
        return refused
    lang = request_language()
    if not auth.csrf_ok():
        return _page(400, i18n.t("auth.csrf", lang))
    moodboard = services().catalog.find("moodboard", request.form.get("moodboard"))
    image_id = request.form.get("image_id", "")
    title_nl = request.form.get("title_nl", "").strip()[:120]
    alt_nl = request.form.get("alt_nl", "").strip()[:300]
    file = request.files.get("picture")
    if moodboard is None or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", image_id):
        return _page(422, i18n.t("upload.bad_fields", lang))
    if not title_nl or not alt_nl or file is None:
        return _page(422, i18n.t("upload.bad_fields", lang))
    if services().item("moodboard", moodboard.id).image(image_id) is not None:
        return _page(422, i18n.t("upload.taken", lang))
    votes = services().store.count_votes("moodboard", moodboard.id)
    if votes and request.form.get("despite_votes") != "1":
        return _page(409, i18n.t("upload.confirm_needed", lang))
    try:
        data = media.prepare_upload(file.read(media.MAX_UPLOAD_BYTES + 1))
    except media.ImageRejected as exc:
        return _page(422, i18n.t(exc.key, lang))

    def optional(name: str, limit: int) -> str | None:
        return request.form.get(name, "").strip()[:limit] or None

    added = services().store.add_image(
        UploadedImage(
            moodboard.id,
            image_id,
            {"nl": title_nl, "en": optional("title_en", 120)},
            {"nl": alt_nl, "en": optional("alt_en", 300)},
            {"nl": None, "en": None},
        ),
        data,
    )
    if not added:
        return _page(422, i18n.t("upload.taken", lang))
    return _page(201, done=i18n.t("upload.done", lang), keep=False)

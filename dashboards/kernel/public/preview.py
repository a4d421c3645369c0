"""The results' preview picture (`/resultaten/<id>/preview.png`) and its words
(`og:image:alt`): drawn by `sharing.picture` from the public results, kept in the
shared cache per data version, so a new ballot gives a new picture."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.sharing.picture import Bar, draw_preview
from budgetschuiver.kernel.web import request_language
from dashboards.kernel.public import kinds
from dashboards.kernel.public.results import is_public, public_results
from dashboards.kernel.service import cache

previews = Blueprint("previews", __name__)
# Pictures are drawn once per data version and language; an older version's
# picture is never asked for again (its address carries the version).
KEEP_SECONDS = 24 * 3600


def _rows(kind: kinds.PublicKind, item, lang: str) -> tuple[dict | None, list]:
    if not is_public(item):
        return None, []
    data = public_results(kind, item)
    if data.get("suppressed"):
        return None, []
    return data, kind.rows(item, data, lang)


def alt_text(kind: kinds.PublicKind, item, lang: str) -> str:
    """The preview picture in words: every row the picture shows (and more)."""
    title = item.title.get(lang)
    data, rows = _rows(kind, item, lang)
    if data is None:
        return i18n.t("loop.preview_none", lang, title=title)
    if kind.shape == "amounts":
        listed = "; ".join(
            i18n.t(
                "loop.preview_budget_row",
                lang,
                label=row.label,
                amount=row.text,
                plan=i18n.format_euro(row.plan, lang),
            )
            for row in rows
        )
        return i18n.t("loop.preview_alt_budget", lang, title=title, rows=listed)
    ranked = _ranked(kind, rows)
    listed = "; ".join(
        i18n.t("loop.preview_row", lang, label=row.label, share=row.text)
        for row in ranked
    )
    return i18n.t("loop.preview_alt_votes", lang, title=title, rows=listed)


def preview_png(kind: kinds.PublicKind, item, lang: str) -> bytes:
    """The PNG for a trajectory's results in `lang` (see `draw_preview`)."""
    title = item.title.get(lang)
    data, rows = _rows(kind, item, lang)
    site = i18n.t("ui.site_name", lang)
    if data is None:
        return draw_preview(title, site, [])
    subtitle = f"{i18n.t_count('loop.n', lang, data['n'])} · {site}"
    if kind.shape == "amounts":
        shown = rows[:6]
        top = max(max(row.value, row.plan) for row in shown) or 1.0
        bars = [
            Bar(row.label, row.value / top, row.text, row.plan / top) for row in shown
        ]
        legend = (
            i18n.t("loop.preview_residents", lang),
            i18n.t("loop.preview_plan", lang),
        )
        return draw_preview(title, subtitle, bars, legend)
    ranked = _ranked(kind, rows)
    pictures = _pictures(kind, item, ranked[:3])
    if pictures:
        return draw_preview(title, subtitle, [], pictures=pictures)
    # A ranking's row text carries its interval too; the picture has room for
    # the share (the alt text and the page give the interval).
    bars = [
        Bar(
            row.label,
            row.value,
            i18n.format_share(row.value, lang) if row.place else row.text,
        )
        for row in ranked
    ]
    return draw_preview(title, subtitle, bars)


def _ranked(kind: kinds.PublicKind, rows: list[kinds.Row]) -> list[kinds.Row]:
    """Rows most chosen first; a ranking keeps its own order (an idea's rank
    weighs its n, its bare share does not)."""
    if kind.shape == "ranking":
        return rows
    return sorted(rows, key=lambda row: -row.value)


def _pictures(
    kind: kinds.PublicKind, item, ranked: list[kinds.Row]
) -> list[tuple[bytes, str, str]]:
    """For a kind with pictures (a moodboard): the top ones with their shares."""
    if kind.picture is None:
        return []
    found = []
    for row in ranked:
        data = kind.picture_bytes(item, row.item_id)
        if data is not None:
            found.append((data, row.text, row.label))
    return found


@previews.get("/resultaten/<item_id>/preview.png")
def preview(item_id: str) -> Response:
    kind, item = kinds.find(item_id)
    if item is None:
        abort(404)
    lang = request_language()
    version = services().data_version.current()
    key = f"preview:{version}:{item.id}:{lang}"
    png = cache.get(key)
    if png is None:
        png = preview_png(kind, item, lang)
        cache.set(key, png, timeout=KEEP_SECONDS)
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response

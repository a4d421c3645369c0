"""/embed/<item_id>: a trajectory or its results, compact and without the site's
header, for an <iframe> on the city's own pages. Plain HTML (no Dash): it loads
fast inside another page, and embed.js tells the parent page its height
(`{"type": "budgetschuiver:height", "height": <px>}`) so no inner scrollbar
appears. Framing is governed by BUDGETSCHUIVER_FRAME_ANCESTORS (security.py sends
no X-Frame-Options on these pages)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, render_template

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.sharing.component import absolute
from budgetschuiver.kernel.web import request_language
from dashboards.kernel.public import kinds
from dashboards.kernel.public.results import is_public, public_results

HERE = Path(__file__).parent
# Ranked items an embed lists (the results page lists them all).
EMBED_RANKED = 10
embeds = Blueprint(
    "embeds",
    __name__,
    template_folder=str(HERE / "templates"),
    static_folder=str(HERE / "static"),
    static_url_path="/embed-static",
)


def snippet(item_id: str) -> str:
    """The copy-paste code for the city's site: the frame, and a few lines that
    set its height from our messages (only from our own origin)."""
    origin = absolute("/").rstrip("/")
    return (
        f'<iframe src="{origin}/embed/{item_id}" title="Den Haag doet mee" '
        'data-budgetschuiver style="width:100%;border:0" loading="lazy"></iframe>\n'
        "<script>addEventListener('message',function(e){"
        f"if(e.origin!=='{origin}'||!e.data||e.data.type!=='budgetschuiver:height')"
        "return;document.querySelectorAll('iframe[data-budgetschuiver]')"
        ".forEach(function(f){if(f.contentWindow===e.source)"
        "f.style.height=e.data.height+'px'})});</script>"
    )


@embeds.get("/embed/<item_id>")
def embed(item_id: str):
    kind, item = kinds.find(item_id)
    if item is None:
        abort(404)
    lang = request_language()
    rows, n, shape = [], None, kind.shape
    if is_public(item):
        data = public_results(kind, item)
        if not data.get("suppressed"):
            rows, n = kind.rows(item, data, lang), data["n"]
            # A ranking may hold thousands of ideas: the embed shows the top.
            rows = rows[:EMBED_RANKED] if shape == "ranking" else rows
    return render_template(
        "embed.html",
        lang=lang,
        t=lambda key, **params: i18n.t(key, lang, **params),
        title=item.title.get(lang),
        description=item.description.get(lang),
        rows=rows,
        n=i18n.t_count("loop.n", lang, n) if n is not None else None,
        shape=shape,
        conclusion=kind.conclusion(item) if kind.conclusion is not None else None,
        page=kind.page + item.id,
        results=f"/resultaten/{item.id}",
        open_now=item.status() == "open",
        euro=lambda value: i18n.format_euro(value, lang),
    )

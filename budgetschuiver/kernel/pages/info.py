"""/privacy and /toegankelijkheid: the privacy and accessibility statements.

The texts live in data/pages/<name>.<lang>.md, so the municipality can edit them
without touching code; they are rendered as Markdown without raw HTML.
"""

from __future__ import annotations

from pathlib import Path

import dash
from dash import dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language

PAGES = {
    "privacy": ("/privacy", "info.privacy"),
    "toegankelijkheid": ("/toegankelijkheid", "info.accessibility"),
    "huisregels": ("/huisregels", "info.house_rules"),
}


def _text(name: str, lang: str) -> str:
    folder = Path(services().settings.data_dir) / "pages"
    path = folder / f"{name}.{lang}.md"
    if not path.is_file():
        path = folder / f"{name}.nl.md"
    return path.read_text(encoding="utf-8")


def _layout(name: str):
    def layout(lang: str | None = None, **_kwargs: object) -> html.Div:
        lang = page_language(lang)
        return html.Div(
            dcc.Markdown(_text(name, lang), dangerously_allow_html=False),
            className="info-page",
        )

    return layout


def register() -> None:
    for name, (path, title_key) in PAGES.items():
        dash.register_page(
            f"{__name__}.{name}",
            path=path,
            layout=_layout(name),
            title=lambda key=title_key: i18n.t(key, page_language()),
        )

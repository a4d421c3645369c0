"""Any unknown address: say so plainly, in the resident's language, and point home."""

from __future__ import annotations

import dash
from dash import html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.pages.common import not_found, page_language


def title(**_kwargs: object) -> str:
    return i18n.t("error.not_found", page_language())


def layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    lang = page_language(lang)
    return not_found(lang, "error.not_found", "error.not_found_body")


def register() -> None:
    # Dash serves the page whose module name ends in "not_found_404" for unknown paths.
    dash.register_page(__name__, path="/404", layout=layout, title=title)

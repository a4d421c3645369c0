"""Small layout helpers the resident pages share."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from budgetschuiver import i18n
from budgetschuiver.web import request_language


def page_language(lang: object = None) -> str:
    """The language for a layout: an explicit ?lang= first, then the request's."""
    if isinstance(lang, str) and lang in i18n.LANGUAGES:
        return lang
    return request_language()


def notice(text: str, color: str = "info", **kwargs) -> dbc.Alert:
    return dbc.Alert(text, color=color, className="notice", **kwargs)


def not_found(lang: str, title_key: str, body_key: str) -> html.Div:
    return html.Div(
        [
            html.H1(i18n.t(title_key, lang)),
            html.P(i18n.t(body_key, lang)),
            html.A(
                i18n.t("budget.to_home", lang), href="/", className="btn btn-primary"
            ),
        ],
        className="not-found",
    )

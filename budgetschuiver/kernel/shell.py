"""The frame around every resident page: skip link, header, language switch, footer."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, dcc, html

from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.web import request_language


def layout() -> html.Div:
    """Built per page load, so it speaks the resident's language."""
    lang = request_language()
    other = "en" if lang == "nl" else "nl"
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            # The resident's optional district and age band: this browser only.
            dcc.Store(id=ids.PROFILE, storage_type="local"),
            html.A(i18n.t("ui.skip", lang), href="#main", className="skip-link"),
            html.Header(
                html.Div(
                    [
                        dcc.Link(
                            [
                                html.Span("Den Haag", className="brand-city"),
                                html.Span(
                                    i18n.t("ui.brand_tagline", lang),
                                    className="brand-name",
                                ),
                            ],
                            href="/",
                            className="brand",
                        ),
                        html.A(
                            i18n.t("ui.other_language", lang),
                            id=ids.LANG_LINK,
                            href=f"?lang={other}",
                            lang=other,
                            hrefLang=other,
                            className="lang-switch",
                        ),
                    ],
                    className="container header-inner",
                ),
                className="site-header",
            ),
            html.Main(
                dash.page_container, id="main", className="container", tabIndex="-1"
            ),
            html.Footer(
                html.Div(
                    [
                        html.P(i18n.t("ui.footer", lang)),
                        html.Ul(
                            [
                                html.Li(
                                    dcc.Link(
                                        i18n.t("info.privacy", lang), href="/privacy"
                                    )
                                ),
                                html.Li(
                                    dcc.Link(
                                        i18n.t("info.accessibility", lang),
                                        href="/toegankelijkheid",
                                    )
                                ),
                            ],
                            className="footer-links",
                        ),
                    ],
                    className="container",
                ),
                className="site-footer",
            ),
        ],
        className="shell",
    )


# location -> the language link keeps the page the resident is on
dash.clientside_callback(
    ClientsideFunction("shell", "languageLink"),
    Output(ids.LANG_LINK, "href"),
    Input(ids.URL, "pathname"),
    Input(ids.URL, "search"),
)

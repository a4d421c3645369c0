"""/: every trajectory a resident can take part in now, and what happens with it."""

from __future__ import annotations

import dash
from dash import dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.kernel.trajectory import Trajectory


def title(**_kwargs: object) -> str:
    return i18n.t("ui.site_name", page_language())


def _when(item: Trajectory, lang: str) -> str:
    status = item.status()
    if status == "upcoming":
        return i18n.t("home.opens", lang, date=i18n.format_date(item.opens, lang))
    if status == "closed":
        return i18n.t("home.closed", lang, date=i18n.format_date(item.closes, lang))
    return i18n.t("home.closes", lang, date=i18n.format_date(item.closes, lang))


def card(item: Trajectory, kind_key: str, href: str, lang: str) -> html.Article:
    """One trajectory on the home page; polls and moodboards use the same card."""
    heading_id = f"card-{item.id}"
    return html.Article(
        [
            html.P(i18n.t(kind_key, lang), className="card-kind"),
            html.H2(dcc.Link(item.title.get(lang), href=href), id=heading_id),
            html.P(item.description.get(lang)),
            html.Ul(
                [
                    html.Li(i18n.t("level." + item.participation, lang)),
                    html.Li(_when(item, lang)),
                ],
                className="card-facts",
            ),
            html.H3(i18n.t("home.what_we_do", lang)),
            html.P(item.what_we_do.get(lang)),
            dcc.Link(
                [
                    i18n.t("home.take_part", lang),
                    html.Span(": " + item.title.get(lang), className="visually-hidden"),
                ],
                href=href,
                className="btn btn-primary",
            ),
        ],
        className="trajectory-card",
        **{"aria-labelledby": heading_id},
    )


def layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    listed = [
        (item, f"home.kind.{kind.name}", f"{kind.path}{item.id}")
        for kind, item in catalog.everything()
    ]
    # Soonest closing first: what needs an answer now comes on top.
    cards = [
        card(item, kind, href, lang)
        for item, kind, href in sorted(listed, key=lambda entry: entry[0].closes)
        if item.status() == "open"
    ]
    finished = [
        html.Li(dcc.Link(item.title.get(lang), href=href))
        for item, _kind, href in sorted(
            listed, key=lambda entry: entry[0].closes, reverse=True
        )
        if item.status() == "closed"
    ]
    return html.Div(
        [
            html.H1(i18n.t("home.title", lang)),
            html.P(i18n.t("home.intro", lang), className="lead"),
            html.Div(cards, className="trajectory-list")
            if cards
            else html.P(i18n.t("home.none", lang)),
            html.Section(
                [
                    html.H2(i18n.t("home.finished", lang), id="finished-title"),
                    html.Ul(finished, className="finished-list"),
                ],
                className="finished",
                hidden=not finished,
                **{"aria-labelledby": "finished-title"},
            ),
        ],
        className="home-page",
    )


def register() -> None:
    dash.register_page(
        __name__,
        path="/",
        layout=layout,
        title=title,
        description=lambda: i18n.t("home.intro", page_language()),
    )

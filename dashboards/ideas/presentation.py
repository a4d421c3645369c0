"""Presentation mode for an idea round (/dashboard/presentatie/ideeen/<round_id>):
one slide for a council room, refreshed every 30 s: how many residents rated, the
best-supported ideas by the lower bound of the 95% Wilson interval (residents'
ratings only; simulated ratings are left out and the slide says so), and how many
ideas have an answer."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.kernel import common
from dashboards.kernel.guard import Call, dashboard_callback

PATH = "/dashboard/presentatie/ideeen/<round_id>"
ROUND = "db-present-ideas-round"
SLIDE = "db-present-ideas-slide"
TICK = "db-present-ideas-tick"
REFRESH_MS = 30_000
# Ideas on the slide: as many as a room can read.
SHOWN = 5


def title(round_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dbi.present_title', lang)} · {i18n.t('db.title', lang)}"


def layout(round_id: str | None = None, lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    round_ = services().catalog.find("ideas", round_id) or next(
        iter(services().catalog.of("ideas").values()), None
    )
    page = html.Div(
        [
            dcc.Store(id=ROUND, data=round_.id if round_ else None),
            dcc.Store(id=common.LANG, data=lang),
            dcc.Interval(id=TICK, interval=REFRESH_MS),
            html.Div(id=SLIDE, className="db-slide", **{"aria-live": "polite"}),
        ],
        className="db-presentation",
    )
    return common.private(page, lang)


def slide(round_id: object, lang: str) -> list:
    """The slide's parts for a round id (anything from the browser: checked)."""
    round_ = (
        services().catalog.find("ideas", round_id)
        if isinstance(round_id, str)
        else None
    )
    if round_ is None:
        return [html.P(i18n.t("ideas.not_found", lang))]
    store = services().store
    ranked = rules.rank(store.rating_counts(round_.id))
    titles = {item["id"]: item for item in store.idea_overview(round_.id)}
    rows = []
    for place in ranked[:SHOWN]:
        n = place.support + place.oppose
        if not n:
            break
        low, high = rules.wilson_interval(place.support, place.oppose)
        rows.append(
            html.Li(
                [
                    html.Span(f"{place.rank}{' (=)' if place.tied else ''}. "),
                    html.Strong(titles[place.id]["title"]),
                    " ",
                    i18n.t(
                        "dbi.present_idea",
                        lang,
                        share=i18n.format_share(place.support / n, lang),
                        low=i18n.format_share(low, lang),
                        high=i18n.format_share(high, lang),
                        n=i18n.format_number(n, lang),
                    ),
                ]
            )
        )
    answered = sum(1 for item in titles.values() if item["answered"])
    return [
        html.H1(round_.title.get(lang)),
        html.P(
            i18n.t_count("dbi.raters", lang, store.count_raters(round_.id)),
            className="db-big",
        ),
        html.H2(i18n.t("dbi.present_top", lang)),
        html.Ol(rows, className="db-present-ideas")
        if rows
        else html.P(i18n.t("dbi.no_ratings", lang)),
        html.P(i18n.t("dbi.ranking_rule", lang)),
        html.P(
            i18n.t(
                "dbi.present_answered",
                lang,
                answered=i18n.format_number(answered, lang),
                ideas=i18n.format_number(len(titles), lang),
            )
        ),
        html.P(i18n.t("dbi.present_synthetic", lang), className="db-present-synthetic"),
    ]


# round / refresh tick -> the slide (signed-in accounts)
@dashboard_callback(
    Output(SLIDE, "children"),
    Input(TICK, "n_intervals"),
    State(ROUND, "data"),
)
def show(call: Call, _tick, round_id):
    return slide(round_id, call.lang)


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=title)

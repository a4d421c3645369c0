"""Presentation mode for an idea round (/dashboard/presentatie/ideeen/<round_id>):
slides for a council room, refreshed every 30 s. The ranking slide: how many
raters, the best-supported ideas by the lower bound of the 95% Wilson interval and
how many ideas have an answer. The groups slide (like the budget's "kinds of
residents"): the opinion groups with their size, their distinctive ideas and the
"supported across groups" ranking; left out of the sequence, and the ranking
slide says so, while there are no groups to show. Residents' ratings only; with
`?synthetic=1` synthetic ratings too, and every slide says how many."""

from __future__ import annotations

import dash
from dash import Input, Output, State, dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.ideas import group_results, groups_section, scope
from dashboards.kernel import common, group_parts
from dashboards.kernel.filters import Filters
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.stats import groups

PATH = "/dashboard/presentatie/ideeen/<round_id>"
ROUND = "db-present-ideas-round"
WITH_SYNTHETIC = "db-present-ideas-synthetic"
SLIDE = "db-present-ideas-slide"
TICK = "db-present-ideas-tick"
NEXT = "db-present-ideas-next"
REFRESH_MS = 30_000
# Ideas on the ranking slide and in the groups slide's "across groups" list: as
# many as a room can read.
SHOWN = 5
SLIDES = ("ranking", "groups")
# Distinctive ideas per group on the groups slide.
DISTINCTIVE = 3


def title(round_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dbi.present_title', lang)} · {i18n.t('db.title', lang)}"


def layout(
    round_id: str | None = None,
    lang: str | None = None,
    synthetic: str | None = None,
    **_kwargs,
) -> html.Div:
    lang = page_language(lang)
    round_ = services().catalog.find("ideas", round_id) or next(
        iter(services().catalog.of("ideas").values()), None
    )
    page = html.Div(
        [
            dcc.Store(id=ROUND, data=round_.id if round_ else None),
            dcc.Store(id=WITH_SYNTHETIC, data=synthetic == "1"),
            dcc.Store(id=common.LANG, data=lang),
            dcc.Interval(id=TICK, interval=REFRESH_MS),
            html.Div(id=SLIDE, className="db-slide", **{"aria-live": "polite"}),
            html.Div(
                html.Button(
                    i18n.t("dbi.present_next", lang),
                    id=NEXT,
                    type="button",
                    className="btn btn-outline-light",
                    hidden=True,
                ),
                className="db-present-controls",
            ),
        ],
        className="db-presentation",
    )
    return common.private(page, lang)


def _synthetic_note(found: scope.Scope, lang: str) -> html.P:
    """What the synthetic ratings do to the slide: counted in (how many raters),
    or left out."""
    if found.synthetic:
        text = i18n.t_count("dbi.present_with_synthetic", lang, found.synthetic)
    else:
        text = i18n.t("dbi.present_synthetic", lang)
    return html.P(text, className="db-present-synthetic")


def _ranking(round_: IdeaRound, found: scope.Scope, has_groups: bool, lang: str):
    ranked = rules.rank(found.counts)
    titles = {item["id"]: item for item in found.items}
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
    k = services().settings.min_group_size
    return [
        html.H1(round_.title.get(lang)),
        html.P(scope.raters_text(found, lang), className="db-big"),
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
        _synthetic_note(found, lang),
        None
        if has_groups
        else html.P(
            i18n.t("dbi.present_groups_none", lang, k=k), id="db-present-no-groups"
        ),
    ]


def groups_slide(found: dict, titles: dict[str, str], lang: str) -> list:
    """The groups slide for kept groups that hold at least one group: each
    group's size and share of the raters, its distinctive ideas (for or
    against), then the first `SHOWN` ideas supported across groups."""
    labels = group_results.labels(found, lang)
    k = services().settings.min_group_size
    items = []
    for g in found["groups"]:
        share = i18n.format_share(g["size"] / found["n"], lang)
        distinct = [
            f"{titles.get(idea, idea)}: "
            + i18n.t(
                groups_section.STANCE_TEXTS[g["stance"][idea]],
                lang,
                share=groups_section.share_with_n(
                    g["support"][idea], g["raters"][idea], k, lang
                ),
            )
            for idea in g["distinctive"][:DISTINCTIVE]
        ]
        items.append(
            html.Li(
                [
                    group_parts.dot(g["id"]),
                    html.Strong(
                        i18n.t_count(
                            "dbi.present_group",
                            lang,
                            g["size"],
                            label=labels[g["id"]],
                            share=share,
                        )
                    ),
                    html.Ul([html.Li(text) for text in distinct])
                    if distinct
                    else html.P(i18n.t("dbi.groups_nothing", lang)),
                ],
                className="db-present-group",
            )
        )
    places = groups.shared_places(found["consensus"], found["consensus_scores"])
    across = [
        html.Li(f"{places[idea][0]}. {titles.get(idea, idea)}")
        for idea in found["consensus"][:SHOWN]
    ]
    return [
        html.H1(i18n.t("dbi.present_groups_title", lang)),
        html.Ul(items, className="list-unstyled db-present-groups"),
        html.H2(i18n.t("dbi.groups_consensus", lang)),
        html.Ol(across, className="db-present-across"),
        html.P(groups_section.computed_text(found, lang)),
    ]


def slide(
    round_id: object, step: object, with_synthetic: object, lang: str
) -> tuple[list, bool]:
    """(the slide's parts, whether the next button shows) for a round id, the
    next button's clicks and the synthetic switch (all from the browser:
    checked). The groups slide is in the sequence only when there are groups."""
    round_ = (
        services().catalog.find("ideas", round_id)
        if isinstance(round_id, str)
        else None
    )
    if round_ is None:
        return [html.P(i18n.t("ideas.not_found", lang))], False
    synthetic = with_synthetic is True
    kept, _fresh = group_results.latest(round_, synthetic=synthetic)
    has_groups = bool(kept and kept["groups"])
    count = len(SLIDES) if has_groups else 1
    index = step % count if isinstance(step, int) and step >= 0 else 0
    found = scope.scope(round_, Filters(synthetic=synthetic), moments=False)
    if SLIDES[index] == "groups":
        parts = groups_slide(kept, groups_section.shown_titles(kept), lang)
        parts.append(_synthetic_note(found, lang))
    else:
        parts = _ranking(round_, found, has_groups, lang)
    counter = i18n.t("dbi.present_slide", lang, n=index + 1, total=count)
    parts.append(html.P(counter, className="db-slide-counter"))
    return parts, has_groups


# round / refresh tick / next -> the slide, and whether there is a next one
@dashboard_callback(
    Output(SLIDE, "children"),
    Output(NEXT, "hidden"),
    Input(TICK, "n_intervals"),
    Input(NEXT, "n_clicks"),
    State(ROUND, "data"),
    State(WITH_SYNTHETIC, "data"),
)
def show(call: Call, _tick, clicks, round_id, with_synthetic):
    parts, has_next = slide(round_id, clicks or 0, with_synthetic, call.lang)
    return parts, not has_next


def register() -> None:
    # Dash matches a path template's variable across slashes and tries pages in
    # module-name order, so the budget's /dashboard/presentatie/<project_id>
    # caught this address (project "ideeen/<id>": not found). An order puts this
    # page first.
    dash.register_page(
        __name__, path_template=PATH, layout=layout, title=title, order=0
    )

"""/dashboard: every trajectory at a glance — participants, submissions per day with
unusual days flagged, and who took part against the city's population."""

from __future__ import annotations

from collections import Counter

import dash
from dash import Output, dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.loopback import answer_status
from budgetschuiver.kernel.pages.common import page_language
from dashboards.kernel import common, figures, results
from dashboards.kernel.filters import Filters
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.public.status import answer_line, loop_parts
from dashboards.kernel.service import crowd
from dashboards.kernel.views import views
from dashboards.stats import aggregate

CONTENT = "db-overview"


def title(**_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('db.title', lang)} · {i18n.t('ui.site_name', lang)}"


def layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    lang = page_language(lang)
    page = html.Div(
        [
            common.nav("overview", lang),
            html.H1(i18n.t("db.title", lang)),
            common.filter_bar(lang),
            html.Div(id=CONTENT, className="db-content"),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _trajectories():
    """(kind name, trajectory, its results page) for every registered kind with a
    dashboard view, in registration order."""
    known = services()
    shown = views()
    for kind, base in known.catalog.everything():
        view = shown.get(kind.name)
        if view is not None and view.who is not None:
            yield kind.name, known.item(kind.name, base.id), view.link(base)


def _makeup(
    given: tuple[tuple[str | None, int | None], ...],
    table,
    population_share: dict[str, float],
    lang: str,
) -> html.Div:
    """Who took part against the population: shares among those who answered,
    with 95% intervals; those who did not answer stated apart. Counts as the
    protected table shows them: hidden ones (too small, or hidden to protect a
    small group elsewhere) look the same on purpose, since telling them apart
    would itself say which groups are small."""
    found = results.makeup(given, [key for key, _, _ in table], population_share)
    labels, sample, intervals, pop, body = [], [], [], [], []
    for row, (_key, nl, en) in zip(found.rows, table, strict=True):
        label = en if lang == "en" else nl
        labels.append(label)
        sample.append(row.share)
        intervals.append(row.interval)
        pop.append(row.population or 0.0)
        if row.hidden:
            shown, interval = i18n.t("db.hidden", lang), "–"
        elif row.share is None:
            shown, interval = "–", "–"
        else:
            shown = i18n.format_share(row.share, lang)
            interval = " – ".join(i18n.format_share(b, lang) for b in row.interval)
        body.append(
            html.Tr(
                [
                    html.Th(label, scope="row"),
                    html.Td(shown),
                    html.Td(interval),
                    html.Td(
                        i18n.format_share(row.population, lang)
                        if row.population is not None
                        else "–"
                    ),
                ]
            )
        )
    if found.unknown is None:
        unknown = i18n.t("db.makeup_unknown_hidden", lang)
    else:
        unknown = i18n.t_count(
            "db.makeup_unknown",
            lang,
            found.unknown,
            share=i18n.format_share(found.unknown_share or 0.0, lang),
        )
    graph = dcc.Graph(
        figure=figures.composition_figure(labels, sample, pop, lang, intervals),
        config=figures.GRAPH_CONFIG,
    )
    table_alt = html.Details(
        [
            html.Summary(i18n.t("db.table_alt", lang)),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(""),
                                html.Th(i18n.t("db.participants_answered", lang)),
                                html.Th(i18n.t("db.share_ci", lang)),
                                html.Th(i18n.t("db.population", lang)),
                            ]
                        )
                    ),
                    html.Tbody(body),
                ],
                className="table table-sm",
            ),
        ]
    )
    return html.Div(
        [
            html.P(i18n.t("db.makeup_how", lang), className="form-text"),
            graph,
            html.P(unknown, className="db-makeup-unknown"),
            table_alt,
        ],
        className="db-makeup",
    )


def _population_shares(population, index: int) -> dict[str, float]:
    totals: Counter = Counter()
    for cell, people in population.items():
        totals[cell[index]] += people
    everyone = sum(totals.values()) or 1
    return {key: value / everyone for key, value in totals.items()}


def _card(kind: str, item, href: str, filters: Filters, lang: str) -> html.Article:
    settings = services().settings
    who = crowd(kind, item, filters)
    heading_id = f"db-card-{kind}-{item.id}"
    parts: list = [
        html.H2(dcc.Link(item.title.get(lang), href=href), id=heading_id),
        html.P(
            f"{i18n.t('home.kind.' + kind, lang)} · "
            f"{i18n.t('level.' + item.participation, lang)}",
            className="card-kind",
        ),
        *loop_parts(item, lang),
    ]
    if who.suppressed:
        parts.append(common.suppressed_note(lang, settings.min_group_size))
        return html.Article(
            parts, className="db-card", **{"aria-labelledby": heading_id}
        )
    parts.append(
        html.P(
            html.Strong(
                common.n_caption(who.n, lang, who.synthetic, who.synthetic_excluded)
            ),
            className="db-n",
        )
    )
    parts.append(common.period_note(who.period, lang))
    parts.append(common.integrity_note(kind, item, lang))
    parts += common.versions_note(kind, item, lang)
    # Per whole period, as the protected table counts them; hidden periods are
    # left out of the chart and marked in the table.
    days = [start for start, count in who.per_period if count is not None]
    counts = [count for _start, count in who.per_period if count is not None]
    surges = aggregate.flag_surges(days, counts, step=7)
    per_period = {
        start: Counter(per_district) for start, per_district in who.districts_per_period
    }
    overall = Counter({(k or "unknown"): v for k, v in who.by_district if v})
    dominance = aggregate.flag_district_dominance(
        {
            start: Counter({k: v for k, v in found.items() if k != "rest"})
            + Counter({None: found["rest"]})
            for start, found in per_period.items()
        },
        {k: v / who.n for k, v in overall.items()},
    )
    names = {key: (en if lang == "en" else nl) for key, nl, en in DISTRICTS}
    flags = [
        i18n.t_count(
            "db.surge_week",
            lang,
            counts[days.index(day)],
            date=i18n.format_date(day, lang),
        )
        for day in surges
    ]
    flags += [
        i18n.t(
            "db.surge_district",
            lang,
            date=i18n.format_date(day, lang),
            district=names.get(district, district),
            share=i18n.format_share(share, lang),
        )
        for day, district, share in dominance
    ]
    population = results.load_population(results.population_path(settings.data_dir))
    parts += [
        html.H3(i18n.t("db.per_week", lang)),
        dcc.Graph(
            figure=figures.daily_figure(days, counts, surges, lang),
            config=figures.GRAPH_CONFIG,
        ),
        html.Details(
            [
                html.Summary(i18n.t("db.table_alt", lang)),
                html.Table(
                    [
                        html.Thead(
                            html.Tr(
                                [
                                    html.Th(i18n.t("db.week_of", lang), scope="col"),
                                    html.Th(
                                        i18n.t("db.submissions", lang), scope="col"
                                    ),
                                ]
                            )
                        ),
                        html.Tbody(
                            [
                                html.Tr(
                                    [
                                        html.Td(i18n.format_date(start, lang)),
                                        html.Td(
                                            i18n.format_number(count, lang)
                                            if count is not None
                                            else i18n.t("db.hidden", lang)
                                        ),
                                    ]
                                )
                                for start, count in who.per_period
                            ]
                        ),
                    ],
                    className="table table-sm db-table",
                ),
            ]
        ),
        html.H3(i18n.t("db.surges_week", lang)),
        html.Ul([html.Li(text) for text in flags])
        if flags
        else html.P(i18n.t("db.no_surges_week", lang)),
        html.H3(i18n.t("db.makeup", lang)),
        html.H4(i18n.t("db.makeup_district", lang)),
        _makeup(who.by_district, DISTRICTS, _population_shares(population, 0), lang),
        html.H4(i18n.t("db.makeup_age", lang)),
        _makeup(who.by_age, AGE_BANDS, _population_shares(population, 1), lang),
        dcc.Link(i18n.t("db.details", lang), href=href, className="btn btn-primary"),
    ]
    return html.Article(parts, className="db-card", **{"aria-labelledby": heading_id})


def _answers_elsewhere(lang: str) -> html.Section | None:
    """The trajectories of kinds without a card here (idea rounds, forums,
    question hours: their figures are on their own pages), each with its
    answer's status, so the overview says of every trajectory whether the
    municipality's answer is missing."""
    known = services()
    shown = views()
    rows = [
        html.Li(
            [
                dcc.Link(base.title.get(lang), href=view.link(base)),
                " · ",
                answer_line(base, lang),
            ],
            **{"data-answer": answer_status(base.response)},
        )
        for kind, base in known.catalog.everything()
        if (view := shown.get(kind.name)) is not None and view.who is None
    ]
    if not rows:
        return None
    return html.Section(
        [
            html.H2(i18n.t("db.answers_elsewhere", lang)),
            html.Ul(rows, className="db-answers-elsewhere"),
        ],
        className="db-card",
    )


# filters -> one card per trajectory, then the answers of the kinds without one
@dashboard_callback(Output(CONTENT, "children"), filters=True)
def render(call: Call):
    cards = [
        _card(kind, item, href, call.filters, call.lang)
        for kind, item, href in _trajectories()
        if item is not None
    ]
    return [*cards, _answers_elsewhere(call.lang)]


def register() -> None:
    dash.register_page(__name__, path="/dashboard", layout=layout, title=title)

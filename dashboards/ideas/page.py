"""/dashboard/ideeen/<round_id>: ideas ranked by the Wilson lower bound with their
intervals and n, the position-bias audit and the round's moderation figures, in
the filter bar's district, theme and period, residents' ratings only unless the
synthetic switch is on (`dashboards.ideas.scope`). Each section says which
filters it follows and the n it rests on."""

from __future__ import annotations

import dash
from dash import Input, Output, html

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.ideas import groups_section, scope
from dashboards.kernel import common
from dashboards.kernel.filters import FilterError, Filters
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.public.status import loop_parts

PATH = "/dashboard/ideeen/<round_id>"
CONTENT = "db-ideas-content"
ROUND = "db-ideas-round"


def _title(round_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dbi.title', lang)} · {i18n.t('db.title', lang)}"


def layout(round_id: str | None = None, lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    round_ = services().catalog.find("ideas", round_id) or next(
        iter(services().catalog.of("ideas").values()), None
    )
    heading = round_.title.get(lang) if round_ else ""
    themes = [
        (theme.id, theme.label.get("nl"), theme.label.get("en"))
        for theme in (round_.themes if round_ else ())
    ]
    page = html.Div(
        [
            common.nav("ideas", lang),
            html.H1(heading),
            # The answer's status, public results, report and embed code, as the
            # overview shows them for the kinds it has cards for.
            *(loop_parts(round_, lang) if round_ else []),
            html.Div(round_.id if round_ else "", id=ROUND, hidden=True),
            common.idea_filter_bar(themes, lang),
            html.Div(id=CONTENT, className="db-content"),
            groups_section.placeholder(round_, lang) if round_ else None,
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _table(head: list[str], rows: list[list], caption: str) -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Caption(caption),
                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
            ],
            className="table table-sm",
        ),
        className="table-responsive",
        # A region that may scroll sideways on a phone must be reachable by key.
        tabIndex="0",
        role="region",
        **{"aria-label": caption},
    )


def honours(keys: tuple[str, ...], n_text: str, lang: str) -> html.P:
    """Which filters a section follows (`keys` of "dbi.f.*"; none: the whole
    round) and the n it rests on."""
    if not keys:
        return html.P(i18n.t("dbi.honours_none", lang), className="db-honours")
    names = ", ".join(i18n.t(f"dbi.f.{key}", lang) for key in keys)
    return html.P(
        i18n.t("dbi.honours", lang, filters=names, n=n_text), className="db-honours"
    )


# What the sections follow: ratings (by rating day, with the switch) or ideas only.
RATING_FILTERS = ("period_rated", "district", "theme", "synthetic")
IDEA_FILTERS = ("period_posted", "district", "theme")


def raters_caption(found: scope.Scope, lang: str) -> str:
    """'n = 120 raters' with the synthetic ones counted in it or left out."""
    return common.n_caption(
        found.raters, lang, found.synthetic, found.excluded, "dbi.synthetic_excluded"
    )


def content(round_: IdeaRound, filters: Filters, lang: str) -> list:
    """The ranking, the audit and moderation figures in `filters`, then the
    further sections."""
    store = services().store
    found = scope.scope(round_, filters)
    if found.suppressed:
        return [
            html.P(
                html.Strong(common.describe(filters, lang, _themes(round_, lang))),
                className="db-n",
                role="status",
            ),
            common.suppressed_note(lang, services().settings.min_group_size),
        ]
    ranked = rules.rank(found.counts)
    titles = {item["id"]: item["title"] for item in found.items}
    share = lambda value: i18n.format_share(value, lang)  # noqa: E731
    rows = []
    for r in ranked:
        low, high = rules.wilson_interval(r.support, r.oppose)
        n = r.support + r.oppose
        rows.append(
            [
                f"{r.rank}{' (=)' if r.tied else ''}",
                titles.get(r.id, r.id),
                i18n.format_number(r.support, lang),
                i18n.format_number(r.oppose, lang),
                i18n.format_number(r.neutral, lang),
                i18n.format_number(n, lang),
                f"{share(low)} – {share(high)}" if n else "–",
            ]
        )
    audit = rules.position_audit(found.positions)
    audit_rows = [
        [
            f"{a['from']}–{a['to']}",
            i18n.format_number(a["support"] + a["oppose"], lang),
            share(a["rate"]) if a["rate"] is not None else "–",
        ]
        for a in audit
    ]
    hidden = store.hidden_totals(round_.id)
    figures = [
        html.Li(i18n.t_count("mod.waiting", lang, store.queue_size())),
        *(
            html.Li(
                f"{i18n.t(f'ideas.kind.{kind}', lang)}: "
                + ", ".join(f"{code} {n}" for code, n in sorted(counts.items()))
            )
            for kind, counts in hidden.items()
            if counts
        ),
    ]
    raters = raters_caption(found, lang)
    described = common.describe(filters, lang, _themes(round_, lang))
    return [
        html.P(
            html.Strong(f"{described} · {raters}"),
            className="db-n",
            role="status",
        ),
        html.P(
            scope.raters_text(found, lang),
        ),
        html.H2(i18n.t("dbi.ranking", lang)),
        html.P(i18n.t("dbi.ranking_rule", lang), className="form-text"),
        honours(RATING_FILTERS, raters, lang),
        _table(
            [
                i18n.t(f"dbi.col.{c}", lang)
                for c in ("rank", "idea", "support", "oppose", "neutral", "n", "ci")
            ],
            rows,
            i18n.t("dbi.ranking", lang),
        ),
        html.H2(i18n.t("dbi.audit", lang)),
        html.P(i18n.t("dbi.audit_rule", lang), className="form-text"),
        honours(
            RATING_FILTERS,
            common.n_caption(sum(a["support"] + a["oppose"] for a in audit), lang),
            lang,
        ),
        _table(
            [i18n.t(f"dbi.col.{c}", lang) for c in ("position", "n", "rate")],
            audit_rows,
            i18n.t("dbi.audit", lang),
        ),
        html.H2(i18n.t("dbi.moderation", lang)),
        honours((), "", lang),
        html.Ul(figures),
        *_sections().sections(round_, found, filters, lang),
    ]


def _themes(round_: IdeaRound, lang: str) -> dict[str, str]:
    return {theme.id: theme.label.get(lang) for theme in round_.themes}


def _sections():
    """The further sections (their module uses this one's table)."""
    from dashboards.ideas import sections

    return sections


# filters -> ranking, audit, moderation figures and the sections (signed-in accounts)
@dashboard_callback(
    Output(CONTENT, "children"),
    Input(ROUND, "children"),
    filters=common.IDEA_FILTER_IDS,
)
def show(call: Call, round_id):
    lang = call.lang
    round_ = services().catalog.find("ideas", round_id)
    if round_ is None:
        return [html.P(i18n.t("ideas.not_found", lang))]
    try:
        filters = scope.checked(round_, call.filters)
    except FilterError as exc:
        return common.filter_error(exc, lang)
    return content(round_, filters, lang)


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=_title)

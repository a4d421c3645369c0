"""/dashboard/ideeen/<round_id>: ideas ranked by the Wilson lower bound with their
intervals and n, the position-bias audit and the round's moderation figures."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.ideas import groups_section
from dashboards.kernel import common
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
    page = html.Div(
        [
            common.nav("ideas", lang),
            html.H1(heading),
            # The answer's status, public results, report and embed code, as the
            # overview shows them for the kinds it has cards for.
            *(loop_parts(round_, lang) if round_ else []),
            html.Div(round_.id if round_ else "", id=ROUND, hidden=True),
            dcc.Store(id=common.LANG, data=lang),
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


def content(round_id: str, lang: str) -> list:
    """The ranking (residents' ratings only), the audit and moderation figures."""
    store = services().store
    round_ = services().catalog.find("ideas", round_id)
    if round_ is None:
        return [html.P(i18n.t("ideas.not_found", lang))]
    ranked = rules.rank(store.rating_counts(round_.id))
    titles = {
        idea.id: idea.title
        for idea in store.ideas_by_rows([k.row_id for k in store.idea_keys(round_.id)])
    }
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
    audit = rules.position_audit(store.rating_positions(round_.id))
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
    return [
        html.P(
            i18n.t_count("dbi.raters", lang, store.count_raters(round_.id)),
        ),
        html.H2(i18n.t("dbi.ranking", lang)),
        html.P(i18n.t("dbi.ranking_rule", lang), className="form-text"),
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
        _table(
            [i18n.t(f"dbi.col.{c}", lang) for c in ("position", "n", "rate")],
            audit_rows,
            i18n.t("dbi.audit", lang),
        ),
        html.H2(i18n.t("dbi.moderation", lang)),
        html.Ul(figures),
        *_sections().sections(round_, lang),
    ]


def _sections():
    """The further sections (their module uses this one's table)."""
    from dashboards.ideas import sections

    return sections


# page -> ranking, audit, moderation figures (signed-in accounts)
@dashboard_callback(Output(CONTENT, "children"), Input(ROUND, "children"))
def show(call: Call, round_id):
    return content(round_id, call.lang)


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=_title)

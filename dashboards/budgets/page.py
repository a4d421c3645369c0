"""/dashboard/begroting/<project_id>: what residents chose, per line and together.

Flow: filters -> (server) read the ballots in the filter, suppress small groups ->
per-line statistics, aggregate budgets by three rules, trade-offs, comments.
"""

from __future__ import annotations

import datetime as dt

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.budgets import groups_section
from dashboards.kernel import auth, common, figures, results
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.service import compute, crowd

PATH = "/dashboard/begroting/<project_id>"
PROJECT = "db-project"
CONTENT = "db-budget"
COMMENTS = "db-comments"
SEARCH = "db-comment-search"
TOGGLE = "db-comment-toggle"
PRINT = "db-print"
MAX_COMMENTS = 200


def title(project_id: str | None = None, **_kwargs: object) -> str:
    project = services().catalog.find("budget", project_id)
    lang = page_language()
    name = project.title.get(lang) if project else i18n.t("db.title", lang)
    return f"{name} · {i18n.t('db.title', lang)}"


# Each file the export menu offers: (extension, CSV dialect, label key).
EXPORT_FILES = (
    ("csv", "spreadsheet", "db.export_csv_spreadsheet"),
    ("csv", "tool", "db.export_csv_tool"),
    ("xlsx", None, "db.export_xlsx"),
)


def _export_links(project_id: str, content: str, lang: str) -> list:
    """One export's heading and a link per file kind, each saying which it is
    (in a list with one group)."""
    links = []
    for fmt, dialect, key in EXPORT_FILES:
        query = [f"content={content}"] + ([f"dialect={dialect}"] if dialect else [])
        links.append(
            html.Li(
                html.A(
                    i18n.t(key, lang),
                    href=f"/api/v1/projects/{project_id}/export.{fmt}?{'&'.join(query)}",
                )
            )
        )
    return [
        html.Div(
            [
                html.H3(i18n.t(f"db.export_{content}", lang)),
                html.Ul(links, className="db-export-files"),
            ]
        )
    ]


def layout(
    project_id: str | None = None, lang: str | None = None, **_kwargs
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    project = catalog.find("budget", project_id) or next(
        iter(catalog.of("budget").values()), None
    )
    if project is None:
        return html.P(i18n.t("budget.not_found", lang))
    account = auth.current_account()
    exports = _export_links(project.id, "aggregates", lang)
    if account and account.is_admin:
        exports += _export_links(project.id, "submissions", lang)
        if project.reactions:
            exports += _export_links(project.id, "reactions", lang)
    page = html.Div(
        [
            dcc.Store(id=PROJECT, data=project.id),
            common.nav("overview", lang),
            html.H1(project.title.get(lang)),
            html.Div(
                [
                    dcc.Link(
                        i18n.t("db.present", lang),
                        href=f"/dashboard/presentatie/{project.id}",
                        className="btn btn-outline-primary",
                    ),
                    html.Button(
                        i18n.t("db.print", lang),
                        id=PRINT,
                        type="button",
                        className="btn btn-outline-primary",
                    ),
                ],
                className="db-actions d-print-none",
            ),
            common.filter_bar(lang),
            html.Div(id=CONTENT, className="db-content"),
            groups_section.placeholder(project, lang),
            common.reactions_summary("budget", project, lang, level=2),
            html.Section(
                [
                    html.H2(i18n.t("db.comments_title", lang)),
                    dbc.Label(i18n.t("db.comments_search", lang), html_for=SEARCH),
                    dbc.Input(id=SEARCH, type="search", debounce=True, value=""),
                    html.Div(id=COMMENTS, className="db-comments"),
                ],
                className="db-comments-section",
            ),
            html.Section(
                [html.H2(i18n.t("db.exports", lang)), html.Div(exports)],
                className="db-exports d-print-none",
            ),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _range_cell(low: str, high: str) -> html.Td:
    """'€ 1.000 – € 2.000' that may break after the dash, never inside an amount,
    so the table fits a laptop's width."""
    return html.Td(
        [
            html.Span(low, className="text-nowrap"),
            " ",
            html.Span(f"– {high}", className="text-nowrap"),
        ],
        className="db-range",
    )


def _lines_table(project: BudgetProject, data: dict, lang: str) -> html.Table:
    euro = lambda v: i18n.format_euro(v, lang)  # noqa: E731
    head = [
        "db.line",
        "db.plan",
        "db.mean",
        "db.median",
        "db.iqr",
        "db.ci",
        "db.raised",
        "db.lowered",
        "db.unchanged",
        "db.spread",
    ]
    raw = data.get("raw_means")
    if raw:
        head.insert(3, "db.raw_mean")
    rows = []
    notes = set()
    for line in project.lines:
        s = data["lines"][line.id]
        # Weighted results show the unweighted mean beside the weighted one.
        raw_cell = [html.Td(euro(raw[line.id]))] if raw else []
        moved, note = i18n.format_shares(
            [s["raised"], s["lowered"], s["unchanged"]], lang
        )
        notes.add(note)
        rows.append(
            html.Tr(
                [
                    html.Th(line.label.get(lang), scope="row"),
                    html.Td(euro(line.plan)),
                    html.Td(euro(s["mean"])),
                    *raw_cell,
                    html.Td(euro(s["median"])),
                    _range_cell(euro(s["p25"]), euro(s["p75"])),
                    _range_cell(euro(s["mean_ci"][0]), euro(s["mean_ci"][1])),
                    *(html.Td(text) for text in moved),
                    html.Td(
                        i18n.t("db.spread." + s["spread"], lang), className="db-text"
                    ),
                ]
            )
        )
    table = html.Div(
        html.Table(
            [
                html.Thead(
                    html.Tr([html.Th(i18n.t(k, lang), scope="col") for k in head])
                ),
                html.Tbody(rows),
            ],
            className="table table-sm db-table",
        ),
        className="table-responsive",
        tabIndex="0",
        role="region",
        **{"aria-label": i18n.t("db.lines_title", lang)},
    )
    notes.discard(None)
    if not notes:
        return table
    return html.Div(
        [table, html.P(i18n.t("share.note_rows", lang), className="form-text")]
    )


def _distribution(project: BudgetProject, data: dict, lang: str, caption: str):
    """Per line, how many chose each part of its range (binned on the server)."""
    sections = []
    for line in project.lines:
        if line.locked:
            continue
        bins = data["distributions"][line.id]
        table = html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(i18n.t("db.range", lang), scope="col"),
                            html.Th(i18n.t("db.participants", lang), scope="col"),
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(
                                    f"{i18n.format_euro(b['from'], lang)} – "
                                    f"{i18n.format_euro(b['to'], lang)}"
                                ),
                                html.Td(i18n.format_number(b["count"], lang)),
                            ]
                        )
                        for b in bins
                    ]
                ),
            ],
            className="table table-sm db-table",
        )
        sections.append(
            html.Details(
                [
                    html.Summary(line.label.get(lang)),
                    html.Figure(
                        [
                            dcc.Graph(
                                figure=figures.distribution_figure(
                                    bins, line.plan, lang
                                ),
                                config=figures.GRAPH_CONFIG,
                            ),
                            html.Figcaption(f"{line.label.get(lang)} · {caption}"),
                        ]
                    ),
                    html.Details([html.Summary(i18n.t("db.table_alt", lang)), table]),
                ],
                className="db-distribution",
            )
        )
    return html.Section(
        [
            html.H2(i18n.t("db.distribution_title", lang)),
            html.P(i18n.t("db.distribution_help", lang)),
            *sections,
        ]
    )


def _aggregates(project: BudgetProject, data: dict, lang: str) -> html.Section:
    rules = [
        ("mean", "db.agg.mean"),
        ("independent_markets", "db.agg.im"),
        ("welfare", "db.agg.welfare"),
    ]
    available = [(key, label) for key, label in rules if key in data["aggregates"]]
    spending = [line for line in project.lines if line.kind == "spending"]
    rows = [
        html.Tr(
            [
                html.Th(line.label.get(lang), scope="row"),
                html.Td(i18n.format_euro(line.plan, lang)),
            ]
            + [
                html.Td(i18n.format_euro(data["aggregates"][key][line.id], lang))
                for key, _ in available
            ]
        )
        for line in spending
    ]
    table = html.Div(
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(i18n.t("db.line", lang), scope="col"),
                            html.Th(i18n.t("db.plan", lang), scope="col"),
                        ]
                        + [
                            html.Th(i18n.t(label, lang), scope="col")
                            for _, label in available
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className="table table-sm db-table",
        ),
        className="table-responsive",
        tabIndex="0",
        role="region",
        **{"aria-label": i18n.t("db.aggregates_title", lang)},
    )
    notes = html.Dl(
        [
            item
            for key, label in available
            for item in (
                html.Dt(i18n.t(label, lang)),
                html.Dd(i18n.t(label + "_note", lang)),
            )
        ],
        className="db-rule-notes",
    )
    return html.Section(
        [
            html.H2(i18n.t("db.aggregates_title", lang)),
            html.P(total_sentence(project, data, lang), className="db-agg-total"),
            table,
            notes,
        ]
    )


def total_sentence(project: BudgetProject, data: dict, lang: str) -> str:
    """One sentence saying what the aggregate budgets' total is and why, and that
    locked lines stay at their plan."""
    parts = data.get("aggregate_total_parts") or {}
    euro = lambda v: i18n.format_euro(v, lang)  # noqa: E731
    has_revenue = any(line.kind == "revenue" for line in project.lines)
    if project.balance_rule == "balanced" and not has_revenue:
        text = i18n.t("db.agg.total_fixed", lang, amount=euro(data["aggregate_total"]))
    else:
        balance = parts.get("balance", 0.0)
        text = i18n.t(
            "db.agg.total_mean",
            lang,
            amount=euro(data["aggregate_total"]),
            fixed=euro(parts.get("fixed", project.total)),
            revenue=euro(parts.get("revenue", 0.0)),
            rest=i18n.t(
                "db.agg.total_surplus" if balance >= 0 else "db.agg.total_deficit",
                lang,
                amount=euro(abs(balance)),
            ),
        )
    locked = [line.label.get(lang) for line in project.lines if line.locked]
    if locked:
        text += " " + i18n.t("db.agg.locked", lang, lines=", ".join(locked))
    return text


def _trade_offs(project: BudgetProject, data: dict, lang: str) -> html.Section:
    labels = {line.id: line.label.get(lang) for line in project.lines}
    items = [
        html.Li(
            i18n.t(
                "db.tradeoff",
                lang,
                a=labels[t["lines"][0]],
                b=labels[t["lines"][1]],
                r=i18n.format_decimal(t["correlation"], 2, lang),
                n=i18n.format_number(t["n"], lang),
            )
        )
        for t in data["trade_offs"]
    ]
    return html.Section(
        [
            html.H2(i18n.t("db.tradeoffs_title", lang)),
            html.Ul(items) if items else html.P(i18n.t("db.no_tradeoffs", lang)),
        ]
    )


def body(
    project: BudgetProject, data: dict, filters_text: str, lang: str, min_size: int
) -> list:
    """The results as page content (also used by the print view)."""
    if data.get("suppressed"):
        return [common.suppressed_note(lang, min_size)]
    caption = f"{common.data_caption(data, lang)} · {filters_text}"
    parts: list = [html.P(html.Strong(caption), className="db-n")]
    parts.append(common.period_note(data.get("period", {}), lang))
    parts.append(common.integrity_note("budget", project, lang))
    parts += common.versions_note("budget", project, lang)
    if data.get("weighting"):
        w = data["weighting"]
        parts.append(
            dbc.Alert(
                i18n.t(
                    "db.weighting",
                    lang,
                    neff=i18n.format_number(w["effective_n"], lang),
                    excluded=i18n.t_count(
                        "db.weighting_excluded", lang, w["n_excluded"]
                    )
                    if w["n_excluded"]
                    else "",
                ).strip(),
                color="info",
            )
        )
    labels = [line.label.get(lang) for line in project.lines]
    stats = [data["lines"][line.id] for line in project.lines]
    parts += [
        html.H2(i18n.t("db.lines_title", lang)),
        html.Figure(
            [
                dcc.Graph(
                    figure=figures.lines_figure(
                        labels, [ln.plan for ln in project.lines], stats, lang
                    ),
                    config=figures.GRAPH_CONFIG,
                ),
                html.Figcaption(caption),
            ]
        ),
        _lines_table(project, data, lang),
        _distribution(project, data, lang, caption),
        _aggregates(project, data, lang),
        _trade_offs(project, data, lang),
    ]
    return parts


# filters -> statistics per line, aggregate budgets, trade-offs
@dashboard_callback(Output(CONTENT, "children"), State(PROJECT, "data"), filters=True)
def render(call: Call, project_id):
    lang = call.lang
    project = services().catalog.find("budget", project_id)
    if project is None:
        return html.P(i18n.t("budget.not_found", lang))
    data = compute("budget", project, call.filters)
    return body(
        project,
        data,
        common.describe(call.filters, lang),
        lang,
        services().settings.min_group_size,
    )


def _comment_item(row, lang: str, is_admin: bool) -> html.Li:
    hidden = row.comment_hidden
    text = [
        html.P(
            row.comment if not hidden else i18n.t("db.comment_hidden", lang),
            className="db-comment-text",
        )
    ]
    text.append(html.Small(i18n.format_moment_date(row.updated_at, lang)))
    if is_admin:
        text.append(
            html.Button(
                i18n.t("db.comment_show" if hidden else "db.comment_hide", lang),
                id={"type": TOGGLE, "id": row.id},
                type="button",
                className="btn btn-sm btn-outline-secondary ms-2",
            )
        )
    return html.Li(text, className="db-comment" + (" is-hidden" if hidden else ""))


# filters / search / moderation -> the "waarom?" comments, as text
@dashboard_callback(
    Output(COMMENTS, "children"),
    Input(SEARCH, "value"),
    Input({"type": TOGGLE, "id": ALL}, "n_clicks"),
    State(PROJECT, "data"),
    filters=True,
)
def comments(call: Call, search, _clicks, project_id):
    lang, account, filters = call.lang, call.account, call.filters
    project = services().catalog.find("budget", project_id)
    if project is None:
        return None
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and trigger.get("type") == TOGGLE and account.is_admin:
        current = services().store.budgets_for(project.id, commented=True)
        target = next((r for r in current if r.id == trigger.get("id")), None)
        if target is not None:
            services().store.set_comment_hidden(
                project.id, target.id, not target.comment_hidden
            )
    who = crowd("budget", project, filters)
    min_size = services().settings.min_group_size
    if who.suppressed:
        return common.suppressed_note(lang, min_size)
    # The same whole periods as every other figure of the group.
    rows = services().store.budgets_for(
        project.id,
        district=filters.district,
        age_band=filters.age_band,
        since=dt.date.fromisoformat(who.period["since"]),
        until=dt.date.fromisoformat(who.period["until"]),
        commented=True,
    )
    needle = (search or "").strip().casefold()[:100] if isinstance(search, str) else ""
    rows, _left_out = results.without_synthetic(rows, filters)
    found = [
        r for r in rows if r.comment and (not needle or needle in r.comment.casefold())
    ]
    found.sort(key=lambda r: r.updated_at, reverse=True)
    return [
        html.P(
            i18n.t_count("db.comments_count", lang, len(found)),
            role="status",
        ),
        html.Ul(
            [_comment_item(r, lang, account.is_admin) for r in found[:MAX_COMMENTS]],
            className="list-unstyled",
        ),
    ]


# print button -> the browser's print dialog (print CSS hides the controls)
dash.clientside_callback(
    ClientsideFunction("dashboard", "print"),
    Output(PRINT, "title"),
    Input(PRINT, "n_clicks"),
    prevent_initial_call=True,
)


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=title)

"""The "kinds of residents" section of /dashboard/begroting/<project_id>.

Flow: project, a 30-second tick -> (server) the last computed opinion groups from
the shared cache (a background recount starts when ballots changed) -> table of
groups, where they live and how old they are, what all agree on, the binned map.
"""

from __future__ import annotations

from dash import Input, Output, dcc, html

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from dashboards.budgets import group_results
from dashboards.kernel import group_parts
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.stats import groups

SECTION = "db-groups"
PROJECT = "db-groups-project"
TICK = "db-groups-tick"
# How often an open page looks for newly computed groups.
TICK_MS = 30_000


def placeholder(project: BudgetProject, lang: str) -> html.Section:
    """The section's frame; its content comes from `render`."""
    k = services().settings.min_group_size
    return html.Section(
        [
            html.H2(i18n.t("db.groups_title", lang)),
            html.P(i18n.t("db.groups_how", lang, k=k), className="db-groups-how"),
            dcc.Store(id=PROJECT, data=project.id),
            dcc.Interval(id=TICK, interval=TICK_MS),
            html.Div(id=SECTION),
        ],
        className="db-groups-section",
    )


def _cell_text(count: int | None, lang: str) -> str:
    if count is None:
        return i18n.t("db.hidden", lang)
    return i18n.format_number(count, lang)


def _computed(found: dict, lang: str) -> str:
    """ "Computed on <date> at <time> from <n> budgets, in <k> groups"."""
    date, time = group_parts.when(found, lang)
    text = i18n.t_count(
        "db.groups_computed", lang, found["n"], date=date, time=time, k=found["k"]
    )
    if found.get("synthetic"):
        # Not residents: said wherever they are counted in.
        text += " " + i18n.t_count("db.groups_synthetic", lang, found["synthetic"])
    return text


def _groups_table(found: dict, labels, names, lang: str) -> html.Div:
    n = found["n"]
    rows = []
    for g in found["groups"]:
        moves = groups.group_moves(g, names)
        share = i18n.format_share(g["size"] / n, lang) if n else ""
        rows.append(
            [
                group_parts.swatch(g["id"], labels[g["id"]]),
                html.Td(f"{i18n.format_number(g['size'], lang)} ({share})"),
                html.Td(
                    ", ".join(moves) if moves else i18n.t("db.groups_no_moves", lang)
                ),
            ]
        )
    headers = [
        i18n.t(key, lang)
        for key in ("db.groups_group", "db.groups_size", "db.groups_moves")
    ]
    return group_parts.table(headers, rows, i18n.t("db.groups_title", lang))


def _spread_table(found: dict, labels, key: str, table, title: str, lang: str):
    """Members of each group per district or age band: a row per district or
    band and a column per group (at most six), so the table fits a laptop's box
    whatever the names and hidden-cell notes."""
    groups_shown = found["groups"]
    rows = [
        [html.Th(name, scope="row")]
        + [
            html.Td(_cell_text(g[key][ident], lang) if ident in g[key] else "0")
            for g in groups_shown
        ]
        for ident, nl, en in table
        for name in (nl if lang == "nl" else en,)
    ]
    headers = [title] + [labels[g["id"]] for g in groups_shown]
    return html.Details(
        [html.Summary(title), group_parts.table(headers, rows, title)],
        className="db-groups-spread",
    )


def _agreement(found: dict, names, lang: str) -> html.Div:
    first = found["groups"][0] if found["groups"] else None
    items = [
        html.Li(
            i18n.t(
                "db.groups_agree_up"
                if first and line in first["raises"]
                else "db.groups_agree_down",
                lang,
                line=names[line],
            )
        )
        for line in found["agreement"]
    ]
    return html.Div(
        [
            html.H3(i18n.t("db.groups_agree", lang)),
            html.Ul(items) if items else html.P(i18n.t("db.groups_agree_none", lang)),
        ]
    )


def content(project: BudgetProject, found: dict | None, fresh: bool, lang: str):
    """The section's content for the kept groups (None: not computed yet)."""
    k = services().settings.min_group_size
    if found is None:
        return html.P(i18n.t("db.groups_pending", lang), role="status")
    status = [_computed(found, lang)]
    if not fresh:
        status.append(" " + i18n.t("db.groups_stale", lang))
    parts: list = [html.P(status, role="status", className="db-groups-status")]
    if found["unassigned"]:
        parts.append(
            html.P(i18n.t_count("db.groups_unassigned", lang, found["unassigned"], k=k))
        )
    if not found["groups"]:
        parts.append(html.P(i18n.t("db.groups_none", lang, k=k)))
        return parts
    labels = group_results.labels(found, project, lang)
    names = group_results.line_names(project, lang)
    parts += [
        _groups_table(found, labels, names, lang),
        html.H3(i18n.t("db.groups_where", lang)),
        _spread_table(
            found,
            labels,
            "districts",
            DISTRICTS,
            i18n.t("db.makeup_district", lang),
            lang,
        ),
        _spread_table(
            found, labels, "age_bands", AGE_BANDS, i18n.t("db.makeup_age", lang), lang
        ),
        _agreement(found, names, lang),
        group_parts.density_map(found, labels, names, lang, k),
    ]
    return parts


def slide(project: BudgetProject, shown: dict | None, lang: str) -> list:
    """The presentation's "kinds of residents" slide from `slide_data` (None:
    not computed yet, or a snapshot frozen before groups existed)."""
    k = services().settings.min_group_size
    if not shown or not shown["groups"]:
        key = "db.groups_pending" if shown is None else "db.groups_none"
        return [
            html.H1(i18n.t("db.groups_title", lang)),
            html.P(i18n.t(key, lang, k=k), className="db-big"),
        ]
    labels = group_results.labels(shown, project, lang)
    names = group_results.line_names(project, lang)
    items = []
    for g in shown["groups"]:
        share = i18n.format_share(g["size"] / shown["n"], lang)
        moves = groups.group_moves(g, names)
        items.append(
            html.Li(
                [
                    group_parts.dot(g["id"]),
                    html.Strong(
                        i18n.t_count(
                            "db.present_group",
                            lang,
                            g["size"],
                            label=labels[g["id"]],
                            share=share,
                        )
                    ),
                    html.Br(),
                    ", ".join(moves) if moves else i18n.t("db.groups_no_moves", lang),
                ],
                className="db-big",
            )
        )
    return [
        html.H1(i18n.t_count("db.present_groups", lang, len(shown["groups"]))),
        html.Ul(items, className="list-unstyled"),
        html.P(_computed(shown, lang)),
    ]


# project, tick -> the last computed groups (a recount starts in the background)
@dashboard_callback(
    Output(SECTION, "children"), Input(PROJECT, "data"), Input(TICK, "n_intervals")
)
def render(call: Call, project_id, _tick):
    lang = call.lang
    project = services().catalog.find("budget", project_id)
    if project is None:
        return html.P(i18n.t("budget.not_found", lang))
    found, fresh = group_results.latest(project)
    return content(project, found, fresh, lang)

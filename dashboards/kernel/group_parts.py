"""Parts of an opinion-groups section shared by the kinds (budgets, idea rounds):
the scrollable table, a group's colour swatch, when the groups were computed, and
the binned map with its table alternative."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from dash import dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.kernel import common, figures, group_figures


def when(found: Mapping, lang: str) -> tuple[str, str]:
    """(date, HH:MM) of `found["computed_at"]` in Europe/Amsterdam time."""
    at = dt.datetime.fromisoformat(found["computed_at"]).astimezone(TIMEZONE)
    return i18n.format_date(at.date(), lang), at.strftime("%H:%M")


def table(headers: list[str], rows: list[list], label: str) -> html.Div:
    """A small table in a region that may scroll sideways and is reachable by key;
    `rows` hold their own cells (html.Th/Td)."""
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                html.Tbody([html.Tr(row) for row in rows]),
            ],
            className="table table-sm db-table",
        ),
        className="table-responsive",
        tabIndex="0",
        role="region",
        **{"aria-label": label},
    )


def dot(group_id: int) -> html.Span:
    """The group's colour; hidden from screen readers, since the name says it."""
    return html.Span(
        className="db-group-swatch",
        style={"backgroundColor": group_figures.colour(group_id)},
        **{"aria-hidden": "true"},
    )


def swatch(group_id: int, label: str) -> html.Th:
    """A row header: the group's colour and name."""
    return html.Th([dot(group_id), label], scope="row")


def density_map(
    found: Mapping,
    labels: Mapping[int, str],
    names: Mapping[str, str],
    lang: str,
    k: int,
    texts: str = "db",
) -> html.Figure:
    """The binned map (`found["map"]`) with its caption (n, what a square holds)
    and a table alternative; `texts` is the prefix of the kind's wording
    ("db": budgets, "dbi": idea raters)."""
    title = i18n.t(f"{texts}.groups_map", lang, k=k)
    # The table alternative: per group, where its squares lie on average and how
    # many participants they hold (one row per square would be hundreds of rows).
    rows = []
    for g in found["groups"]:
        mine = [b for b in found["map"]["bins"] if b["group"] == g["id"]]
        drawn = sum(b["count"] for b in mine)
        if not drawn:
            continue
        rows.append(
            [
                swatch(g["id"], labels[g["id"]]),
                html.Td(f"{sum(b['x'] * b['count'] for b in mine) / drawn:.2f}"),
                html.Td(f"{sum(b['y'] * b['count'] for b in mine) / drawn:.2f}"),
                html.Td(i18n.format_number(drawn, lang)),
            ]
        )
    axes = [
        i18n.t(f"{texts}.groups_axis", lang, line=names[line])
        if line
        else i18n.t(f"db.groups_axis_{name}", lang)
        for line, name in (
            (found["map"].get("x_line"), "x"),
            (found["map"].get("y_line"), "y"),
        )
    ]
    headers = [
        i18n.t("db.groups_group", lang),
        *axes,
        i18n.t(f"{texts}.groups_drawn", lang),
    ]
    return html.Figure(
        [
            dcc.Graph(
                figure=group_figures.map_figure(found, labels, names, lang, texts),
                config=figures.GRAPH_CONFIG,
            ),
            html.Figcaption(
                [
                    html.Strong(title),
                    " · ",
                    common.n_caption(found["n"], lang),
                    html.Br(),
                    i18n.t(f"{texts}.groups_map_help", lang, k=k),
                ]
            ),
            html.Details(
                [
                    html.Summary(i18n.t("db.table_alt", lang)),
                    table(headers, rows, title),
                ]
            ),
        ],
        className="db-groups-map",
    )

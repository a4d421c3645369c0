"""Plotly figures for the dashboard, built from result data (no Dash, no database).

Every figure has a text or table alternative on its page; these only draw.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from budgetschuiver import i18n

GREEN = "#238541"
GREY = "#6c757d"
ORANGE = "#b35900"

# Only "download as PNG" in the toolbar; no logo, no link to other sites.
GRAPH_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": [
        "zoom2d",
        "pan2d",
        "select2d",
        "lasso2d",
        "zoomIn2d",
        "zoomOut2d",
        "autoScale2d",
        "resetScale2d",
        "hoverClosestCartesian",
        "hoverCompareCartesian",
        "toggleSpikelines",
    ],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def _layout(
    fig: go.Figure, lang: str, height: int | None, big: bool = False
) -> go.Figure:
    fig.update_layout(
        template="simple_white",
        height=height,
        margin={"l": 8, "r": 8, "t": 40, "b": 32},
        separators=",." if lang == "nl" else ".,",
        font={
            "family": "system-ui, sans-serif",
            "size": 26 if big else 13,
            "color": "#1a1a1a",
        },
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def daily_figure(
    days: Sequence[dt.date],
    counts: Sequence[int],
    flagged: Sequence[dt.date],
    lang: str,
) -> go.Figure:
    colours = [ORANGE if day in set(flagged) else GREEN for day in days]
    fig = go.Figure(
        go.Bar(
            x=list(days),
            y=list(counts),
            marker_color=colours,
            name=i18n.t("db.per_day", lang),
        )
    )
    fig.update_yaxes(title=i18n.t("db.submissions", lang), rangemode="tozero")
    return _layout(fig, lang, 260)


def lines_figure(
    labels: Sequence[str],
    plan: Sequence[float],
    stats: Sequence[Mapping],
    lang: str,
    big: bool = False,
) -> go.Figure:
    """Per line: the plan, the residents' median with its interquartile range, and
    the mean with its 95% interval."""
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            y=list(labels),
            x=[s["p75"] for s in stats],
            mode="markers",
            marker={"symbol": "line-ns-open", "size": 1, "color": "rgba(0,0,0,0)"},
            showlegend=False,
            hoverinfo="skip",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [0 for _ in stats],
                "arrayminus": [s["p75"] - s["p25"] for s in stats],
                "color": GREEN,
                "thickness": 8,
                "width": 0,
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            y=list(labels),
            x=list(plan),
            mode="markers",
            name=i18n.t("db.plan", lang),
            marker={
                "symbol": "line-ns",
                "size": 22,
                "color": GREY,
                "line": {"width": 3, "color": GREY},
            },
        )
    )
    fig.add_trace(
        go.Scatter(
            y=list(labels),
            x=[s["median"] for s in stats],
            mode="markers",
            name=i18n.t("db.median_iqr", lang),
            marker={"symbol": "circle", "size": 12, "color": GREEN},
        )
    )
    fig.add_trace(
        go.Scatter(
            y=list(labels),
            x=[s["mean"] for s in stats],
            mode="markers",
            name=i18n.t("db.mean_ci", lang),
            marker={"symbol": "diamond", "size": 10, "color": "#1a1a1a"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [s["mean_ci"][1] - s["mean"] for s in stats],
                "arrayminus": [s["mean"] - s["mean_ci"][0] for s in stats],
                "color": "#1a1a1a",
            },
        )
    )
    fig.update_xaxes(tickprefix="€ ", separatethousands=True, rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    # On a slide the figure takes the height of its box (the screen), not per line.
    return _layout(fig, lang, None if big else 60 + 38 * len(labels), big)


def shares_figure(
    labels: Sequence[str], items: Sequence[Mapping], lang: str, big: bool = False
) -> go.Figure:
    """Share of voters per option with its 95% Wilson interval."""
    shares = [item["share"] * 100 for item in items]
    fig = go.Figure(
        go.Bar(
            y=list(labels),
            x=shares,
            orientation="h",
            marker_color=GREEN,
            text=[f"{round(s)}%" for s in shares],
            textposition="outside",
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [(i["ci"][1] - i["share"]) * 100 for i in items],
                "arrayminus": [(i["share"] - i["ci"][0]) * 100 for i in items],
                "color": "#1a1a1a",
            },
            name=i18n.t("db.share", lang),
        )
    )
    fig.update_xaxes(ticksuffix="%", range=[0, 105])
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _layout(
        fig, lang, (110 if big else 60) + (70 if big else 40) * len(labels), big
    )


def composition_figure(
    labels: Sequence[str],
    sample: Sequence[float | None],
    population: Sequence[float],
    lang: str,
) -> go.Figure:
    """Who took part against who lives in the city (shares in %); suppressed groups
    are left out of the sample bars."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=list(labels),
            x=[p * 100 for p in population],
            orientation="h",
            name=i18n.t("db.population", lang),
            marker_color=GREY,
        )
    )
    fig.add_trace(
        go.Bar(
            y=list(labels),
            x=[None if s is None else s * 100 for s in sample],
            orientation="h",
            name=i18n.t("db.participants", lang),
            marker_color=GREEN,
        )
    )
    fig.update_xaxes(ticksuffix="%", rangemode="tozero")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(barmode="group")
    return _layout(fig, lang, 80 + 44 * len(labels))


def distribution_figure(bins: Sequence[Mapping], plan: float, lang: str) -> go.Figure:
    """How many residents chose each part of a line's range; the plan marked."""
    labels = [
        i18n.format_euro(b["from"], lang)
        if b["from"] == b["to"]
        else f"{i18n.format_euro(b['from'], lang)} – {i18n.format_euro(b['to'], lang)}"
        for b in bins
    ]
    colours = [GREY if b["from"] <= plan <= b["to"] else GREEN for b in bins]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[b["count"] for b in bins],
            marker_color=colours,
            name=i18n.t("db.participants", lang),
        )
    )
    fig.update_yaxes(title=i18n.t("db.participants", lang), rangemode="tozero")
    fig.update_xaxes(tickangle=-45)
    return _layout(fig, lang, 340)

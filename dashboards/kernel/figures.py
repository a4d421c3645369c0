"""Plotly figures for the dashboard, as plain dicts, built from result data (no
Dash, no database).

Every figure has a text or table alternative on its page; these only draw.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from budgetschuiver.kernel import i18n

GREEN = "#238541"
GREY = "#6c757d"
ORANGE = "#b35900"

# The vendored plotly.js 4 offers "send to cloud" (an external chart service at
# its default `plotlyServerURL`) unless told otherwise: no chart may offer to send
# its data to another host, so every config here starts from this.
NO_OTHER_HOST: dict[str, Any] = {"showSendToCloud": False, "plotlyServerURL": ""}

# Only "download as PNG" in the toolbar; no logo, no link to other sites.
GRAPH_CONFIG: dict[str, Any] = {
    **NO_OTHER_HOST,
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

# On a slide: no toolbar at all.
SLIDE_CONFIG: dict[str, Any] = {
    **NO_OTHER_HOST,
    "displayModeBar": False,
    "responsive": True,
}


# What plotly's "simple_white" template gives, spelled out: the figures are plain
# dicts that plotly.js draws as they are, so nothing has to be validated or
# expanded in Python for each figure (a room full of dashboards asks for many).
_AXIS = {
    "showline": True,
    "linecolor": "rgb(36,36,36)",
    "ticks": "outside",
    "tickcolor": "rgb(36,36,36)",
    "showgrid": False,
    "zeroline": False,
    "automargin": True,
}

Figure = dict[str, Any]


def _figure(
    traces: list[dict[str, Any]],
    lang: str,
    height: int | None,
    big: bool = False,
    xaxis: Mapping[str, Any] | None = None,
    yaxis: Mapping[str, Any] | None = None,
    **layout: Any,
) -> Figure:
    return {
        "data": traces,
        "layout": {
            "height": height,
            "margin": {"l": 8, "r": 8, "t": 40, "b": 32},
            "separators": ",." if lang == "nl" else ".,",
            "font": {
                "family": "system-ui, sans-serif",
                "size": 26 if big else 13,
                "color": "#1a1a1a",
            },
            "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "hovermode": "closest",
            "xaxis": {**_AXIS, **(xaxis or {})},
            "yaxis": {**_AXIS, **(yaxis or {})},
            **layout,
        },
    }


def _euro_axis(values: Sequence[float], lang: str) -> dict[str, Any]:
    """An x axis in euros with ticks at round amounts written the Dutch way
    ('€ 100 mln', '€ 250.000'), never plotly's SI suffixes ('100M', '250k')."""
    top = max([v for v in values if v == v] or [1.0])
    rough = max(top, 5.0) / 5
    power = 10 ** math.floor(math.log10(rough))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if f * power >= rough)
    end = max(top, 1.0) * 1.06
    ticks = [k * step for k in range(int(end // step) + 1)]
    return {
        "tickvals": ticks,
        "ticktext": [i18n.format_euro_short(v, lang) for v in ticks],
        "range": [0, end],
        "hoverformat": ",.0f",
    }


def _title(text: str) -> dict[str, Any]:
    return {"title": {"text": text}}


def daily_figure(
    days: Sequence[dt.date],
    counts: Sequence[int],
    flagged: Sequence[dt.date],
    lang: str,
    y_title: str | None = None,
) -> Figure:
    """Counts per day as bars (days flagged in orange); the y axis is titled
    `y_title`, submissions when not given."""
    marked = set(flagged)
    bar = {
        "type": "bar",
        "x": [day.isoformat() for day in days],
        "y": list(counts),
        "marker": {"color": [ORANGE if day in marked else GREEN for day in days]},
        "name": i18n.t("db.per_day", lang),
        "text": [i18n.format_date(day, lang) for day in days],
        "textposition": "none",
        "hovertemplate": "%{text}: %{y}<extra></extra>",
    }
    # Ticks on whole days only, written in the page's language: plotly's own
    # date ticks are English, and with one day they fall to fractions of a second.
    every = max(1, math.ceil(len(days) / 10))
    shown = list(days)[::every]
    return _figure(
        [bar],
        lang,
        260,
        xaxis={
            "type": "date",
            "tickvals": [day.isoformat() for day in shown],
            "ticktext": [i18n.format_day_short(day, lang) for day in shown],
        },
        yaxis={
            **_title(y_title or i18n.t("db.submissions", lang)),
            "rangemode": "tozero",
        },
    )


def lines_figure(
    labels: Sequence[str],
    plan: Sequence[float],
    stats: Sequence[Mapping],
    lang: str,
    big: bool = False,
) -> Figure:
    """Per line: the plan, the residents' median with its interquartile range, and
    the mean with its 95% interval."""
    names = list(labels)
    traces = [
        {
            "type": "scatter",
            "y": names,
            "x": [s["p75"] for s in stats],
            "mode": "markers",
            "marker": {
                "symbol": "line-ns-open",
                "size": 1,
                "color": "rgba(0,0,0,0)",
            },
            "showlegend": False,
            "hoverinfo": "skip",
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": [0 for _ in stats],
                "arrayminus": [s["p75"] - s["p25"] for s in stats],
                "color": GREEN,
                "thickness": 8,
                "width": 0,
            },
        },
        {
            "type": "scatter",
            "y": names,
            "x": list(plan),
            "mode": "markers",
            "name": i18n.t("db.plan", lang),
            "marker": {
                "symbol": "line-ns",
                "size": 22,
                "color": GREY,
                "line": {"width": 3, "color": GREY},
            },
        },
        {
            "type": "scatter",
            "y": names,
            "x": [s["median"] for s in stats],
            "mode": "markers",
            "name": i18n.t("db.median_iqr", lang),
            # A ring around the mean's diamond: where median and mean meet, both
            # stay visible (a filled dot would hide under the diamond).
            "marker": {
                "symbol": "circle-open",
                "size": 20 if big else 16,
                "color": GREEN,
                "line": {"width": 3, "color": GREEN},
            },
        },
        {
            "type": "scatter",
            "y": names,
            "x": [s["mean"] for s in stats],
            "mode": "markers",
            "name": i18n.t("db.mean_ci", lang),
            "marker": {"symbol": "diamond", "size": 8, "color": "#1a1a1a"},
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": [s["mean_ci"][1] - s["mean"] for s in stats],
                "arrayminus": [s["mean"] - s["mean_ci"][0] for s in stats],
                "color": "#1a1a1a",
            },
        },
    ]
    # On a slide the figure takes the height of its box (the screen), not per line.
    return _figure(
        traces,
        lang,
        None if big else 60 + 38 * len(names),
        big,
        xaxis=_euro_axis(
            [
                value
                for s in stats
                for value in (s["p75"], s["mean_ci"][1], s["mean"], s["median"])
            ]
            + list(plan),
            lang,
        ),
        yaxis={"autorange": "reversed"},
    )


# Percentage points between an interval's upper end and its label.
LABEL_GAP = 2.0


def shares_figure(
    labels: Sequence[str], items: Sequence[Mapping], lang: str, big: bool = False
) -> Figure:
    """Share of voters per option with its 95% Wilson interval."""
    shares = [item["share"] * 100 for item in items]
    texts, _note = i18n.format_shares([item["share"] for item in items], lang)
    highs = [item["ci"][1] * 100 for item in items]
    bar = {
        "type": "bar",
        "y": list(labels),
        "x": shares,
        "orientation": "h",
        "marker": {"color": GREEN},
        "hoverinfo": "skip",
        "error_x": {
            "type": "data",
            "symmetric": False,
            "array": [(i["ci"][1] - i["share"]) * 100 for i in items],
            "arrayminus": [(i["share"] - i["ci"][0]) * 100 for i in items],
            "color": "#1a1a1a",
        },
        "name": i18n.t("db.share", lang),
    }
    # The labels stand just past each interval's upper end (clear of its cap), so
    # no label covers an error bar (a label at the bar's end sits on top of it).
    labels_trace = {
        "type": "scatter",
        "mode": "text",
        "y": list(labels),
        "x": [high + LABEL_GAP for high in highs],
        "text": texts,
        "textposition": "middle right",
        "showlegend": False,
        "hoverinfo": "skip",
    }
    return _figure(
        [bar, labels_trace],
        lang,
        (110 if big else 60) + (70 if big else 40) * len(labels),
        big,
        xaxis={"ticksuffix": "%", "range": [0, max([100, *highs]) + 18]},
        yaxis={"autorange": "reversed"},
        showlegend=False,
    )


def composition_figure(
    labels: Sequence[str],
    sample: Sequence[float | None],
    population: Sequence[float],
    lang: str,
    intervals: Sequence[tuple[float, float] | None] | None = None,
) -> Figure:
    """Who took part against who lives in the city (shares in %, the sample's among
    those who answered, with their 95% intervals); suppressed groups are left out
    of the sample bars."""
    names = list(labels)
    bounds = list(intervals or [None] * len(names))
    traces = [
        {
            "type": "bar",
            "y": names,
            "x": [p * 100 for p in population],
            "orientation": "h",
            "name": i18n.t("db.population", lang),
            "marker": {"color": GREY},
        },
        {
            "type": "bar",
            "y": names,
            "x": [None if s is None else s * 100 for s in sample],
            "orientation": "h",
            "name": i18n.t("db.participants_answered", lang),
            "marker": {"color": GREEN},
            "error_x": {
                "type": "data",
                "symmetric": False,
                "array": [
                    0 if s is None or b is None else (b[1] - s) * 100
                    for s, b in zip(sample, bounds, strict=True)
                ],
                "arrayminus": [
                    0 if s is None or b is None else (s - b[0]) * 100
                    for s, b in zip(sample, bounds, strict=True)
                ],
                "color": "#1a1a1a",
            },
        },
    ]
    return _figure(
        traces,
        lang,
        80 + 44 * len(names),
        xaxis={"ticksuffix": "%", "rangemode": "tozero"},
        yaxis={"autorange": "reversed"},
        barmode="group",
    )


def distribution_figure(bins: Sequence[Mapping], plan: float, lang: str) -> Figure:
    """How many residents chose each part of a line's range; the plan marked."""
    labels = [
        i18n.format_euro(b["from"], lang)
        if b["from"] == b["to"]
        else f"{i18n.format_euro(b['from'], lang)} – {i18n.format_euro(b['to'], lang)}"
        for b in bins
    ]
    bar = {
        "type": "bar",
        "x": labels,
        "y": [b["count"] for b in bins],
        "marker": {
            "color": [GREY if b["from"] <= plan <= b["to"] else GREEN for b in bins]
        },
        "name": i18n.t("db.participants", lang),
    }
    return _figure(
        [bar],
        lang,
        340,
        xaxis={"tickangle": -45},
        yaxis={**_title(i18n.t("db.participants", lang)), "rangemode": "tozero"},
    )

"""The opinion-group map as a plotly figure (a plain dict; no Dash, no database).

It draws only the binned map of `groups.budget_groups` or `groups.idea_groups`
(squares of at least k participants), never single participants; the page puts a
table beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from budgetschuiver.kernel import i18n
from dashboards.kernel.figures import Figure, _figure

# Okabe & Ito's colour-blind-safe palette (2008), darkened where needed for 3:1
# contrast on white; a group keeps its colour because its id is kept.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#8A6D00",
    "#56B4E9",
    "#000000",
    "#E69F00",
)


def colour(group_id: int) -> str:
    """The colour of a group, by its (stable) id."""
    return PALETTE[(group_id - 1) % len(PALETTE)]


def map_figure(
    found: Mapping,
    labels: Mapping[int, str],
    names: Mapping[str, str],
    lang: str,
    texts: str = "db",
) -> Figure:
    """One trace per shown group: its squares of the map, dot area by
    participants. `texts`: the prefix of the hover and axis texts
    ("db": budgets, "dbi": idea raters); an axis without a named line
    (`found["map"]["x_line"]` None) has no title."""
    bins = found["map"]["bins"]
    biggest = max((b["count"] for b in bins), default=1)
    traces = []
    for group in found["groups"]:
        mine = [b for b in bins if b["group"] == group["id"]]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": labels[group["id"]],
                "x": [b["x"] for b in mine],
                "y": [b["y"] for b in mine],
                "text": [
                    i18n.t_count(f"{texts}.groups_bins", lang, b["count"]) for b in mine
                ],
                "hovertemplate": "%{text}<extra>%{fullData.name}</extra>",
                "marker": {
                    "color": colour(group["id"]),
                    "size": [6 + 22 * (b["count"] / biggest) ** 0.5 for b in mine],
                    "opacity": 0.8,
                    "line": {"width": 0},
                },
            }
        )
    axes = []
    for key in ("x_line", "y_line"):
        line = found["map"].get(key)
        text = i18n.t(f"{texts}.groups_axis", lang, line=names[line]) if line else ""
        axes.append({"title": {"text": text}, "showticklabels": False, "ticks": ""})
    return _figure(traces, lang, 380, xaxis=axes[0], yaxis=axes[1])

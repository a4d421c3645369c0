"""Text that charts draw: Dutch amounts and dates, whole days, no SI suffixes."""

from __future__ import annotations

import datetime as dt
import re

from dashboards.kernel import figures


def _stats(value):
    return {
        "p25": value,
        "p75": value,
        "mean": value,
        "median": value,
        "mean_ci": [value, value],
    }


def test_figtext001_euro_axes_never_use_si_suffixes():
    """Class: '€ 100M', '100k' on axes (plotly's default number format)."""
    for top in (600_000, 620_000_000, 2_400_000):
        figure = figures.lines_figure(["a"], [top], [_stats(top / 2)], "nl")
        axis = figure["layout"]["xaxis"]
        assert "tickprefix" not in axis and axis["tickvals"]
        for text in axis["ticktext"]:
            assert re.fullmatch(r"€ \d+(\.\d{3})*(,\d)?( mln| mld)?", text), text
        assert axis["hoverformat"] == ",.0f"


def test_figtext002_days_axis_whole_days_in_the_page_language():
    """Class: a per-day chart with one day showing sub-millisecond ticks, and
    English month names in the Dutch interface."""
    day = dt.date(2026, 11, 29)
    one = figures.daily_figure([day], [12], [], "nl")
    assert one["layout"]["xaxis"]["tickvals"] == ["2026-11-29"]
    assert one["layout"]["xaxis"]["ticktext"] == ["29 nov"]
    assert one["data"][0]["text"] == ["29 november 2026"]
    days = [day + dt.timedelta(days=k) for k in range(40)]
    many = figures.daily_figure(days, [1] * 40, [], "en")
    assert len(many["layout"]["xaxis"]["tickvals"]) <= 10
    assert many["layout"]["xaxis"]["ticktext"][0] == "29 Nov"

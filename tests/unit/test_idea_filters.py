"""The idea dashboard's pure filter rules: a theme is read by its form only (the
view checks it against the round), it narrows the view, and a period is whole
Europe/Amsterdam days in UTC, also on the days summer time starts and ends."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboards.kernel.filters import FilterError, parse_filters, utc_bounds

UTC = dt.UTC


@pytest.mark.parametrize(
    ("since", "until", "start", "end"),
    [
        # Winter: UTC+1.
        (
            dt.date(2026, 11, 29),
            dt.date(2026, 11, 29),
            dt.datetime(2026, 11, 28, 23, tzinfo=UTC),
            dt.datetime(2026, 11, 29, 23, tzinfo=UTC),
        ),
        # Summer time starts on 29 March 2026: a day of 23 hours.
        (
            dt.date(2026, 3, 29),
            dt.date(2026, 3, 29),
            dt.datetime(2026, 3, 28, 23, tzinfo=UTC),
            dt.datetime(2026, 3, 29, 22, tzinfo=UTC),
        ),
        # And ends on 25 October 2026: a day of 25 hours.
        (
            dt.date(2026, 10, 25),
            dt.date(2026, 10, 25),
            dt.datetime(2026, 10, 24, 22, tzinfo=UTC),
            dt.datetime(2026, 10, 25, 23, tzinfo=UTC),
        ),
    ],
)
def test_ifil001_days_are_whole_amsterdam_days(since, until, start, end):
    assert utc_bounds(since, until) == (start, end)
    assert (end - start) in (
        dt.timedelta(hours=23),
        dt.timedelta(hours=24),
        dt.timedelta(hours=25),
    )


def test_ifil002_open_ends_stay_open():
    assert utc_bounds(None, None) == (None, None)
    start, end = utc_bounds(dt.date(2026, 1, 1), None)
    assert end is None and start == dt.datetime(2025, 12, 31, 23, tzinfo=UTC)


def test_ifil003_theme_by_form_and_it_narrows():
    found = parse_filters({"theme": "taal"})
    assert found.theme == "taal" and found.narrowed
    assert parse_filters({"theme": ""}).theme is None
    assert parse_filters({"theme": "all"}).theme is None
    assert not parse_filters({}).narrowed
    for bad in ("Taal", "<script>", "a" * 65, 3, ["taal"], "-taal", "taal thema"):
        with pytest.raises(FilterError) as caught:
            parse_filters({"theme": bad})
        assert caught.value.field == "theme"

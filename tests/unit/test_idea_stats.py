"""The idea round's dashboard figures (dashboards.stats.ideas): groups with
suppression, support per Den Haag day, answer coverage."""

from __future__ import annotations

import datetime as dt

import pytest

from budgetschuiver.ideas import rules
from budgetschuiver.kernel.intervals import wilson_interval
from dashboards.stats import ideas as stats

UTC = dt.UTC


def _idea(theme, support=0, oppose=0, **extra):
    return {
        "theme": theme,
        "district": None,
        "support": support,
        "oppose": oppose,
    } | extra


def test_ids001_groups_count_ideas_and_share_with_interval():
    items = [_idea("a", 3, 1)] * 12 + [_idea("b", 0, 2)] * 15
    rows = stats.by_group(items, "theme", ["a", "b"], min_size=10)
    assert [(r.key, r.ideas, r.support, r.oppose, r.shown) for r in rows] == [
        ("a", 12, 36, 12, True),
        ("b", 15, 0, 30, True),
    ]
    assert (rows[0].low, rows[0].high) == wilson_interval(36, 48)
    assert rows[0].share == 36 / 48


@pytest.mark.parametrize(
    ("sizes", "shown"),
    [
        # One small group: it and the smallest other go, so neither follows
        # from the total.
        ({"a": 12, "b": 3, "c": 20}, {"a": False, "b": False, "c": True}),
        ({"a": 12, "b": 11, "c": 20}, {"a": True, "b": True, "c": True}),
        # Ideas without a theme (4) are a small group: withheld with another.
        ({"a": 12, None: 4, "c": 30}, {"a": False, None: False, "c": True}),
        # Two groups of 1: together 2, so each is known to be 1 - a third goes.
        (
            {"a": 1, "b": 1, "c": 40, "d": 50},
            {"a": False, "b": False, "c": False, "d": True},
        ),
        # Only small groups: all withheld.
        ({"a": 2, "b": 3}, {"a": False, "b": False}),
        # Empty groups show their 0; they protect nothing.
        ({"a": 0, "b": 5, "c": 30}, {"a": True, "b": False, "c": False}),
    ],
)
def test_ids002_small_groups_suppressed_with_a_complement(sizes, shown):
    items = [_idea(key) for key, n in sizes.items() for _ in range(n)]
    rows = stats.by_group(items, "theme", [k for k in sizes if k], min_size=10)
    assert {r.key: r.shown for r in rows} == shown


def test_ids003_support_per_den_haag_day_fills_gaps():
    moments = [
        (dt.datetime(2026, 3, 28, 22, 30, tzinfo=UTC), "support"),  # 23:30 on the 28th
        (dt.datetime(2026, 3, 28, 23, 30, tzinfo=UTC), "oppose"),  # 00:30 on the 29th
        (
            dt.datetime(2026, 3, 31, 21, 59, tzinfo=UTC),
            "neutral",
        ),  # 23:59 (summer time)
        (dt.datetime(2026, 3, 31, 22, 0, tzinfo=UTC), "support"),  # 00:00 on 1 April
    ]
    assert stats.per_day(moments) == [
        (dt.date(2026, 3, 28), 1, 0, 0),
        (dt.date(2026, 3, 29), 0, 1, 0),
        (dt.date(2026, 3, 30), 0, 0, 0),
        (dt.date(2026, 3, 31), 0, 0, 1),
        (dt.date(2026, 4, 1), 1, 0, 0),
    ]
    assert stats.per_day([]) == []


def test_ids004_coverage_share_interval_and_median_days():
    posted = dt.datetime(2026, 5, 1, 10, tzinfo=UTC)
    items = [
        {
            "status": "overgenomen",
            "answered": True,
            "created_at": posted,
            "answered_at": posted + dt.timedelta(days=days),
        }
        for days in (2, 4, 9)
    ] + [
        {
            "status": "nieuw",
            "answered": False,
            "created_at": posted,
            "answered_at": None,
        }
    ]
    found = stats.coverage(items, rules.STATUSES)
    assert (found.ideas, found.answered, found.share) == (4, 3, 0.75)
    assert (found.low, found.high) == wilson_interval(3, 4)
    assert found.median_days == 4
    assert found.by_status["overgenomen"] == 3 and found.by_status["nieuw"] == 1
    assert found.by_status["uitgevoerd"] == 0
    empty = stats.coverage([], rules.STATUSES)
    assert (empty.share, empty.median_days) == (None, None)


def test_ids005_negative_counts_refused():
    with pytest.raises(ValueError):
        stats.by_group([_idea("a", -1, 0)], "theme", ["a"], 10)

"""Pure rules of idea rounds: phases, count visibility, Wilson ranking, stable
random order, paging, edit window, position audit."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import intervals

D = dt.date


@pytest.mark.parametrize(
    ("today", "rate_from", "expected"),
    [
        (D(2026, 11, 30), None, "upcoming"),
        (D(2026, 12, 1), None, "collect"),
        (D(2026, 12, 31), None, "collect"),
        (D(2027, 1, 1), None, "closed"),
        (D(2026, 12, 14), D(2026, 12, 15), "collect"),
        (D(2026, 12, 15), D(2026, 12, 15), "rate"),
        (D(2026, 12, 31), D(2026, 12, 15), "rate"),
        (D(2027, 1, 1), D(2026, 12, 15), "closed"),
    ],
)
def test_idr001_phase(today, rate_from, expected):
    assert rules.phase(D(2026, 12, 1), D(2026, 12, 31), rate_from, today) == expected


@pytest.mark.parametrize(
    ("current", "post", "rate", "react"),
    [
        ("upcoming", False, False, False),
        ("collect", True, True, True),
        ("rate", False, True, True),
        ("closed", False, False, False),
    ],
)
def test_idr002_what_each_phase_allows(current, post, rate, react):
    assert rules.may_post(current) is post
    assert rules.may_rate(current) is rate
    assert rules.may_react(current) is react


@pytest.mark.parametrize(
    ("show", "current", "rated", "visible"),
    [
        ("always", "collect", False, True),
        ("after_rating", "collect", False, False),
        ("after_rating", "collect", True, True),
        ("after_rating", "rate", True, True),
        ("after_rating", "closed", False, True),
        ("after_close", "collect", True, False),
        ("after_close", "rate", True, False),
        ("after_close", "closed", False, True),
    ],
)
def test_idr003_counts_visible(show, current, rated, visible):
    assert rules.counts_visible(show, current, rated) is visible


def _wilson_reference(s: int, o: int) -> float:
    # The textbook form (Wilson 1927), written independently of the module.
    n = s + o
    if n == 0:
        return 0.0
    z = intervals.Z95
    p = s / n
    return (
        p + z * z / (2 * n) - z * math.sqrt((p * (1 - p) + z * z / (4 * n)) / n)
    ) / (1 + z * z / n)


@pytest.mark.parametrize(
    ("support", "oppose", "lower"),
    [
        (0, 0, 0.0),
        (1, 0, 0.2065),
        (10, 0, 0.7225),
        (5, 5, 0.2366),
        (0, 10, 0.0),
        (80, 20, 0.7112),
        (600, 400, 0.5693),
    ],
)
def test_idr004_wilson_lower(support, oppose, lower):
    assert rules.wilson_lower(support, oppose) == pytest.approx(lower, abs=5e-5)
    assert rules.wilson_lower(support, oppose) == pytest.approx(
        _wilson_reference(support, oppose), abs=1e-12
    )


def test_idr005_wilson_interval_contains_share_and_refuses_negative():
    low, high = rules.wilson_interval(30, 10)
    assert low < 0.75 < high
    with pytest.raises(ValueError):
        rules.wilson_interval(-1, 3)


def test_idr006_neutral_not_in_n():
    ranked = rules.rank([("a", 5, 5, 0), ("b", 5, 5, 100)])
    assert ranked[0].wilson_lower == ranked[1].wilson_lower
    assert all(r.tied for r in ranked)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [("a", 10, 0, 0), ("b", 5, 5, 0), ("c", 5, 5, 3), ("d", 0, 3, 0)],
            [("a", 1, False), ("b", 2, True), ("c", 2, True), ("d", 4, False)],
        ),
        (
            [("x", 0, 0, 0), ("y", 0, 4, 0), ("z", 1, 0, 0)],
            [("z", 1, False), ("x", 2, True), ("y", 2, True)],
        ),
        ([("only", 3, 1, 0)], [("only", 1, False)]),
        ([], []),
    ],
)
def test_idr007_competition_ranks(rows, expected):
    assert [(r.id, r.rank, r.tied) for r in rules.rank(rows)] == expected


def test_idr008_random_order_stable_per_seed():
    ids = [f"i{n}" for n in range(50)]
    first = rules.random_order(ids, "visitor-1")
    assert rules.random_order(reversed(ids), "visitor-1") == first
    assert rules.random_order(ids, "visitor-2") != first
    assert sorted(first) == sorted(ids)
    # A new idea takes its own place: the others keep their relative order.
    with_new = rules.random_order([*ids, "new"], "visitor-1")
    assert [i for i in with_new if i != "new"] == first


def test_idr009_random_order_spreads_positions():
    # Over many visitors each idea is first about equally often.
    ids = [f"i{n}" for n in range(5)]
    firsts = [rules.random_order(ids, f"s{k}")[0] for k in range(2000)]
    counts = [firsts.count(i) for i in ids]
    assert min(counts) > 300 and max(counts) < 500


@pytest.mark.parametrize(
    ("raw", "ok"),
    [("abc", True), ("x" * 64, True), ("x" * 65, False), ("", False), (5, False)],
)
def test_idr010_check_seed(raw, ok):
    assert (rules.check_seed(raw) is not None) is ok


@pytest.mark.parametrize(
    ("total", "page", "expected"),
    [
        (0, 1, (0, 0, 1)),
        (45, 1, (0, 20, 3)),
        (45, 3, (40, 45, 3)),
        (40, 2, (20, 40, 2)),
    ],
)
def test_idr011_page_bounds(total, page, expected):
    assert rules.page_bounds(total, page) == expected


@pytest.mark.parametrize(("total", "page"), [(45, 0), (45, 4), (0, 2)])
def test_idr012_page_bounds_refuse(total, page):
    with pytest.raises(ValueError):
        rules.page_bounds(total, page)


@pytest.mark.parametrize(
    ("minutes", "ok"), [(0, True), (14.9, True), (15, True), (15.1, False), (-1, False)]
)
def test_idr013_edit_window(minutes, ok):
    created = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    assert rules.editable(created, created + dt.timedelta(minutes=minutes)) is ok


def test_idr014_answer_required_only_for_not_adopted():
    assert [s for s in rules.STATUSES if rules.answer_required(s)] == [
        "niet_overgenomen"
    ]


def test_idr015_position_audit_buckets():
    rows = [(1, 4, 1), (3, 1, 1), (6, 0, 2), (0, 9, 9), (12, 0, 0)]
    audit = rules.position_audit(rows, bucket=5)
    assert audit == [
        {"from": 1, "to": 5, "support": 5, "oppose": 2, "rate": 5 / 7},
        {"from": 6, "to": 10, "support": 0, "oppose": 2, "rate": 0.0},
        {"from": 11, "to": 15, "support": 0, "oppose": 0, "rate": None},
    ]


def test_idr016_vectorised_wilson_equals_the_scalar_bound_to_the_bit():
    import numpy as np

    rng = np.random.default_rng(16)
    small = [(s, o) for s in range(60) for o in range(60)]
    large = rng.integers(0, 2_000_000, (5_000, 2)).tolist()
    pairs = np.array(small + large, dtype=np.int64)
    bounds = intervals.wilson_lower_bounds(pairs[:, 0], pairs.sum(axis=1)).tolist()
    assert bounds == [rules.wilson_lower(int(s), int(o)) for s, o in pairs]


def test_idr017_rank_equals_one_idea_at_a_time():
    """The ranking of many ideas at once gives each idea the place, bound and tie
    the rule gives when applied idea by idea (sorted by the scalar bound)."""
    import random

    rng = random.Random(17)
    rows = [
        (f"i{n:05d}", rng.randint(0, 40), rng.randint(0, 40), rng.randint(0, 9))
        for n in range(3_000)
    ]
    score = {r[0]: round(rules.wilson_lower(r[1], r[2]), 12) for r in rows}
    scored = sorted(rows, key=lambda r: (-score[r[0]], -r[1], r[0]))
    ranked = rules.rank(reversed(rows))
    assert [r.id for r in ranked] == [r[0] for r in scored]
    values = sorted(score.values(), reverse=True)
    for r in ranked:
        ahead = sum(1 for value in values if value > score[r.id])
        same = values.count(score[r.id])
        assert (r.wilson_lower, r.rank, r.tied) == (score[r.id], ahead + 1, same > 1)
    with pytest.raises(ValueError):
        rules.rank([("a", 1, -1, 0)])

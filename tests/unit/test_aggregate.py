"""Dashboard statistics: line summaries, moving phantoms, suppression and weights."""

from __future__ import annotations

import math
import statistics
import time
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from budgetschuiver.kernel.demographics import AGE_BAND_IDS, DISTRICT_IDS
from budgetschuiver.kernel.settings import REPO_ROOT
from dashboards.stats import aggregate as agg

# --------------------------------------------------------------------------------------
# Strategies and references
# --------------------------------------------------------------------------------------

# Amounts on a step grid, as the budget sliders produce them.
grid_amounts = st.lists(
    st.integers(min_value=0, max_value=40).map(lambda k: 1_000 + 250 * k),
    min_size=1,
    max_size=60,
)


@st.composite
def share_profiles(draw, max_n: int = 6, max_m: int = 4):
    """n x m share matrices with rational rows (some with all weight on one line)."""
    n = draw(st.integers(min_value=1, max_value=max_n))
    m = draw(st.integers(min_value=1, max_value=max_m))
    return np.array([draw(share_vectors(m)) for _ in range(n)])


def share_vectors(m: int):
    raw = st.lists(st.integers(min_value=0, max_value=6), min_size=m, max_size=m)
    return raw.filter(lambda row: sum(row) > 0).map(
        lambda row: [value / sum(row) for value in row]
    )


def reference_quantile(values: list[float], q: float) -> float:
    """The contract's definition, written out: interpolate at position (n - 1) q."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=rel)


def same_stats(a: agg.LineStats, b: agg.LineStats) -> bool:
    fields = ("mean", "median", "p25", "p75", "raised", "lowered", "unchanged", "std")
    return (
        a.n == b.n
        and all(close(getattr(a, name), getattr(b, name)) for name in fields)
        and close(a.mean_ci[0], b.mean_ci[0])
        and close(a.mean_ci[1], b.mean_ci[1])
    )


def l1(a, b) -> float:
    return float(np.abs(np.asarray(a) - np.asarray(b)).sum())


# --------------------------------------------------------------------------------------
# line_stats
# --------------------------------------------------------------------------------------


def test_agg001_line_stats_hand_example():
    stats = agg.line_stats([4, 1, 3, 2], plan=2)
    assert stats.n == 4
    assert stats.mean == 2.5 and stats.median == 2.5
    assert stats.p25 == pytest.approx(1.75) and stats.p75 == pytest.approx(3.25)
    assert (stats.raised, stats.lowered, stats.unchanged) == (0.5, 0.25, 0.25)
    s = math.sqrt(5 / 3)
    assert stats.std == pytest.approx(s)
    half = 1.96 * s / 2
    assert stats.mean_ci == pytest.approx((2.5 - half, 2.5 + half))


@settings(max_examples=60, deadline=None)
@given(values=grid_amounts, plan_step=st.integers(min_value=0, max_value=40))
def test_agg002_line_stats_matches_the_written_definitions(values, plan_step):
    plan = 1_000 + 250 * plan_step
    stats = agg.line_stats(values, plan)
    n = len(values)
    assert stats.n == n
    assert close(stats.mean, statistics.fmean(values))
    assert close(stats.median, statistics.median(values))
    assert close(stats.p25, reference_quantile(values, 0.25))
    assert close(stats.p75, reference_quantile(values, 0.75))
    assert stats.raised == sum(v > plan for v in values) / n
    assert stats.lowered == sum(v < plan for v in values) / n
    assert stats.unchanged == sum(v == plan for v in values) / n
    s = statistics.stdev(values) if n > 1 else 0.0
    assert close(stats.std, s)
    half = 1.96 * s / math.sqrt(n) if n > 1 else 0.0
    assert close(stats.mean_ci[0], stats.mean - half)
    assert close(stats.mean_ci[1], stats.mean + half)


def test_agg003_line_stats_single_and_empty():
    one = agg.line_stats([700.0], plan=500)
    assert one.n == 1 and one.mean_ci == (700.0, 700.0) and one.std == 0.0
    assert one.median == one.p25 == one.p75 == 700.0 and one.raised == 1.0
    empty = agg.line_stats([], plan=500)
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.mean_ci[0])
    with pytest.raises(ValueError):
        agg.line_stats([[1, 2]], plan=1)


def test_agg004_plan_equality_absorbs_rounding_noise():
    stats = agg.line_stats([0.1 + 0.2, 0.3, 0.4], plan=0.3)
    assert stats.unchanged == pytest.approx(2 / 3) and stats.raised == pytest.approx(
        1 / 3
    )


@settings(max_examples=40, deadline=None)
@given(
    values=grid_amounts,
    scale=st.floats(min_value=0.1, max_value=10),
    plan_step=st.integers(min_value=0, max_value=40),
)
def test_agg005_equal_weights_give_the_unweighted_moments(values, scale, plan_step):
    plan = 1_000 + 250 * plan_step
    plain = agg.line_stats(values, plan)
    weighted = agg.line_stats(values, plan, weights=[scale] * len(values))
    for name in ("mean", "raised", "lowered", "unchanged", "std"):
        assert close(getattr(weighted, name), getattr(plain, name), rel=1e-7)
    assert weighted.mean_ci == pytest.approx(plain.mean_ci, rel=1e-7)
    # Inverted CDF: the lower middle value for an even count, not the average.
    ordered = sorted(values)
    assert weighted.median == ordered[(len(values) - 1) // 2]


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20).map(lambda k: 100 * k),
            st.integers(min_value=1, max_value=5),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_agg006_integer_weights_act_like_repeated_rows(rows):
    values = [value for value, _ in rows]
    weights = [weight for _, weight in rows]
    expanded = [value for value, weight in rows for _ in range(weight)]
    stats = agg.line_stats(values, 1_000, weights=weights)
    assert close(stats.mean, statistics.fmean(expanded))
    assert close(stats.raised, sum(v > 1_000 for v in expanded) / len(expanded))
    for q, got in ((0.25, stats.p25), (0.5, stats.median), (0.75, stats.p75)):
        numpy_value = np.quantile(values, q, weights=weights, method="inverted_cdf")
        assert got == numpy_value
        expected = np.quantile(expanded, q, method="inverted_cdf")
        assert got == expected


def test_agg007_weighted_interval_uses_kish_effective_n():
    values = np.array([10.0, 20.0, 30.0, 40.0])
    weights = np.array([1.0, 1.0, 1.0, 3.0])
    stats = agg.line_stats(values, 25, weights=weights)
    mean = (10 + 20 + 30 + 120) / 6
    n_eff = 36 / 12
    variance = np.dot(weights, (values - mean) ** 2) / (6 - 12 / 6)
    assert stats.mean == pytest.approx(mean)
    assert stats.std == pytest.approx(math.sqrt(variance))
    half = 1.96 * math.sqrt(variance) / math.sqrt(n_eff)
    assert stats.mean_ci == pytest.approx((mean - half, mean + half))
    assert stats.raised == pytest.approx(4 / 6) and stats.lowered == pytest.approx(
        2 / 6
    )
    # Cumulative weight share: 1/6, 2/6, 3/6, 1. F(30) reaches 1/2 exactly.
    assert (stats.p25, stats.median, stats.p75) == (20.0, 30.0, 40.0)


def test_agg008_zero_weights_are_left_out_and_negative_refused():
    stats = agg.line_stats([1.0, 2.0, 1_000.0], 1, weights=[1.0, 1.0, 0.0])
    assert stats.n == 2 and stats.mean == 1.5
    with pytest.raises(ValueError):
        agg.line_stats([1.0, 2.0], 1, weights=[1.0, -1.0])
    with pytest.raises(ValueError):
        agg.line_stats([1.0, 2.0], 1, weights=[1.0])
    assert agg.line_stats([1.0], 1, weights=[0.0]).n == 0


# --------------------------------------------------------------------------------------
# line_stats_from_counts
# --------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=15),
    plan_step=st.integers(min_value=-1, max_value=15),
)
def test_agg009_counts_give_the_same_stats_as_expanded_rows(counts, plan_step):
    assume(sum(counts) > 0)
    grid = [-500 + 250 * k for k in range(len(counts))]
    plan = -500 + 250 * plan_step
    expanded = [
        value for value, count in zip(grid, counts, strict=True) for _ in range(count)
    ]
    assert same_stats(
        agg.line_stats_from_counts(grid, counts, plan), agg.line_stats(expanded, plan)
    )


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.integers(min_value=0, max_value=60).map(lambda k: 0.1 * k),
        min_size=1,
        max_size=80,
    )
)
def test_agg010_counts_match_on_a_fractional_step_grid(values):
    grid, counts = np.unique(values, return_counts=True)
    assert same_stats(
        agg.line_stats_from_counts(grid, counts, 2.0), agg.line_stats(values, 2.0)
    )


def test_agg011_counts_never_expand_rows():
    # 10^12 participants would need terabytes if expanded; from counts it is instant.
    grid = [0.0, 100.0, 200.0]
    counts = [400_000_000_000, 300_000_000_000, 300_000_000_000]
    started = time.perf_counter()
    stats = agg.line_stats_from_counts(grid, counts, plan=100.0)
    assert time.perf_counter() - started < 1.0
    assert stats.n == 10**12
    assert stats.mean == pytest.approx(90.0)
    assert (stats.p25, stats.median, stats.p75) == (0.0, 100.0, 200.0)
    assert stats.lowered == pytest.approx(0.4) and stats.unchanged == pytest.approx(0.3)


def test_agg012_counts_input_checks():
    with pytest.raises(ValueError):
        agg.line_stats_from_counts([2.0, 1.0], [1, 1], 1.0)
    with pytest.raises(ValueError):
        agg.line_stats_from_counts([1.0, 2.0], [1, -1], 1.0)
    with pytest.raises(ValueError):
        agg.line_stats_from_counts([1.0, 2.0], [1.5, 1], 1.0)
    with pytest.raises(ValueError):
        agg.line_stats_from_counts([1.0, 2.0], [1], 1.0)
    assert agg.line_stats_from_counts([1.0, 2.0], [0, 0], 1.0).n == 0
    assert agg.line_stats_from_counts([1.0, 2.0], [0, 3], 1.0).median == 2.0


def test_agg013_mean_budget():
    allocations = np.array([[1.0, 10.0, 5.0], [3.0, 20.0, 5.0]])
    assert agg.mean_budget(allocations).tolist() == [2.0, 15.0, 5.0]
    assert np.isnan(agg.mean_budget(np.zeros((0, 2)))).all()


# --------------------------------------------------------------------------------------
# spread_class
# --------------------------------------------------------------------------------------


def stats_with(p25, p75, raised=0.0, lowered=0.0, unchanged=1.0, n=50):
    return agg.LineStats(
        n, 0.0, 0.0, p25, p75, raised, lowered, unchanged, (0.0, 0.0), 0.0
    )


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        (stats_with(0, 25), "contested"),  # IQR exactly a quarter of the range
        (stats_with(10, 90, 0.5, 0.5, 0.0), "contested"),
        (stats_with(50, 58, 0.0, 0.0, 1.0), "consensus"),  # 8% exactly, all at plan
        (stats_with(50, 54, 0.7, 0.1, 0.2), "consensus"),
        (stats_with(50, 54, 0.1, 0.65, 0.25), "consensus"),
        (stats_with(50, 54, 0.45, 0.45, 0.1), "mixed"),  # narrow, but no direction
        (stats_with(50, 60, 0.0, 0.0, 1.0), "mixed"),  # between the two thresholds
        (stats_with(0, 0, n=0), "mixed"),
    ],
)
def test_agg014_spread_class_rule(stats, expected):
    assert agg.spread_class(stats, 0, 100) == expected


def test_agg015_spread_class_fixed_line_and_real_stats():
    assert agg.spread_class(stats_with(0, 100), 40, 40) == "consensus"
    split = agg.line_stats([0] * 10 + [100] * 10, plan=50)
    assert agg.spread_class(split, 0, 100) == "contested"
    agree = agg.line_stats([50] * 15 + [55] * 5, plan=50)
    assert agg.spread_class(agree, 0, 100) == "consensus"


# --------------------------------------------------------------------------------------
# trade_offs
# --------------------------------------------------------------------------------------


def test_agg016_trade_offs_finds_money_moved_between_lines():
    rng = np.random.default_rng(3)
    plan = np.array([100.0, 100.0, 100.0, 100.0])
    rows = []
    for _ in range(30):
        moved = float(rng.integers(-5, 6) * 10 or 10)
        noise = float(rng.integers(-3, 4) * 10)
        rows.append([100 + moved, 100 - moved, 100 + noise, 100])
    for _ in range(40):  # people who changed nothing do not dilute the pair
        rows.append(list(plan))
    result = agg.trade_offs(np.array(rows), plan, ["parks", "roads", "culture", "ozb"])
    assert result[0][:2] == ("parks", "roads")
    assert result[0][2] == pytest.approx(-1.0)
    assert result[0][3] == 30
    assert all(r < -0.2 for _, _, r, _ in result)
    assert [r for _, _, r, _ in result] == sorted(r for _, _, r, _ in result)
    assert not any("ozb" in pair[:2] for pair in result)  # never changed
    assert agg.trade_offs(np.array(rows), plan, list("abcd"), min_n=31) == []
    assert len(agg.trade_offs(np.array(rows), plan, list("abcd"), top=1)) == 1


@settings(max_examples=40, deadline=None)
@given(
    data=st.lists(
        st.lists(st.integers(min_value=-2, max_value=2), min_size=4, max_size=4),
        min_size=2,
        max_size=25,
    ),
    min_n=st.integers(min_value=2, max_value=6),
)
def test_agg017_trade_offs_matches_pairwise_pearson(data, min_n):
    plan = np.array([500.0, 1_000.0, 0.0, 250.0])
    allocations = plan + 50.0 * np.array(data)
    expected = {}
    for a in range(4):
        for b in range(a + 1, 4):
            changed = (allocations[:, a] != plan[a]) | (allocations[:, b] != plan[b])
            da = allocations[changed, a] - plan[a]
            db = allocations[changed, b] - plan[b]
            n = int(changed.sum())
            if n < min_n or np.ptp(da) == 0 or np.ptp(db) == 0:
                continue
            r = float(np.corrcoef(da, db)[0, 1])
            # A correlation of exactly -0.2 may land on either side in floats.
            assume(abs(r + 0.2) > 1e-9)
            if r < -0.2:
                expected[(a, b)] = (r, n)
    got = agg.trade_offs(allocations, plan, [0, 1, 2, 3], min_n=min_n, top=10)
    assert {(a, b): n for a, b, _, n in got} == {
        pair: n for pair, (_, n) in expected.items()
    }
    for a, b, r, _ in got:
        assert r == pytest.approx(expected[(a, b)][0], abs=1e-9)
    assert [r for _, _, r, _ in got] == sorted(r for _, _, r, _ in got)


# --------------------------------------------------------------------------------------
# Moving phantoms
# --------------------------------------------------------------------------------------

RULES = [agg.independent_markets, agg.welfare_phantom]


@settings(max_examples=60, deadline=None)
@given(
    shares=share_profiles(),
    t=st.floats(min_value=0, max_value=1),
    rule=st.sampled_from([agg.independent_markets_phantoms, agg.welfare_phantoms]),
)
def test_agg018_phantom_medians_equal_a_plain_median(shares, t, rule):
    n = shares.shape[0]
    phantoms = rule(t, n)
    assert np.all(np.diff(phantoms) <= 0)  # f_0 >= f_1 >= ... >= f_n
    plain = np.median(
        np.vstack([shares, np.repeat(phantoms[:, None], shares.shape[1], 1)]), axis=0
    )
    assert np.allclose(agg.phantom_medians(shares, phantoms), plain, atol=0)


@settings(max_examples=80, deadline=None)
@given(shares=share_profiles(), total=st.integers(min_value=0, max_value=10**9))
def test_agg019_aggregates_are_divisions_of_the_budget(shares, total):
    for rule in RULES:
        result = rule(shares)
        assert result.shape == (shares.shape[1],)
        assert np.all(result >= 0)
        assert result.sum() == pytest.approx(1.0, abs=1e-12)
        assert agg.scale_to_total(result, total).sum() == pytest.approx(
            total, rel=1e-12
        )


@settings(max_examples=40, deadline=None)
@given(
    vector=st.integers(min_value=1, max_value=4).flatmap(share_vectors),
    n=st.integers(1, 6),
)
def test_agg020_unanimous_profile_returns_itself(vector, n):
    shares = np.array([vector] * n)
    for rule in RULES:
        assert np.allclose(rule(shares), vector, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(min_value=1, max_value=4),
    picks=st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8),
)
def test_agg021_independent_markets_is_proportional_for_single_minded(m, picks):
    picks = [pick % m for pick in picks]
    shares = np.eye(m)[picks]
    expected = np.bincount(picks, minlength=m) / len(picks)
    assert np.allclose(agg.independent_markets(shares), expected, atol=1e-10)


def test_agg022_hand_examples():
    shares = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    # Proportional versus majoritarian: the two rules differ exactly here.
    assert np.allclose(agg.independent_markets(shares), [2 / 3, 1 / 3], atol=1e-12)
    assert np.allclose(agg.welfare_phantom(shares), [1.0, 0.0], atol=1e-12)
    mixed = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5], [0.6, 0.1, 0.3]])
    for rule in RULES:
        # Moving phantoms return per-line medians, so each line lies within the
        # range of its reports (phantoms only break ties between them).
        result = rule(mixed)
        assert np.all(result <= mixed.max(axis=0) + 1e-12)
    # Per-line medians (0.5, 0.3, 0.3) overshoot by 0.1 and every way of cutting it
    # costs the same welfare; the utilitarian phantoms cut where the one moving
    # phantom (f_1 = 0.4) caps line 1.
    assert np.allclose(agg.welfare_phantom(mixed), [0.4, 0.3, 0.3], atol=1e-10)


def test_agg023_share_checks():
    with pytest.raises(ValueError):
        agg.independent_markets([[0.5, 0.4]])
    with pytest.raises(ValueError):
        agg.welfare_phantom([[1.5, -0.5]])
    with pytest.raises(ValueError):
        agg.independent_markets(np.zeros((0, 3)))
    with pytest.raises(ValueError):
        agg.moving_phantom([[0.5, 0.5]], lambda t, n: np.full(n + 1, 0.1))


def deviations(m: int):
    return st.lists(share_vectors(m), min_size=1, max_size=4)


@st.composite
def manipulation_cases(draw):
    shares = draw(share_profiles())
    m = shares.shape[1]
    alternatives = draw(deviations(m)) + [list(row) for row in np.eye(m)]
    return shares, alternatives


@pytest.mark.parametrize("rule", RULES, ids=["independent_markets", "welfare"])
@settings(max_examples=100, deadline=None)
@given(case=manipulation_cases())
def test_agg024_no_participant_gains_by_misreporting(rule, case):
    shares, alternatives = case
    truthful = rule(shares)
    for i, truth in enumerate(shares):
        honest_distance = l1(truthful, truth)
        for report in alternatives:
            lied = shares.copy()
            lied[i] = report
            assert l1(rule(lied), truth) >= honest_distance - 1e-9


def welfare(profile: np.ndarray, a: np.ndarray) -> float:
    return -float(np.abs(profile - a).sum())


@settings(max_examples=60, deadline=None)
@given(shares=share_profiles())
def test_agg025_welfare_phantom_maximises_utilitarian_welfare(shares):
    # Welfare is separable and concave per line, so no profitable small transfer
    # between two lines means no better division at all.
    result = agg.welfare_phantom(shares)
    best = welfare(shares, result)
    m = shares.shape[1]
    eps = 1e-6
    for gain in range(m):
        for loss in range(m):
            if gain == loss or result[loss] < eps:
                continue
            moved = result.copy()
            moved[gain] += eps
            moved[loss] -= eps
            assert welfare(shares, moved) <= best + 1e-10
    for other in [*shares, agg.independent_markets(shares), shares.mean(axis=0)]:
        assert welfare(shares, np.asarray(other)) <= best + 1e-9


def test_agg026_participant_shares_and_totals():
    allocations = np.array(
        [
            [100.0, 300.0, 50.0],
            [0.0, 0.0, 80.0],  # spends nothing on the spending lines: dropped
            [200.0, 200.0, 0.0],
        ]
    )
    spending = [True, True, False]
    shares, kept = agg.participant_shares(allocations, spending)
    assert kept.tolist() == [0, 2]
    assert np.allclose(shares, [[0.25, 0.75], [0.5, 0.5]])
    assert agg.median_total(allocations, spending) == 400.0
    assert math.isnan(agg.median_total(np.zeros((0, 3)), spending))
    with pytest.raises(ValueError):
        agg.participant_shares(allocations, [True, False])
    euros = agg.scale_to_total(agg.independent_markets(shares), 400.0)
    assert euros.sum() == pytest.approx(400.0)


# --------------------------------------------------------------------------------------
# Small-group suppression
# --------------------------------------------------------------------------------------


def test_agg027_suppression_examples():
    assert agg.suppress_counts({"a": 30, "b": 3, "c": 40, "d": 12}, 10) == {"b", "d"}
    # Two small cells that together are still small: add the next smallest.
    assert agg.suppress_counts({"a": 30, "b": 3, "c": 40, "d": 4, "e": 12}, 10) == {
        "b",
        "d",
        "e",
    }
    # Without a shown total, two small cells cannot be recovered from each other.
    assert agg.suppress_counts(
        {"a": 30, "b": 3, "c": 40, "d": 4}, 10, total_shown=False
    ) == {"b", "d"}
    # ... but a lone small cell still takes a partner.
    assert agg.suppress_counts({"a": 30, "b": 3, "c": 40}, 10, total_shown=False) == {
        "b",
        "a",
    }
    assert agg.suppress_counts({"a": 30, "b": 0, "c": 40}, 10) == set()
    assert agg.suppress_counts({"a": 3, "b": 0}, 10) == {"a"}  # total must go too
    assert agg.is_suppressed(9, 10) and not agg.is_suppressed(10, 10)
    with pytest.raises(ValueError):
        agg.suppress_counts({"a": -1}, 10)


@settings(max_examples=150, deadline=None)
@given(
    counts=st.dictionaries(
        st.sampled_from(sorted(DISTRICT_IDS)),
        st.integers(min_value=0, max_value=40),
        max_size=8,
    ),
    min_size=st.integers(min_value=1, max_value=15),
    total_shown=st.booleans(),
)
def test_agg028_hidden_cells_cannot_be_recovered(counts, min_size, total_shown):
    hidden = agg.suppress_counts(counts, min_size, total_shown)
    shown = {key: count for key, count in counts.items() if key not in hidden}
    assert all(counts[key] > 0 for key in hidden)
    assert all(count == 0 or count >= min_size for count in shown.values())
    total = sum(counts.values())
    if total_shown and not agg.is_suppressed(total, min_size):
        # Total minus the shown cells gives only the sum of the hidden cells.
        assert len(hidden) != 1
        if hidden:
            assert sum(counts[key] for key in hidden) >= min_size
    if not total_shown:
        assert len(hidden) != 1 or sum(1 for c in counts.values() if c > 0) == 1


# --------------------------------------------------------------------------------------
# Post-stratification
# --------------------------------------------------------------------------------------

POPULATION = {
    ("centrum", "18-29"): 300.0,
    ("centrum", "65-74"): 100.0,
    ("laak", "18-29"): 200.0,
    ("laak", "65-74"): 400.0,
    ("escamp", "75+"): 999.0,  # nobody from here in the sample
}


def test_agg029_weights_restore_population_shares():
    cells = (
        [("centrum", "18-29")] * 6
        + [("centrum", "65-74")] * 1
        + [("laak", "18-29")] * 2
        + [("laak", "65-74")] * 1
        + [(None, "18-29"), ("laak", None), ("nowhere", "18-29")]
    )
    weights, info = agg.poststrat_weights(cells, POPULATION)
    assert info.n_weighted == 10 and info.n_excluded == 3
    assert info.missing_cells == (("escamp", "75+"),)
    assert info.unknown_cells == (("nowhere", "18-29"),)
    assert weights[-3:].tolist() == [0.0, 0.0, 0.0]
    assert weights[:10].mean() == pytest.approx(1.0)
    present = sum(value for cell, value in POPULATION.items() if cell[0] != "escamp")
    for cell, size in POPULATION.items():
        if cell[0] == "escamp":
            continue
        mine = sum(w for w, c in zip(weights, cells, strict=True) if c == cell)
        assert mine / weights.sum() == pytest.approx(size / present)
    assert info.n_effective == pytest.approx(agg.kish_effective_n(weights))
    assert info.n_effective <= info.n_weighted


def test_agg030_matching_sample_gets_weight_one():
    population = {cell: size for cell, size in POPULATION.items() if size % 100 == 0}
    cells = [cell for cell, size in population.items() for _ in range(int(size) // 100)]
    weights, info = agg.poststrat_weights(cells, population)
    assert np.allclose(weights, 1.0, rtol=0, atol=1e-12)
    assert info.n_effective == pytest.approx(len(cells))
    assert info.missing_cells == () and info.n_excluded == 0


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(
        st.one_of(st.none(), st.sampled_from(sorted(POPULATION))), max_size=40
    )
)
def test_agg031_weight_properties(picks):
    cells = [pick if pick else (None, None) for pick in picks]
    weights, info = agg.poststrat_weights(cells, POPULATION)
    assert np.all(weights >= 0)
    assert info.n_weighted + info.n_excluded == len(cells)
    assert info.n_effective <= info.n_weighted + 1e-9
    if info.n_weighted:
        assert weights.sum() == pytest.approx(info.n_weighted)
        assert info.n_effective >= 1 - 1e-9


def test_agg032_kish():
    assert agg.kish_effective_n([1, 1, 1, 1]) == 4
    assert agg.kish_effective_n([1, 0, 0, 3]) == pytest.approx(16 / 10)
    assert agg.kish_effective_n([]) == 0


# --------------------------------------------------------------------------------------
# Surges
# --------------------------------------------------------------------------------------

START = date(2026, 3, 2)


def series(counts):
    return [START + timedelta(days=offset) for offset in range(len(counts))], counts


def test_agg033_surges():
    days, counts = series([5, 6, 4, 5, 7, 5, 6, 60, 8, 19])
    # The last day's 19 is over 3 x its window's median (6) but below min_count.
    assert agg.flag_surges(days, counts) == [days[7]]
    assert agg.flag_surges(days, counts, min_count=19) == [days[7], days[9]]
    assert agg.flag_surges(days, counts, factor=3.5, min_count=19) == [days[7]]
    # The first day has no history; a big launch day is not a surge.
    days, counts = series([500, 30])
    assert agg.flag_surges(days, counts) == []
    # Below min_count nothing is flagged, however steep.
    days, counts = series([1, 1, 1, 19])
    assert agg.flag_surges(days, counts) == []
    # A gap counts as days without submissions.
    gappy = [START, START + timedelta(days=5), START + timedelta(days=6)]
    assert agg.flag_surges(gappy, [10, 10, 25]) == [gappy[2]]
    # The window is the previous `window` days only.
    days, counts = series([100, 100, 10, 10, 40])
    assert agg.flag_surges(days, counts, window=2) == [days[4]]
    assert agg.flag_surges(days, counts, window=4) == []
    assert agg.flag_surges([], []) == []
    with pytest.raises(ValueError):
        agg.flag_surges([START, START], [1, 2])


def test_agg034_district_dominance():
    overall = {"laak": 0.1, "escamp": 0.3, "centrum": 0.6}
    day_counts = {
        START: {"laak": 5, "escamp": 10, "centrum": 15},
        START + timedelta(days=1): {"laak": 30, "escamp": 5, "centrum": 5},
        START + timedelta(days=2): {"laak": 9, "escamp": 1, "centrum": 0},  # too few
        START + timedelta(days=3): {"centrum": 40, "escamp": 5},  # usual for centrum
        START + timedelta(days=4): {"escamp": 20, None: 30},  # unknown never flagged
    }
    assert agg.flag_district_dominance(day_counts, overall) == [
        (START + timedelta(days=1), "laak", 0.75)
    ]
    assert agg.flag_district_dominance(day_counts, overall, min_count=10) == [
        (START + timedelta(days=1), "laak", 0.75),
        (START + timedelta(days=2), "laak", 0.9),
    ]


# --------------------------------------------------------------------------------------
# The illustrative population table
# --------------------------------------------------------------------------------------


def test_agg035_population_table_is_complete():
    table = agg.load_population(REPO_ROOT / "data" / "population.csv")
    assert set(table) == {(d, a) for d in DISTRICT_IDS for a in AGE_BAND_IDS}
    assert all(size > 0 for size in table.values())
    assert 400_000 < sum(table.values()) < 800_000
    note = (REPO_ROOT / "data" / "population.md").read_text(encoding="utf-8")
    assert "illustrative" in note.lower()


def test_agg900_binned_counts_cover_every_choice_once():
    from dashboards.stats.aggregate import binned_counts

    values = [150_000, 150_000, 151_500, 540_000, 900_000]
    bins = binned_counts(values, 150_000, 900_000, 1_500, max_bins=20)
    assert len(bins) <= 20
    assert sum(count for _, _, count in bins) == len(values)
    assert bins[0][0] == 150_000 and bins[-1][1] == 900_000
    assert bins[0][2] == 3  # the first bin holds 150.000 and 151.500
    for (_low, high, _), (next_low, _, _) in zip(bins, bins[1:], strict=False):
        assert next_low == high + 1_500  # no gaps, no overlap on the grid


def test_agg901_binned_counts_small_ranges_one_bin_per_step():
    from dashboards.stats.aggregate import binned_counts

    bins = binned_counts([0, 90_000, 90_000, 270_000], 0, 270_000, 90_000)
    assert bins == [
        (0, 0, 1),
        (90_000, 90_000, 2),
        (180_000, 180_000, 0),
        (270_000, 270_000, 1),
    ]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("rule", ["independent_markets", "welfare"])
def test_counted_moving_phantom_is_the_row_rule_exactly(seed, rule):
    # Few distinct amounts, so many ties; some lines all zero for a participant.
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(1, 60)), int(rng.integers(2, 7))
    amounts = rng.integers(0, 4, size=(n, m)).astype(float)
    amounts[amounts.sum(axis=1) == 0, 0] = 1.0
    shares = amounts / amounts.sum(axis=1)[:, None]
    by_rows = {
        "independent_markets": agg.independent_markets,
        "welfare": agg.welfare_phantom,
    }
    counted = agg.moving_phantom_counts(
        agg.ShareCounts.of_rows(shares / shares.sum(axis=1)[:, None]), rule
    )
    assert np.array_equal(counted, by_rows[rule](shares))

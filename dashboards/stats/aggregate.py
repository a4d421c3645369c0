"""Pure statistics for the dashboard: line summaries, truthful aggregates, privacy."""

from __future__ import annotations

import csv
import dataclasses
import math
import statistics
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import numpy as np

from budgetschuiver.kernel.intervals import mean_interval

# Amounts live on a euro grid, so "equal to plan" only has to absorb the floating
# point noise of a storage round trip, never a real difference.
PLAN_RTOL = 1e-9

# Bisection stops once the bracket around the moving phantoms' time is this narrow.
T_TOL = 1e-12

# Row sums of share vectors may miss 1 by rounding in the caller's division.
SHARE_TOL = 1e-9

Key = TypeVar("Key", bound=Hashable)
Cell = tuple[str, str]
PhantomFn = Callable[[float, int], np.ndarray]


# --------------------------------------------------------------------------------------
# Per-line statistics
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LineStats:
    """Summary of the amounts participants chose for one budget line.

    `raised`, `lowered` and `unchanged` are fractions (of 1) of participants above,
    below and at the plan amount. `std` is the sample standard deviation (ddof=1;
    0 for a single participant). With no participants every float is NaN.
    """

    n: int
    mean: float
    median: float
    p25: float
    p75: float
    raised: float
    lowered: float
    unchanged: float
    mean_ci: tuple[float, float]
    std: float


def _empty_stats() -> LineStats:
    nan = math.nan
    return LineStats(0, nan, nan, nan, nan, nan, nan, nan, (nan, nan), nan)


def _as_1d(raw: object, name: str) -> np.ndarray:
    array = np.asarray(raw, dtype=float)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite")
    return array


def _plan_tolerance(plan: float) -> float:
    return PLAN_RTOL * max(1.0, abs(plan))


def _lerp(low: float, high: float, frac: float) -> float:
    # Same two-sided form as numpy's "linear" method, so results agree to the last
    # bits rather than merely to within rounding.
    if frac >= 0.5:
        return high - (high - low) * (1.0 - frac)
    return low + (high - low) * frac


def line_stats(
    values: Sequence[float] | np.ndarray,
    plan: float,
    weights: Sequence[float] | np.ndarray | None = None,
) -> LineStats:
    """Statistics of one line's amounts against its plan amount.

    Unweighted: the median averages the two middle values for even n; p25 and p75
    interpolate linearly between order statistics at position (n - 1) * q (numpy's
    default "linear" method); mean_ci = mean +- 1.96 * s / sqrt(n) with s the sample
    standard deviation, and (mean, mean) for n = 1.

    Weighted (post-stratification weights): participants with weight 0 are left out
    (`n` counts the others); negative weights are refused. The mean and the shares
    are weighted; quantiles follow `weighted_quantile` (inverted weighted CDF); `std`
    is the weighted standard deviation with the reliability-weights correction
    sum(w (x - mean)^2) / (sum(w) - sum(w^2) / sum(w)), which equals the ddof=1
    standard deviation when all weights are equal; the interval uses the Kish
    effective sample size in place of n.
    """
    x = _as_1d(values, "values")
    plan = float(plan)
    if weights is None:
        return _unweighted_stats(x, plan)
    w = _as_1d(weights, "weights")
    if w.shape != x.shape:
        raise ValueError("weights must have one entry per value")
    if np.any(w < 0):
        raise ValueError("weights must not be negative")
    keep = w > 0
    return _weighted_stats(x[keep], w[keep], plan)


def _unweighted_stats(x: np.ndarray, plan: float) -> LineStats:
    n = int(x.size)
    if n == 0:
        return _empty_stats()
    mean = float(np.mean(x))
    std = float(np.std(x, ddof=1)) if n > 1 else 0.0
    p25, p75 = (float(value) for value in np.quantile(x, [0.25, 0.75]))
    tol = _plan_tolerance(plan)
    raised = int(np.count_nonzero(x > plan + tol))
    lowered = int(np.count_nonzero(x < plan - tol))
    return LineStats(
        n=n,
        mean=mean,
        median=float(np.median(x)),
        p25=p25,
        p75=p75,
        raised=raised / n,
        lowered=lowered / n,
        unchanged=(n - raised - lowered) / n,
        mean_ci=mean_interval(mean, std, n),
        std=std,
    )


def _weighted_stats(x: np.ndarray, w: np.ndarray, plan: float) -> LineStats:
    n = int(x.size)
    if n == 0:
        return _empty_stats()
    total = float(w.sum())
    mean = float(np.dot(w, x) / total)
    n_eff = kish_effective_n(w)
    if n > 1:
        spread = float(np.dot(w, (x - mean) ** 2))
        std = math.sqrt(spread / (total - float(np.dot(w, w)) / total))
    else:
        std = 0.0
    tol = _plan_tolerance(plan)
    above, below = x > plan + tol, x < plan - tol
    raised = float(w[above].sum()) / total
    lowered = float(w[below].sum()) / total
    return LineStats(
        n=n,
        mean=mean,
        median=weighted_quantile(x, w, 0.5),
        p25=weighted_quantile(x, w, 0.25),
        p75=weighted_quantile(x, w, 0.75),
        raised=raised,
        lowered=lowered,
        unchanged=float(w[~(above | below)].sum()) / total,
        mean_ci=mean_interval(mean, std, n_eff),
        std=std,
    )


def weighted_quantile(
    values: Sequence[float] | np.ndarray,
    weights: Sequence[float] | np.ndarray,
    q: float,
) -> float:
    """The q-quantile by the inverted weighted CDF.

    The smallest value x with F(x) >= q, where F(x) is the weight of participants
    at or below x divided by the total weight. Equal to numpy's
    `quantile(..., weights=w, method="inverted_cdf")`; with equal weights and even n
    the median is therefore the lower of the two middle values.
    """
    x = _as_1d(values, "values")
    w = _as_1d(weights, "weights")
    if x.size == 0 or w.shape != x.shape:
        raise ValueError("need as many positive weights as values, at least one")
    if np.any(w < 0) or not w.sum() > 0:
        raise ValueError("weights must be non-negative with a positive total")
    if not 0.0 <= q <= 1.0:
        raise ValueError("q must lie in [0, 1]")
    order = np.argsort(x, kind="stable")
    cumulative = np.cumsum(w[order])
    # Shaving a relative 1e-12 off the target keeps an exact tie (F(x) == q in real
    # arithmetic) on the lower value even when the running sum rounds just below q.
    target = q * cumulative[-1] * (1.0 - 1e-12)
    index = int(np.searchsorted(cumulative, target, side="left"))
    return float(x[order][min(index, x.size - 1)])


def line_stats_from_counts(
    grid_values: Sequence[float] | np.ndarray,
    counts: Sequence[int] | np.ndarray,
    plan: float,
) -> LineStats:
    """`line_stats` (unweighted) from how many participants chose each grid value.

    `grid_values` is strictly increasing; `counts` are non-negative integers. Order
    statistics come from cumulative counts and the moments from weighted sums, so
    the cost is O(number of grid values) however many participants there are.
    """
    grid = _as_1d(grid_values, "grid_values")
    raw_counts = np.asarray(counts)
    if raw_counts.shape != grid.shape:
        raise ValueError("counts must have one entry per grid value")
    if np.any(np.diff(grid) <= 0):
        raise ValueError("grid_values must be strictly increasing")
    if raw_counts.size and (
        np.any(raw_counts < 0) or np.any(raw_counts != np.round(raw_counts))
    ):
        raise ValueError("counts must be non-negative integers")
    count = raw_counts.astype(np.int64)
    keep = count > 0
    grid, count = grid[keep], count[keep]
    n = int(count.sum())
    if n == 0:
        return _empty_stats()
    plan = float(plan)
    mean = float(np.dot(count, grid) / n)
    std = (
        float(math.sqrt(np.dot(count, (grid - mean) ** 2) / (n - 1))) if n > 1 else 0.0
    )
    cumulative = np.cumsum(count)

    def order_statistic(position: int) -> float:
        # The 0-based position-th smallest value: the first grid value whose
        # cumulative count exceeds the position.
        return float(grid[int(np.searchsorted(cumulative, position, side="right"))])

    def quantile(q: float) -> float:
        # numpy computes the virtual index as n*q - q; copying it avoids an
        # off-by-one-ulp floor in rare cases.
        position = n * q - q
        low = math.floor(position)
        frac = position - low
        below = order_statistic(low)
        if frac == 0 or low + 1 >= n:
            return below
        return _lerp(below, order_statistic(low + 1), frac)

    if n % 2:
        median = order_statistic(n // 2)
    else:
        median = (order_statistic(n // 2 - 1) + order_statistic(n // 2)) / 2
    tol = _plan_tolerance(plan)
    raised = int(count[grid > plan + tol].sum())
    lowered = int(count[grid < plan - tol].sum())
    return LineStats(
        n=n,
        mean=mean,
        median=median,
        p25=quantile(0.25),
        p75=quantile(0.75),
        raised=raised / n,
        lowered=lowered / n,
        unchanged=(n - raised - lowered) / n,
        mean_ci=mean_interval(mean, std, n),
        std=std,
    )


def line_stats_from_weighted_counts(
    grid_values: Sequence[float] | np.ndarray,
    counts: Sequence[int] | np.ndarray,
    weight_sums: Sequence[float] | np.ndarray,
    weight_squares: Sequence[float] | np.ndarray,
    plan: float,
) -> LineStats:
    """`line_stats` (weighted) from, per grid value, how many participants chose
    it and the sum and the sum of squares of their weights. Participants with
    weight 0 must not be counted. Same definitions as the weighted `line_stats`;
    results agree with it up to the order of floating-point additions.
    """
    grid = _as_1d(grid_values, "grid_values")
    count = np.asarray(counts, dtype=np.int64)
    w = _as_1d(weight_sums, "weight_sums")
    w2 = _as_1d(weight_squares, "weight_squares")
    if not count.shape == w.shape == w2.shape == grid.shape:
        raise ValueError("need one count and weight sum per grid value")
    if np.any(np.diff(grid) <= 0) or np.any(w < 0) or np.any(count < 0):
        raise ValueError("need increasing values and non-negative counts and weights")
    keep = count > 0
    grid, count, w, w2 = grid[keep], count[keep], w[keep], w2[keep]
    n = int(count.sum())
    if n == 0:
        return _empty_stats()
    plan = float(plan)
    total = float(w.sum())
    mean = float(np.dot(w, grid) / total)
    squares = float(w2.sum())
    n_eff = total**2 / squares
    if n > 1:
        spread = float(np.dot(w, (grid - mean) ** 2))
        std = math.sqrt(spread / (total - squares / total))
    else:
        std = 0.0
    cumulative = np.cumsum(w)

    def quantile(q: float) -> float:
        target = q * cumulative[-1] * (1.0 - 1e-12)
        index = int(np.searchsorted(cumulative, target, side="left"))
        return float(grid[min(index, grid.size - 1)])

    tol = _plan_tolerance(plan)
    above, below = grid > plan + tol, grid < plan - tol
    return LineStats(
        n=n,
        mean=mean,
        median=quantile(0.5),
        p25=quantile(0.25),
        p75=quantile(0.75),
        raised=float(w[above].sum()) / total,
        lowered=float(w[below].sum()) / total,
        unchanged=float(w[~(above | below)].sum()) / total,
        mean_ci=mean_interval(mean, std, n_eff),
        std=std,
    )


def mean_budget(allocations: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Per-line mean of an n x m euro matrix (NaN per line when n = 0)."""
    x = np.asarray(allocations, dtype=float)
    if x.ndim != 2:
        raise ValueError("allocations must be an n x m matrix")
    if x.shape[0] == 0:
        return np.full(x.shape[1], math.nan)
    return x.mean(axis=0)


def spread_class(
    stats: LineStats,
    line_min: float,
    line_max: float,
    *,
    contested_iqr: float = 0.25,
    consensus_iqr: float = 0.08,
    consensus_share: float = 0.6,
) -> str:
    """ "contested", "consensus" or "mixed" for one line.

    With r = (p75 - p25) / (line_max - line_min):
    - a line that cannot move (line_max == line_min) is "consensus";
    - r >= 0.25 is "contested" (the middle half of participants spans at least a
      quarter of everything the slider allows);
    - r <= 0.08 and at least 60% in one group (raised, lowered or unchanged) is
      "consensus": narrow spread alone is not enough, because a tight cluster split
      between "a bit more" and "a bit less" is no agreement on direction;
    - anything else, including a line without participants, is "mixed".
    """
    span = float(line_max) - float(line_min)
    if span <= 0:
        return "consensus"
    if stats.n == 0:
        return "mixed"
    ratio = (stats.p75 - stats.p25) / span
    if ratio >= contested_iqr:
        return "contested"
    largest_group = max(stats.raised, stats.lowered, stats.unchanged)
    if ratio <= consensus_iqr and largest_group >= consensus_share:
        return "consensus"
    return "mixed"


# --------------------------------------------------------------------------------------
# Trade-offs between lines
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PairSums:
    """Additive statistics of changes from plan, enough for `trade_offs`.

    Over a group of participants, per line: how many changed it (`changed`), the
    sum and sum of squares of their changes; per pair of lines: how many changed
    both (`both`) and the sum of products of changes. Sums of groups are the
    statistics of their union, so they can be kept per cell and added up. Changes
    may be in any unit per line (correlation does not depend on scale).
    """

    changed: np.ndarray
    both: np.ndarray
    sums: np.ndarray
    squares: np.ndarray
    products: np.ndarray

    @classmethod
    def of(cls, delta: np.ndarray) -> PairSums:
        """From a k x m matrix of changes, zero where a line was not changed."""
        flags = (delta != 0).astype(float)
        return cls(
            flags.sum(axis=0),
            flags.T @ flags,
            delta.sum(axis=0),
            (delta * delta).sum(axis=0),
            delta.T @ delta,
        )


def plan_changes(
    allocations: Sequence[Sequence[float]] | np.ndarray,
    plan: Sequence[float] | np.ndarray,
) -> np.ndarray:
    """Each participant's change from plan per line, 0 where within rounding."""
    x = np.asarray(allocations, dtype=float)
    base = np.asarray(plan, dtype=float)
    if x.ndim != 2 or base.shape != (x.shape[1],):
        raise ValueError("need an n x m matrix and m plan amounts")
    tol = PLAN_RTOL * np.maximum(1.0, np.abs(base))
    delta = x - base
    return np.where(np.abs(delta) > tol, delta, 0.0)


def trade_offs(
    allocations: Sequence[Sequence[float]] | np.ndarray,
    plan: Sequence[float] | np.ndarray,
    labels_or_ids: Sequence[Hashable],
    min_n: int = 10,
    top: int = 5,
    *,
    max_correlation: float = -0.2,
) -> list[tuple[Hashable, Hashable, float, int]]:
    """Pairs of lines whose changes from plan move most in opposite directions.

    For each pair (a, b), the Pearson correlation of (x_a - plan_a) and
    (x_b - plan_b) over the participants who changed a or b (or both). Returns up
    to `top` tuples (label_a, label_b, correlation, n), most negative first, for
    pairs with n >= min_n and correlation < -0.2. Pairs where one line's change is
    constant over those participants have no correlation and are skipped.
    """
    x = np.asarray(allocations, dtype=float)
    if x.ndim != 2 or len(labels_or_ids) != x.shape[1]:
        raise ValueError("need an n x m matrix, m plan amounts and m labels")
    # Zeroing the unchanged entries means that, for any pair, everyone outside the
    # pair's participants contributes nothing to the sums: all pairs then come
    # from a few matrix products instead of m^2 masked passes.
    sums = PairSums.of(plan_changes(x, plan))
    return trade_offs_from_sums(
        sums, labels_or_ids, min_n, top, max_correlation=max_correlation
    )


def trade_offs_from_sums(
    pair_sums: PairSums,
    labels_or_ids: Sequence[Hashable],
    min_n: int = 10,
    top: int = 5,
    *,
    max_correlation: float = -0.2,
) -> list[tuple[Hashable, Hashable, float, int]]:
    """`trade_offs` from the additive statistics of a group (see `PairSums`)."""
    n_line = pair_sums.changed
    n_pair = n_line[:, None] + n_line[None, :] - pair_sums.both
    sums, squares = pair_sums.sums, pair_sums.squares
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = pair_sums.products - np.outer(sums, sums) / n_pair
        var = squares[:, None] - sums[:, None] ** 2 / n_pair
        var_t = var.T
        # A variance that is only rounding noise (relative to the raw sum of
        # squares) means a constant change, where correlation is undefined.
        defined = (var > 1e-9 * squares[:, None]) & (var_t > 1e-9 * squares[None, :])
        corr = cov / np.sqrt(var * var_t)
    found = []
    m = len(labels_or_ids)
    for a in range(m):
        for b in range(a + 1, m):
            n = int(round(n_pair[a, b]))
            if n < min_n or n < 2 or not defined[a, b]:
                continue
            r = float(np.clip(corr[a, b], -1.0, 1.0))
            if r < max_correlation:
                found.append((r, a, b, n))
    found.sort()
    return [(labels_or_ids[a], labels_or_ids[b], r, n) for r, a, b, n in found[:top]]


# --------------------------------------------------------------------------------------
# Moving-phantom mechanisms (Freeman, Pennock, Peters & Wortman Vaughan)
# --------------------------------------------------------------------------------------


def independent_markets_phantoms(t: float, n: int) -> np.ndarray:
    """Independent Markets phantoms: f_k(t) = min(t * (n - k), 1), k = 0..n."""
    return _independent_markets_at(t, n, np.arange(n + 1))


def _independent_markets_at(t: float, n: int, k: np.ndarray) -> np.ndarray:
    return np.minimum(t * (n - k), 1.0)


def welfare_phantoms(t: float, n: int) -> np.ndarray:
    """Utilitarian phantoms: f_k rises from 0 to 1 on [k/(n+1), (k+1)/(n+1)].

    f_k(t) = 0 for t <= k/(n+1), (n+1)t - k in between, 1 for t >= (k+1)/(n+1):
    the phantoms leave 0 one after another, f_0 first.
    """
    return _welfare_at(t, n, np.arange(n + 1))


def _welfare_at(t: float, n: int, k: np.ndarray) -> np.ndarray:
    return np.clip((n + 1) * t - k, 0.0, 1.0)


def _check_shares(shares: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    p = np.asarray(shares, dtype=float)
    if p.ndim != 2 or p.shape[0] == 0 or p.shape[1] == 0:
        raise ValueError("shares must be a non-empty n x m matrix")
    if not np.all(np.isfinite(p)) or np.any(p < 0):
        raise ValueError("shares must be finite and non-negative")
    totals = p.sum(axis=1)
    if np.any(np.abs(totals - 1.0) > SHARE_TOL):
        raise ValueError("every row of shares must sum to 1")
    return p / totals[:, None]


@dataclasses.dataclass(frozen=True)
class ShareCounts:
    """How many participants reported each share, per line.

    `values[j]` are line j's distinct shares in increasing order and `counts[j]`
    how many reported each; every line counts the same n participants. Kept per
    line as one flat array with `starts` marking where each line begins.
    """

    values: np.ndarray
    ends: np.ndarray
    starts: np.ndarray
    n: int

    @classmethod
    def of(
        cls, values: Sequence[np.ndarray], counts: Sequence[np.ndarray]
    ) -> ShareCounts:
        if not values or len(values) != len(counts):
            raise ValueError("need values and counts for at least one line")
        ends, totals = [], set()
        for v, c in zip(values, counts, strict=True):
            if v.shape != c.shape or v.size == 0 or np.any(np.diff(v) <= 0):
                raise ValueError("each line needs increasing values with counts")
            running = np.cumsum(c)
            totals.add(int(running[-1]))
            ends.append(running)
        if len(totals) != 1 or 0 in totals:
            raise ValueError("every line must count the same participants")
        sizes = [v.size for v in values]
        return cls(
            np.concatenate(values).astype(float),
            np.concatenate(ends).astype(np.int64),
            np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64),
            totals.pop(),
        )

    @classmethod
    def of_rows(cls, shares: np.ndarray) -> ShareCounts:
        found = [np.unique(column, return_counts=True) for column in shares.T]
        return cls.of([v for v, _ in found], [c for _, c in found])


def phantom_medians(
    shares: Sequence[Sequence[float]] | np.ndarray, phantoms: Sequence[float]
) -> np.ndarray:
    """Per line, the median of the n reports and the n + 1 phantom values."""
    p = np.asarray(shares, dtype=float)
    f = np.asarray(phantoms, dtype=float)
    if p.ndim != 2 or f.shape != (p.shape[0] + 1,):
        raise ValueError("need an n x m matrix and n + 1 phantom values")
    reports = ShareCounts.of_rows(p)
    ordered = np.sort(f)[::-1]
    return _medians(reports, ordered[0], ordered[reports.ends])


def _medians(reports: ShareCounts, top: float, at_ends: np.ndarray) -> np.ndarray:
    # The (n+1)-th smallest of the sorted reports r_(1..n) and the phantoms
    # f_0 >= ... >= f_n is min(f_0, min_i max(r_(i), f_i)). Within a run of equal
    # reports ending at position c the smallest of those maxima is at f_c, so one
    # term per distinct value suffices: linear in the number of distinct shares,
    # however many participants reported them.
    pairs = np.maximum(reports.values, at_ends)
    return np.minimum(top, np.minimum.reduceat(pairs, reports.starts))


def _medians_by_search(
    reports: ShareCounts,
    at: Callable[[np.ndarray], np.ndarray],
    low: np.ndarray,
    high: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    # The same minimum as `_medians`, found by bisection: along a line the values
    # rise and the phantoms at their run ends fall, so the smallest maximum sits
    # where the two cross; it is min(value at the crossing, phantom just before
    # it). `at(k)` gives phantom k; this costs O(log D) per line instead of O(D).
    # The crossing is known to lie in [low, high] (per line); it is returned too.
    values, ends = reports.values, reports.ends
    starts = reports.starts
    stops = np.append(starts[1:], values.size)
    low, high = low.copy(), high.copy()
    while True:
        active = low < high
        if not active.any():
            break
        middle = (low + high) // 2
        probe = np.minimum(middle, values.size - 1)
        crossed = values[probe] >= at(ends[probe])
        high = np.where(active & crossed, middle, high)
        low = np.where(active & ~crossed, middle + 1, low)
    inf = np.full(low.size, np.inf)
    at_crossing = np.where(low < stops, values[np.minimum(low, values.size - 1)], inf)
    before = np.maximum(low - 1, 0)
    phantom_before = np.where(low > starts, at(ends[before]), inf)
    top = at(np.zeros(1, dtype=np.int64))[0]
    return np.minimum(top, np.minimum(at_crossing, phantom_before)), low


def moving_phantom(
    shares: Sequence[Sequence[float]] | np.ndarray, phantom_fn: PhantomFn
) -> np.ndarray:
    """Aggregate share vector of a moving-phantom mechanism.

    `shares` is n x m with non-negative rows summing to 1; `phantom_fn(t, n)` gives
    the n + 1 phantom values at time t, each continuous and non-decreasing in t with
    all phantoms 0 at t = 0. Line j gets the median of its n reports and the
    phantoms at the t where the medians sum to 1; t is bracketed by bisection to
    1e-12 and the last bracket interpolated linearly (exact when no phantom crosses
    a report inside it). The sum of medians is non-decreasing in t, so where it is
    flat every median is flat too and the outcome does not depend on which t is
    picked.
    """
    reports = ShareCounts.of_rows(_check_shares(shares))

    def medians(t: float) -> np.ndarray:
        ordered = np.sort(np.asarray(phantom_fn(t, reports.n), dtype=float))[::-1]
        return _medians(reports, ordered[0], ordered[reports.ends])

    return _solve_phantoms(medians)


def moving_phantom_counts(reports: ShareCounts, rule: str) -> np.ndarray:
    """`moving_phantom` of a named rule ("independent_markets" or "welfare") from
    counted reports: the cost grows with the logarithm of the number of distinct
    shares, not with the number of participants. Each line's shares must already
    be each participant's split (rows summing to 1); zero counts are allowed.
    """
    phantom = {
        "independent_markets": _independent_markets_at,
        "welfare": _welfare_at,
    }[rule]

    def medians(t: float) -> np.ndarray:
        # Both families are already non-increasing in k: no sort needed.
        # Phantoms only rise with t, so the crossing only moves right: the
        # crossings at the nearest times already tried bound this one.
        below = max((u for u in crossings if u <= t), default=None)
        above = min((u for u in crossings if u >= t), default=None)
        low = crossings[below] if below is not None else reports.starts
        high = crossings[above] if above is not None else stops
        found, crossing = _medians_by_search(
            reports, lambda k: phantom(t, reports.n, k), low, high
        )
        crossings[t] = crossing
        return found

    stops = np.append(reports.starts[1:], reports.values.size)
    crossings: dict[float, np.ndarray] = {}
    return _solve_phantoms(medians)


def _solve_phantoms(at: Callable[[float], np.ndarray]) -> np.ndarray:
    low, high = 0.0, 1.0
    at_low, at_high = at(low), at(high)
    # At t = 1 the total can be exactly 1 in real arithmetic (one participant, say)
    # and land a hair below it in floats.
    if not (at_low.sum() < 1.0 and at_high.sum() >= 1.0 - SHARE_TOL):
        raise ValueError("the phantom system does not reach a total of 1 on [0, 1]")
    while high - low > T_TOL:
        middle = 0.5 * (low + high)
        at_middle = at(middle)
        total = at_middle.sum()
        if total == 1.0:
            at_low = at_high = at_middle
            break
        if total < 1.0:
            low, at_low = middle, at_middle
        else:
            high, at_high = middle, at_middle
    gap = at_high.sum() - at_low.sum()
    weight = min(1.0, (1.0 - at_low.sum()) / gap) if gap > 0 else 1.0
    result = np.clip(at_low + weight * (at_high - at_low), 0.0, None)
    return result / result.sum()


def independent_markets(shares: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Independent Markets: strategy-proof and proportional for single-minded voters."""
    return moving_phantom(shares, independent_markets_phantoms)


def welfare_phantom(shares: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """The utilitarian moving-phantom rule: maximises -sum_i ||p_i - a||_1."""
    return moving_phantom(shares, welfare_phantoms)


def scale_to_total(shares: Sequence[float] | np.ndarray, total: float) -> np.ndarray:
    """Euro amounts from an aggregate share vector."""
    return np.asarray(shares, dtype=float) * float(total)


def _spending(
    allocations: Sequence[Sequence[float]] | np.ndarray,
    spending_mask: Sequence[bool] | np.ndarray,
) -> np.ndarray:
    x = np.asarray(allocations, dtype=float)
    mask = np.asarray(spending_mask, dtype=bool)
    if x.ndim != 2 or mask.shape != (x.shape[1],):
        raise ValueError("need an n x m matrix and a mask of m booleans")
    return x[:, mask]


def participant_shares(
    allocations: Sequence[Sequence[float]] | np.ndarray,
    spending_mask: Sequence[bool] | np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Each participant's split of their own spending total over the spending lines.

    Returns (shares, kept): shares has one row per kept participant and one column
    per spending line (in mask order); kept holds the row indices of participants
    whose spending total is positive, the others having no split to report.
    """
    spending = _spending(allocations, spending_mask)
    if np.any(spending < 0):
        raise ValueError("spending amounts must not be negative")
    totals = spending.sum(axis=1)
    kept = np.flatnonzero(totals > 0)
    return spending[kept] / totals[kept, None], kept


def median_total(
    allocations: Sequence[Sequence[float]] | np.ndarray,
    spending_mask: Sequence[bool] | np.ndarray,
) -> float:
    """Median of participants' spending totals (NaN without participants)."""
    totals = _spending(allocations, spending_mask).sum(axis=1)
    return float(np.median(totals)) if totals.size else math.nan


# --------------------------------------------------------------------------------------
# Small-group suppression
# --------------------------------------------------------------------------------------


def is_suppressed(n: int, min_size: int) -> bool:
    """Whether a count is too small to show."""
    return n < min_size


def suppress_counts(
    counts: Mapping[Key, int], min_size: int, total_shown: bool = True
) -> set[Key]:
    """The cells of a breakdown to hide.

    Every cell with 0 < count < min_size is hidden. When the breakdown's total is
    shown, or when only one cell would be hidden, the smallest other non-zero cells
    (ties in mapping order) are hidden as well until at least two cells are hidden
    and they sum to at least min_size: subtraction from the total then yields only
    the sum of the hidden cells, which is itself not a small group. Cells with
    count 0 are never hidden.

    If the breakdown has a single non-zero cell below min_size it is hidden alone;
    the total then equals it, so the caller must suppress the total too
    (`is_suppressed(total, min_size)`).
    """
    cells = []
    for order, (key, count) in enumerate(counts.items()):
        if count < 0 or count != int(count):
            raise ValueError("counts must be non-negative integers")
        if count > 0:
            cells.append((int(count), order, key))
    hidden = {key for count, _, key in cells if count < min_size}
    if not hidden or not (total_shown or len(hidden) == 1):
        return hidden
    hidden_sum = sum(count for count, _, key in cells if key in hidden)
    for count, _, key in sorted(cells):
        if len(hidden) >= 2 and hidden_sum >= min_size:
            break
        if key not in hidden:
            hidden.add(key)
            hidden_sum += count
    return hidden


# --------------------------------------------------------------------------------------
# Post-stratification
# --------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PoststratInfo:
    """What the weights rest on, for the dashboard's method note."""

    n_weighted: int
    n_excluded: int
    n_effective: float
    missing_cells: tuple[Cell, ...]
    unknown_cells: tuple[Cell, ...]


def kish_effective_n(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's effective sample size (sum w)^2 / sum w^2 (0 without weight)."""
    w = np.asarray(weights, dtype=float)
    squares = float(np.dot(w, w))
    return float(w.sum()) ** 2 / squares if squares > 0 else 0.0


def poststrat_weights(
    cells: Sequence[tuple[str | None, str | None]],
    population: Mapping[Cell, float],
) -> tuple[np.ndarray, PoststratInfo]:
    """Post-stratification weights by (district, age_band).

    A participant in cell c gets (population share of c among the cells present in
    the sample) / (sample share of c), normalised to mean 1 over the weighted
    participants. Participants with a missing district or age band, or in a cell
    the population table lacks (or gives 0), get weight 0 and count as excluded.
    `missing_cells` lists population cells nobody in the sample belongs to: the
    weighted results say nothing about them. `unknown_cells` lists sample cells the
    population table lacks.
    """
    sample: dict[Cell, int] = {}
    unknown: dict[Cell, None] = {}
    keys: list[Cell | None] = []
    for raw in cells:
        district, band = raw
        cell = (district, band)
        if district is None or band is None:
            keys.append(None)
        elif population.get(cell, 0) > 0:
            sample[cell] = sample.get(cell, 0) + 1
            keys.append(cell)
        else:
            unknown[cell] = None
            keys.append(None)
    n_weighted = sum(sample.values())
    factor = poststrat_factors(sample, population)
    weights = np.array([factor[key] if key else 0.0 for key in keys], dtype=float)
    if n_weighted:
        # Already mean 1 in exact arithmetic; this only removes rounding drift.
        weights *= n_weighted / weights.sum()
    info = PoststratInfo(
        n_weighted=n_weighted,
        n_excluded=len(keys) - n_weighted,
        n_effective=kish_effective_n(weights),
        missing_cells=tuple(
            cell for cell, size in population.items() if size > 0 and cell not in sample
        ),
        unknown_cells=tuple(unknown),
    )
    return weights, info


def poststrat_factors(
    sample: Mapping[Cell, int], population: Mapping[Cell, float]
) -> dict[Cell, float]:
    """The weight of one participant per cell, given how many of the sample are
    in each cell (cells the population lacks must already be left out): population
    share among the cells present over sample share."""
    n_weighted = sum(sample.values())
    present_population = sum(float(population[cell]) for cell in sample)
    return {
        cell: (float(population[cell]) / present_population) / (count / n_weighted)
        for cell, count in sample.items()
    }


def load_population(path: str | Path) -> dict[Cell, float]:
    """The `district,age_band,population` table as {(district, age_band): size}."""
    table: dict[Cell, float] = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != ["district", "age_band", "population"]:
            raise ValueError("expected the columns district,age_band,population")
        for row in reader:
            cell = (row["district"].strip(), row["age_band"].strip())
            if cell in table:
                raise ValueError(f"duplicate population row {cell}")
            size = float(row["population"])
            if not math.isfinite(size) or size < 0:
                raise ValueError(f"bad population for {cell}")
            table[cell] = size
    return table


# --------------------------------------------------------------------------------------
# Unusual activity
# --------------------------------------------------------------------------------------


def flag_surges(
    days: Sequence[date],
    counts: Sequence[int],
    window: int = 7,
    factor: float = 3.0,
    min_count: int = 20,
    step: int = 1,
) -> list[date]:
    """Days (or periods of `step` days, given by their first day) whose
    submissions jump far above the recent level.

    A day is flagged when its count is >= min_count and >= factor x the median of
    the previous `window` periods. Periods missing from the series count as 0
    (a query grouped by date omits empty days); history never reaches back before
    the first period in the series, so that one is never flagged.
    """
    if len(days) != len(counts):
        raise ValueError("days and counts must have the same length")
    by_day: dict[date, int] = {}
    for day, count in zip(days, counts, strict=True):
        if day in by_day:
            raise ValueError(f"day {day} appears twice")
        by_day[day] = int(count)
    if not by_day:
        return []
    first = min(by_day)
    flagged = []
    for day in sorted(by_day):
        start = max(first, day - timedelta(days=window * step))
        history = [
            by_day.get(start + timedelta(days=offset), 0)
            for offset in range(0, (day - start).days, step)
        ]
        if not history:
            continue
        count = by_day[day]
        if count >= min_count and count >= factor * statistics.median(history):
            flagged.append(day)
    return flagged


def flag_district_dominance(
    day_district_counts: Mapping[date, Mapping[str, int]],
    overall_shares: Mapping[str, float],
    min_count: int = 20,
    share: float = 0.5,
    ratio: float = 2.0,
) -> list[tuple[date, str, float]]:
    """Days on which one district sent an unusual part of the submissions.

    Flags (day, district, day share) when the day has >= min_count submissions in
    all, the district sent more than `share` of them, and that is more than `ratio`
    x the district's overall share. Keys that are None (district not given) count
    towards the day's total but are never flagged. Sorted by day, then largest
    share first.
    """
    flagged = []
    for day in sorted(day_district_counts):
        per_district = day_district_counts[day]
        total = sum(per_district.values())
        if total < min_count or total <= 0:
            continue
        for district, count in per_district.items():
            if district is None:
                continue
            day_share = count / total
            if day_share > share and day_share > ratio * overall_shares.get(
                district, 0.0
            ):
                flagged.append((day, district, day_share))
    flagged.sort(key=lambda item: (item[0], -item[2], item[1]))
    return flagged


# --------------------------------------------------------------------------------------
# Distributions
# --------------------------------------------------------------------------------------


def binned_counts(
    values: Sequence[float] | np.ndarray,
    line_min: float,
    line_max: float,
    step: float,
    max_bins: int = 20,
    times: Sequence[int] | np.ndarray | None = None,
) -> list[tuple[float, float, int]]:
    """How many chose each part of a line's range: (from, to, count) per bin.
    With `times`, each value stands for that many participants.

    Bins follow the step grid (whole steps per bin, at most `max_bins` bins), so a
    bin never splits what one choice could be; only these counts go to a browser,
    never the rows themselves.
    """
    if step <= 0 or line_max < line_min:
        raise ValueError("need step > 0 and max >= min")
    positions = int(round((line_max - line_min) / step)) + 1
    per_bin = max(1, math.ceil(positions / max_bins))
    n_bins = math.ceil(positions / per_bin)
    x = _as_1d(values, "values")
    index = np.clip(
        np.rint((x - line_min) / step).astype(int) // per_bin, 0, n_bins - 1
    )
    counts = np.bincount(index, weights=times, minlength=n_bins)
    return [
        (
            line_min + b * per_bin * step,
            min(line_max, line_min + ((b + 1) * per_bin - 1) * step),
            int(counts[b]),
        )
        for b in range(n_bins)
    ]

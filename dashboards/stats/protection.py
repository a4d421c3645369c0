"""Which counts of a trajectory may be published: primary and secondary cell
suppression over one table, by the hypercube method.

Every answer the dashboard, the presentation, the results API and the exports give
about a group is a sum over the cells of one table per trajectory: district (the
eight stadsdelen and "not given") x age band (the bands and "not given") x period
(a calendar week, Monday to Sunday in Europe/Amsterdam time, or the whole
trajectory as one period). A filter selects one district or all, one age band or
all, and a contiguous range of whole periods; weighted answers also give the count
of the same group without "not given" (the "known" selector). "Not given" is never
selectable on its own.

Sensitive groups are every group one selector per dimension describes (so also
"not given" alone, and every cell) and every difference of two nested askable
groups, with 1..k-1 participants. A sensitive group is protected when
its count cannot be computed exactly from all published counts together.

The method is the hypercube method of GHMITER (Repsilber; see Giessing & Repsilber,
"Tools and strategies to protect multiple tables with the GHQUAR cell suppression
engine", 2002, and the tau-argus manual): for each sensitive group that no earlier
certificate protects, take the cheapest perturbation vector over cells of the form
s_d x s_a x s_p, where each factor is either one value (a point) or +1/-1 on two
values, so that the vector sums to non-zero over the group and keeps every cell
>= 0 when added in one of the two directions (every cell it lowers holds someone).
Every published group the vector does not sum to zero over is suppressed as well.
Afterwards the vector sums to zero over every published group, so the table plus a
small multiple of it agrees with everything published but differs on the sensitive
group: its count is not determined. Suppressing more never breaks a certificate
found earlier, so one greedy pass suffices. Because every query is a product of one
selector per dimension, both the vector's sum over a query and the cost of a vector
(the summed cost of the answers it suppresses) factor per
dimension and are computed for all candidate vectors at once. The cost of an
answer is (participants + 1) x the cells it spans, so the broad answers (the total
above all) are suppressed last.

Pure: numpy only; no Dash, Flask or SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

# Selector layout per dimension with values 0 (not given), 1..V-1: index 0 is
# "all", 1 is "known" (all but not given), 1 + v is value v alone (v >= 1), and
# V + 1 is "not given" alone (a cell, never askable).
ALL = 0
KNOWN = 1


def selectors(values: int) -> np.ndarray:
    """Membership (selectors x values) of one dimension's selectors."""
    member = np.zeros((values + 2, values), dtype=np.int64)
    member[ALL] = 1
    member[KNOWN, 1:] = 1
    for v in range(1, values):
        member[1 + v, v] = 1
    member[values + 1, 0] = 1
    return member


def ranges(periods: int) -> list[tuple[int, int]]:
    """Every contiguous range (first, last) of period indices, inclusive."""
    return [(i, j) for i in range(periods) for j in range(i, periods)]


def range_members(periods: int) -> np.ndarray:
    """Membership (ranges x periods) of the period ranges, in `ranges` order."""
    found = np.zeros((periods * (periods + 1) // 2, periods), dtype=np.int64)
    for r, (i, j) in enumerate(ranges(periods)):
        found[r, i : j + 1] = 1
    return found


def _options(values: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate factors of one dimension: every point (value, -1) and every pair
    (plus value, minus value)."""
    points = [(v, -1) for v in range(values)]
    pairs = [(a, b) for a in range(values) for b in range(a + 1, values)]
    chosen = np.array(points + pairs, dtype=np.int64).reshape(-1, 2)
    return chosen[:, 0], chosen[:, 1]


def _factor(plus: np.ndarray, minus: np.ndarray, member: np.ndarray) -> np.ndarray:
    """Sum of each candidate factor over each selector (options x selectors)."""
    found = member[:, plus].T.copy()
    has_minus = minus >= 0
    found[has_minus] -= member[:, minus[has_minus]].T
    return found


@dataclasses.dataclass(frozen=True)
class Pattern:
    """What may be published about one trajectory.

    `counts[ds, as, r]` is the number of participants of the group (district
    selector, age selector, period range); `published` says whether that number
    and every figure about the group may be shown. Selectors as in `selectors`;
    ranges as in `ranges`."""

    counts: np.ndarray
    published: np.ndarray
    periods: int
    certificates: tuple[tuple[int, int, int], ...]

    def range_index(self, first: int, last: int) -> int:
        """Index of the range of periods first..last (0-based, inclusive)."""
        return first * self.periods - first * (first - 1) // 2 + (last - first)

    def shown(self, district: int, age: int, first: int, last: int) -> bool:
        """Whether the group's count may be shown (selector indices)."""
        return bool(self.published[district, age, self.range_index(first, last)])

    def count(self, district: int, age: int, first: int, last: int) -> int:
        return int(self.counts[district, age, self.range_index(first, last)])


def askable(districts: int, ages: int, periods: int) -> np.ndarray:
    """Which (district selector, age selector, range) groups some answer gives a
    count of: raw answers (all or one value per dimension) and, for weighted ones,
    the same group without "not given" (known or one value per dimension)."""
    d_raw = np.zeros(districts + 2, dtype=bool)
    d_raw[ALL] = True
    d_raw[2 : districts + 1] = True
    a_raw = np.zeros(ages + 2, dtype=bool)
    a_raw[ALL] = True
    a_raw[2 : ages + 1] = True
    d_known = d_raw.copy()
    d_known[ALL], d_known[KNOWN] = False, True
    a_known = a_raw.copy()
    a_known[ALL], a_known[KNOWN] = False, True
    found = (d_raw[:, None] & a_raw[None, :]) | (d_known[:, None] & a_known[None, :])
    return np.broadcast_to(
        found[:, :, None], (districts + 2, ages + 2, periods * (periods + 1) // 2)
    ).copy()


def protect(counts: np.ndarray, lowerable: np.ndarray, min_size: int) -> Pattern:
    """The suppression pattern of a table by the hypercube method (module docstring).

    counts: participants per cell, shape (districts, ages, periods), index 0 of the
    first two axes meaning "not given"; whole numbers >= 0.
    lowerable: per cell and per extra quantity that must stay >= 0 (for budgets:
    each line's sum), shape (districts, ages, periods, quantities): whether that
    quantity is above 0 there. Counts themselves are always checked. A vector is
    usable when, for counts and for each quantity, adding it or taking it away
    lowers only cells where that quantity is above 0; so sums are protected the
    way counts are. A 3-D array is read as one quantity.
    min_size: k; groups of 1..k-1 are sensitive. Returns the Pattern.
    Raises ValueError for counts that are not whole numbers >= 0."""
    counts = np.asarray(counts)
    if counts.ndim != 3 or (counts < 0).any() or (counts != np.round(counts)).any():
        raise ValueError("counts must be a 3-D table of whole numbers >= 0")
    counts = counts.astype(np.int64)
    lowerable = np.asarray(lowerable, dtype=bool)
    if lowerable.ndim == 3:
        lowerable = lowerable[..., None]
    lowerable = np.concatenate([(counts > 0)[..., None], lowerable], axis=-1)
    lowerable &= (counts > 0)[..., None]
    n_d, n_a, n_p = counts.shape
    members = (selectors(n_d), selectors(n_a), range_members(n_p))
    if n_p == 0:
        empty = np.zeros((n_d + 2, n_a + 2, 0), dtype=np.int64)
        return Pattern(empty, empty.astype(bool), 0, ())
    table = np.einsum("xd,yb,zp,dbp->xyz", *members, counts, optimize=True)
    ask = askable(n_d, n_a, n_p)
    published = ask & ((table == 0) | (table >= min_size))
    # What suppressing an answer costs: its participants times the cells it
    # spans, so broad answers (the total above all) are the last to go.
    breadth = np.einsum("xd,yb,zp->xyz", *members, optimize=True)
    weight = np.where(ask, (table + 1) * breadth, 0).astype(float)
    # Which cells each group holds (groups x cells), for vectors on two cells.
    holds = np.einsum("xd,yb,zp->xyzdbp", *members, optimize=True).reshape(
        table.size, counts.size
    )
    holds_f = holds.astype(float)
    cell_ok = lowerable.reshape(counts.size, -1)

    options = [_options(n) for n in (n_d, n_a, n_p)]
    factors = [
        _factor(plus, minus, member)
        for (plus, minus), member in zip(options, members, strict=True)
    ]
    feasible = _feasible(options, lowerable)

    def on(group: tuple[int, int, int]) -> np.ndarray:
        """Each candidate's sum over one group (candidates as a 3-D array)."""
        fd, fa, fp = (f[:, s] for f, s in zip(factors, group, strict=True))
        return fd[:, None, None] * fa[None, :, None] * fp[None, None, :]

    def flat(group: tuple[int, int, int]) -> int:
        return int(np.ravel_multi_index(group, table.shape))

    chosen: list[tuple] = []
    # Each chosen vector's sum over every group, stacked: a group is protected
    # when some vector's sum over it is not zero.
    moves = np.zeros((0, *table.shape), dtype=np.int64)

    def certify(group: tuple) -> None:
        nonlocal published, moves
        inside = holds[flat(group[0])].astype(np.int64)
        sums = on(group[0])
        if len(group) == 2:
            inside = inside - holds[flat(group[1])]
            sums = sums - on(group[1])
        cost_of = np.where(published, weight, 0.0)
        live = [(f != 0).astype(float) for f in factors]
        cost = np.einsum("ix,jy,kz,xyz->ijk", *live, cost_of, optimize=True)
        # A lone cell raised by one is always usable, so some candidate is.
        cost = np.where((sums != 0) & feasible, cost, np.inf)
        best = tuple(int(i) for i in np.unravel_index(int(np.argmin(cost)), cost.shape))
        fd, fa, fp = (f[i] for f, i in zip(factors, best, strict=True))
        moved = fd[:, None, None] * fa[None, :, None] * fp[None, None, :]
        # Only a lone raised cell was usable: its neighbours are empty or not
        # lowerable, so look further afield for a cell to pair it with.
        lone = all(i < n for i, n in zip(best, counts.shape, strict=True))
        pair = (
            _best_pair(inside, holds_f, cost_of.reshape(-1), cell_ok) if lone else None
        )
        if pair is not None and pair[0] < cost[best]:
            _, x, y = pair
            moved = (holds[:, x] - holds[:, y]).reshape(table.shape)
            best = ("pair", x, y)
        chosen.append(best)
        published = published & (moved == 0)
        moves = np.concatenate([moves, moved[None]])

    for group in _sensitive_groups(table, ask, counts, min_size):
        inside = moves[(slice(None), *group[0])]
        if len(group) == 2:
            inside = inside - moves[(slice(None), *group[1])]
        if not inside.any():
            certify(group)
    return Pattern(table, published, n_p, tuple(chosen))


def _best_pair(
    inside: np.ndarray, holds: np.ndarray, cost_of: np.ndarray, cell_ok: np.ndarray
) -> tuple[float, int, int] | None:
    """The cheapest vector +1 on a cell x of the group and -1 on a cell y outside
    it (the two-cell generalisation of a 1-D hypercube, for cells whose
    neighbours are empty). Usable when, for counts and every quantity, x or y is
    above 0. None when no such pair exists. holds: groups x cells, as floats."""
    xs = np.flatnonzero(inside != 0)
    if xs.size == 0:
        return None
    cell_cost = cost_of @ holds
    # Groups holding exactly one of x and y are suppressed.
    shared = (holds[:, xs] * cost_of[:, None]).T @ holds
    cost = cell_cost[xs][:, None] + cell_cost[None, :] - 2 * shared
    usable = (cell_ok[None, :, :] | cell_ok[xs][:, None, :]).all(axis=2)
    usable &= inside[None, :] != inside[xs][:, None]
    cost = np.where(usable, cost, np.inf)
    k, y = np.unravel_index(int(np.argmin(cost)), cost.shape)
    if not np.isfinite(cost[k, y]):
        return None
    return float(cost[k, y]), int(xs[k]), int(y)


def _feasible(options, lowerable: np.ndarray) -> np.ndarray:
    """Per candidate: whether, for counts and for every quantity, adding it or
    taking it away lowers only cells where that quantity is above 0."""
    (pd, md), (pa, ma), (pp, mp) = options
    shape = (pd.size, pa.size, pp.size)
    quantities = lowerable.shape[-1]
    plus_ok = np.ones((*shape, quantities), dtype=bool)
    minus_ok = plus_ok.copy()
    for dv, ds in ((pd, 1), (md, -1)):
        for av, as_ in ((pa, 1), (ma, -1)):
            for pv, ps in ((pp, 1), (mp, -1)):
                valid = (
                    (dv >= 0)[:, None, None]
                    & (av >= 0)[None, :, None]
                    & (pv >= 0)[None, None, :]
                )
                value = lowerable[
                    np.maximum(dv, 0)[:, None, None],
                    np.maximum(av, 0)[None, :, None],
                    np.maximum(pv, 0)[None, None, :],
                ]
                if ds * as_ * ps > 0:
                    plus_ok &= value | ~valid[..., None]
                else:
                    minus_ok &= value | ~valid[..., None]
    return (plus_ok | minus_ok).all(axis=-1)


def _sensitive_groups(table, ask, counts, min_size):
    """Groups to protect, smallest first: every group of 1..k-1 that selectors
    describe (askable or not: "not given" alone too, and every cell), then the
    differences of nested askable groups of 1..k-1 (as (larger, smaller) pairs)."""
    small = (table > 0) & (table < min_size)
    found = [(int(table[g]), (g,)) for g in zip(*np.nonzero(small), strict=True)]
    found.sort(key=lambda item: item[0])
    yield from (tuple(tuple(int(i) for i in g) for g in groups) for _, groups in found)
    yield from _nested_differences(table, ask, min_size)


def _subsets(member: np.ndarray) -> list[tuple[int, int]]:
    """(smaller, larger) selector pairs, the smaller strictly inside or equal."""
    inside = (member[:, None, :] <= member[None, :, :]).all(axis=2)
    return list(zip(*np.nonzero(inside), strict=True))


def _nested_differences(table, ask, min_size):
    n_ds, n_as, n_r = table.shape
    d_pairs = _subsets(selectors(n_ds - 2))
    a_pairs = _subsets(selectors(n_as - 2))
    periods = int(round((np.sqrt(8 * n_r + 1) - 1) / 2))
    r_member = range_members(periods)
    r_inside = (r_member[:, None, :] <= r_member[None, :, :]).all(axis=2)
    found = []
    for d1, d2 in d_pairs:
        for a1, a2 in a_pairs:
            both = ask[d1, a1][:, None] & ask[d2, a2][None, :] & r_inside
            diff = table[d2, a2][None, :] - table[d1, a1][:, None]
            hit = both & (diff > 0) & (diff < min_size)
            for r1, r2 in zip(*np.nonzero(hit), strict=True):
                found.append(
                    (int(diff[r1, r2]), ((d2, a2, int(r2)), (d1, a1, int(r1))))
                )
    found.sort(key=lambda item: item[0])
    for _, groups in found:
        yield tuple(tuple(int(i) for i in g) for g in groups)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the calendar week of a date."""
    return day - dt.timedelta(days=day.weekday())


WEEK = "week"
WHOLE = "whole"


@dataclasses.dataclass(frozen=True)
class Calendar:
    """The periods of one trajectory's table.

    unit: WEEK (calendar weeks, Monday to Sunday) or WHOLE (one period). Days are
    Europe/Amsterdam dates. `start` is the first day of period 0 and `end` the
    last day of the last period (None without ballots)."""

    unit: str
    start: dt.date | None
    end: dt.date | None
    periods: int

    @classmethod
    def of(cls, days: np.ndarray, unit: str) -> Calendar:
        """The calendar covering days (proleptic ordinals) of ballots."""
        if unit not in (WEEK, WHOLE):
            raise ValueError(f"unknown period unit {unit!r}")
        if days.size == 0:
            return cls(unit, None, None, 0)
        first = dt.date.fromordinal(int(days.min()))
        last = dt.date.fromordinal(int(days.max()))
        if unit == WHOLE:
            return cls(unit, first, last, 1)
        start = week_start(first)
        end = week_start(last) + dt.timedelta(days=6)
        return cls(unit, start, end, (end - start).days // 7 + 1)

    def index(self, days: np.ndarray) -> np.ndarray:
        """Period index of each day (ordinals inside the calendar)."""
        if self.unit == WHOLE or self.start is None:
            return np.zeros(np.shape(days), dtype=np.int64)
        return (np.asarray(days, dtype=np.int64) - self.start.toordinal()) // 7

    def span(self, first: int, last: int) -> tuple[dt.date, dt.date]:
        """First and last day of the periods first..last."""
        if self.unit == WHOLE or self.start is None:
            return self.start, self.end
        return (
            self.start + dt.timedelta(days=7 * first),
            self.start + dt.timedelta(days=7 * last + 6),
        )

    def select(
        self, since: dt.date | None, until: dt.date | None
    ) -> tuple[tuple[int, int] | None, tuple[dt.date | None, dt.date | None]]:
        """The range of whole periods a date filter means, and the days it spans:
        `since` moves back to the start of its period and `until` on to the end
        of its period. The range is None when no period of the table falls in it
        (its group is empty); the days are those the answer is about."""
        if self.start is None:
            return None, (since, until)
        if self.unit == WHOLE:
            return (0, 0), (self.start, self.end)
        lo = week_start(since) if since else self.start
        hi = week_start(until) + dt.timedelta(days=6) if until else self.end
        first = max(0, (lo - self.start).days // 7)
        last = min(self.periods - 1, (hi - self.start).days // 7)
        if first > last:
            return None, (lo, hi)
        return (first, last), (lo, hi)


def selector_of(value: int | None, values: int, known: bool = False) -> int:
    """The selector of a filter on one dimension: value v >= 1 alone, or everyone
    (None; without "not given" when `known`)."""
    if value is None:
        return KNOWN if known else ALL
    if not 1 <= value < values:
        raise ValueError(f"value {value} is not selectable")
    return 1 + value


def decide(
    calendar: Calendar,
    pattern: Pattern,
    district: int | None,
    age: int | None,
    since: dt.date | None,
    until: dt.date | None,
    weighted: bool,
) -> tuple[tuple[int, int] | None, dict[str, str | None]]:
    """Whether a filter's answer may be given: the range of whole periods it
    selects (None when its figures are not shown), and the days it is about as
    `{"since", "until", "unit"}` (ISO dates). district/age: the value (>= 1) or
    None for everyone; a weighted answer also needs the count without "not
    given" to be published."""
    chosen, (lo, hi) = calendar.select(since, until)
    period = {
        "since": lo.isoformat() if lo else None,
        "until": hi.isoformat() if hi else None,
        "unit": calendar.unit,
    }
    if chosen is None:
        return None, period
    n_d, n_a = pattern.counts.shape[0] - 2, pattern.counts.shape[1] - 2
    groups = [(selector_of(district, n_d), selector_of(age, n_a))]
    if weighted:
        groups.append(
            (selector_of(district, n_d, known=True), selector_of(age, n_a, known=True))
        )
    if all(pattern.shown(d, a, *chosen) for d, a in groups):
        return chosen, period
    return None, period

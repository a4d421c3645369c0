"""Reading results for a trajectory under a filter: store rows in, result data out.
The one path the dashboard pages, the results API and the exports share."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import tempfile
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np
from flask_caching import Cache

from budgetschuiver.context import services
from budgetschuiver.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.projects import BudgetProject
from budgetschuiver.store import BallotColumns, Store
from dashboards import protection, results
from dashboards.filters import Filters, local_date
from dashboards.tally import BudgetTally


def rows_and_total(kind: str, item_id: str, filters: Filters) -> tuple[list, int]:
    """The ballots of a poll or moodboard in the filter, its dates snapped to the
    whole periods of the protected table (none when the group is not shown), and
    how many there are in the same periods overall."""
    everyone = services().store.votes_for(kind, item_id)
    calendar, pattern = _vote_protection(kind, item_id, everyone, filters.synthetic)
    chosen, _period = _decide(calendar, pattern, filters)
    return _selected(everyone, calendar, chosen, filters)


def _selected(everyone: list, calendar, chosen, filters: Filters) -> tuple[list, int]:
    """`rows_and_total` from votes already read: the filter's rows in the chosen
    periods (synthetic ones kept: the results count how many they leave out), and
    how many the filter takes in those periods overall."""
    if chosen is None:
        return [], 0
    lo, hi = calendar.span(*chosen)
    in_period = [row for row in everyone if lo <= local_date(row.updated_at) <= hi]
    rows = [
        row
        for row in in_period
        if filters.district in (None, row.district)
        and filters.age_band in (None, row.age_band)
    ]
    return rows, len(results.without_synthetic(in_period, filters)[0])


DISTRICT_IDS = [key for key, _, _ in DISTRICTS]
AGE_IDS = [key for key, _, _ in AGE_BANDS]
DISTRICT_CODES = {key: k + 1 for k, key in enumerate(DISTRICT_IDS)}
AGE_CODES = {key: k + 1 for k, key in enumerate(AGE_IDS)}


def _code(codes: dict[str, int], value: str | None) -> int | None:
    return None if value is None else codes[value]


def _decide(calendar, pattern, filters: Filters, weighted: bool | None = None):
    """`protection.decide` for a filter: the whole periods it selects (None when
    its group is hidden) and the days it is about."""
    return protection.decide(
        calendar,
        pattern,
        _code(DISTRICT_CODES, filters.district),
        _code(AGE_CODES, filters.age_band),
        filters.since,
        filters.until,
        filters.weighted if weighted is None else weighted,
    )


# Per store and (kind, id): the data version a vote table was protected at, with
# its calendar and pattern, so the pattern is made once per change of the data.
_vote_patterns: weakref.WeakKeyDictionary[Store, dict] = weakref.WeakKeyDictionary()


def _vote_protection(
    kind: str, item_id: str, rows: list, synthetic: bool
) -> tuple[protection.Calendar, protection.Pattern]:
    """The protected table of a poll or moodboard's ballots in scope (synthetic
    ones only when asked for: the table protects the people a reader sees)."""
    settings = services().settings
    version = services().data_version.current()
    key = (version, settings.dashboard_period, settings.min_group_size)
    with _lock:
        kept = _vote_patterns.setdefault(services().store, {})
        found = kept.get((kind, item_id, synthetic))
    if found is not None and found[0] == key:
        return found[1], found[2]
    if not synthetic:
        rows = [row for row in rows if not row.synthetic]
    days = np.array([local_date(row.updated_at).toordinal() for row in rows], int)
    calendar = protection.Calendar.of(days, settings.dashboard_period)
    counts = np.zeros((len(DISTRICT_IDS) + 1, len(AGE_IDS) + 1, calendar.periods))
    if rows:
        np.add.at(
            counts,
            (
                [DISTRICT_CODES.get(row.district, 0) for row in rows],
                [AGE_CODES.get(row.age_band, 0) for row in rows],
                calendar.index(days),
            ),
            1,
        )
    pattern = protection.protect(counts, counts > 0, settings.min_group_size)
    with _lock:
        kept[(kind, item_id, synthetic)] = (key, calendar, pattern)
    return calendar, pattern


@dataclasses.dataclass(frozen=True)
class Crowd:
    """Who is in a filter, as far as the protected table may show it: `n` and
    `synthetic` (0 when suppressed), the days used (`period`), and per period, per
    district and per age band of the group the count, or None where the pattern
    hides it. District and age keys are ids, None for "not given"."""

    suppressed: bool
    n: int
    synthetic: int
    period: dict
    per_period: tuple[tuple[dt.date, int | None], ...]
    by_district: tuple[tuple[str | None, int | None], ...]
    by_age: tuple[tuple[str | None, int | None], ...]
    # Per period: the shown districts' counts and the rest (key "rest").
    districts_per_period: tuple[tuple[dt.date, dict[str, int]], ...]
    # Synthetic ballots the filter leaves out (stated beside the n).
    synthetic_excluded: int = 0


def crowd(kind: str, item: Any, filters: Filters) -> Crowd:
    """Counts of who took part, from the protected table only."""
    settings = services().settings
    if kind == "budget":
        with budget_tally(item) as tally:
            calendar, pattern = tally.protected(
                settings.dashboard_period, settings.min_group_size, filters.synthetic
            )
            chosen, period = _decide(calendar, pattern, filters, weighted=False)
            synthetic = left_out = 0
            if chosen is not None:
                lo, hi = calendar.span(*chosen)
                snapped = dataclasses.replace(filters, since=lo, until=hi)
                synthetic = sum(cell[4] for cell in tally.cells(snapped) if cell[3])
                left_out = tally.synthetic_excluded(snapped)
    else:
        everyone = services().store.votes_for(kind, item.id)
        calendar, pattern = _vote_protection(kind, item.id, everyone, filters.synthetic)
        shown, _period = _decide(calendar, pattern, filters)
        rows, _total = _selected(everyone, calendar, shown, filters)
        chosen, period = _decide(calendar, pattern, filters, weighted=False)
        rows, left_out = results.without_synthetic(rows, filters)
        synthetic = sum(row.synthetic for row in rows)
    if chosen is None:
        return Crowd(True, 0, 0, period, (), (), (), ())
    found = _crowd(calendar, pattern, filters, chosen, period, synthetic)
    return dataclasses.replace(found, synthetic_excluded=left_out)


def _crowd(calendar, pattern, filters, chosen, period, synthetic) -> Crowd:
    first, last = chosen
    n_d, n_a = len(DISTRICT_IDS) + 1, len(AGE_IDS) + 1
    d = protection.selector_of(_code(DISTRICT_CODES, filters.district), n_d)
    a = protection.selector_of(_code(AGE_CODES, filters.age_band), n_a)

    def shown(ds: int, as_: int, lo: int, hi: int) -> int | None:
        return (
            pattern.count(ds, as_, lo, hi) if pattern.shown(ds, as_, lo, hi) else None
        )

    per_period = tuple(
        (calendar.span(p, p)[0], shown(d, a, p, p)) for p in range(first, last + 1)
    )

    def breakdown(ids, selector, fixed, other_first):
        parts = [
            (key, shown(*_order(selector(k + 1), fixed, other_first), first, last))
            for k, key in enumerate(ids)
        ]
        total = shown(*_order(protection.ALL, fixed, other_first), first, last)
        if total is not None and all(count is not None for _, count in parts):
            parts.append((None, total - sum(count for _, count in parts)))
        else:
            parts.append((None, None))
        return tuple(parts)

    n = pattern.count(d, a, first, last)

    def chosen_only(ids, value):
        # A filter on this dimension: everyone shown is in the chosen value.
        return (*((key, n if key == value else 0) for key in ids), (None, 0))

    by_district = (
        breakdown(DISTRICT_IDS, lambda v: 1 + v, a, True)
        if filters.district is None
        else chosen_only(DISTRICT_IDS, filters.district)
    )
    by_age = (
        breakdown(AGE_IDS, lambda v: 1 + v, d, False)
        if filters.age_band is None
        else chosen_only(AGE_IDS, filters.age_band)
    )
    per_district = []
    if filters.district is None:
        for p in range(first, last + 1):
            total = shown(protection.ALL, a, p, p)
            if total is None:
                continue
            counts = {
                key: count
                for k, key in enumerate(DISTRICT_IDS)
                if (count := shown(2 + k, a, p, p)) is not None
            }
            counts["rest"] = total - sum(counts.values())
            per_district.append((calendar.span(p, p)[0], counts))
    return Crowd(
        False,
        n,
        synthetic,
        period,
        per_period,
        by_district,
        by_age,
        tuple(per_district),
    )


def _order(selector: int, fixed: int, selector_first: bool) -> tuple[int, int]:
    return (selector, fixed) if selector_first else (fixed, selector)


# Exists before any app; each app attaches its own backend (Redis or local) with
# init_app. Results live one second: a new ballot shows within a second everywhere,
# and a room full of dashboards refreshing at once costs one computation.
cache = Cache()
RESULTS_SECONDS = 1


def cache_config(redis_url: str | None) -> dict[str, Any]:
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "bs:cache:",
            "CACHE_DEFAULT_TIMEOUT": RESULTS_SECONDS,
        }
    return {"CACHE_TYPE": "SimpleCache", "CACHE_DEFAULT_TIMEOUT": RESULTS_SECONDS}


def compute(kind: str, item: Any, filters: Filters) -> dict[str, Any]:
    """Results for a trajectory and filter, from the shared cache when fresh. The
    returned data is shared: read it, never change it."""
    version = services().data_version.current()
    key = f"results:{version}:{kind}:{item.id}:{dataclasses.astuple(filters)}"
    found = cache.get(key)
    if found is None:
        found = _compute(kind, item, filters)
        cache.set(key, found)
    return found


def _compute(kind: str, item: Any, filters: Filters) -> dict[str, Any]:
    settings = services().settings
    population = results.load_population(results.population_path(settings.data_dir))
    if kind == "budget":
        with budget_tally(item) as tally:
            return tally.answer(
                filters, population, settings.min_group_size, settings.dashboard_period
            )
    everyone = services().store.votes_for(kind, item.id)
    calendar, pattern = _vote_protection(kind, item.id, everyone, filters.synthetic)
    chosen, period = _decide(calendar, pattern, filters)
    if chosen is None:
        return {"suppressed": True}
    rows, total = _selected(everyone, calendar, chosen, filters)
    args = (rows, total, filters, population, settings.min_group_size)
    rule = results.poll_results if kind == "poll" else results.moodboard_results
    found = rule(item, *args)
    return found if found["suppressed"] else {**found, "period": period}


# -- counted budget results ---------------------------------------------------------

# Ballots are read again from this long before the newest one seen: a ballot whose
# transaction began earlier but committed later still gets counted. Taking in a
# ballot twice is harmless (a tally replaces by row id).
OVERLAP = dt.timedelta(seconds=10)

# A new saved tally once this many ballots changed since the last one (or a tenth
# of the trajectory, if more), so fresh workers have little to catch up on.
SAVE_AFTER = 10_000

_tallies: weakref.WeakKeyDictionary[Store, dict[str, _Kept]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


@dataclasses.dataclass
class _Kept:
    tally: BudgetTally | None = None
    unsaved: int = 0
    # Held while the tally takes ballots in or is read: a thread must not read
    # counts that another is halfway through changing.
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)


@contextlib.contextmanager
def budget_tally(project: BudgetProject) -> Iterator[BudgetTally]:
    """This process's tally of the trajectory, brought up to date with the store:
    loaded from the saved tally (or counted from all ballots) on first use, then
    only the ballots changed since are read. Read it inside the `with`."""
    store = services().store
    with _lock:
        kept = _tallies.setdefault(store, {}).setdefault(project.id, _Kept())
    with kept.lock:
        if kept.tally is None:
            kept.tally = _load_tally(store, project)
        tally = kept.tally
        since = tally.watermark - OVERLAP if tally.watermark else None
        last_id = int(tally.ids[: tally.n].max()) if tally.n else 0
        for part in store.budget_changes(project.id, since, last_id):
            _take_in(tally, part)
            kept.unsaved += len(part.ids)
        if kept.unsaved > max(SAVE_AFTER, tally.n // 10):
            save_tally(store, tally)
            kept.unsaved = 0
        yield tally


def _take_in(tally: BudgetTally, part: BallotColumns) -> None:
    tally.apply(
        part.ids,
        part.allocations,
        part.districts,
        part.age_bands,
        part.updated_at,
        part.synthetic,
    )


def _new_tally(project: BudgetProject) -> BudgetTally:
    return BudgetTally(
        project, [d for d, _, _ in DISTRICTS], [a for a, _, _ in AGE_BANDS]
    )


def _load_tally(store: Store, project: BudgetProject) -> BudgetTally:
    # Through a temporary file, so the saved tally is never in memory twice.
    with tempfile.TemporaryFile() as saved:
        if store.load_tally(project.id, saved):
            saved.seek(0)
            tally = BudgetTally.from_bytes(
                project,
                [d for d, _, _ in DISTRICTS],
                [a for a, _, _ in AGE_BANDS],
                saved,
            )
            if tally is not None:
                return tally
    return _new_tally(project)


def save_tally(store: Store, tally: BudgetTally) -> None:
    store.save_tally(tally.project.id, tally.to_bytes(), tally.n, tally.watermark)


def build_tally(store: Store, project: BudgetProject) -> BudgetTally:
    """Count every ballot of the trajectory afresh and save the result (after a
    seed or a restore, so the first dashboard visit need not)."""
    tally = _new_tally(project)
    for part in store.budget_changes(project.id):
        _take_in(tally, part)
    save_tally(store, tally)
    return tally

"""Reading results for a trajectory under a filter: store rows in, result data out.
The one path the dashboard pages, the results API and the exports share."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import tempfile
import threading
import weakref
from collections import Counter
from collections.abc import Iterator
from typing import Any

from flask_caching import Cache

from budgetschuiver.context import services
from budgetschuiver.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.projects import BudgetProject
from budgetschuiver.store import BallotColumns, Store
from dashboards import results
from dashboards.filters import Filters
from dashboards.tally import BudgetTally


def rows_and_total(kind: str, item_id: str, filters: Filters) -> tuple[list, int]:
    """The ballots in the filter (synthetic ones too), and how many of the kind the
    filter counts there are in the same period overall (needed to suppress groups
    that could be recovered by subtraction)."""
    store = services().store
    criteria = {
        "district": filters.district,
        "age_band": filters.age_band,
        "since": filters.since,
        "until": filters.until,
    }
    period = {"since": filters.since, "until": filters.until}
    if kind == "budget":
        rows = store.budgets_for(item_id, **criteria)
        everyone = store.budgets_for(item_id, **period) if filters.narrowed else rows
    else:
        rows = store.votes_for(kind, item_id, **criteria)
        everyone = (
            store.votes_for(kind, item_id, **period) if filters.narrowed else rows
        )
    return rows, len(results.without_synthetic(everyone, filters)[0])


@dataclasses.dataclass(frozen=True)
class Crowd:
    """Who is in a filter, as ballots per (district, age band, day of last change,
    synthetic); `total` is everyone in the same period, for suppression."""

    cells: tuple[tuple[str | None, str | None, dt.date, bool, int], ...]
    total: int
    synthetic_excluded: int = 0

    @property
    def n(self) -> int:
        return sum(cell[4] for cell in self.cells)

    @property
    def synthetic(self) -> int:
        return sum(cell[4] for cell in self.cells if cell[3])

    def count_by(self, index: int) -> Counter:
        """Ballots per district (0), age band (1) or day (2)."""
        counts: Counter = Counter()
        for cell in self.cells:
            counts[cell[index]] += cell[4]
        return counts

    def districts_per_day(self) -> dict[dt.date, Counter]:
        found: dict[dt.date, Counter] = {}
        for district, _age, day, _synthetic, count in self.cells:
            found.setdefault(day, Counter())[district] += count
        return found


def crowd(kind: str, item: Any, filters: Filters) -> Crowd:
    """Counts of who took part, without reading budgets one by one."""
    if kind == "budget":
        period = dataclasses.replace(filters, district=None, age_band=None)
        with budget_tally(item) as tally:
            cells = tally.cells(filters)
            everyone = tally.cells(period) if filters.narrowed else cells
            left_out = tally.synthetic_excluded(filters)
        return Crowd(tuple(cells), sum(cell[4] for cell in everyone), left_out)
    rows, total = rows_and_total(kind, item.id, filters)
    rows, left_out = results.without_synthetic(rows, filters)
    counts = Counter(
        (row.district, row.age_band, row.updated_at.date(), row.synthetic)
        for row in rows
    )
    return Crowd(tuple((*key, count) for key, count in counts.items()), total, left_out)


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
            return tally.results(filters, population, settings.min_group_size)
    rows, total = rows_and_total(kind, item.id, filters)
    args = (rows, total, filters, population, settings.min_group_size)
    if kind == "poll":
        return results.poll_results(item, *args)
    return results.moodboard_results(item, *args)


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

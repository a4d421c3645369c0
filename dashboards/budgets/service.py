"""Budget results under a filter: this process's counted tally of a budget
trajectory, kept up to date with the store, and what the dashboard asks of it."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import tempfile
import threading
import weakref
from collections.abc import Iterator, Mapping
from typing import Any

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.budgets.store import BallotColumns
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.store import Store
from dashboards.budgets.tally import BudgetTally
from dashboards.kernel.filters import Filters
from dashboards.kernel.service import decide
from dashboards.kernel.views import Who


def answer(
    project: BudgetProject, filters: Filters, population: Mapping[Any, float]
) -> dict[str, Any]:
    """The results-API object for a budget trajectory and filter
    (`BudgetTally.answer`)."""
    settings = services().settings
    with budget_tally(project) as tally:
        return tally.answer(
            filters, population, settings.min_group_size, settings.dashboard_period
        )


def who(project: BudgetProject, filters: Filters) -> Who:
    """The protected table of the trajectory and what the filter takes of it."""
    settings = services().settings
    with budget_tally(project) as tally:
        calendar, pattern = tally.protected(
            settings.dashboard_period, settings.min_group_size, filters.synthetic
        )
        chosen, period = decide(calendar, pattern, filters, weighted=False)
        synthetic = left_out = 0
        if chosen is not None:
            lo, hi = calendar.span(*chosen)
            snapped = dataclasses.replace(filters, since=lo, until=hi)
            synthetic = sum(cell[4] for cell in tally.cells(snapped) if cell[3])
            left_out = tally.synthetic_excluded(snapped)
    return Who(calendar, pattern, chosen, period, synthetic, left_out)


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

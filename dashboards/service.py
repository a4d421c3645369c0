"""Reading results for a trajectory under a filter: store rows in, result data out.
The one path the dashboard pages, the results API and the exports share."""

from __future__ import annotations

from typing import Any

from budgetschuiver.context import services
from dashboards import results
from dashboards.filters import Filters


def rows_and_total(kind: str, item_id: str, filters: Filters) -> tuple[list, int]:
    """The ballots in the filter, and how many there are in the same period overall
    (needed to suppress groups that could be recovered by subtraction)."""
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
        total = (
            len(store.budgets_for(item_id, **period)) if filters.narrowed else len(rows)
        )
    else:
        rows = store.votes_for(kind, item_id, **criteria)
        total = (
            len(store.votes_for(kind, item_id, **period))
            if filters.narrowed
            else len(rows)
        )
    return rows, total


def compute(kind: str, item: Any, filters: Filters) -> dict[str, Any]:
    settings = services().settings
    rows, total = rows_and_total(kind, item.id, filters)
    population = results.load_population(results.population_path(settings.data_dir))
    args = (rows, total, filters, population, settings.min_group_size)
    if kind == "budget":
        return results.budget_results(item, *args)
    if kind == "poll":
        return results.poll_results(item, *args)
    return results.moodboard_results(item, *args)

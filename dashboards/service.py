"""Reading results for a trajectory under a filter: store rows in, result data out.
The one path the dashboard pages, the results API and the exports share."""

from __future__ import annotations

import dataclasses
from typing import Any

from flask_caching import Cache

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
    rows, total = rows_and_total(kind, item.id, filters)
    population = results.load_population(results.population_path(settings.data_dir))
    args = (rows, total, filters, population, settings.min_group_size)
    if kind == "budget":
        return results.budget_results(item, *args)
    if kind == "poll":
        return results.poll_results(item, *args)
    return results.moodboard_results(item, *args)

"""Reading results for a trajectory under a filter: store rows in, result data out.
The one path the dashboard pages, the results API and the exports share."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from flask_caching import Cache

from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from dashboards.kernel import results
from dashboards.kernel.filters import Filters
from dashboards.kernel.views import views
from dashboards.stats import protection

DISTRICT_IDS = [key for key, _, _ in DISTRICTS]
AGE_IDS = [key for key, _, _ in AGE_BANDS]
DISTRICT_CODES = {key: k + 1 for k, key in enumerate(DISTRICT_IDS)}
AGE_CODES = {key: k + 1 for k, key in enumerate(AGE_IDS)}


def _code(codes: dict[str, int], value: str | None) -> int | None:
    return None if value is None else codes[value]


def decide(calendar, pattern, filters: Filters, weighted: bool | None = None):
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
    """Counts of who took part, from the protected table only (the kind's view
    says which table and which of its periods the filter takes)."""
    who = views()[kind].who(item, filters)
    if who.chosen is None:
        return Crowd(True, 0, 0, who.period, (), (), (), ())
    found = _crowd(
        who.calendar, who.pattern, filters, who.chosen, who.period, who.synthetic
    )
    return dataclasses.replace(found, synthetic_excluded=who.left_out)


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
    return views()[kind].answer(item, filters, population)

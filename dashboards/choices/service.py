"""Poll and moodboard results under a filter: the ballots read from the store,
their protected table, and what the dashboard asks of them."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from budgetschuiver.kernel.context import services
from budgetschuiver.store import Store
from dashboards.kernel import results
from dashboards.kernel.filters import Filters, local_date
from dashboards.kernel.service import (
    AGE_CODES,
    AGE_IDS,
    DISTRICT_CODES,
    DISTRICT_IDS,
    decide,
)
from dashboards.kernel.views import Who
from dashboards.stats import protection

_lock = threading.Lock()


def rows_and_total(kind: str, item_id: str, filters: Filters) -> tuple[list, int]:
    """The ballots of a poll or moodboard in the filter, its dates snapped to the
    whole periods of the protected table (none when the group is not shown), and
    how many there are in the same periods overall."""
    everyone = services().store.votes_for(kind, item_id)
    calendar, pattern = _vote_protection(kind, item_id, everyone, filters.synthetic)
    chosen, _period = decide(calendar, pattern, filters)
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


def answerer(kind: str, rule: Callable[..., dict[str, Any]]):
    """The view's `answer` for votes stored under `kind`, counted by `rule`
    (`results.poll_results` or `results.moodboard_results`)."""

    def answer(
        item: Any, filters: Filters, population: Mapping[Any, float]
    ) -> dict[str, Any]:
        settings = services().settings
        everyone = services().store.votes_for(kind, item.id)
        calendar, pattern = _vote_protection(kind, item.id, everyone, filters.synthetic)
        chosen, period = decide(calendar, pattern, filters)
        if chosen is None:
            return {"suppressed": True}
        rows, total = _selected(everyone, calendar, chosen, filters)
        found = rule(item, rows, total, filters, population, settings.min_group_size)
        return found if found["suppressed"] else {**found, "period": period}

    return answer


def who_for(kind: str):
    """The view's `who` for votes stored under `kind`."""

    def who(item: Any, filters: Filters) -> Who:
        everyone = services().store.votes_for(kind, item.id)
        calendar, pattern = _vote_protection(kind, item.id, everyone, filters.synthetic)
        shown, _period = decide(calendar, pattern, filters)
        rows, _total = _selected(everyone, calendar, shown, filters)
        chosen, period = decide(calendar, pattern, filters, weighted=False)
        rows, left_out = results.without_synthetic(rows, filters)
        synthetic = sum(row.synthetic for row in rows)
        return Who(calendar, pattern, chosen, period, synthetic, left_out)

    return who

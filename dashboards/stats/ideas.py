"""Figures of an idea round for the dashboard: residents' support by theme and by
district (with small groups suppressed), support per day, and how far the
municipality answered. Pure: numpy and the shared statistics only.

Shapes: an idea is a mapping with "theme" and "district" (str or None), "status"
(str), "answered" (bool), "created_at" and "answered_at" (aware datetimes, the
latter None when not answered), "support", "oppose" (residents' ratings, whole
numbers >= 0). Shares are in [0, 1]; days are Europe/Amsterdam dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

import numpy as np

from budgetschuiver.kernel.intervals import wilson_interval

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclasses.dataclass(frozen=True)
class GroupRow:
    """One theme or district: how many ideas, their residents' support and
    oppose, the support share with its 95% Wilson interval (None without
    ratings), and whether the row may be shown (`shown` False: every figure of it
    is withheld)."""

    key: str | None
    ideas: int
    support: int
    oppose: int
    share: float | None
    low: float | None
    high: float | None
    shown: bool


def by_group(
    items: Iterable[Mapping], field: str, keys: Sequence[str], min_size: int
) -> list[GroupRow]:
    """Ideas grouped by `field` ("theme" or "district") in the order of `keys`,
    then the ideas without a value (key None) when there are any. A group's count
    is the number of ideas in it (each written by someone); the total is public
    (the ranking lists every idea). Groups of 1 to `min_size` - 1 ideas are
    withheld (primary suppression), and then the smallest other groups with
    ideas until no withheld group can be shown to be small: with m groups
    withheld holding S ideas together (known from the total) and each at least
    1 (an empty group shows 0), one group holds at most S - (m - 1), which must
    reach `min_size` (secondary suppression for a one-way table with its total
    published; Hundepool et al., "Statistical Disclosure Control", 2012, ch. 4).
    `dashboards.stats.protection` models an unpublished "not given" cell that
    here would be known (0 when no idea lacks the value), so it is not used.
    Raises ValueError for a negative count."""
    index = {key: n for n, key in enumerate(keys)}
    counts = np.zeros((len(keys) + 1, 3), dtype=np.int64)
    for item in items:
        if item["support"] < 0 or item["oppose"] < 0:
            raise ValueError("counts cannot be negative")
        row = index.get(item[field], len(keys))
        counts[row] += (1, item["support"], item["oppose"])
    withheld = withheld_groups([int(n) for n in counts[:, 0]], min_size)
    rows = [
        _row(key, *(int(x) for x in counts[n]), n not in withheld)
        for n, key in enumerate([*keys, None])
    ]
    return rows if counts[-1, 0] else rows[:-1]


def withheld_groups(sizes: Sequence[int], min_size: int) -> set[int]:
    """Indices of the groups to withhold from a one-way table of `sizes` whose
    total is published (see `by_group`): the small ones, then the smallest
    others with members until the withheld ones could each hold `min_size`."""
    withheld = {n for n, size in enumerate(sizes) if 0 < size < min_size}
    others = sorted(
        (size, n) for n, size in enumerate(sizes) if size and n not in withheld
    )
    while withheld and others:
        held = sum(sizes[n] for n in withheld)
        if held - (len(withheld) - 1) >= min_size and len(withheld) > 1:
            break
        withheld.add(others.pop(0)[1])
    return withheld


def _row(key, ideas, support, oppose, shown) -> GroupRow:
    total = support + oppose
    low, high = wilson_interval(support, total) if total else (None, None)
    share = support / total if total else None
    return GroupRow(key, ideas, support, oppose, share, low, high, shown)


def amsterdam_day(moment: dt.datetime) -> dt.date:
    """The Den Haag calendar day of an aware moment."""
    return moment.astimezone(AMSTERDAM).date()


def per_day(
    ratings: Iterable[tuple],
) -> list[tuple[dt.date, int, int, int]]:
    """(day, support, oppose, neutral) per Europe/Amsterdam day from `(moment,
    value)` of ratings, or `(moment, value, count)` for `count` ratings at once
    (e.g. per hour), every day from the first to the last (days without ratings
    as zeros), oldest first."""
    found: dict[dt.date, list[int]] = {}
    order = {"support": 0, "oppose": 1, "neutral": 2}
    for moment, value, *count in ratings:
        day = found.setdefault(amsterdam_day(moment), [0, 0, 0])
        day[order[value]] += count[0] if count else 1
    if not found:
        return []
    day, last = min(found), max(found)
    out = []
    while day <= last:
        out.append((day, *found.get(day, [0, 0, 0])))
        day += dt.timedelta(days=1)
    return out


@dataclasses.dataclass(frozen=True)
class Coverage:
    """How far the municipality answered: ideas, answered ones, their share with
    a 95% Wilson interval, the median whole days from posting to the answer
    (Europe/Amsterdam dates; None when nothing is answered) and ideas per status."""

    ideas: int
    answered: int
    share: float | None
    low: float | None
    high: float | None
    median_days: float | None
    by_status: dict[str, int]


def coverage(items: Iterable[Mapping], statuses: Sequence[str]) -> Coverage:
    """The answer coverage of a round's ideas (module docstring for the shape)."""
    listed = list(items)
    answered = [i for i in listed if i["answered"] and i["answered_at"] is not None]
    days = [
        (amsterdam_day(i["answered_at"]) - amsterdam_day(i["created_at"])).days
        for i in answered
    ]
    by_status = dict.fromkeys(statuses, 0)
    for item in listed:
        by_status[item["status"]] = by_status.get(item["status"], 0) + 1
    n = len(listed)
    low, high = wilson_interval(len(answered), n) if n else (None, None)
    return Coverage(
        n,
        len(answered),
        len(answered) / n if n else None,
        low,
        high,
        statistics.median(days) if days else None,
        by_status,
    )

"""Results for one trajectory and filter, as plain data: what every kind's results
share (groups too small to show, synthetic ballots, who took part, the population).
Takes rows already read by the store; no Dash, no SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetschuiver.kernel.intervals import wilson_share_interval
from dashboards.kernel.filters import Filters
from dashboards.stats import aggregate

if TYPE_CHECKING:
    # Types only: importing the store would load SQLAlchemy into a pure module.
    pass


Cell = tuple[str, str]


@functools.lru_cache(maxsize=8)
def load_population(path: str) -> dict[Cell, float]:
    """The population table, read once per process (it is data, not state)."""
    return aggregate.load_population(path)


def population_path(data_dir: str) -> str:
    return str(Path(data_dir) / "population.csv")


@dataclasses.dataclass(frozen=True)
class Group:
    """Who is in the current filter, and whether their numbers may be shown."""

    n: int
    total: int
    suppressed: bool
    synthetic: int = 0
    synthetic_excluded: int = 0


def group(
    n: int,
    total: int,
    narrowed: bool,
    min_size: int,
    synthetic: int = 0,
    synthetic_excluded: int = 0,
) -> Group:
    """Suppress a group below the minimum size, and also a filtered group whose
    complement (everyone else) is small: total minus this group would reveal it.
    `synthetic` counts the synthetic ballots within n; `synthetic_excluded` those
    the filter left out."""
    small = n < min_size
    complement = total - n
    revealing = narrowed and 0 < complement < min_size
    return Group(n, total, small or revealing, synthetic, synthetic_excluded)


def without_synthetic(rows: Sequence[Any], filters: Filters) -> tuple[list, int]:
    """The rows the filter counts, and how many synthetic ones it left out
    (synthetic ballots count only when `filters.synthetic` asks for them)."""
    if filters.synthetic:
        return list(rows), 0
    kept = [row for row in rows if not row.synthetic]
    return kept, len(rows) - len(kept)


def row_weights(rows: Sequence[Any], population: Mapping[Cell, float]):
    """Post-stratification weights for ballots with `district` and `age_band`
    against population shares by (district, age band) cell
    (`aggregate.poststrat_weights`)."""
    cells = [(row.district, row.age_band) for row in rows]
    return aggregate.poststrat_weights(cells, population)


@dataclasses.dataclass(frozen=True)
class MakeupRow:
    """One group of a "who took part" breakdown: its share among the participants
    who answered the question (None when hidden or empty), the 95% Wilson
    interval of that share, and its share of the population (None if unknown)."""

    key: str
    hidden: bool
    share: float | None
    interval: tuple[float, float] | None
    population: float | None


@dataclasses.dataclass(frozen=True)
class Makeup:
    """A breakdown of participants against the population. Shares are among
    those who answered (`answered`), like the population shares that sum to 1;
    those who did not answer are stated apart (`unknown`, `unknown_share` of all
    participants), never as a group beside the population's."""

    rows: tuple[MakeupRow, ...]
    answered: int
    unknown: int | None
    unknown_share: float | None


def makeup(
    given: Sequence[tuple[str | None, int | None]],
    keys: Sequence[str],
    population_share: Mapping[str, float],
) -> Makeup:
    """A breakdown from the protected table -> shares comparable with the
    population's. `given` is (group id, count) per group, `None` as id for "not
    given", `None` as count where the suppression pattern hides it. Shares are
    among those who answered; they need every count of the breakdown, so when
    any is hidden no share is given (the number who answered would reveal the
    hidden ones), and the hidden groups are marked."""
    counts = dict(given)
    complete = all(count is not None for count in counts.values())
    answered = (
        sum(count for key, count in counts.items() if key is not None)
        if complete
        else 0
    )
    rows = []
    for key in keys:
        count = counts.get(key, 0)
        share = count / answered if complete and answered else None
        rows.append(
            MakeupRow(
                key,
                count is None,
                share,
                wilson_share_interval(share, answered) if share is not None else None,
                population_share.get(key),
            )
        )
    unknown = counts.get(None, 0) if complete else None
    everyone = answered + (unknown or 0)
    return Makeup(
        tuple(rows),
        answered,
        unknown,
        unknown / everyone if unknown is not None and everyone else None,
    )


def daily_counts(counts: Mapping[dt.date, int]) -> tuple[list[dt.date], list[int]]:
    """Ballots per day of their last change, with empty days filled in."""
    if not counts:
        return [], []
    first, last = min(counts), max(counts)
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    return days, [counts.get(day, 0) for day in days]

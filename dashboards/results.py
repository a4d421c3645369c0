"""Results for one trajectory and filter, as plain data: what the results API returns
and the dashboard pages draw. Takes rows already read by the store; no Dash, no SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from budgetschuiver.projects import BudgetProject, Moodboard, Poll
from budgetschuiver.votes import counted_choices, poll_choice_ids, wilson_share_interval
from budgetschuiver.votes import shares as vote_shares
from dashboards import aggregate
from dashboards.filters import Filters

if TYPE_CHECKING:
    # Types only: importing the store would load SQLAlchemy into a pure module.
    from budgetschuiver.store import StoredBudget, StoredVote

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


def _weights(rows: Sequence[Any], population: Mapping[Cell, float]):
    cells = [(row.district, row.age_band) for row in rows]
    return aggregate.poststrat_weights(cells, population)


def budget_matrix(project: BudgetProject, rows: Sequence[StoredBudget]) -> np.ndarray:
    """n x lines euros, in the project's line order."""
    ids = [line.id for line in project.lines]
    return np.array(
        [[row.allocation[i] for i in ids] for row in rows], dtype=float
    ).reshape(len(rows), len(ids))


def budget_results(
    project: BudgetProject,
    rows: Sequence[StoredBudget],
    total_rows: int,
    filters: Filters,
    population: Mapping[Cell, float],
    min_size: int,
) -> dict[str, Any]:
    """The results-API object for a budget trajectory (amounts unrounded, euros).
    `rows` are all ballots in the filter, synthetic ones too; `total_rows` counts
    the ballots of the same period of the kind the filter counts."""
    rows, left_out = without_synthetic(rows, filters)
    members = group(
        len(rows),
        total_rows,
        filters.narrowed,
        min_size,
        sum(row.synthetic for row in rows),
        left_out,
    )
    if members.suppressed:
        return {"suppressed": True}
    matrix = budget_matrix(project, rows)
    raw_means = aggregate.mean_budget(matrix)
    distributions = {
        line.id: [
            {"from": low, "to": high, "count": count}
            for low, high, count in aggregate.binned_counts(
                matrix[:, index], line.min, line.top, line.step
            )
        ]
        for index, line in enumerate(project.lines)
    }
    weights = info = None
    if filters.weighted:
        weights, info = _weights(rows, population)
        keep = weights > 0
        if int(keep.sum()) < min_size:
            return {"suppressed": True}
        matrix, weights = matrix[keep], weights[keep]
    lines: dict[str, Any] = {}
    for index, line in enumerate(project.lines):
        stats = aggregate.line_stats(matrix[:, index], line.plan, weights)
        lines[line.id] = line_entry(stats, line)
    spending = np.array([line.kind == "spending" for line in project.lines])
    ids = [line.id for line in project.lines]
    mean = (
        np.average(matrix, axis=0, weights=weights)
        if weights is not None
        else aggregate.mean_budget(matrix)
    )
    movable = spending & ~np.array([line.locked for line in project.lines])
    shares, _kept = aggregate.participant_shares(matrix, movable)
    means = {i: float(v) for i, v in zip(ids, mean, strict=True)}
    total, total_parts = aggregate_spending_total(project, means)
    aggregates: dict[str, dict[str, float]] = {"mean": means}
    if len(shares) and movable.any():
        for name, rule in (
            ("independent_markets", aggregate.independent_markets),
            ("welfare", aggregate.welfare_phantom),
        ):
            aggregates[name] = aggregate_budgets(project, rule(shares), total)
    pairs = aggregate.trade_offs(
        matrix,
        np.array([line.plan for line in project.lines], dtype=float),
        ids,
        min_n=min_size,
    )
    weighting = None
    if filters.weighted:
        weighting = {
            "n_weighted": info.n_weighted,
            "n_excluded": info.n_excluded,
            "effective_n": info.n_effective,
        }
    return budget_object(
        members,
        filters,
        lines,
        aggregates,
        total,
        pairs,
        distributions,
        {i: float(v) for i, v in zip(ids, raw_means, strict=True)},
        weighting,
        total_parts,
    )


def budget_object(
    members: Group,
    filters: Filters,
    lines: dict[str, Any],
    aggregates: dict[str, dict[str, float]],
    total: float,
    trade_offs: Sequence[tuple[str, str, float, int]],
    distributions: dict[str, list],
    raw_means: dict[str, float],
    weighting: dict[str, Any] | None,
    total_parts: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The results-API object for a budget trajectory (amounts unrounded, euros),
    however its parts were computed."""
    result: dict[str, Any] = {
        "n": members.n,
        "suppressed": False,
        "synthetic": members.synthetic,
        "synthetic_excluded": members.synthetic_excluded,
        "weighted": bool(filters.weighted),
        "lines": lines,
        "aggregates": aggregates,
        "aggregate_total": total,
        "aggregate_total_parts": total_parts or {},
        "trade_offs": [
            {"lines": [a, b], "correlation": corr, "n": n}
            for a, b, corr, n in trade_offs
        ],
        "distributions": distributions,
    }
    if filters.weighted:
        # Beside the weighted figures, the raw ones: the reader sees what weighting did.
        result["raw_means"] = raw_means
        result["weighting"] = {
            "method": "post-stratification on district x age band",
            **(weighting or {}),
        }
    return result


def line_entry(stats: aggregate.LineStats, line: Any) -> dict[str, Any]:
    """One line's figures in the results-API object."""
    return {
        "mean": stats.mean,
        "median": stats.median,
        "p25": stats.p25,
        "p75": stats.p75,
        "raised": stats.raised,
        "lowered": stats.lowered,
        "unchanged": stats.unchanged,
        "mean_ci": list(stats.mean_ci),
        "spread": aggregate.spread_class(stats, line.min, line.top),
    }


def aggregate_spending_total(
    project: BudgetProject, means: Mapping[str, float]
) -> tuple[float, dict[str, float]]:
    """The spending total (euros) the moving-phantom budgets divide, and its parts.

    Without a revenue side and with `balanced`, every resident divides the same
    `total`, and so do the aggregates. Otherwise the aggregates spend what the
    mean budget spends: `total` + the mean revenue - the mean balance. The mean
    budget meets the trajectory's balance rule whenever every ballot does (the
    rules `balanced` within a tolerance, `no_deficit` and `free` are each kept by
    averaging), so a budget with that spending total and the mean revenue meets
    it too. (Not the median resident's spending total: beside the mean revenue
    it could run a deficit no resident chose.)

    Parts: `fixed` (the trajectory's total), `revenue` (mean revenue),
    `balance` (mean balance), `locked` (locked spending lines at their plan)."""
    revenue = sum(means[line.id] for line in project.lines if line.kind == "revenue")
    spent = sum(means[line.id] for line in project.lines if line.kind == "spending")
    locked = project.locked_spending
    fixed = project.balance_rule == "balanced" and not any(
        line.kind == "revenue" for line in project.lines
    )
    total = float(project.total) if fixed else float(spent)
    return total, {
        "fixed": float(project.total),
        "revenue": float(revenue),
        "balance": float(project.total + revenue - total),
        "locked": float(locked),
    }


def aggregate_budgets(
    project: BudgetProject, movable_shares: Sequence[float], total: float
) -> dict[str, float]:
    """An aggregate budget's spending lines in euros: locked lines at their plan,
    the movable lines dividing what is left of `total` by `movable_shares` (in
    the order of the movable spending lines, summing to 1)."""
    movable = project.movable_spending
    amounts = aggregate.scale_to_total(movable_shares, total - project.locked_spending)
    budget = {line.id: float(v) for line, v in zip(movable, amounts, strict=True)}
    return {
        line.id: float(line.plan) if line.locked else budget[line.id]
        for line in project.lines
        if line.kind == "spending"
    }


def choice_results(
    option_ids: Sequence[str],
    rows: Sequence[StoredVote],
    total_rows: int,
    filters: Filters,
    population: Mapping[Cell, float],
    min_size: int,
) -> dict[str, Any]:
    """Shares per option (of voters) with 95% Wilson intervals, for polls and
    moodboards. Weighted shares use post-stratification weights; their intervals
    use the effective sample size."""
    rows, left_out = without_synthetic(rows, filters)
    members = group(
        len(rows),
        total_rows,
        filters.narrowed,
        min_size,
        sum(row.synthetic for row in rows),
        left_out,
    )
    if members.suppressed:
        return {"suppressed": True}
    if not filters.weighted:
        counts = Counter(
            choice
            for row in rows
            for choice in counted_choices(row.choices, row.other_text)
        )
        return {
            "n": members.n,
            "suppressed": False,
            "synthetic": members.synthetic,
            "synthetic_excluded": members.synthetic_excluded,
            "weighted": False,
            "items": vote_shares(option_ids, counts, members.n),
        }
    weights, info = _weights(rows, population)
    weighted = [
        (set(counted_choices(row.choices, row.other_text)), w)
        for row, w in zip(rows, weights, strict=True)
        if w > 0
    ]
    if len(weighted) < min_size:
        return {"suppressed": True}
    total_weight = sum(w for _, w in weighted)
    effective = aggregate.kish_effective_n([w for _, w in weighted])
    items = {}
    for option in option_ids:
        share = sum(w for chosen, w in weighted if option in chosen) / total_weight
        low, high = wilson_share_interval(share, effective)
        items[option] = {
            "votes": sum(1 for chosen, _ in weighted if option in chosen),
            "share": share,
            "ci": [low, high],
        }
    return {
        "n": members.n,
        "suppressed": False,
        "synthetic": members.synthetic,
        "synthetic_excluded": members.synthetic_excluded,
        "weighted": True,
        "items": items,
        "weighting": {
            "method": "post-stratification on district x age band",
            "n_weighted": info.n_weighted,
            "n_excluded": info.n_excluded,
            "effective_n": effective,
        },
    }


def poll_results(poll: Poll, *args: Any) -> dict[str, Any]:
    out = choice_results(poll_choice_ids(poll), *args)
    if not out.get("suppressed"):
        out["options"] = out.pop("items")
    return out


def moodboard_results(moodboard: Moodboard, *args: Any) -> dict[str, Any]:
    out = choice_results([i.id for i in moodboard.images], *args)
    if not out.get("suppressed"):
        out["images"] = out.pop("items")
    return out


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

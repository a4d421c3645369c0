"""Results for one trajectory and filter, as plain data: what the results API returns
and the dashboard pages draw. Takes rows already read by the store; no Dash, no SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from budgetschuiver.projects import BudgetProject, Moodboard, Poll
from budgetschuiver.store import StoredBudget, StoredVote
from budgetschuiver.votes import counted_choices, poll_choice_ids, wilson_share_interval
from budgetschuiver.votes import shares as vote_shares
from dashboards import aggregate
from dashboards.filters import Filters

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


def group(
    n: int, total: int, narrowed: bool, min_size: int, synthetic: int = 0
) -> Group:
    """Suppress a group below the minimum size, and also a filtered group whose
    complement (everyone else) is small: total minus this group would reveal it."""
    small = n < min_size
    complement = total - n
    revealing = narrowed and 0 < complement < min_size
    return Group(n, total, small or revealing, synthetic)


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
    """The results-API object for a budget trajectory (amounts unrounded, euros)."""
    members = group(
        len(rows),
        total_rows,
        filters.narrowed,
        min_size,
        sum(row.synthetic for row in rows),
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
    spend_ids = [i for i, keep in zip(ids, spending, strict=True) if keep]
    mean = (
        np.average(matrix, axis=0, weights=weights)
        if weights is not None
        else aggregate.mean_budget(matrix)
    )
    shares, _kept = aggregate.participant_shares(matrix, spending)
    total = _aggregate_total(project, matrix, spending)
    aggregates: dict[str, dict[str, float]] = {
        "mean": {i: float(v) for i, v in zip(ids, mean, strict=True)},
    }
    if len(shares):
        for name, rule in (
            ("independent_markets", aggregate.independent_markets),
            ("welfare", aggregate.welfare_phantom),
        ):
            amounts = aggregate.scale_to_total(rule(shares), total)
            aggregates[name] = {
                i: float(v) for i, v in zip(spend_ids, amounts, strict=True)
            }
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
) -> dict[str, Any]:
    """The results-API object for a budget trajectory (amounts unrounded, euros),
    however its parts were computed."""
    result: dict[str, Any] = {
        "n": members.n,
        "suppressed": False,
        "synthetic": members.synthetic,
        "weighted": bool(filters.weighted),
        "lines": lines,
        "aggregates": aggregates,
        "aggregate_total": total,
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


def _aggregate_total(project: BudgetProject, matrix: np.ndarray, spending) -> float:
    """The sum the aggregate budgets are scaled to: the fixed total when every
    resident divides the same amount, else the median resident's spending total."""
    fixed = project.balance_rule == "balanced" and not any(
        line.kind == "revenue" for line in project.lines
    )
    if fixed:
        return float(project.total)
    return float(aggregate.median_total(matrix, spending))


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
    members = group(
        len(rows),
        total_rows,
        filters.narrowed,
        min_size,
        sum(row.synthetic for row in rows),
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


def daily_counts(counts: Mapping[dt.date, int]) -> tuple[list[dt.date], list[int]]:
    """Ballots per day of their last change, with empty days filled in."""
    if not counts:
        return [], []
    first, last = min(counts), max(counts)
    days = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
    return days, [counts.get(day, 0) for day in days]

"""Budget results for one trajectory and filter, as plain data: what the results API
returns and the dashboard pages draw. Takes rows already read by the store; no Dash,
no SQL."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from budgetschuiver.budgets.model import BudgetProject
from dashboards.kernel.filters import Filters
from dashboards.stats import aggregate

if TYPE_CHECKING:
    # Types only: importing the store would load SQLAlchemy into a pure module.
    from budgetschuiver.budgets.store import StoredBudget
from dashboards.kernel.results import Cell, Group, group, row_weights, without_synthetic


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
        weights, info = row_weights(rows, population)
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

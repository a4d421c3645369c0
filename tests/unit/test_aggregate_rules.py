"""The "everyone together" budgets as a council reads them: a line fixed by law never
moves, and the budget as a whole keeps the trajectory's balance rule."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.store import StoredBudget
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from budgetschuiver.seeding import synthetic_budgets
from dashboards.budgets import results as budget_results
from dashboards.budgets.tally import BudgetTally
from dashboards.kernel.filters import Filters

CATALOG = load_catalog(str(REPO_ROOT / "data"))
DISTRICTS = ["centrum", "escamp"]
AGES = ["18-29", "30-44"]
WHEN = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
RULES = ["balanced", "no_deficit", "free"]


def stored(project_id, k, allocation, district=None, age_band=None) -> StoredBudget:
    """A resident's ballot as the store returns it."""
    return StoredBudget(
        id=f"b{k}",
        project_id=project_id,
        allocation=allocation,
        district=district,
        age_band=age_band,
        comment=None,
        revision=1,
        synthetic=False,
        created_at=WHEN,
        updated_at=WHEN,
    )


def _project(project_id: str, rule: str):
    return CATALOG.of("budget")[project_id].model_copy(update={"balance_rule": rule})


def _ballots(project, seed: int, count: int, surplus: float) -> list[dict]:
    """Valid ballots: balanced ones, some with money left over where the rule
    allows it (a movable spending line lowered by whole steps)."""
    batch = synthetic_budgets(project, np.random.default_rng(seed), count)
    rng = np.random.default_rng(seed + 1)
    out = []
    for row in batch.amounts.tolist():
        allocation = dict(zip(batch.lines, row, strict=True))
        if project.balance_rule != "balanced" and rng.random() < surplus:
            line = rng.choice(
                [ln for ln in project.lines if ln.kind == "spending" and not ln.locked]
            )
            steps = int((allocation[line.id] - line.min) // line.step)
            allocation[line.id] -= line.step * int(rng.integers(0, steps + 1))
        assert budget.rule_satisfied(project, budget.balance(project, allocation))
        out.append(allocation)
    return out


def _aggregated_balance(project, data: dict, rule: str) -> float:
    """Balance of the aggregate budget `rule` with the mean revenue."""
    spending = sum(
        data["aggregates"][rule][ln.id] for ln in project.lines if ln.kind == "spending"
    )
    revenue = sum(
        data["aggregates"]["mean"][ln.id]
        for ln in project.lines
        if ln.kind == "revenue"
    )
    return project.total + revenue - spending


@settings(max_examples=25, deadline=None)
@given(
    project_id=st.sampled_from(sorted(CATALOG.of("budget"))),
    rule=st.sampled_from(RULES),
    seed=st.integers(0, 10_000),
    count=st.integers(12, 60),
    surplus=st.floats(0, 1),
    weighted=st.booleans(),
)
def test_aggr001_aggregates_keep_locked_lines_and_the_balance_rule(
    project_id, rule, seed, count, surplus, weighted
):
    """Class: aggregate budgets that move what residents cannot move, or spend
    what the trajectory's balance rule does not allow. For every aggregate (mean,
    Independent Markets, welfare), counted or from rows: locked lines at plan,
    and with the mean revenue the budget meets the balance rule."""
    project = _project(project_id, rule)
    ballots = _ballots(project, seed, count, surplus)
    rows = [
        stored(project.id, k, allocation, DISTRICTS[k % 2], AGES[k % 2])
        for k, allocation in enumerate(ballots)
    ]
    population = {
        (d, a): 1000.0 + 500 * i
        for i, (d, a) in enumerate([(d, a) for d in DISTRICTS for a in AGES])
    }
    filters = Filters(weighted=weighted)
    tally = BudgetTally(project, DISTRICTS, AGES)
    tally.apply(
        list(range(1, len(rows) + 1)),
        [r.allocation for r in rows],
        [r.district for r in rows],
        [r.age_band for r in rows],
        [r.updated_at for r in rows],
        [r.synthetic for r in rows],
    )
    for data in (
        tally.results(filters, population, 10),
        budget_results.budget_results(
            project, rows, len(rows), filters, population, 10
        ),
    ):
        assert not data["suppressed"]
        for name in ("mean", "independent_markets", "welfare"):
            aggregate = data["aggregates"][name]
            for line in project.lines:
                if line.locked:
                    assert abs(aggregate[line.id] - line.plan) < 1e-6, (name, line.id)
            balance = _aggregated_balance(project, data, name)
            slack = 1e-6 * project.total
            if rule == "balanced":
                assert abs(balance) <= project.tolerance + slack, (name, balance)
            elif rule == "no_deficit":
                assert balance >= -slack, (name, balance)
        parts = data["aggregate_total_parts"]
        assert (
            abs(
                parts["fixed"]
                + parts["revenue"]
                - parts["balance"]
                - data["aggregate_total"]
            )
            < 1e-6 * project.total
        )

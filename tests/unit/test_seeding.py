"""Synthetic budgets without a database: valid by the pure rules, realistic and
reproducible."""

from __future__ import annotations

import numpy as np
import pytest

from budgetschuiver.budgets import rules as budget
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.seeding import Grid, Population, synthetic_budgets, valid_rows


def as_dicts(lines, amounts):
    return [dict(zip(lines, row, strict=True)) for row in amounts.tolist()]


@pytest.mark.parametrize("name", ["park", "city"])
def test_seed001_every_budget_passes_the_pure_rules(request, name):
    project = request.getfixturevalue(name)
    batch = synthetic_budgets(project, np.random.default_rng(11), 20_000)
    assert batch.lines == tuple(line.id for line in project.lines)
    assert valid_rows(project, batch.amounts).all()
    assert batch.plan == 0 and batch.redrawn < 20
    sample = np.random.default_rng(0).choice(20_000, 500, replace=False)
    for allocation in np.array(as_dicts(batch.lines, batch.amounts), dtype=object)[
        sample
    ]:
        body = {"allocation": allocation, "token": "seeded-check-token-0001"}
        assert budget.validate_submission(project, body)[1] == []


@pytest.mark.parametrize("name", ["park", "city"])
def test_seed002_vectorized_check_agrees_with_the_rules(request, name):
    """Valid, off-grid, out-of-range, unlocked and unbalanced budgets: the array
    check says what validate_allocation says, row for row."""
    project = request.getfixturevalue(name)
    rng = np.random.default_rng(5)
    amounts = synthetic_budgets(project, rng, 3000).amounts.copy()
    rows, cols = rng.integers(0, 3000, 1500), rng.integers(0, len(project.lines), 1500)
    steps = np.array([line.step for line in project.lines])
    nudges = rng.choice([-3, -1, 1, 2, 7, 10**6], size=1500)
    tweaked = amounts[rows, cols] + np.where(
        rng.random(1500) < 0.3, nudges, nudges * steps[cols]
    )
    amounts[rows, cols] = tweaked
    fast = valid_rows(project, amounts)
    lines = tuple(line.id for line in project.lines)
    slow = [
        budget.validate_allocation(project, allocation)[1] == []
        for allocation in as_dicts(lines, amounts)
    ]
    assert fast.tolist() == slow
    assert 0 < fast.sum() < len(fast)


@pytest.mark.parametrize(
    ("rule", "tolerance"), [("balanced", 0), ("no_deficit", 0), ("free", 0)]
)
def test_seed003_other_rules_and_no_tolerance_stay_valid(park, rule, tolerance):
    """Exact balance on the park's mixed step sizes needs a pair of lines to land
    on; no budget falls back to the plan, and they stay varied."""
    project = park.model_copy(update={"balance_rule": rule, "tolerance": tolerance})
    batch = synthetic_budgets(project, np.random.default_rng(2), 5000)
    assert valid_rows(project, batch.amounts).all()
    assert batch.plan == 0 and batch.redrawn < 50
    assert len({tuple(row) for row in batch.amounts.tolist()}) > 4500


def test_seed004_same_seed_same_budgets(city):
    first = synthetic_budgets(city, np.random.default_rng(42), 2000)
    again = synthetic_budgets(city, np.random.default_rng(42), 2000)
    other = synthetic_budgets(city, np.random.default_rng(43), 2000)
    assert np.array_equal(first.amounts, again.amounts)
    assert not np.array_equal(first.amounts, other.amounts)


@pytest.mark.parametrize("name", ["park", "city"])
def test_seed005_taste_moves_lines_together_and_apart(request, name):
    """Lines both taste patterns move the same way correlate positively, lines
    they both move apart negatively; noise keeps every line varied and the
    average near the plan."""
    project = request.getfixturevalue(name)
    grid = Grid.of(project)
    amounts = synthetic_budgets(project, np.random.default_rng(9), 20_000).amounts
    movable = np.flatnonzero(~grid.locked)
    corr = np.corrcoef(amounts[:, movable].T.astype(float))
    first = np.equal.outer(grid.loading[movable], grid.loading[movable])
    second = np.equal.outer(grid.loading2[movable], grid.loading2[movable])
    off_diagonal = ~np.eye(len(movable), dtype=bool)
    assert (corr[first & second & off_diagonal] > 0.3).all()
    assert (corr[~first & ~second] < -0.3).all()
    assert (corr[off_diagonal] < 0.95).all()
    span = grid.top_k * grid.step
    spread = amounts.std(axis=0)[movable] / span[movable]
    assert ((spread > 0.1) & (spread < 0.35)).all()
    plan = np.array([line.plan for line in project.lines])
    drift = np.abs(amounts.mean(axis=0) - plan)[movable] / span[movable]
    assert (drift < 0.05).all()
    assert (amounts[:, grid.locked] == plan[grid.locked]).all()


def test_seed006_demographics_follow_the_population():
    population = Population.load(REPO_ROOT / "data")
    district, age_band = population.sample(np.random.default_rng(4), 100_000)
    assert 0.13 < np.mean(district == None) < 0.17  # noqa: E711 (element-wise)
    assert 0.18 < np.mean(age_band == None) < 0.22  # noqa: E711
    for name in np.unique(population.districts):
        expected = population.shares[population.districts == name].sum() * 0.85
        assert abs(np.mean(district == name) - expected) < 0.01
    for band in np.unique(population.age_bands):
        expected = population.shares[population.age_bands == band].sum() * 0.8
        assert abs(np.mean(age_band == band) - expected) < 0.01

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


def _planted_matrix(ideas: int, raters: int, seed: int):
    from budgetschuiver.seeding import planted_idea_ratings
    from dashboards.stats import groups

    planted = planted_idea_ratings(ideas, raters, np.random.default_rng(seed))
    rows = [(f"r{rater}", f"i{j}", value) for rater, j, value in planted.ratings]
    matrix = groups.rating_matrix(rows, [f"i{j}" for j in range(ideas)])
    return planted, matrix


@pytest.mark.parametrize(("ideas", "raters", "seed"), [(6, 150, 1), (20, 400, 7)])
def test_seed007_planted_idea_groups_are_recovered(ideas, raters, seed):
    """The dashboard's grouping (Pol.is map, then k-means with k by silhouette)
    finds the planted groups: adjusted Rand index >= 0.9, for the demo round's
    six ideas and for a larger round."""
    from sklearn.metrics import adjusted_rand_score

    from dashboards.stats import groups

    planted, matrix = _planted_matrix(ideas, raters, seed)
    assert matrix.shape == (raters, ideas)
    xy = groups.idea_map(matrix, components=groups.IDEA_COMPONENTS)
    found = groups.cluster(xy)
    assert adjusted_rand_score(planted.group, found.labels) >= 0.9
    result = groups.idea_groups(matrix, [f"i{j}" for j in range(ideas)], 10)
    assert len(result["groups"]) == 3 and all(
        g["distinctive"] for g in result["groups"]
    )


def test_seed008_planted_ratings_shape_and_patterns():
    from budgetschuiver.seeding import (
        IDEA_AGREE,
        IDEA_GROUP_SHARES,
        IDEA_RATED,
        idea_patterns,
        planted_idea_ratings,
    )

    patterns = idea_patterns(3, 6)
    # Any two groups differ on two ideas in three.
    for a in range(3):
        for b in range(a + 1, 3):
            assert (patterns[a] != patterns[b]).sum() == 4
    planted = planted_idea_ratings(50, 600, np.random.default_rng(3))
    per_rater = np.bincount([r for r, _, _ in planted.ratings], minlength=600)
    assert (per_rater == IDEA_RATED).all()
    assert len(set((r, j) for r, j, _ in planted.ratings)) == len(planted.ratings)
    shares = np.bincount(planted.group, minlength=3) / 600
    assert np.allclose(shares, IDEA_GROUP_SHARES, atol=0.06)
    full = idea_patterns(3, 50)
    agreed = np.mean(
        [
            value == ("support" if full[planted.group[r], j] else "oppose")
            for r, j, value in planted.ratings
        ]
    )
    assert abs(agreed - IDEA_AGREE) < 0.02
    again = planted_idea_ratings(50, 600, np.random.default_rng(3))
    assert again.ratings == planted.ratings
    with pytest.raises(ValueError):
        idea_patterns(1, 5)
    with pytest.raises(ValueError):
        planted_idea_ratings(5, -1, np.random.default_rng(0))

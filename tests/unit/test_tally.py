"""The counted results (`dashboards.budgets.tally`) against their definition, computed
from the rows (`budget_results.budget_results`), on random trajectories, filters and
changes."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.store import StoredBudget
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from dashboards.budgets import results as budget_results
from dashboards.budgets.tally import BudgetTally
from dashboards.kernel import results
from dashboards.kernel.filters import Filters
from tests.approx import assert_close

DISTRICT_IDS = [d for d, _, _ in DISTRICTS]
AGE_IDS = [a for a, _, _ in AGE_BANDS]
CATALOG = load_catalog(str(REPO_ROOT / "data"))
POPULATION = results.load_population(results.population_path(str(REPO_ROOT / "data")))
START = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
PARK_ID = "park-zuiderpark"
NOBODY = (None, None, None)  # no district, no age band, no comment


def _ballot(project, rng: random.Random) -> dict[str, float]:
    """A random allocation on each line's grid (balance does not matter here)."""
    allocation = {}
    for line in project.lines:
        if line.locked or rng.random() < 0.3:
            allocation[line.id] = line.plan
            continue
        positions = int(round((line.top - line.min) / line.step))
        # Few distinct values, so ties and repeated shares are common.
        allocation[line.id] = line.min + line.step * rng.choice(
            [0, positions // 3, positions // 2, positions]
        )
    return allocation


def _rows(project, rng: random.Random, n: int, first_id: int = 1, days: int = 20):
    rows = []
    for k in range(n):
        when = START + dt.timedelta(
            days=rng.randrange(days), minutes=rng.randrange(600)
        )
        rows.append(
            (
                first_id + k,
                StoredBudget(
                    id=f"b{first_id + k}",
                    project_id=project.id,
                    allocation=_ballot(project, rng),
                    district=rng.choice([*DISTRICT_IDS[:3], None]),
                    age_band=rng.choice([*AGE_IDS[1:4], None]),
                    comment=None,
                    revision=1,
                    synthetic=rng.random() < 0.3,
                    created_at=when,
                    updated_at=when,
                ),
            )
        )
    return rows


def _feed(tally: BudgetTally, rows) -> None:
    tally.apply(
        [row_id for row_id, _ in rows],
        [row.allocation for _, row in rows],
        [row.district for _, row in rows],
        [row.age_band for _, row in rows],
        [row.updated_at for _, row in rows],
        [row.synthetic for _, row in rows],
    )


def _expected(project, rows, filters: Filters, min_size: int = 10):
    def inside(row):
        day = row.updated_at.date()
        return (
            (filters.district is None or row.district == filters.district)
            and (filters.age_band is None or row.age_band == filters.age_band)
            and (filters.since is None or day >= filters.since)
            and (filters.until is None or day <= filters.until)
        )

    period = [
        r
        for r in rows
        if (filters.since is None or r.updated_at.date() >= filters.since)
        and (filters.until is None or r.updated_at.date() <= filters.until)
    ]
    chosen = [r for r in rows if inside(r)]
    counted = period if filters.narrowed else chosen
    total = len(results.without_synthetic(counted, filters)[0])
    return budget_results.budget_results(
        project, chosen, total, filters, POPULATION, min_size
    )


FILTERS = [
    Filters(),
    Filters(weighted=True),
    Filters(district=DISTRICT_IDS[0]),
    Filters(age_band=AGE_IDS[2], weighted=True),
    Filters(since=dt.date(2026, 11, 5)),
    Filters(since=dt.date(2026, 11, 3), until=dt.date(2026, 11, 12), weighted=True),
    Filters(district=DISTRICT_IDS[1], age_band=AGE_IDS[1]),
    Filters(district=DISTRICT_IDS[2], until=dt.date(2026, 11, 4)),
    # Recent periods, counted per day (dashboards.budgets.tally.RECENT_DAYS).
    Filters(since=dt.date(2026, 11, 12)),
    Filters(since=dt.date(2026, 11, 15), weighted=True),
    Filters(age_band=AGE_IDS[1], since=dt.date(2026, 11, 10)),
    # Synthetic ballots counted too (left out by default).
    Filters(synthetic=True),
    Filters(district=DISTRICT_IDS[0], weighted=True, synthetic=True),
    Filters(since=dt.date(2026, 11, 12), synthetic=True),
]


@pytest.mark.parametrize("project_id", ["park-zuiderpark", "begroting-2027"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counted_results_equal_the_row_definition(project_id, seed):
    project = CATALOG.of("budget")[project_id]
    rng = random.Random(seed)
    rows = _rows(project, rng, 400)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    # In three batches, so growing code spaces and cells are exercised too.
    for part in (rows[:7], rows[7:150], rows[150:]):
        _feed(tally, part)
    stored = [row for _, row in rows]
    for filters in FILTERS:
        assert_close(
            tally.results(filters, POPULATION, 10),
            _expected(project, stored, filters),
            str(filters),
        )


def test_replacing_and_repeating_ballots_counts_each_once():
    project = CATALOG.of("budget")["begroting-2027"]
    rng = random.Random(7)
    rows = _rows(project, rng, 300)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    _feed(tally, rows)
    # A third of the residents change their budget (and so their day and cell);
    # the same change arrives twice, as an overlapping read from the store would.
    changed = []
    for row_id, row in rows[::3]:
        later = row.updated_at + dt.timedelta(days=rng.randrange(1, 5))
        changed.append(
            (
                row_id,
                StoredBudget(
                    **{
                        **row.__dict__,
                        "allocation": _ballot(project, rng),
                        "district": rng.choice(DISTRICT_IDS[:3]),
                        "updated_at": later,
                        "revision": 2,
                    }
                ),
            )
        )
    _feed(tally, changed)
    _feed(tally, changed[:40])
    current = dict(rows) | dict(changed)
    assert tally.n == len(current)
    for filters in FILTERS:
        assert_close(
            tally.results(filters, POPULATION, 10),
            _expected(project, list(current.values()), filters),
            str(filters),
        )
    assert tally.watermark == max(row.updated_at for row in current.values())


def test_a_saved_tally_loads_to_the_same_results():
    project = CATALOG.of("budget")["park-zuiderpark"]
    rows = _rows(project, random.Random(11), 250)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    _feed(tally, rows)
    loaded = BudgetTally.from_bytes(project, DISTRICT_IDS, AGE_IDS, tally.to_bytes())
    assert loaded is not None and loaded.watermark == tally.watermark
    for filters in FILTERS:
        assert_close(
            loaded.results(filters, POPULATION, 10),
            tally.results(filters, POPULATION, 10),
        )
    # After loading it keeps counting.
    more = _rows(project, random.Random(12), 30, first_id=1000)
    _feed(loaded, more)
    assert_close(
        loaded.results(Filters(), POPULATION, 10),
        _expected(project, [r for _, r in rows + more], Filters()),
    )


def test_a_tally_for_other_lines_is_not_loaded():
    park = CATALOG.of("budget")["park-zuiderpark"]
    city = CATALOG.of("budget")["begroting-2027"]
    tally = BudgetTally(park, DISTRICT_IDS, AGE_IDS)
    _feed(tally, _rows(park, random.Random(3), 20))
    assert BudgetTally.from_bytes(city, DISTRICT_IDS, AGE_IDS, tally.to_bytes()) is None
    assert BudgetTally.from_bytes(park, DISTRICT_IDS, AGE_IDS, b"not a tally") is None


def test_small_groups_stay_hidden():
    project = CATALOG.of("budget")["park-zuiderpark"]
    rows = _rows(project, random.Random(5), 60)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    _feed(tally, rows)
    stored = [r for _, r in rows]
    for filters in (
        Filters(district=DISTRICT_IDS[0], age_band=AGE_IDS[1]),
        Filters(since=dt.date(2026, 11, 19)),
        Filters(district=DISTRICT_IDS[7]),
    ):
        want = _expected(project, stored, filters)
        assert tally.results(filters, POPULATION, 10) == want
    assert tally.results(Filters(), POPULATION, 61) == {"suppressed": True}


def test_cells_give_the_per_day_and_makeup_counts():
    project = CATALOG.of("budget")["park-zuiderpark"]
    rows = _rows(project, random.Random(9), 120)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    _feed(tally, rows)
    per_day: dict = {}
    for district, _age, day, _synthetic, count in tally.cells(
        Filters(district=DISTRICT_IDS[1], synthetic=True)
    ):
        assert district == DISTRICT_IDS[1]
        per_day[day] = per_day.get(day, 0) + count
    want: dict = {}
    for _, row in rows:
        if row.district == DISTRICT_IDS[1]:
            want[row.updated_at.date()] = want.get(row.updated_at.date(), 0) + 1
    assert per_day == want


def test_seeded_like_budgets_balance_and_count():
    # Balanced budgets, as residents send them: the aggregates sum to the total.
    project = CATALOG.of("budget")["park-zuiderpark"]
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    plan = project.plan_allocation()
    assert budget.rule_satisfied(project, budget.balance(project, plan))
    rows = [
        (
            k + 1,
            StoredBudget(
                f"b{k}", project.id, plan, None, None, None, 1, False, START, START
            ),
        )
        for k in range(20)
    ]
    _feed(tally, rows)
    got = tally.results(Filters(), POPULATION, 10)
    assert got["n"] == 20
    assert sum(got["aggregates"]["independent_markets"].values()) == pytest.approx(
        project.total
    )
    assert np.isclose(got["aggregate_total"], project.total)


def test_periods_older_than_the_days_counted_apart():
    # 70 days of ballots: the latest days are counted per day, older periods are
    # counted from their ballots; both must give the definition's figures.
    project = CATALOG.of("budget")["begroting-2027"]
    rows = _rows(project, random.Random(21), 600, days=70)
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    for part in (rows[:300], rows[300:]):
        _feed(tally, part)
    stored = [row for _, row in rows]
    for filters in (
        Filters(until=dt.date(2026, 11, 20)),
        Filters(since=dt.date(2026, 11, 10), until=dt.date(2026, 12, 1)),
        Filters(since=dt.date(2026, 12, 20)),
        Filters(since=dt.date(2026, 12, 1), weighted=True),
        Filters(since=dt.date(2026, 11, 25), district=DISTRICT_IDS[0]),
    ):
        assert_close(
            tally.results(filters, POPULATION, 10),
            _expected(project, stored, filters),
            str(filters),
        )

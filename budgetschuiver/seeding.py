"""Demo votes for closed polls, so a fresh install shows what results look like.

Every vote made here is marked synthetic; pages and results say how many there are.
"""

from __future__ import annotations

import random

from budgetschuiver.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.projects import Catalog
from budgetschuiver.store import Store

DEMO_VOTERS = 240


def seed_closed_polls(
    catalog: Catalog, store: Store, seed: int = 2027
) -> dict[str, int]:
    """Synthetic votes for each closed poll that has none yet; returns what it added."""
    rng = random.Random(seed)
    added: dict[str, int] = {}
    for poll in catalog.polls.values():
        if poll.status() != "closed" or store.count_votes("poll", poll.id):
            continue
        # A lopsided preference, so the demo shows a clear winner and a spread.
        weights = [rng.uniform(0.5, 3.0) for _ in poll.options]
        for index in range(DEMO_VOTERS):
            count = rng.randint(max(poll.min_choices, 1), poll.max_choices)
            chosen: list[str] = []
            while len(chosen) < count:
                option = rng.choices(poll.options, weights)[0].id
                if option not in chosen:
                    chosen.append(option)
            store.submit_vote(
                "poll",
                poll.id,
                tuple(chosen),
                f"demo-seed-{poll.id}-{index:05d}",
                district=rng.choice(DISTRICTS)[0] if rng.random() < 0.8 else None,
                age_band=rng.choice(AGE_BANDS)[0] if rng.random() < 0.7 else None,
                synthetic=True,
            )
        added[poll.id] = DEMO_VOTERS
    return added


def _population_cells(data_dir: str) -> tuple[list[tuple[str, str]], list[float]]:
    import csv
    from pathlib import Path

    cells, weights = [], []
    path = Path(data_dir) / "population.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            cells.append((row["district"], row["age_band"]))
            weights.append(float(row["population"]))
    return cells, weights


def synthetic_budget(project, rng: random.Random, taste: float) -> dict[str, int]:
    """One plausible budget that meets the balance rule.

    Preferences correlate the way real ones tend to: one 'taste' number moves green
    and social lines together and against hard infrastructure, plus personal noise;
    then the budget is repaired step by step until it balances.
    """
    from budgetschuiver import budget

    allocation = {}
    movable = [line for line in project.lines if not line.locked]
    for index, line in enumerate(project.lines):
        if line.locked:
            allocation[line.id] = line.plan
            continue
        direction = 1 if index % 2 == 0 else -1
        span = line.top - line.min
        shift = (taste * direction * 0.18 + rng.gauss(0, 0.12)) * span
        allocation[line.id] = budget.snap(line, line.plan + shift)
    for _ in range(4000):
        bal = budget.balance(project, allocation)
        if budget.rule_satisfied(project, bal):
            return allocation
        # Money left: spend more or take in less; short: the other way round.
        line = rng.choice(movable)
        up = (bal > 0) == (line.kind == "spending")
        value = allocation[line.id] + (line.step if up else -line.step)
        if line.min <= value <= line.top and (
            abs(budget.balance(project, allocation | {line.id: value})) <= abs(bal)
            or project.balance_rule == "no_deficit"
        ):
            allocation[line.id] = value
    return project.plan_allocation()


def seed_budgets(
    project,
    store: Store,
    data_dir: str,
    count: int,
    seed: int = 1,
    days: int = 28,
    batch: int = 5000,
) -> int:
    """`count` synthetic budgets spread over the last `days` days and over districts
    and age bands like the population (some leave them empty, as residents do)."""
    import datetime as dt

    rng = random.Random(seed)
    cells, weights = _population_cells(data_dir)
    now = dt.datetime.now(dt.UTC)
    written = 0
    pending: list[dict] = []
    for _ in range(count):
        district, age_band = rng.choices(cells, weights)[0]
        pending.append(
            {
                "allocation": synthetic_budget(project, rng, rng.gauss(0, 1)),
                "district": district if rng.random() < 0.85 else None,
                "age_band": age_band if rng.random() < 0.8 else None,
                "at": now - dt.timedelta(seconds=rng.uniform(0, days * 86400)),
            }
        )
        if len(pending) >= batch:
            written += store.insert_synthetic_budgets(project.id, pending)
            pending = []
    written += store.insert_synthetic_budgets(project.id, pending)
    return written

"""Demo votes for closed polls, and synthetic budgets for demos and load tests.

Everything made here is marked synthetic; pages and results say how many there are.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import itertools
import random
from pathlib import Path

import numpy as np

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.trajectory import Catalog
from budgetschuiver.store import Store

# How far the shared taste moves a line, and the personal noise on top, both as a
# share of the line's range.
TASTE_WEIGHT = 0.18
NOISE_WEIGHT = 0.12
# Planted kinds of residents, so the dashboard's opinion groups have something
# real to find: each resident's taste, as weights on the two patterns of lines
# (`Grid.loading`, `Grid.loading2`), lies near one of these, in these shares,
# with this personal spread around it. The shares weigh the kinds so that the
# average taste is zero and the average budget stays near the plan.
KINDS = ((1.4, -0.6), (-1.4, -0.6), (0.0, 1.4))
KIND_SHARES = (0.35, 0.35, 0.30)
KIND_SPREAD = 0.3

# Shares of residents who give their district and their age band.
DISTRICT_SHARE = 0.85
AGE_BAND_SHARE = 0.8

# The balance repair: rounds that spread the gap over the lines with room left, then
# sweeps over single lines (coarse steps first) that settle what rounding left.
SPREAD_ROUNDS = 6
SETTLE_SWEEPS = 3
# Last, for a tight tolerance with mixed step sizes: up to this many steps on one
# line, the rest on another (smallest moves tried first).
PAIR_MOVES = tuple(sign * size for size in range(1, 25) for sign in (1, -1))
# A budget the repair cannot balance is drawn afresh up to this often; after that
# it becomes the plan.
REDRAWS = 5


def seed_closed_polls(
    catalog: Catalog, store: Store, seed: int = 2027
) -> dict[str, int]:
    """Synthetic votes for each closed poll whose definition asks for them
    (`demo_votes`, only allowed with `illustrative: true`) and that has no votes
    yet; returns what it added. Nothing is ever added to any other poll."""
    rng = random.Random(seed)
    added: dict[str, int] = {}
    for poll in catalog.of("poll").values():
        wanted = poll.demo_votes
        if (
            not wanted
            or poll.status() != "closed"
            or store.count_votes("poll", poll.id)
        ):
            continue
        # A lopsided preference, so the demo shows a clear winner and a spread.
        weights = [rng.uniform(0.5, 3.0) for _ in poll.options]
        for index in range(wanted):
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
        added[poll.id] = wanted
    return added


@dataclasses.dataclass(frozen=True)
class Population:
    """District and age band cells with each cell's share of the residents."""

    districts: np.ndarray
    age_bands: np.ndarray
    shares: np.ndarray

    @classmethod
    def load(cls, data_dir: str | Path) -> Population:
        districts, age_bands, counts = [], [], []
        path = Path(data_dir) / "population.csv"
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                districts.append(row["district"])
                age_bands.append(row["age_band"])
                counts.append(float(row["population"]))
        shares = np.asarray(counts)
        return cls(
            np.asarray(districts, dtype=object),
            np.asarray(age_bands, dtype=object),
            shares / shares.sum(),
        )

    def sample(
        self, rng: np.random.Generator, count: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Districts and age bands for `count` residents; None where one was left
        empty."""
        cell = rng.choice(len(self.shares), size=count, p=self.shares)
        district = np.where(
            rng.random(count) < DISTRICT_SHARE, self.districts[cell], None
        )
        age_band = np.where(
            rng.random(count) < AGE_BAND_SHARE, self.age_bands[cell], None
        )
        return district, age_band


@dataclasses.dataclass(frozen=True)
class Grid:
    """A project's lines as arrays, in the project's order, counted in steps: a
    budget with k steps on line j has `low[j] + k * step[j]` there."""

    ids: tuple[str, ...]
    low: np.ndarray
    step: np.ndarray
    top_k: np.ndarray  # the most steps that stay within the line's top
    plan_k: np.ndarray
    locked: np.ndarray
    sign: np.ndarray  # +1 for revenue, -1 for spending: the effect on the balance
    # The first pattern raises even lines and lowers odd ones; the second raises
    # lines 0, 1, 4, 5, ... and lowers the others. A taste weighs the two.
    loading: np.ndarray
    loading2: np.ndarray

    @classmethod
    def of(cls, project: BudgetProject) -> Grid:
        lines = project.lines
        low = np.array([line.min for line in lines], dtype=np.int64)
        step = np.array([line.step for line in lines], dtype=np.int64)
        top = np.array([line.top for line in lines], dtype=np.int64)
        plan = np.array([line.plan for line in lines], dtype=np.int64)
        locked = np.array([line.locked for line in lines])
        parity = np.where(np.arange(len(lines)) % 2 == 0, 1.0, -1.0)
        pairs = np.where(np.arange(len(lines)) // 2 % 2 == 0, 1.0, -1.0)
        return cls(
            ids=tuple(line.id for line in lines),
            low=low,
            step=step,
            top_k=(top - low) // step,
            plan_k=(plan - low) // step,
            locked=locked,
            sign=np.array([1 if line.kind == "revenue" else -1 for line in lines]),
            loading=np.where(locked, 0.0, parity),
            loading2=np.where(locked, 0.0, pairs),
        )

    def amounts(self, k: np.ndarray) -> np.ndarray:
        return self.low + k * self.step

    def draw(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """Step counts for `count` residents: a personal taste (near one of the
        planted `KINDS`) moves some lines together and against the others, plus
        personal noise; locked lines stay at the plan. Not yet balanced."""
        kind = np.asarray(KINDS)[rng.choice(len(KINDS), size=count, p=KIND_SHARES)]
        taste = kind + KIND_SPREAD * rng.standard_normal((count, 2))
        noise = rng.standard_normal((count, len(self.ids)))
        liking = taste @ np.vstack([self.loading, self.loading2])
        shift = liking * TASTE_WEIGHT + noise * NOISE_WEIGHT
        k = np.rint(self.plan_k + shift * self.top_k)
        k = np.clip(k, 0, self.top_k).astype(np.int64)
        return np.where(self.locked, self.plan_k, k)


def valid_rows(project: BudgetProject, amounts: np.ndarray) -> np.ndarray:
    """Which budgets (rows of amounts, in the project's line order) the pure rules
    accept: on each line's grid, locked lines at the plan, the balance rule met."""
    columns = {line.id: amounts[:, j] for j, line in enumerate(project.lines)}
    ok = np.ones(len(amounts), dtype=bool)
    for line in project.lines:
        value = columns[line.id]
        ok &= (value >= line.min) & (value <= line.top)
        ok &= (value - line.min) % line.step == 0
        if line.locked:
            ok &= value == line.plan
    rule = budget.rule_satisfied(project, budget.balance(project, columns))
    return ok & np.broadcast_to(rule, ok.shape)


def _gap(project: BudgetProject, bal: np.ndarray) -> np.ndarray:
    """How much each balance must change to meet the rule (0 where it does)."""
    if project.balance_rule == "balanced":
        return np.where(np.abs(bal) <= project.tolerance, 0, -bal)
    if project.balance_rule == "no_deficit":
        return np.where(bal >= 0, 0, -bal)
    return np.zeros_like(bal)


def _steps(project: BudgetProject, gap: np.ndarray, unit: int) -> np.ndarray:
    """Steps on a line with `unit` euros per step that close `gap` best: the nearest
    count, or under 'no_deficit' enough to leave no deficit."""
    steps = gap / unit
    if project.balance_rule == "no_deficit":
        steps = np.sign(steps) * np.ceil(np.abs(steps))
    return np.rint(steps).astype(np.int64)


def _repair(project: BudgetProject, grid: Grid, k: np.ndarray) -> np.ndarray:
    """Move step counts in place until each budget meets the balance rule, as a
    resident would: the gap goes to the lines with room left, in proportion to that
    room. Returns which budgets now meet it."""
    unit = grid.sign * grid.step
    offset = project.total + int((grid.sign * grid.low).sum())
    movable = ~grid.locked
    for _ in range(SPREAD_ROUNDS):
        gap = _gap(project, offset + k @ unit)
        rows = np.flatnonzero(gap)
        if not rows.size:
            return np.ones(len(k), dtype=bool)
        kr, need = k[rows], gap[rows]
        # Lines that move the balance the right way when their step count rises.
        up = np.sign(need)[:, None] * grid.sign > 0
        room = np.where(up, grid.top_k - kr, kr) * movable
        room_money = (room * grid.step).sum(axis=1)
        share = np.minimum(np.abs(need) / np.maximum(room_money, 1), 1.0)
        move = np.rint(room * share[:, None]).astype(np.int64)
        k[rows] = kr + np.where(up, move, -move)
    lines = np.flatnonzero(movable)
    for _ in range(SETTLE_SWEEPS):
        for j in lines[np.argsort(-grid.step[lines], kind="stable")]:
            gap = _gap(project, offset + k @ unit)
            rows = np.flatnonzero(gap)
            if not rows.size:
                return np.ones(len(k), dtype=bool)
            moved = np.clip(
                _steps(project, gap[rows], unit[j]),
                -k[rows, j],
                grid.top_k[j] - k[rows, j],
            )
            k[rows, j] += moved
    _settle_pairs(project, grid, k, unit, offset)
    return _gap(project, offset + k @ unit) == 0


def _settle_pairs(
    project: BudgetProject, grid: Grid, k: np.ndarray, unit: np.ndarray, offset: int
) -> None:
    """Lines whose steps do not add up to the gap alone (a tight tolerance with
    mixed step sizes): a few steps on one line and the rest on another."""
    rows = np.flatnonzero(_gap(project, offset + k @ unit))
    lines = np.flatnonzero(~grid.locked)
    for i, j in itertools.permutations(lines, 2):
        for d in PAIR_MOVES:
            if not rows.size:
                return
            ki = k[rows, i] + d
            bal = offset + k[rows] @ unit + unit[i] * d
            kj = k[rows, j] + _steps(project, _gap(project, bal), unit[j])
            after = bal + (kj - k[rows, j]) * unit[j]
            fine = (ki >= 0) & (ki <= grid.top_k[i]) & (kj >= 0)
            fine &= (kj <= grid.top_k[j]) & (_gap(project, after) == 0)
            k[rows[fine], i] = ki[fine]
            k[rows[fine], j] = kj[fine]
            rows = rows[~fine]


@dataclasses.dataclass(frozen=True)
class Batch:
    """Valid synthetic budgets (rows of amounts in the line order of `lines`) and
    how many of them needed more than the ordinary repair."""

    lines: tuple[str, ...]
    amounts: np.ndarray
    redrawn: int  # the repair could not balance the first draw
    plan: int  # no draw could be balanced: the plan itself


def synthetic_budgets(
    project: BudgetProject, rng: np.random.Generator, count: int
) -> Batch:
    """`count` plausible budgets, each checked against the pure rules."""
    grid = Grid.of(project)
    k = grid.draw(rng, count)
    ok = _repair(project, grid, k)
    redrawn = int((~ok).sum())
    for _ in range(REDRAWS):
        rows = np.flatnonzero(~ok)
        if not rows.size:
            break
        fresh = grid.draw(rng, rows.size)
        ok[rows] = _repair(project, grid, fresh)
        k[rows] = fresh
    plan = int((~ok).sum())
    k[~ok] = grid.plan_k
    amounts = grid.amounts(k)
    if not valid_rows(project, amounts).all():
        raise RuntimeError(f"seeding produced an invalid budget for {project.id}")
    return Batch(grid.ids, amounts, redrawn, plan)


@dataclasses.dataclass(frozen=True)
class SeedReport:
    written: int
    redrawn: int
    plan: int


def seed_budgets(
    project: BudgetProject,
    store: Store,
    data_dir: str | Path,
    count: int,
    seed: int = 1,
    days: int = 28,
    batch: int = 50_000,
    now: dt.datetime | None = None,
    synthetic: bool = True,
) -> SeedReport:
    """`count` synthetic budgets spread over the `days` days before `now` and over
    districts and age bands like the population (some leave them empty, as
    residents do). The same seed gives the same budgets, in the same order.
    `synthetic=False` stores them unmarked, as residents' ballots: for tests and
    benchmarks that stand in for real participation, never for the CLI."""
    rng = np.random.default_rng(seed)
    population = Population.load(data_dir)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    end = np.datetime64(now.replace(tzinfo=None), "us")
    # Oldest first, so ids grow with time as they do for real submissions.
    age_us = np.sort(rng.integers(0, days * 86_400_000_000, size=count))[::-1]
    written = redrawn = plan = 0
    for start in range(0, count, batch):
        size = min(batch, count - start)
        made = synthetic_budgets(project, rng, size)
        district, age_band = population.sample(rng, size)
        written += store.insert_synthetic_budgets(
            project.id,
            {
                "lines": made.lines,
                "amounts": made.amounts,
                "district": district,
                "age_band": age_band,
                "at": end - age_us[start : start + size].astype("timedelta64[us]"),
            },
            synthetic=synthetic,
        )
        redrawn += made.redrawn
        plan += made.plan
    return SeedReport(written, redrawn, plan)


# Planted opinion groups for an idea round: raters in these shares, each group
# supporting the ideas its pattern marks and opposing the rest (`idea_patterns`),
# with these chances of the marked value, the opposite one and neutral.
IDEA_GROUP_SHARES = (0.4, 0.35, 0.25)
IDEA_AGREE = 0.9
IDEA_DISAGREE = 0.05
# A rater rates every idea up to this many, a random selection of this many beyond
# (residents do not rate thousands); more than the 7 ratings the grouping needs.
IDEA_RATED = 30


def idea_patterns(groups: int, ideas: int) -> np.ndarray:
    """groups x ideas booleans, True where a group supports an idea: group g
    opposes every idea j with (j + g) % groups == 0 and supports the others, so
    any two groups of three or more differ on two ideas in three. Raises
    ValueError for fewer than two groups or no ideas."""
    if groups < 2 or ideas < 1:
        raise ValueError("planted groups need at least two groups and one idea")
    g = np.arange(groups)[:, None]
    j = np.arange(ideas)[None, :]
    return (j + g) % groups != 0


@dataclasses.dataclass(frozen=True)
class PlantedRatings:
    """Planted ratings: `group` (rater -> planted group, from 0) and `ratings`
    (rater, idea index, value) triples, value one of "support", "oppose",
    "neutral"; each rater rates an idea at most once."""

    group: np.ndarray
    ratings: list[tuple[int, int, str]]


def planted_idea_ratings(
    ideas: int, raters: int, rng: np.random.Generator
) -> PlantedRatings:
    """Ratings of `raters` synthetic raters over `ideas` ideas in the planted
    groups (`IDEA_GROUP_SHARES`, `idea_patterns`): each rater rates min(ideas,
    `IDEA_RATED`) ideas, giving its group's value with chance `IDEA_AGREE`, the
    opposite with `IDEA_DISAGREE` and neutral otherwise. Raises ValueError for no
    ideas or a negative count."""
    if raters < 0:
        raise ValueError("raters must be 0 or more")
    shares = np.asarray(IDEA_GROUP_SHARES)
    patterns = idea_patterns(len(shares), ideas)
    group = rng.choice(len(shares), size=raters, p=shares / shares.sum())
    chances = (IDEA_AGREE, IDEA_DISAGREE, 1.0 - IDEA_AGREE - IDEA_DISAGREE)
    rated = min(ideas, IDEA_RATED)
    ratings: list[tuple[int, int, str]] = []
    for rater in range(raters):
        chosen = np.sort(rng.choice(ideas, size=rated, replace=False))
        draws = rng.choice(3, size=rated, p=chances)
        for j, draw in zip(chosen.tolist(), draws.tolist(), strict=True):
            marked = "support" if patterns[group[rater], j] else "oppose"
            other = "oppose" if marked == "support" else "support"
            ratings.append((rater, j, (marked, other, "neutral")[draw]))
    return PlantedRatings(group, ratings)


def seed_idea_ratings(round_id: str, store: Store, raters: int, seed: int = 1) -> int:
    """Ratings of `raters` synthetic raters in planted opinion groups
    (`planted_idea_ratings`) on the round's published ideas, in the posting
    order, each through the store's one rating write (its counters kept) and
    marked synthetic. The same seed gives the same raters: seeding again changes
    their ratings back rather than adding raters. Returns the ratings written;
    0 when the round has no published ideas."""
    rows = [key.row_id for key in store.idea_keys(round_id)]
    ideas = sorted(store.ideas_by_rows(rows), key=lambda idea: idea.row_id)
    if not ideas:
        return 0
    planted = planted_idea_ratings(len(ideas), raters, np.random.default_rng(seed))
    for rater, j, value in planted.ratings:
        store.rate_idea(
            ideas[j], f"seed-ideas-{seed}-{rater:06d}", value, synthetic=True
        )
    return len(planted.ratings)

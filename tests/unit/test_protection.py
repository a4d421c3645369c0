"""Small groups stay hidden against any combination of dashboard answers.

The class of fault: every answer passes its own size check, yet totals minus
other answers (other dates, other filters, other districts) recover a small
group's count or amounts. The audit asks every answer the results API allows,
through the function the API uses (`BudgetTally.answer`), and solves linear
programs (scipy's `linprog`) over everything published for the smallest and
largest count, and per-line sum, of each small group; it fails when one is
determined exactly, or when two answered nested groups differ by 1..k-1 people.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from dashboards.budgets.tally import BudgetTally
from dashboards.kernel import results
from dashboards.kernel.filters import Filters, local_date
from dashboards.stats import protection

DISTRICT_IDS = [d for d, _, _ in DISTRICTS]
AGE_IDS = [a for a, _, _ in AGE_BANDS]
PARK = load_catalog(str(REPO_ROOT / "data")).find("budget", "park-zuiderpark")
# Two lines keep the audit fast; "benches" may be 0, so sums of 0 occur.
SMALL_PARK = PARK.model_copy(
    update={"lines": tuple(ln for ln in PARK.lines if ln.id in {"trees", "benches"})}
)
MONDAY = dt.date(2026, 11, 2)
POPULATION = results.load_population(results.population_path(str(REPO_ROOT / "data")))


def _ballots(cells: dict, rng: np.random.Generator, project=SMALL_PARK):
    """Rows (id, allocation, district, age band, moment) for counts per
    (district, age band, week); moments spread over the week, some at 00:30 Den
    Haag time (the UTC day before)."""
    rows = []
    for (district, age, week), count in cells.items():
        for _ in range(count):
            day = MONDAY + dt.timedelta(days=7 * week + int(rng.integers(0, 7)))
            if rng.random() < 0.3:
                moment = dt.datetime.combine(day, dt.time(0, 30), tzinfo=dt.UTC)
                moment -= dt.timedelta(hours=1)  # 00:30 in Den Haag (winter)
            else:
                moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            allocation = {}
            for line in project.lines:
                steps = int(round((line.top - line.min) / line.step))
                pick = int(rng.integers(0, 3))
                allocation[line.id] = (
                    line.min + line.step * (0, steps // 2, steps)[pick]
                )
            rows.append((len(rows) + 1, allocation, district, age, moment))
    return rows


def _tally(rows, project=SMALL_PARK) -> BudgetTally:
    tally = BudgetTally(project, DISTRICT_IDS, AGE_IDS)
    if rows:
        ids, allocations, districts, ages, moments = zip(*rows, strict=True)
        tally.apply(ids, allocations, districts, ages, moments, [False] * len(ids))
    return tally


def _answers(tally: BudgetTally, weeks: int, districts, ages, min_size: int):
    """Every answer the API allows over these values: (filters, answer)."""
    dates = [None] + [MONDAY + dt.timedelta(days=7 * w + 2) for w in range(weeks)]
    for district, age, weighted in itertools.product(
        [None, *districts], [None, *ages], (False, True)
    ):
        for since, until in itertools.product(dates, dates):
            if since and until and since > until:
                continue
            filters = Filters(district, age, since, until, weighted)
            yield filters, tally.answer(filters, POPULATION, min_size)


def _member(filters: Filters, period: dict, known: bool = False):
    """Which (district, age band, week) cells a shown answer is about, from its
    filter and the period it states (an independent reading of the contract)."""
    lo = dt.date.fromisoformat(period["since"])
    hi = dt.date.fromisoformat(period["until"])

    def inside(district, age, week):
        start = MONDAY + dt.timedelta(days=7 * week)
        return (
            filters.district in (None, district)
            and filters.age_band in (None, age)
            and lo <= start <= hi
            and (not known or (district is not None and age is not None))
        )

    return inside


def audit(cells: dict, min_size: int, seed: int = 0) -> list[str]:
    """Problems found (empty when every small group is protected)."""
    rng = np.random.default_rng(seed)
    rows = _ballots(cells, rng)
    tally = _tally(rows)
    weeks = 1 + max((w for _, _, w in cells), default=0)
    used_d = sorted({d for d, _, _ in cells if d}) + [DISTRICT_IDS[-1]]
    used_a = sorted({a for _, a, _ in cells if a}) + [AGE_IDS[-1]]
    universe = list(itertools.product([None, *used_d], [None, *used_a], range(weeks)))
    # True counts and per-line sums per cell, from the rows themselves.
    index = {cell: k for k, cell in enumerate(universe)}
    count = np.zeros(len(universe))
    lines = [ln for ln in SMALL_PARK.lines if not ln.locked]
    sums = np.zeros((len(universe), len(lines)))
    for _id, allocation, district, age, moment in rows:
        week = (local_date(moment) - MONDAY).days // 7
        k = index[(district, age, week)]
        count[k] += 1
        sums[k] += [allocation[ln.id] for ln in lines]
    published, published_sums, hidden = [], [], []
    for filters, answer in _answers(tally, weeks, used_d, used_a, min_size):
        if answer["suppressed"]:
            # The group this answer would be about, at whole weeks as snapped.
            cal, _ = tally.protected(protection.WEEK, min_size)
            chosen, period = cal.select(filters.since, filters.until)
            if chosen is not None:
                span = {"since": period[0].isoformat(), "until": period[1].isoformat()}
                hidden.append(_mask(universe, _member(filters, span)))
            continue
        row = _mask(universe, _member(filters, answer["period"]))
        published.append((row, answer["n"]))
        if answer["n"] and not filters.weighted:
            published_sums.append(
                (row, [answer["lines"][ln.id]["mean"] * answer["n"] for ln in lines])
            )
        if filters.weighted:
            known = _mask(universe, _member(filters, answer["period"], known=True))
            published.append((known, answer["weighting"]["n_weighted"]))
    problems = []
    a_eq = np.array([row for row, _ in published], dtype=float).reshape(
        -1, len(universe)
    )
    b_eq = np.array([n for _, n in published], dtype=float)
    nested = (a_eq[:, None, :] <= a_eq[None, :, :]).all(axis=2)
    gaps = b_eq[None, :] - b_eq[:, None]
    for gap in gaps[nested & (gaps > 0) & (gaps < min_size)]:
        problems.append(f"answered groups differ by {gap:.0f}")
    targets = [row for row in hidden if 0 < row @ count < min_size]
    targets += [np.eye(len(universe))[k] for k in np.flatnonzero(count)]
    targets = [row for row in targets if 0 < row @ count < min_size]
    targets = list(np.unique(np.array(targets).reshape(-1, len(universe)), axis=0))
    for row in targets:
        if _determined(row, a_eq, b_eq):
            problems.append(f"count of {row @ count:.0f} determined")
    s_eq = np.array([row for row, _ in published_sums], dtype=float).reshape(
        -1, len(universe)
    )
    for j in range(len(lines)):
        b_sum = np.array([round(v[j]) for _, v in published_sums], dtype=float)
        for row in targets:
            if _determined(row, s_eq, b_sum):
                problems.append(f"sum of line {lines[j].id} determined")
    return problems


def _mask(universe, inside) -> np.ndarray:
    return np.array([inside(*cell) for cell in universe], dtype=float)


def _determined(target, a_eq, b_eq) -> bool:
    """True when every table >= 0 agreeing with the published values gives the
    target group the same value."""
    if a_eq.size == 0:
        return False
    low = linprog(target, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    high = linprog(-target, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert low.status == 0, "the published values must be consistent"
    return high.status == 0 and abs(low.fun + high.fun) < 1e-6


@st.composite
def trajectories(draw):
    """Small trajectories: 1-3 weeks, a few districts and age bands (and "not
    given"), cells mostly small (1..k-1), some empty, some large."""
    districts = draw(st.sampled_from([1, 2, 3]))
    ages = draw(st.sampled_from([1, 2]))
    weeks = draw(st.integers(1, 3))
    min_size = draw(st.sampled_from([3, 5]))
    values = st.one_of(
        st.integers(1, min_size - 1), st.just(0), st.integers(min_size, 2 * min_size)
    )
    cells = {}
    for d in [None, *DISTRICT_IDS[:districts]]:
        for a in [None, *AGE_IDS[1 : 1 + ages]]:
            for w in range(weeks):
                if (n := draw(values)) > 0:
                    cells[(d, a, w)] = n
    return cells, min_size


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(trajectories(), st.integers(0, 2**16))
def test_prot001_no_small_group_is_determined_by_all_answers_together(case, seed):
    """Random small trajectories: every answer the API allows, audited together."""
    cells, min_size = case
    assert audit(cells, min_size, seed) == []


def test_prot002_across_dates():
    """12 budgets one week and 3 the next: all dates minus the first week must
    not give the 3 (the issue's first example, in whole weeks)."""
    cells = {("laak", "30-44", 0): 12, ("laak", "30-44", 1): 3}
    assert audit(cells, 10) == []
    tally = _tally(_ballots(cells, np.random.default_rng(1)))
    everyone = tally.answer(Filters(), {}, 10)
    first = tally.answer(Filters(until=MONDAY + dt.timedelta(days=3)), {}, 10)
    assert everyone["suppressed"] or first["suppressed"]


def test_prot003_across_filters():
    """A district suppressed alone stays suppressed with any date range."""
    cells = {("centrum", None, 0): 4, ("centrum", None, 1): 4, ("laak", None, 0): 30}
    cells |= {("laak", None, 1): 30}
    assert audit(cells, 10) == []
    tally = _tally(_ballots(cells, np.random.default_rng(2)))
    for since, until in [
        (None, None),
        (MONDAY, None),
        (None, MONDAY),
        (MONDAY, MONDAY),
    ]:
        answer = tally.answer(Filters("centrum", None, since, until), {}, 10)
        assert answer["suppressed"]


def test_prot004_across_districts():
    """One district of 9, every other shown: the total minus the others must not
    give the 9, nor their sums."""
    cells = {(d, "45-64", 0): 25 for d in DISTRICT_IDS[1:]}
    cells[(DISTRICT_IDS[0], "45-64", 0)] = 9
    assert audit(cells, 10) == []
    tally = _tally(_ballots(cells, np.random.default_rng(3)))
    shown = [
        d
        for d in DISTRICT_IDS
        if not tally.answer(Filters(district=d), {}, 10)["suppressed"]
    ]
    everyone = tally.answer(Filters(), {}, 10)
    assert not everyone["suppressed"] and everyone["n"] == 9 + 25 * 7
    assert DISTRICT_IDS[0] not in shown and len(shown) < len(DISTRICT_IDS) - 1


def test_prot005_the_audit_catches_answers_checked_one_at_a_time(monkeypatch):
    """The audit can fail: with each answer checked on its own (the old rule),
    the issue's across-districts example is found."""
    cells = {(d, "45-64", 0): 25 for d in DISTRICT_IDS[1:]}
    cells[(DISTRICT_IDS[0], "45-64", 0)] = 9

    method = protection.protect

    def one_at_a_time(counts, lowerable, min_size):
        found = method(counts, lowerable, min_size)
        ask = protection.askable(*counts.shape)
        naive = ask & ((found.counts == 0) | (found.counts >= min_size))
        return protection.Pattern(found.counts, naive, found.periods, ())

    monkeypatch.setattr(protection, "protect", one_at_a_time)
    assert any("determined" in problem for problem in audit(cells, 10))


def test_prot006_days_are_counted_in_den_haag_time():
    """A ballot at 00:30 on a Monday in Den Haag (23:30 UTC on Sunday) belongs to
    Monday's week, in the tally and in the period an answer states."""
    monday = dt.date(2026, 11, 9)
    moment = dt.datetime(2026, 11, 8, 23, 30, tzinfo=dt.UTC)
    assert local_date(moment) == monday
    assert local_date(moment.replace(tzinfo=None)) == monday
    cells = {("laak", None, 0): 12}
    rows = [row[:4] + (moment,) for row in _ballots(cells, np.random.default_rng(4))]
    tally = _tally(rows)
    answer = tally.answer(Filters(since=monday, until=monday), {}, 10)
    assert answer["n"] == 12
    assert answer["period"] == {
        "since": "2026-11-09",
        "until": "2026-11-15",
        "unit": "week",
    }
    before = tally.answer(Filters(until=monday - dt.timedelta(days=1)), {}, 10)
    assert before == {"suppressed": True}


def test_prot007_date_filters_snap_to_whole_weeks():
    """A Wednesday-to-Thursday filter answers for Monday to Sunday, and says so."""
    cells = {("laak", None, 0): 15, ("laak", None, 1): 15}
    tally = _tally(_ballots(cells, np.random.default_rng(5)))
    wednesday = MONDAY + dt.timedelta(days=9)
    answer = tally.answer(Filters(since=wednesday, until=wednesday), {}, 10)
    assert answer["n"] == 15
    assert answer["period"]["since"] == "2026-11-09"
    assert answer["period"]["until"] == "2026-11-15"
    whole = tally.answer(Filters(since=wednesday), {}, 10, protection.WHOLE)
    assert whole["n"] == 30 and whole["period"]["unit"] == "whole"


@pytest.mark.parametrize(
    "counts",
    [np.array([[[1.5]]]), np.array([[[-1]]]), np.zeros((2, 2))],
)
def test_prot008_tables_must_be_counts(counts):
    with pytest.raises(ValueError):
        protection.protect(counts, counts > 0, 10)


def test_prot009_the_method_is_pure():
    """The suppression method imports no Dash, Flask or SQLAlchemy."""
    code = (
        "import sys, dashboards.stats.protection; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in {'dash', 'flask', 'sqlalchemy', 'werkzeug'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_prot010_the_pattern_is_made_once_per_change_of_the_data(monkeypatch):
    """Filter changes and ballots read again unchanged reuse the pattern; a new
    ballot makes a new one."""
    made = []
    method = protection.protect

    def counted(*args):
        made.append(1)
        return method(*args)

    monkeypatch.setattr(protection, "protect", counted)
    cells = {("laak", None, 0): 15, ("escamp", "30-44", 1): 15}
    rows = _ballots(cells, np.random.default_rng(6))
    tally = _tally(rows)
    for district in (None, "laak", "escamp"):
        tally.answer(Filters(district=district), POPULATION, 10)
    ids, allocations, districts, ages, moments = zip(*rows[:5], strict=True)
    tally.apply(ids, allocations, districts, ages, moments, [False] * 5)
    tally.answer(Filters(), POPULATION, 10)
    assert len(made) == 1
    tally.apply([999], [allocations[0]], ["laak"], [None], [moments[0]], [False])
    assert tally.answer(Filters(), POPULATION, 10)["n"] == 31
    assert len(made) == 2

"""Headlines on the big screen only where the data support them."""

from __future__ import annotations

import random
import subprocess
import sys

from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from dashboards.budgets import results as budget_results
from dashboards.kernel.filters import Filters
from dashboards.stats import headlines
from tests.unit.test_aggregate_rules import stored

CATALOG = load_catalog(str(REPO_ROOT / "data"))
PARK = CATALOG.of("budget")["park-zuiderpark"]


def _stats(allocations):
    rows = [stored(PARK.id, k, allocation) for k, allocation in enumerate(allocations)]
    data = budget_results.budget_results(PARK, rows, len(rows), Filters(), {}, 10)
    return data["lines"], data["n"]


def _noise(rng, plan):
    """Each movable line one step up (10%) or down (10%) or kept: as often up as
    down (balance does not matter for the statistics)."""
    out = dict(plan)
    for line in PARK.lines:
        if not line.locked:
            out[line.id] = plan[line.id] + line.step * rng.choice([-1] + [0] * 8 + [1])
    return out


def test_head001_noise_makes_no_headline():
    """Class: headlines made of noise. Symmetric small changes on every line:
    nothing raised, nothing lowered, nothing contested."""
    rng = random.Random(5)
    plan = PARK.plan_allocation()
    stats, n = _stats([_noise(rng, plan) for _ in range(400)])
    assert headlines.shifts(PARK.lines, stats, 1) == []
    assert headlines.shifts(PARK.lines, stats, -1) == []
    assert headlines.contested(PARK.lines, stats, n) == []


def test_head002_a_split_is_contested_not_lowered_and_one_step_is_nothing():
    """49% raise 'trees', 50% lower it: a split, not a cut; and when the split is
    one slider step on € 540.000 (the field report), not even a split."""
    plan = PARK.plan_allocation()
    step = next(line.step for line in PARK.lines if line.id == "trees")
    for steps, named in ((1, []), (10, ["trees"])):
        ballots = (
            [plan | {"trees": plan["trees"] + steps * step}] * 49
            + [plan | {"trees": plan["trees"] - steps * step}] * 50
            + [plan]
        )
        stats, n = _stats(ballots)
        assert headlines.shifts(PARK.lines, stats, -1) == []
        assert headlines.shifts(PARK.lines, stats, 1) == []
        found = headlines.contested(PARK.lines, stats, n)
        assert [entry.line_id for entry in found] == named
    assert (found[0].raised, found[0].lowered) == (0.49, 0.5)


def test_head003_clear_shifts_ranked_and_limited():
    """Five lines clearly raised: only the three clearest (relative to the plan)
    are named; a locked line never is."""
    plan = PARK.plan_allocation()
    movable = [ln for ln in PARK.lines if ln.kind == "spending" and not ln.locked]
    rng = random.Random(2)
    ballots = []
    for _ in range(200):
        ballot = dict(plan)
        for index, line in enumerate(movable[:5]):
            up = min(line.top, plan[line.id] + line.step * (index + 1) * 20)
            ballot[line.id] = up if rng.random() < 0.8 else plan[line.id]
        ballots.append(ballot)
    stats, _n = _stats(ballots)
    found = headlines.shifts(PARK.lines, stats, 1)
    assert 0 < len(found) <= headlines.TOP
    changes = [entry.change / plan[entry.line_id] for entry in found]
    assert changes == sorted(changes, reverse=True)
    assert all(entry.low > 0 for entry in found)
    assert not any(
        ln.locked for ln in PARK.lines if ln.id in {e.line_id for e in found}
    )


def test_head004_rules_are_pure():
    code = (
        "import sys, dashboards.stats.headlines; "
        "assert not {'dash', 'flask', 'sqlalchemy'} & set(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)

"""What a ballot means: the rules hash and why a stored ballot no longer fits."""

from __future__ import annotations

import pytest

from budgetschuiver.budgets import rules as budget_rules
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.choices import rules as vote_rules
from budgetschuiver.kernel import definitions
from budgetschuiver.moodboards.model import Moodboard
from budgetschuiver.polls.model import Poll


def changed(item, **fields):
    return type(item).model_validate(item.model_dump() | fields)


def changed_line(project, line_id, **fields):
    lines = [
        line.model_dump() | (fields if line.id == line_id else {})
        for line in project.lines
    ]
    return changed(project, lines=lines)


@pytest.fixture
def park(catalog_demo) -> BudgetProject:
    return catalog_demo.find("budget", "park-zuiderpark")


@pytest.fixture
def poll(catalog_demo) -> Poll:
    return catalog_demo.find("poll", "fietsparkeren-centrum")


@pytest.fixture
def board(catalog_demo) -> Moodboard:
    return catalog_demo.find("moodboard", "speeltuin-transvaal")


@pytest.fixture
def catalog_demo():
    from budgetschuiver.kernel.settings import REPO_ROOT
    from budgetschuiver.kinds import load_catalog

    return load_catalog(REPO_ROOT / "data")


MEANINGFUL_BUDGET = [
    ("bound", lambda p: changed_line(p, "trees", max=600000)),
    ("lower bound", lambda p: changed_line(p, "trees", min=300000)),
    ("step", lambda p: changed_line(p, "sports", step=80000)),
    (
        "locked",
        lambda p: changed_line(p, "sports", locked=True, locked_reason={"nl": "x"}),
    ),
    (
        "kind",
        lambda p: changed(
            p,
            lines=[
                ln.model_dump() | ({"kind": "revenue"} if ln.id == "benches" else {})
                for ln in p.lines
            ],
            total=p.total - 100000,
        ),
    ),
    ("balance rule", lambda p: changed(p, balance_rule="no_deficit")),
    ("tolerance", lambda p: changed(p, tolerance=0)),
    (
        "line removed",
        lambda p: changed(
            p,
            lines=[ln.model_dump() for ln in p.lines if ln.id != "benches"],
            total=p.total - 50000,
        ),
    ),
]


@pytest.mark.parametrize(("what", "change"), MEANINGFUL_BUDGET)
def test_defs001_budget_rule_changes_change_the_hash(park, what, change):
    """Class: every change to what a budget ballot means (bounds, steps, locked
    lines, line kinds, lines added or removed, the balance rule) is a new version."""
    assert definitions.rules_hash(change(park)) != definitions.rules_hash(park), what


NO_CHANGE_BUDGET = [
    ("title", lambda p: changed(p, title={"nl": "Anders"})),
    ("dates", lambda p: changed(p, closes="2099-12-31")),
    ("explanation", lambda p: changed_line(p, "trees", explanation={"nl": "x"})),
    ("label", lambda p: changed_line(p, "trees", label={"nl": "Groen"})),
    ("max off the grid", lambda p: changed_line(p, "trees", max=900001)),
    ("illustrative", lambda p: changed(p, illustrative=not p.illustrative)),
    ("order", lambda p: changed(p, lines=[ln.model_dump() for ln in p.lines[::-1]])),
    (
        "plan of movable lines",
        lambda p: changed_line(
            changed_line(p, "trees", plan=541500), "benches", plan=48750
        ),
    ),
]


@pytest.mark.parametrize(("what", "change"), NO_CHANGE_BUDGET)
def test_defs002_texts_dates_and_plans_keep_the_hash(park, what, change):
    """Class: what does not change a ballot's meaning (texts, dates, order, plans
    of lines residents move, a bound between grid points) keeps the version."""
    assert definitions.rules_hash(change(park)) == definitions.rules_hash(park), what


def test_defs003_poll_and_moodboard_versions(poll, board):
    """Class: options or pictures added or removed and choice limits are new
    versions; labels, pictures' texts and result visibility are not."""
    options = [o.model_dump() for o in poll.options]
    images = [i.model_dump() for i in board.images]
    new = [
        changed(poll, options=options[:-1]),
        changed(poll, options=[*options, {"id": "nieuw", "label": {"nl": "Nieuw"}}]),
        changed(poll, max_choices=1),
        changed(poll, allow_other=False),
    ]
    assert all(definitions.rules_hash(p) != definitions.rules_hash(poll) for p in new)
    same = [
        changed(poll, title={"nl": "Andere vraag"}),
        changed(poll, results_visible="never"),
        changed(poll, options=[o | {"label": {"nl": "x"}} for o in options]),
    ]
    assert all(definitions.rules_hash(p) == definitions.rules_hash(poll) for p in same)
    assert definitions.rules_hash(changed(board, images=images[:-1])) != (
        definitions.rules_hash(board)
    )
    assert definitions.rules_hash(changed(board, min_choices=2)) != (
        definitions.rules_hash(board)
    )
    assert definitions.rules_hash(
        changed(board, images=[i | {"title": {"nl": "x"}} for i in images])
    ) == definitions.rules_hash(board)


def test_defs004_misfit_reasons_name_line_and_rule(park, poll, board):
    """Class: each reason a stored ballot no longer fits is named by line (or
    choice) and rule, so `check` and the log can count them per line."""
    plan = park.plan_allocation()
    assert budget_rules.misfits(park, plan) == ()
    lowered = changed_line(park, "trees", max=600000)
    assert budget_rules.misfits(lowered, plan | {"trees": 900000}) == (
        "trees: out_of_range",
    )
    assert budget_rules.misfits(park, plan | {"trees": 540001}) == ("trees: off_grid",)
    assert budget_rules.misfits(park, plan | {"drainage": 0}) == ("drainage: locked",)
    missing = {k: v for k, v in plan.items() if k != "benches"}
    assert budget_rules.misfits(park, missing) == ("benches: missing_line",)
    assert budget_rules.misfits(park, plan | {"old": 1}) == ("old: unknown_line",)
    assert budget_rules.misfits(park, plan | {"trees": 600000}) == (
        "balance: unbalanced",
    )
    assert vote_rules.poll_misfits(poll, ["spui"]) == ()
    assert vote_rules.poll_misfits(poll, ["weg"]) == ("weg: unknown_choice",)
    assert vote_rules.poll_misfits(
        changed(poll, max_choices=1), ["spui", "grote-markt"]
    ) == ("choices: too_many_choices",)
    assert vote_rules.poll_misfits(changed(poll, allow_other=False), [], "elders") == (
        "anders: other_not_allowed",
    )
    assert vote_rules.moodboard_misfits(board, ["natuur"]) == ()
    assert vote_rules.moodboard_misfits(changed(board, min_choices=2), ["natuur"]) == (
        "choices: too_few_choices",
    )

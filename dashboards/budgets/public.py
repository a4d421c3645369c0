"""What budgets give the loop back (`dashboards.kernel.public`): the residents'
budget beside the plan, its rows, and where a browser's own budget stands."""

from __future__ import annotations

import numpy as np
from dash import Input, Output, State

from budgetschuiver.budgets import page as begroting
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.kernel.sharing.component import STANCE_SLOT
from dashboards.budgets.service import budget_tally
from dashboards.kernel.guard import public_callback
from dashboards.kernel.public import page as public_page
from dashboards.kernel.public.kinds import PublicKind, Row
from dashboards.kernel.public.results import DEFAULT, is_public


def residents_budget(project: BudgetProject, data: dict) -> tuple[str, dict]:
    """(rule used, line id -> euros) of the residents' budget the definition
    names (`aggregate`). The moving-phantom rules cover spending lines; revenue
    lines, and every line when those rules could not be computed, take the mean
    (then the rule used is `mean`)."""
    means = data["aggregates"]["mean"]
    chosen = data["aggregates"].get(project.aggregate)
    rule = project.aggregate if chosen is not None else "mean"
    chosen = chosen or {}
    return rule, {
        line.id: chosen.get(line.id, means[line.id]) for line in project.lines
    }


def _rows(project: BudgetProject, data: dict, lang: str) -> list[Row]:
    _rule, budget = residents_budget(project, data)
    return [
        Row(
            line.id,
            line.label.get(lang),
            budget[line.id],
            i18n.format_euro(budget[line.id], lang),
            plan=float(line.plan),
            mean=data["aggregates"]["mean"][line.id],
        )
        for line in project.lines
    ]


def _labels(project: BudgetProject, lang: str) -> list[tuple[str, str]]:
    return [(line.id, line.label.get(lang)) for line in project.lines]


def stances(
    project: BudgetProject, token: str | None
) -> dict[str, tuple[float, rules.Stance | None]] | None:
    """Per line of this browser's stored budget: (its amount in euros, where it
    stands among everyone's at the default filters), None per line when too few
    ballots; None without a counted stored budget."""
    if token is None:
        return None
    own = services().store.find_budget(project.id, token)
    if own is None or own.synthetic or own.outdated:
        return None
    min_size = services().settings.min_group_size
    with budget_tally(project) as tally:
        counts = tally.line_counts(DEFAULT)
    out = {}
    for line in project.lines:
        values, times = counts[line.id]
        amount = float(own.allocation[line.id])
        out[line.id] = (
            amount,
            rules.stance(np.asarray(values), np.asarray(times), amount, min_size),
        )
    return out


def comment_totals(project: BudgetProject) -> tuple[int, int]:
    """("waarom?" comments of residents, of which hidden by an administrator)."""
    rows = [
        row
        for row in services().store.budgets_for(project.id, commented=True)
        if not row.synthetic and row.comment
    ]
    return len(rows), sum(row.comment_hidden for row in rows)


PUBLIC = PublicKind(
    "budget",
    "projects",
    "/begroting/",
    _rows,
    _labels,
    "amounts",
    residents_budget=residents_budget,
    stances=stances,
    text_totals=comment_totals,
)


# budget sent (receipt shown) -> where this browser's budget stands, when public
@public_callback(
    Output(STANCE_SLOT, "children"),
    Input(ids.RECEIPT, "children"),
    State(ids.PROJECT_ID, "data"),
    State(begroting.PAGE_LANG, "data"),
    prevent_initial_call=True,
)
def stance_after_sending(receipt, project_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    project = services().catalog.find("budget", project_id)
    if not receipt or project is None or not is_public(project):
        return None
    return public_page.stance(PUBLIC, project, lang)

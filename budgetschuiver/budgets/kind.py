"""Budgets as a participation kind (see `budgetschuiver.kernel.kinds`)."""

from __future__ import annotations

from typing import Any

from budgetschuiver.budgets import page, rules
from budgetschuiver.budgets.api import api
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel.kinds import Kind


def _store(store: Any, project: BudgetProject, ballot: rules.BudgetBallot, _held):
    return store.submit_budget(
        project.id,
        ballot.allocation,
        ballot.token,
        district=ballot.district,
        age_band=ballot.age_band,
        comment=ballot.comment,
    )


KIND = Kind(
    name="budget",
    folder="projects",
    model=BudgetProject,
    noun="project",
    route_variable="project_id",
    path="/begroting/",
    validate=rules.validate_submission,
    store_ballot=_store,
    misfits=rules.misfits,
    pages=(page,),
    api=api,
    summary=lambda project: f"{len(project.lines)} lines",
)

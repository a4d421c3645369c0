"""The participation kinds this app serves: one registration line per kind."""

from __future__ import annotations

from pathlib import Path

from budgetschuiver.budgets.kind import KIND as BUDGETS
from budgetschuiver.forums.kind import KIND as FORUMS
from budgetschuiver.ideas.kind import KIND as IDEAS
from budgetschuiver.kernel import trajectory
from budgetschuiver.kernel.kinds import Registry
from budgetschuiver.moodboards.kind import KIND as MOODBOARDS
from budgetschuiver.polls.kind import KIND as POLLS
from budgetschuiver.qa.kind import KIND as QA

KINDS = Registry([BUDGETS, POLLS, MOODBOARDS, IDEAS, FORUMS, QA])


def load_catalog(data_dir: Path | str) -> trajectory.Catalog:
    """Every trajectory of the registered kinds under data_dir (see
    `kernel.trajectory.load_catalog`); raises DefinitionError for a broken file."""
    return trajectory.load_catalog(data_dir, KINDS)

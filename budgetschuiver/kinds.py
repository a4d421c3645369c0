"""The participation kinds this app serves: one registration line per kind."""

from __future__ import annotations

from pathlib import Path

from budgetschuiver.budgets.kind import KIND as BUDGETS
from budgetschuiver.forums.kind import KIND as FORUMS
from budgetschuiver.ideas.kind import KIND as IDEAS
from budgetschuiver.kernel import trajectory
from budgetschuiver.kernel.kinds import Registry
from budgetschuiver.kernel.pages.common import add_section
from budgetschuiver.moodboards.kind import KIND as MOODBOARDS
from budgetschuiver.polls.kind import KIND as POLLS
from budgetschuiver.qa.kind import KIND as QA
from budgetschuiver.reactions import api as reactions_api
from budgetschuiver.reactions.component import trajectory_section
from budgetschuiver.reactions.kind import with_reactions

# Budgets, polls and moodboards take reactions where a definition says
# `reactions: true`: the reaction parts join each kind, the API routes its blueprint.
_REACTION_HOSTS = [with_reactions(kind) for kind in (BUDGETS, POLLS, MOODBOARDS)]
add_section(trajectory_section)
for _kind, _plural in zip(
    _REACTION_HOSTS, ("projects", "polls", "moodboards"), strict=True
):
    reactions_api.add_routes(_kind.api, _plural, _kind)

KINDS = Registry([*_REACTION_HOSTS, IDEAS, FORUMS, QA])


def load_catalog(data_dir: Path | str) -> trajectory.Catalog:
    """Every trajectory of the registered kinds under data_dir (see
    `kernel.trajectory.load_catalog`); raises DefinitionError for a broken file."""
    return trajectory.load_catalog(data_dir, KINDS)

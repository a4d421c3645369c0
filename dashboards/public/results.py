"""Public results: the dashboard's results at its default filters (synthetic
ballots left out, small groups suppressed exactly as there), only while the
definition's `results_public` allows it."""

from __future__ import annotations

from typing import Any

import numpy as np

from budgetschuiver.context import services
from budgetschuiver.loopback import rules
from budgetschuiver.projects import BudgetProject, Trajectory
from dashboards.filters import Filters
from dashboards.public.kinds import PublicKind
from dashboards.service import budget_tally, compute

DEFAULT = Filters()


def is_public(item: Trajectory) -> bool:
    return rules.results_public(item.results_public, item.status())


def public_results(kind: PublicKind, item: Trajectory) -> dict[str, Any]:
    """The results-API object of the dashboard at its default filters, with
    `definitions` as the dashboard's API adds it. Callers check `is_public`."""
    data = compute(kind.kind, item, DEFAULT)
    if data.get("suppressed"):
        return data
    earlier, outdated = services().ballot_versions(kind.kind, item.id)
    return data | {"definitions": {"earlier": earlier, "outdated": outdated}}


def stances(
    project: BudgetProject, token: str | None
) -> dict[str, tuple[float, rules.Stance | None]] | None:
    """Per line of this browser's stored budget: (its amount, where it stands
    among everyone's at the default filters), None per line when too few
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

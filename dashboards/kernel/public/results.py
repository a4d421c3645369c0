"""Public results: the dashboard's results at its default filters (synthetic
ballots left out, small groups suppressed exactly as there), only while the
definition's `results_public` allows it."""

from __future__ import annotations

from typing import Any

from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.trajectory import Trajectory
from dashboards.kernel.filters import Filters
from dashboards.kernel.public.kinds import PublicKind
from dashboards.kernel.service import compute

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

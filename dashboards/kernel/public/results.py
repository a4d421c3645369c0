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
from dashboards.kernel.service import Crowd, compute, crowd

DEFAULT = Filters()


def is_public(item: Trajectory) -> bool:
    return rules.results_public(item.results_public, item.status())


def public_results(kind: PublicKind, item: Trajectory) -> dict[str, Any]:
    """The results-API object of the dashboard at its default filters, with
    `definitions` as the dashboard's API adds it (or the kind's own `results`).
    Callers check `is_public`."""
    if kind.results is not None:
        return kind.results(item)
    data = compute(kind.kind, item, DEFAULT)
    if data.get("suppressed"):
        return data
    earlier, outdated = services().ballot_versions(kind.kind, item.id)
    return data | {"definitions": {"earlier": earlier, "outdated": outdated}}


def who_took_part(kind: PublicKind, item: Trajectory) -> Crowd:
    """Who took part at the default filters, from the protected table (or the
    kind's own `who`)."""
    return kind.who(item) if kind.who is not None else crowd(kind.kind, item, DEFAULT)


def unasked_crowd(n: int) -> Crowd:
    """Who took part for a kind that asks no district or age (idea raters,
    forum posters): all `n` residents in one "not given" row, suppressed below
    k like every group."""
    if n < services().settings.min_group_size:
        return Crowd(True, 0, 0, {}, (), (), (), ())
    return Crowd(False, n, 0, {}, (), ((None, n),), ((None, n),), ())

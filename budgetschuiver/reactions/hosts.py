"""Which trajectories of the kinds without ideas take reactions, and where their
reactions hang (`ideas.store.ReactionHost`)."""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas.store import ReactionHost
from budgetschuiver.kernel.kinds import Kind


def host(kind: Kind, item: Any) -> ReactionHost | None:
    """Where the trajectory's reactions hang, or None when it has none (unknown,
    or its definition lacks `reactions: true`)."""
    if item is None or not getattr(item, "reactions", False):
        return None
    return ReactionHost(kind.name, item.id)

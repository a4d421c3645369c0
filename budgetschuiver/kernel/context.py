"""The per-app services (settings, trajectory catalog, store) and how code finds them.

They live on the Flask app, not in module globals, so tests can run several apps with
their own databases in one process; pages and the API reach them via `services()`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import current_app

from budgetschuiver.kernel.definitions import FitReport
from budgetschuiver.kernel.ratelimit import RateLimiter
from budgetschuiver.kernel.settings import Settings
from budgetschuiver.kernel.trajectory import Catalog, Trajectory
from budgetschuiver.kernel.versions import DataVersion

if TYPE_CHECKING:
    # Types only: the kernel names the store, the composition root makes it.
    from budgetschuiver.store import Store

EXTENSION = "budgetschuiver"


@dataclasses.dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    store: Store
    limiter: RateLimiter = dataclasses.field(default_factory=RateLimiter)
    data_version: DataVersion = dataclasses.field(default_factory=DataVersion)
    # "<kind>:<id>" -> how the stored ballots related to the definition at start-up
    # (`definitions.FitReport`); filled by the app once its store is ready.
    reviews: dict[str, FitReport] = dataclasses.field(default_factory=dict)
    # Tools for signed-in staff on residents' pages (a moderator's "review this"),
    # given by the dashboard side when the app is composed, so the resident side
    # knows no accounts: each (item_type, item_id, lang) -> a component or None.
    staff_tools: list[Callable[[str, str, str], Any]] = dataclasses.field(
        default_factory=list
    )

    def item(self, kind: str, item_id: object) -> Trajectory | None:
        """The trajectory of this kind and id as residents see it now: its
        definition completed with what is stored beside it (the kind's
        `complete`, e.g. a moodboard's uploaded pictures); None when unknown."""
        base = self.catalog.find(kind, item_id)
        found = self.catalog.kinds.get(kind)
        if base is None or found is None or found.complete is None:
            return base
        return found.complete(self, base)

    def ballot_versions(self, kind: str, item_id: str) -> tuple[int, int]:
        """(ballots cast under an earlier version of the rules, of which no longer
        fitting) now; (0, 0) without asking the database when every stored ballot
        was cast under the current rules at start-up (new ones always are)."""
        review = self.reviews.get(f"{kind}:{item_id}")
        if review is None or not review.mixed:
            return 0, 0
        return self.store.ballot_versions(kind, item_id)


def services() -> Services:
    return current_app.extensions[EXTENSION]

"""The per-app services (settings, trajectory catalog, store) and how code finds them.

They live on the Flask app, not in module globals, so tests can run several apps with
their own databases in one process; pages and the API reach them via `services()`.
"""

from __future__ import annotations

import dataclasses

from flask import current_app

from budgetschuiver.projects import Catalog
from budgetschuiver.settings import Settings
from budgetschuiver.store import Store

EXTENSION = "budgetschuiver"


@dataclasses.dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    store: Store


def services() -> Services:
    return current_app.extensions[EXTENSION]

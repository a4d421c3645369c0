"""The one door to the database: the store, put together from the kernel's part and
each feature's part (their tables share one schema, kept by the Alembic
migrations)."""

from __future__ import annotations

from budgetschuiver.budgets.store import BudgetStore
from budgetschuiver.choices.store import VoteStore
from budgetschuiver.kernel.store import KernelStore, metadata
from budgetschuiver.moodboards.store import MoodboardStore

# Every part's tables are on it once the parts are imported (here): the schema the
# migrations keep and a test compares against.
__all__ = ["Store", "metadata"]


class Store(BudgetStore, VoteStore, MoodboardStore, KernelStore):
    """Database access for every kind. Create one per app; it owns the engine."""

"""The one door to the database: the store, put together from the kernel's part and
each feature's part (their tables share one schema, kept by the Alembic
migrations)."""

from __future__ import annotations

from budgetschuiver.budgets.store import BudgetStore
from budgetschuiver.choices.store import VoteStore
from budgetschuiver.forums.store import FORUM_TABLES, ForumStore
from budgetschuiver.ideas.store import IDEA_TABLES, IdeaStore
from budgetschuiver.kernel.store import KernelStore, metadata
from budgetschuiver.moderation.store import MODERATION_TABLES, ModerationStore
from budgetschuiver.moodboards.store import MoodboardStore
from budgetschuiver.qa.store import QA_TABLES, QaStore

# Every part's tables are on it once the parts are imported (here): the schema the
# migrations keep and a test compares against. The ideas, moderation, forum and
# Q&A parts keep their tables on a MetaData of their own; they join this one.
for _table in (*IDEA_TABLES, *MODERATION_TABLES, *FORUM_TABLES, *QA_TABLES):
    _table.to_metadata(metadata)

__all__ = ["Store", "metadata"]


class Store(
    QaStore,
    IdeaStore,
    ModerationStore,
    ForumStore,
    BudgetStore,
    VoteStore,
    MoodboardStore,
    KernelStore,
):
    """Database access for every kind. Create one per app; it owns the engine."""

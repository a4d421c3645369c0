"""Demo votes for closed polls, so a fresh install shows what results look like.

Every vote made here is marked synthetic; pages and results say how many there are.
"""

from __future__ import annotations

import random

from budgetschuiver.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.projects import Catalog
from budgetschuiver.store import Store

DEMO_VOTERS = 240


def seed_closed_polls(
    catalog: Catalog, store: Store, seed: int = 2027
) -> dict[str, int]:
    """Synthetic votes for each closed poll that has none yet; returns what it added."""
    rng = random.Random(seed)
    added: dict[str, int] = {}
    for poll in catalog.polls.values():
        if poll.status() != "closed" or store.count_votes("poll", poll.id):
            continue
        # A lopsided preference, so the demo shows a clear winner and a spread.
        weights = [rng.uniform(0.5, 3.0) for _ in poll.options]
        for index in range(DEMO_VOTERS):
            count = rng.randint(max(poll.min_choices, 1), poll.max_choices)
            chosen: list[str] = []
            while len(chosen) < count:
                option = rng.choices(poll.options, weights)[0].id
                if option not in chosen:
                    chosen.append(option)
            store.submit_vote(
                "poll",
                poll.id,
                tuple(chosen),
                f"demo-seed-{poll.id}-{index:05d}",
                district=rng.choice(DISTRICTS)[0] if rng.random() < 0.8 else None,
                age_band=rng.choice(AGE_BANDS)[0] if rng.random() < 0.7 else None,
                synthetic=True,
            )
        added[poll.id] = DEMO_VOTERS
    return added

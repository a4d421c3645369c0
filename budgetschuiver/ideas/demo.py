"""Illustrative ideas for demo rounds (`demo_ideas` in a round's definition), stored
once by `python -m budgetschuiver seed-demo`, marked synthetic."""

from __future__ import annotations

import secrets
from typing import Any


def seed_demo_ideas(catalog: Any, store: Any) -> dict[str, int]:
    """For each illustrative round with `demo_ideas` and no ideas yet: store them
    with their made-up ratings (synthetic). Returns {round id: ideas added}."""
    added: dict[str, int] = {}
    for round_ in catalog.of("ideas").values():
        if not round_.demo_ideas or store.idea_keys(
            round_.id, states=("published", "pending", "hidden", "rejected")
        ):
            continue
        for demo in round_.demo_ideas:
            idea = store.add_idea(
                round_.id,
                secrets.token_urlsafe(24),
                title=demo.title,
                text=demo.text,
                theme=demo.theme,
                district=demo.district,
                synthetic=True,
            )
            for value in ("support", "oppose", "neutral"):
                for _ in range(getattr(demo, value)):
                    store.rate_idea(
                        idea, secrets.token_urlsafe(24), value, synthetic=True
                    )
        added[round_.id] = len(round_.demo_ideas)
    return added

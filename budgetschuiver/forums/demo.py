"""Illustrative topics for demo forums (`demo_topics` in a forum's definition),
stored once by `python -m budgetschuiver seed-demo`, marked synthetic."""

from __future__ import annotations

import secrets
from typing import Any


def seed_demo_topics(catalog: Any, store: Any) -> dict[str, int]:
    """For each illustrative forum with `demo_topics` and no topics yet: store
    them with their posts (synthetic; random tokens nobody holds). Returns
    {forum id: topics added}."""
    added: dict[str, int] = {}
    for forum in catalog.of("forums").values():
        if not forum.demo_topics or store.forum_has_topics(forum.id):
            continue
        for demo in forum.demo_topics:
            topic = store.add_topic(
                forum.id,
                secrets.token_urlsafe(24),
                title=demo.title,
                text=demo.text,
                municipality=demo.municipality,
                synthetic=True,
            )
            stored: list = []
            for post in demo.posts:
                parent = stored[post.reply_to].id if post.reply_to is not None else None
                stored.append(
                    store.add_post(
                        topic,
                        secrets.token_urlsafe(24),
                        text=post.text,
                        stance=post.stance,
                        parent=parent,
                        municipality=post.municipality,
                        synthetic=True,
                    )
                )
        added[forum.id] = len(forum.demo_topics)
    return added

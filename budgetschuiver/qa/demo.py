"""Illustrative questions for demo question hours (`demo_questions` in a session's
definition), stored once by `python -m budgetschuiver seed-demo`, marked
synthetic."""

from __future__ import annotations

import secrets
from typing import Any

ALL_STATES = ("published", "pending", "hidden", "rejected", "merged", "deleted")


def seed_demo_questions(catalog: Any, store: Any) -> dict[str, int]:
    """For each illustrative session with `demo_questions` and no questions yet:
    store them with their stage, answer and made-up votes (all synthetic).
    Returns {session id: questions added}."""
    added: dict[str, int] = {}
    for session in catalog.of("qa").values():
        if not session.demo_questions or store.session_questions(
            session.id, states=ALL_STATES
        ):
            continue
        for demo in session.demo_questions:
            question = store.add_question(
                session.id,
                secrets.token_urlsafe(24),
                text=demo.text,
                display_name=demo.display_name,
                synthetic=True,
                stage=demo.stage,
                answer=demo.answer,
            )
            if demo.stage == "answered" and demo.answer is None:
                store.set_stage(question, "answered", None, live=True)
            store.seed_question_votes(question, demo.votes)
        added[session.id] = len(session.demo_questions)
    return added

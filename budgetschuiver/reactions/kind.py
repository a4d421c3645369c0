"""Reactions on a whole trajectory as parts of its kind (see
`budgetschuiver.kernel.kinds.Part`): the idea rounds' reaction, edit and removal
parts with the trajectory (its `ReactionHost`) as their target, so every write
goes through `kernel.cast` with the same checks, moderation and rate limits.
`budgetschuiver.kinds` adds them to budgets, polls and moodboards."""

from __future__ import annotations

import dataclasses
from typing import Any

from budgetschuiver.ideas import api as ideas_api
from budgetschuiver.ideas import kind as ideas_kind
from budgetschuiver.ideas import validate
from budgetschuiver.ideas.store import ReactionHost
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.kinds import Kind


def _accepts(item: Any, _host: ReactionHost) -> Refusal | None:
    """Reactions while the trajectory is open, like its ballots."""
    if item.status() == "open":
        return None
    return Refusal(409, "closed", "error.reactions_closed")


def _screen(item: Any, _host: ReactionHost, draft: Any) -> str | None:
    """A reaction is checked as one on an idea: pre-moderation, spam,
    profanity."""
    return ideas_api.screen(item.reaction_rules(), "", draft.text, duplicates=False)


def _screen_edit(item: Any, _ref: tuple[str, str], edit: Any) -> str | None:
    """An edit is checked as a new reaction is."""
    text = edit.texts.get("text", "")
    return ideas_api.screen(item.reaction_rules(), "", text, duplicates=False)


def parts(kind: Kind) -> dict[str, Any]:
    """The reaction parts of a kind with `reactions:` in its definitions: a
    reaction (target: the `ReactionHost`), the author's edit and removal
    (target: ("reaction", id))."""
    return {
        "reaction": dataclasses.replace(
            ideas_kind.REACTION,
            validate=lambda item, _host, body: validate.validate_reaction(
                item.reaction_rules(), body
            ),
            accepts=_accepts,
            moderate=_screen,
            missing=f"error.{kind.noun}_not_found",
        ),
        "edit": dataclasses.replace(
            ideas_kind.EDIT,
            validate=lambda item, ref, body: validate.validate_edit(
                item.reaction_rules(), ref[0], body
            ),
            moderate=_screen_edit,
        ),
        "removal": ideas_kind.REMOVAL,
    }


def with_reactions(kind: Kind) -> Kind:
    """The kind with the reaction parts beside its own."""
    return dataclasses.replace(kind, parts={**kind.parts, **parts(kind)})

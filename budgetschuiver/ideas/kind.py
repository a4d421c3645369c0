"""Idea rounds as a participation kind (see `budgetschuiver.kernel.kinds`): the
contribution that goes through the pipeline is a new idea."""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas import api, pages, rules, validate
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.kinds import Kind


def _accepts(round_: IdeaRound) -> Refusal | None:
    """New ideas only in the collect phase."""
    if rules.may_post(round_.phase()):
        return None
    return Refusal(409, "not_collecting", "error.idea_not_collecting")


def _moderate(round_: IdeaRound, draft: validate.IdeaDraft) -> str | None:
    """Why a checked idea waits for a moderator (pre-moderation, or a local check
    tripped: spam, profanity, a near-duplicate), or None to publish it."""
    return api.screen(round_, draft.title, draft.text, duplicates=True)


def _store(store: Any, round_: IdeaRound, draft: validate.IdeaDraft, held):
    return store.add_idea(
        round_.id,
        draft.token,
        title=draft.title,
        text=draft.text,
        theme=draft.theme,
        district=draft.district,
        display_name=draft.display_name,
        queue_reason=held,
    )


KIND = Kind(
    name="ideas",
    folder="ideas",
    model=IdeaRound,
    noun="idea_round",
    route_variable="round_id",
    path="/ideeen/",
    validate=validate.validate_idea,
    store_ballot=_store,
    # Ideas are contributions of their own, not ballots on the round's rules.
    misfits=lambda _round, _content, _other: (),
    moderate=_moderate,
    accepts=_accepts,
    allowed=lambda token: api.allowed("idea", token),
    finders={"idea_id": lambda known, value: known.store.find_idea(value)},
    pages=(pages,),
    api=api.ideas_api,
    summary=lambda round_: f"{len(round_.themes)} themes",
)

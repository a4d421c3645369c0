"""Idea rounds as a participation kind (see `budgetschuiver.kernel.kinds`): the
kind's own contribution is a new idea; ratings, reactions, reports, appeals (the
shared `moderation.parts`) and an author's edits and deletions are its parts.
All go through the one pipeline (`kernel.cast`)."""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas import api, pages, rules, validate
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.ideas.store import StoredIdea
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.moderation.parts import moderation_parts


def _accepts(round_: IdeaRound) -> Refusal | None:
    """New ideas only in the collect phase."""
    if rules.may_post(round_.phase()):
        return None
    return Refusal(409, "not_collecting", "error.idea_not_collecting")


def _moderate(round_: IdeaRound, draft: validate.IdeaDraft) -> str | None:
    """Why a checked idea waits for a moderator (pre-moderation, or a local check
    tripped: spam, profanity, a near-duplicate), or None to publish it. A
    picture's alternative text is screened with the idea's text."""
    text = draft.text
    if draft.picture is not None:
        text = f"{text}\n{draft.picture.alt}"
    return api.screen(round_, draft.title, text, duplicates=True)


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
        picture=draft.picture,
    )


def _while(allowed_in, closed_key: str):
    """The "open?" step of a part on an idea: the round's phase allows it."""

    def accepts(round_: IdeaRound, _idea: StoredIdea) -> Refusal | None:
        if allowed_in(round_.phase()):
            return None
        return Refusal(409, "closed", closed_key)

    return accepts


def _store_rating(store: Any, _round, idea: StoredIdea, rating, _held) -> tuple:
    """(value, created): created is False when the visitor changed a rating."""
    value, token, position = rating
    return value, store.rate_idea(idea, token, value, position)


def _store_reaction(store: Any, _round, idea: StoredIdea, draft, held):
    stored = store.add_reaction(
        idea,
        draft.token,
        stance=draft.stance,
        text=draft.text,
        parent=draft.parent,
        display_name=draft.display_name,
        queue_reason=held,
    )
    if stored is None:
        return Refusal(422, "invalid_parent", "error.idea_bad_parent", "parent")
    return stored


def _store_edit(store: Any, _round, ref: tuple[str, str], edit, held):
    """The author's change; back to the queue when `held`. "pending" or
    "published" (the state the change leaves it in)."""
    item_type, item_id = ref
    outcome = store.author_edit(
        item_type,
        item_id,
        edit.token,
        queue_reason=held,
        remove_picture=edit.remove_picture,
        **edit.texts,
    )
    if outcome == "too_late":
        return Refusal(409, "too_late", "error.idea_edit_too_late")
    if outcome != "ok":
        return Refusal(404, "not_found", "error.idea_not_yours")
    return "pending" if held else "published"


def _screen_edit(round_: IdeaRound, _ref, edit) -> str | None:
    """An edit is checked as a new text is (pre-moderation, spam, profanity)."""
    texts = edit.texts
    return api.screen(
        round_, texts.get("title", ""), texts.get("text", ""), duplicates=False
    )


def _store_removal(store: Any, _round, ref: tuple[str, str], token: str, _held):
    item_type, item_id = ref
    if not store.author_delete(item_type, item_id, token):
        return Refusal(404, "not_found", "error.idea_not_yours")
    return "deleted"


RATING = Part(
    name="rating",
    validate=lambda _round, _idea, body: validate.validate_rating(body),
    store=_store_rating,
    accepts=_while(rules.may_rate, "error.idea_rating_closed"),
    allowed=lambda token: api.allowed("rating", token),
    missing="error.idea_not_found",
)

REACTION = Part(
    name="reaction",
    validate=lambda round_, _idea, body: validate.validate_reaction(round_, body),
    store=_store_reaction,
    accepts=_while(rules.may_react, "error.idea_reactions_closed"),
    allowed=lambda token: api.allowed("reaction", token),
    moderate=lambda round_, _idea, draft: api.screen(
        round_, "", draft.text, duplicates=False
    ),
    missing="error.idea_not_found",
)

# The author's own idea or reaction (target: (type, id)), changed within
# `rules.EDIT_MINUTES` or deleted any time; keyed like the item itself.
EDIT = Part(
    name="edit",
    validate=lambda round_, ref, body: validate.validate_edit(round_, ref[0], body),
    store=_store_edit,
    allowed=lambda token: api.allowed("reaction", token),
    moderate=_screen_edit,
    missing="error.idea_not_yours",
)

REMOVAL = Part(
    name="removal",
    validate=lambda _round, _ref, body: validate.validate_removal(body),
    store=_store_removal,
    allowed=lambda token: api.allowed("reaction", token),
    missing="error.idea_not_yours",
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
    parts={
        "rating": RATING,
        "reaction": REACTION,
        **moderation_parts("ideas"),
        "edit": EDIT,
        "removal": REMOVAL,
    },
)

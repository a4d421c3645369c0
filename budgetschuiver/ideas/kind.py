"""Idea rounds as a participation kind (see `budgetschuiver.kernel.kinds`): the
kind's own contribution is a new idea; ratings, reactions, reports and appeals are
its parts. All five go through the one pipeline (`kernel.cast`)."""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas import api, pages, rules, validate
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.ideas.store import StoredIdea
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.qa import api as qa_api


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


def _locate(missing: str):
    """Find the round of the idea or reaction (or the session of the Q&A
    question) a report or appeal names: (round or session, (type, id)), 422 for a
    malformed reference, 404 for an unknown one."""

    def locate(store: Any, body: Any) -> tuple[IdeaRound, tuple[str, str]] | Refusal:
        if not isinstance(body, dict):
            return Refusal(422, "invalid", problems=(validate.NOT_OBJECT,))
        ref, problems = validate.check_item(body.get("item"))
        if ref is None:
            return Refusal(422, "invalid", problems=tuple(problems))
        item_type, item_id = ref
        kind = "ideas"
        if item_type == "idea":
            idea = store.find_idea(item_id)
            round_id = idea.round_id if idea is not None else None
        elif item_type == "question":
            # A live Q&A's question: the same reports and appeals, in its session.
            question = store.find_question(item_id)
            round_id = question.session_id if question is not None else None
            kind = "qa"
        else:
            round_id = store.reaction_round(item_id)
        round_ = services().catalog.find(kind, round_id) if round_id else None
        if round_ is None:
            return Refusal(404, "not_found", missing)
        return round_, ref

    return locate


def _store_report(store: Any, _round, _ref, report, _held):
    """ "created", or "again" for the same browser's second report of an item.
    Whether the item is now hidden is not told: a reporter cannot probe the
    threshold."""
    (item_type, item_id), reason, note, token = report
    outcome, _hidden = store.report_item(
        item_type,
        item_id,
        token,
        reason,
        note,
        services().settings.report_hide_threshold,
    )
    if outcome == "not_found":
        return Refusal(404, "not_found", "error.idea_item_not_found")
    qa_api.moderated(item_type, item_id)
    return outcome


def _store_appeal(store: Any, _round, _ref, appeal, _held):
    (item_type, item_id), text, token = appeal
    outcome = store.appeal(item_type, item_id, token, text)
    if outcome == "not_found":
        return Refusal(404, "not_found", "error.idea_not_yours")
    if outcome != "created":
        return Refusal(409, outcome, "error.idea_appeal_not_possible")
    return outcome


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

# Anyone may report abuse, also in a round with voting codes.
REPORT = Part(
    name="report",
    validate=lambda _round, _ref, body: validate.validate_report(body),
    store=_store_report,
    allowed=lambda token: api.allowed("report", token),
    locate=_locate("error.idea_item_not_found"),
    by_code=False,
)

# An appeal is the author's: keyed like the item it appeals for.
APPEAL = Part(
    name="appeal",
    validate=lambda _round, _ref, body: validate.validate_appeal(body),
    store=_store_appeal,
    allowed=lambda token: api.allowed("report", token),
    locate=_locate("error.idea_not_yours"),
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
    parts={"rating": RATING, "reaction": REACTION, "report": REPORT, "appeal": APPEAL},
)

"""Forums as a participation kind (see `budgetschuiver.kernel.kinds`): the kind's
own contribution is a new topic; a post in a topic is its part. The municipality's
topics and posts (from the dashboard, with the role badge) are parts of their own,
never reachable from the resident API. Reports and appeals on topics and posts
(moderation item types `topic` and `post`) are the forum's own parts
(`moderation.parts`), keyed by the forum's voting codes where it has them."""

from __future__ import annotations

from typing import Any

from budgetschuiver.forums import api, pages, rules, texts, validate
from budgetschuiver.forums.model import Forum
from budgetschuiver.forums.store import StoredTopic
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.moderation.parts import moderation_parts

texts.register()

_REFUSAL_KEYS = {
    "closed": "error.forum_closed",
    "municipality_only": "error.forum_municipality_only",
    "topic_closed": "error.forum_topic_closed",
}


def _refusal(forum: Forum, reason: str | None) -> Refusal | None:
    """The "open?" step's answer: 409 with the reason as the error code; before
    the forum opens, `not_open` with its opening date (as for every kind)."""
    if reason is None:
        return None
    if reason == "upcoming":
        return Refusal(
            409, "not_open", "error.forum_upcoming", params={"date": forum.opens}
        )
    return Refusal(409, reason, _REFUSAL_KEYS[reason])


def _topic_accepts(municipality: bool):
    """The "open?" step of a new topic (`rules.topic_refusal`)."""

    def accepts(forum: Forum, _target: Any = None) -> Refusal | None:
        closed = services().store.forum_closing(forum.id) is not None
        return _refusal(
            forum,
            rules.topic_refusal(
                forum.status(), closed, forum.topics_from, municipality
            ),
        )

    return accepts


def _post_accepts(forum: Forum, topic: StoredTopic) -> Refusal | None:
    closed = services().store.forum_closing(forum.id) is not None
    return _refusal(forum, rules.post_refusal(forum.status(), closed, topic.closed))


def _topic_fields(draft: validate.TopicDraft, held: str | None) -> dict[str, Any]:
    return {
        "title": draft.title,
        "text": draft.text,
        "display_name": draft.display_name,
        "queue_reason": held,
        "municipality": draft.municipality,
    }


def _store_topic(store: Any, forum: Forum, draft, held) -> StoredTopic:
    return store.add_topic(forum.id, draft.token, **_topic_fields(draft, held))


def _store_municipal_topic(store: Any, forum: Forum, _target, draft, held):
    return store.add_topic(forum.id, draft.token, **_topic_fields(draft, held))


def _store_post(store: Any, _forum: Forum, topic: StoredTopic, draft, held):
    """A resident's or the municipality's post (`draft.municipality`); a reply
    to a post that is not a top-level post of this topic is refused."""
    stored = store.add_post(
        topic,
        draft.token,
        text=draft.text,
        stance=draft.stance,
        parent=draft.parent,
        display_name=draft.display_name,
        queue_reason=held,
        municipality=draft.municipality,
    )
    if stored is None:
        return Refusal(422, "invalid_parent", "error.forum_bad_parent", "parent")
    return stored


POST = Part(
    name="post",
    validate=lambda forum, _topic, body: validate.validate_post(forum, body),
    store=_store_post,
    accepts=_post_accepts,
    allowed=lambda token: api.allowed("post", "reaction_limit", token),
    moderate=lambda forum, _topic, draft: api.screen(
        forum, "", draft.text, duplicates=False
    ),
    missing="error.forum_topic_not_found",
)

# The municipality's own contributions: only a signed-in advisor or admin's
# dashboard callback casts these; they are not held for review.
MUNICIPAL_TOPIC = Part(
    name="municipal_topic",
    validate=lambda forum, _target, body: validate.validate_topic(
        forum, body, municipality=True
    ),
    store=_store_municipal_topic,
    accepts=_topic_accepts(True),
    allowed=lambda _token: True,
    missing="error.forum_not_found",
    by_code=False,
)

MUNICIPAL_POST = Part(
    name="municipal_post",
    validate=lambda forum, _topic, body: validate.validate_post(
        forum, body, municipality=True
    ),
    store=_store_post,
    accepts=_post_accepts,
    allowed=lambda _token: True,
    missing="error.forum_topic_not_found",
    by_code=False,
)

KIND = Kind(
    name="forums",
    folder="forums",
    model=Forum,
    noun="forum",
    route_variable="forum_id",
    path="/forum/",
    validate=validate.validate_topic,
    store_ballot=_store_topic,
    # Topics are contributions of their own, not ballots on the forum's rules.
    misfits=lambda _forum, _content, _other: (),
    moderate=lambda forum, draft: api.screen(
        forum, draft.title, draft.text, duplicates=True
    ),
    accepts=_topic_accepts(False),
    allowed=lambda token: api.allowed("topic", "idea_limit", token),
    finders={"topic_id": lambda known, value: known.store.find_topic(value)},
    pages=(pages,),
    api=api.forums_api,
    summary=lambda forum: f"{len(forum.demo_topics)} demo topics",
    parts={
        "post": POST,
        "municipal_topic": MUNICIPAL_TOPIC,
        "municipal_post": MUNICIPAL_POST,
        **moderation_parts("forums"),
    },
)

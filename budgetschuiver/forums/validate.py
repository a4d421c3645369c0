"""Pure checks of what residents send to a forum: topics and posts. The text and
personal-data checks are the ideas' (`ideas.validate.check_words`): kept as
written, bounded, personal data refused. Nothing that fails here is stored."""

from __future__ import annotations

import dataclasses
from typing import Any

from budgetschuiver.forums import rules
from budgetschuiver.ideas.validate import (
    DISPLAY_NAME_MAX,
    NOT_OBJECT,
    _unknown,
    check_words,
)
from budgetschuiver.kernel import validation
from budgetschuiver.kernel.problems import Problem

TOPIC_FIELDS = frozenset({"title", "text", "display_name", "token"})
POST_FIELDS = frozenset({"text", "stance", "parent", "display_name", "token"})
ID_MAX = 24


@dataclasses.dataclass(frozen=True)
class TopicDraft:
    title: str
    text: str
    display_name: str | None
    token: str
    # Set by the server for a municipality account's topic, never from a body.
    municipality: bool = False


@dataclasses.dataclass(frozen=True)
class PostDraft:
    text: str
    stance: str | None
    parent: str | None
    display_name: str | None
    token: str
    municipality: bool = False


def _common(body: dict, allowed: frozenset[str], text_max: int):
    """Unknown fields, token, text and display name of a topic or post body:
    (token, text, name, problems)."""
    problems = _unknown(body, allowed)
    token, found = validation.check_token(body.get("token"))
    problems += found
    text, found = check_words(body.get("text"), "text", text_max, required=True)
    problems += found
    name, found = check_words(
        body.get("display_name"), "display_name", DISPLAY_NAME_MAX, required=False
    )
    return token, text, name, problems + found


def validate_topic(
    forum: Any, body: object, municipality: bool = False
) -> tuple[TopicDraft | None, list[Problem]]:
    """A new topic for `forum` (a `Forum`): title (at most `limits.title`) and
    text (at most `limits.text`) required, optional display name, the token; no
    other fields. `municipality` marks the draft as a municipality account's
    (the server's knowledge, not the body's)."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    token, text, name, problems = _common(body, TOPIC_FIELDS, forum.limits.text)
    title, found = check_words(
        body.get("title"), "title", forum.limits.title, required=True
    )
    problems += found
    if problems or token is None or title is None or text is None:
        return None, problems
    if municipality:
        name = None
    return TopicDraft(title, text, name, token, municipality), []


def validate_post(
    forum: Any, body: object, municipality: bool = False
) -> tuple[PostDraft | None, list[Problem]]:
    """A post in a topic: text (at most `limits.text`), a stance (for, against,
    question) only where the forum has stances and then optional, an optional
    parent post id (a reply; one level), display name and the token;
    `municipality` as for `validate_topic`."""
    if not isinstance(body, dict):
        return None, [NOT_OBJECT]
    token, text, name, problems = _common(body, POST_FIELDS, forum.limits.text)
    stance = body.get("stance")
    if stance is not None and (not forum.stances or stance not in rules.STANCES):
        key = "error.forum_bad_stance" if forum.stances else "error.forum_no_stances"
        problems.append(Problem("invalid_stance", "stance", key))
    parent = body.get("parent")
    if parent is not None and not (
        isinstance(parent, str) and 0 < len(parent) <= ID_MAX
    ):
        problems.append(Problem("invalid_parent", "parent", "error.forum_bad_parent"))
    if problems or token is None or text is None:
        return None, problems
    if municipality:
        name = None
    return PostDraft(text, stance, parent, name, token, municipality), []

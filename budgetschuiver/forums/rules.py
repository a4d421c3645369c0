"""Pure rules of forums: who may start a topic, when posts are taken, the order of
topics (newest activity first) and paging."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Literal

from budgetschuiver.ideas.rules import page_bounds

Stance = Literal["for", "against", "question"]
STANCES: tuple[str, ...] = ("for", "against", "question")
TopicsFrom = Literal["residents", "municipality"]
Status = Literal["upcoming", "open", "closed"]
PAGE_SIZE = 20
QUERY_MAX = 100


def topic_refusal(
    status: Status, forum_closed: bool, topics_from: TopicsFrom, municipality: bool
) -> str | None:
    """Why a new topic is not taken, or None: "upcoming" before the forum opens,
    "closed" after its closing date or once the municipality closed it,
    "municipality_only" when only the municipality starts topics and a resident
    tries. The municipality may start topics whenever the forum is open."""
    if status == "upcoming":
        return "upcoming"
    if status == "closed" or forum_closed:
        return "closed"
    if topics_from == "municipality" and not municipality:
        return "municipality_only"
    return None


def post_refusal(status: Status, forum_closed: bool, topic_closed: bool) -> str | None:
    """Why a post in a topic is not taken, or None: "upcoming", "closed" (the
    forum) or "topic_closed" (the topic has its conclusion)."""
    if status == "upcoming":
        return "upcoming"
    if status == "closed" or forum_closed:
        return "closed"
    if topic_closed:
        return "topic_closed"
    return None


@dataclasses.dataclass(frozen=True)
class TopicKey:
    """What ordering needs of a topic: its id, when it was started and its
    latest public post (None without one); times are aware UTC."""

    id: str
    created_at: dt.datetime
    last_post_at: dt.datetime | None

    @property
    def last_activity(self) -> dt.datetime:
        """The later of the topic's start and its latest public post."""
        if self.last_post_at is None:
            return self.created_at
        return max(self.created_at, self.last_post_at)


def newest_activity_first(keys: Iterable[TopicKey]) -> list[TopicKey]:
    """Topics by their latest activity, newest first; equal times by id, so the
    order is the same on every request."""
    ordered = sorted(keys, key=lambda k: k.id)
    return sorted(ordered, key=lambda k: k.last_activity, reverse=True)


def page_of(
    keys: list[TopicKey], page: int, size: int = PAGE_SIZE
) -> tuple[list[TopicKey], int]:
    """Page `page` (from 1) of the ordered topics and the number of pages.
    Raises ValueError for a page below 1 or past the last
    (`ideas.rules.page_bounds`)."""
    start, stop, pages = page_bounds(len(keys), page, size)
    return keys[start:stop], pages


def check_page(raw: object) -> int | None:
    """A page number from a query string ("1", "2", ...): None when it is not a
    positive whole number up to 100,000."""
    if isinstance(raw, str) and raw.isdigit() and 0 < len(raw) <= 6:
        number = int(raw)
        return number if number >= 1 else None
    return None


def check_query(raw: object) -> str | None:
    """A search text from a query string, trimmed: "" for none, None when too
    long or not text."""
    if raw is None:
        return ""
    if not isinstance(raw, str) or len(raw) > QUERY_MAX:
        return None
    return raw.strip()

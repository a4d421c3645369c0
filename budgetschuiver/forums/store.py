"""The forums part of the store: topics, posts and closings with a conclusion.
`budgetschuiver.store.Store` inherits `ForumStore`; these tables join its MetaData
there. Topics and posts carry the same columns as ideas and reactions (who as a
keyed hash, moderation state, times; `round_id` holds the forum's id), so the
moderation part (reports, decisions, log, appeals) handles them as it does those.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    or_,
    select,
    update,
)

from budgetschuiver.forums.rules import TopicKey
from budgetschuiver.ideas.store import (
    VISIBLE,
    _aware,
    _escape_like,
    _item_columns,
    published_with_counts,
    top_level_row,
)

forum_metadata = MetaData()

forum_topics = Table(
    "forum_topics",
    forum_metadata,
    Column("id", Integer, primary_key=True),
    *_item_columns(),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    # Started by a municipality account: shown with the role badge.
    Column("municipality", Boolean, nullable=False, default=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("closed_by", String(64)),
    Column("conclusion", Text),
)
Index(
    "ix_forum_topics_forum_state",
    forum_topics.c.round_id,
    forum_topics.c.state,
    forum_topics.c.created_at,
)
Index("ix_forum_topics_queue", forum_topics.c.queued_at)

# Posts in a topic; one level of replies (`parent_id`), a stance where the forum
# has stances.
forum_posts = Table(
    "forum_posts",
    forum_metadata,
    Column("id", Integer, primary_key=True),
    *_item_columns(),
    Column(
        "topic_id",
        Integer,
        ForeignKey("forum_topics.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("parent_id", Integer, ForeignKey("forum_posts.id", ondelete="CASCADE")),
    Column("stance", String(8)),
    Column("text", Text, nullable=False),
    Column("municipality", Boolean, nullable=False, default=False),
)
Index(
    "ix_forum_posts_topic_state",
    forum_posts.c.topic_id,
    forum_posts.c.state,
    forum_posts.c.created_at,
)
Index("ix_forum_posts_queue", forum_posts.c.queued_at)

# A forum the municipality closed before its closing date, with its conclusion.
forum_closings = Table(
    "forum_closings",
    forum_metadata,
    Column("forum_id", String(64), primary_key=True),
    Column("conclusion", Text, nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=False),
    Column("closed_by", String(64), nullable=False),
)

FORUM_TABLES = (forum_topics, forum_posts, forum_closings)
# The moderated items of this part, by moderation item type.
FORUM_ITEM_TABLES = {"topic": forum_topics, "post": forum_posts}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def forum_scope(forum_id: str) -> str:
    """The token-hash scope of everything a browser does in one forum."""
    return "forums:" + forum_id


@dataclasses.dataclass(frozen=True)
class StoredTopic:
    id: str
    forum_id: str
    title: str
    text: str
    display_name: str | None
    municipality: bool
    state: str
    created_at: dt.datetime
    closed_at: dt.datetime | None
    conclusion: str | None
    posts: int = 0
    last_activity: dt.datetime | None = None
    queue_reason: str | None = None
    row_id: int = 0

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclasses.dataclass(frozen=True)
class StoredPost:
    id: str
    topic_id: str
    parent: str | None
    stance: str | None
    text: str
    display_name: str | None
    municipality: bool
    state: str
    created_at: dt.datetime
    queue_reason: str | None = None


@dataclasses.dataclass(frozen=True)
class Closing:
    conclusion: str
    closed_at: dt.datetime
    closed_by: str


@dataclasses.dataclass(frozen=True)
class TopicActivity:
    """A public topic as the results count it: `posts` by residents only."""

    id: str
    title: str
    posts: int
    closed: bool
    conclusion: str | None


def _topic(row: Any, posts: int = 0, last_post: dt.datetime | None = None):
    created = _aware(row.created_at)
    last = _aware(last_post)
    return StoredTopic(
        id=row.public_id,
        forum_id=row.round_id,
        title=row.title,
        text=row.text,
        display_name=row.display_name,
        municipality=bool(row.municipality),
        state=row.state,
        created_at=created,
        closed_at=_aware(row.closed_at),
        conclusion=row.conclusion,
        posts=int(posts or 0),
        last_activity=max(created, last) if last else created,
        queue_reason=row.queue_reason,
        row_id=row.id,
    )


def _published_posts():
    """Per topic row: the count and latest time of its public posts."""
    return (
        select(
            forum_posts.c.topic_id,
            func.count().label("posts"),
            func.max(forum_posts.c.created_at).label("last_post"),
        )
        .where(forum_posts.c.state == "published")
        .group_by(forum_posts.c.topic_id)
        .subquery()
    )


class ForumStore:
    """Store methods for forums; mixed into `budgetschuiver.store.Store`, whose
    `_write`, `_read` and `token_hash` they use."""

    def _item_values(
        self,
        prefix: str,
        forum_id: str,
        token: str,
        display_name: str | None,
        queue_reason: str | None,
        synthetic: bool,
    ) -> dict[str, Any]:
        """The moderated-item columns of a new topic or post: pending with a
        queue reason, else published; the token only as a keyed hash."""
        now = _now()
        return {
            "public_id": prefix + secrets.token_hex(8),
            "round_id": forum_id,
            "token_hash": self.token_hash(forum_scope(forum_id), token),
            "display_name": display_name,
            "state": "pending" if queue_reason else "published",
            "queue_reason": queue_reason,
            "queued_at": now if queue_reason else None,
            "synthetic": synthetic,
            "created_at": now,
        }

    def add_topic(
        self,
        forum_id: str,
        token: str,
        *,
        title: str,
        text: str,
        display_name: str | None = None,
        queue_reason: str | None = None,
        municipality: bool = False,
        synthetic: bool = False,
    ) -> StoredTopic:
        """Store a new topic; with a `queue_reason` it waits for a moderator
        (state "pending"), else it is public at once."""
        values = self._item_values(
            "t", forum_id, token, display_name, queue_reason, synthetic
        ) | {
            "title": title,
            "text": text,
            "municipality": municipality,
        }
        with self._write() as conn:
            row_id = conn.execute(
                forum_topics.insert().returning(forum_topics.c.id), values
            ).scalar()
            row = conn.execute(
                select(forum_topics).where(forum_topics.c.id == row_id)
            ).one()
        return _topic(row)

    def find_topic(self, public_id: object) -> StoredTopic | None:
        """A topic in any state with its public posts' count and latest time, or
        None (also for an id that is not a short string)."""
        if not isinstance(public_id, str) or len(public_id) > 24:
            return None
        counts = _published_posts()
        stmt = (
            select(forum_topics, counts.c.posts, counts.c.last_post)
            .select_from(
                forum_topics.outerjoin(counts, counts.c.topic_id == forum_topics.c.id)
            )
            .where(forum_topics.c.public_id == public_id)
        )
        with self._read() as conn:
            row = conn.execute(stmt).one_or_none()
        return _topic(row, row.posts, row.last_post) if row else None

    def topic_keys(self, forum_id: str, query: str | None = None) -> list[TopicKey]:
        """The forum's public topics as keys for ordering (`rules`); `query`
        matches titles and texts of topics, case-insensitive, as a substring."""
        counts = _published_posts()
        where = [
            forum_topics.c.round_id == forum_id,
            forum_topics.c.state == "published",
        ]
        if query:
            pattern = "%" + _escape_like(query.lower()) + "%"
            where.append(
                or_(
                    func.lower(forum_topics.c.title).like(pattern, escape="\\"),
                    func.lower(forum_topics.c.text).like(pattern, escape="\\"),
                )
            )
        stmt = (
            select(
                forum_topics.c.public_id, forum_topics.c.created_at, counts.c.last_post
            )
            .select_from(
                forum_topics.outerjoin(counts, counts.c.topic_id == forum_topics.c.id)
            )
            .where(*where)
        )
        with self._read() as conn:
            return [
                TopicKey(public_id, _aware(created), _aware(last))
                for public_id, created, last in conn.execute(stmt)
            ]

    def topics_by_ids(self, public_ids: Sequence[str]) -> list[StoredTopic]:
        """Topics with their counts, in the order given (unknown ids left out)."""
        if not public_ids:
            return []
        counts = _published_posts()
        stmt = (
            select(forum_topics, counts.c.posts, counts.c.last_post)
            .select_from(
                forum_topics.outerjoin(counts, counts.c.topic_id == forum_topics.c.id)
            )
            .where(forum_topics.c.public_id.in_(list(public_ids)))
        )
        with self._read() as conn:
            found = {
                row.public_id: _topic(row, row.posts, row.last_post)
                for row in conn.execute(stmt)
            }
        return [found[i] for i in public_ids if i in found]

    def add_post(
        self,
        topic: StoredTopic,
        token: str,
        *,
        text: str,
        stance: str | None = None,
        parent: str | None = None,
        display_name: str | None = None,
        queue_reason: str | None = None,
        municipality: bool = False,
        synthetic: bool = False,
    ) -> StoredPost | None:
        """Store a post in `topic`; a reply names its `parent`, which must be a
        top-level post in the same topic (one level of replies): None when not."""
        with self._write() as conn:
            parent_id = None
            if parent is not None:
                parent_id = top_level_row(
                    conn, forum_posts, parent, forum_posts.c.topic_id == topic.row_id
                )
                if parent_id is None:
                    return None
            values = self._item_values(
                "p", topic.forum_id, token, display_name, queue_reason, synthetic
            ) | {
                "topic_id": topic.row_id,
                "parent_id": parent_id,
                "stance": stance,
                "text": text,
                "municipality": municipality,
            }
            conn.execute(forum_posts.insert(), values)
        return StoredPost(
            values["public_id"],
            topic.id,
            parent,
            stance,
            text,
            display_name,
            municipality,
            values["state"],
            values["created_at"],
            queue_reason,
        )

    def posts_in(
        self, topic: StoredTopic, states: Sequence[str] = VISIBLE
    ) -> list[StoredPost]:
        """The topic's posts in these states, oldest first."""
        parent = forum_posts.alias("parent")
        stmt = (
            select(forum_posts, parent.c.public_id.label("parent_public"))
            .select_from(
                forum_posts.outerjoin(parent, parent.c.id == forum_posts.c.parent_id)
            )
            .where(
                forum_posts.c.topic_id == topic.row_id,
                forum_posts.c.state.in_(states),
            )
            .order_by(forum_posts.c.created_at, forum_posts.c.id)
        )
        with self._read() as conn:
            return [
                StoredPost(
                    row.public_id,
                    topic.id,
                    row.parent_public,
                    row.stance,
                    row.text,
                    row.display_name,
                    bool(row.municipality),
                    row.state,
                    _aware(row.created_at),
                    row.queue_reason,
                )
                for row in conn.execute(stmt)
            ]

    def close_topic(self, public_id: str, conclusion: str, account: str) -> bool:
        """Close a topic with the municipality's conclusion (again: the
        conclusion is replaced). False for an unknown topic."""
        with self._write() as conn:
            done = conn.execute(
                update(forum_topics)
                .where(forum_topics.c.public_id == public_id)
                .values(closed_at=_now(), closed_by=account, conclusion=conclusion)
            ).rowcount
        return bool(done)

    def close_forum(self, forum_id: str, conclusion: str, account: str) -> None:
        """Close a forum with the municipality's conclusion (again: replaced)."""
        values = {"conclusion": conclusion, "closed_at": _now(), "closed_by": account}
        with self._write() as conn:
            done = conn.execute(
                update(forum_closings)
                .where(forum_closings.c.forum_id == forum_id)
                .values(**values)
            ).rowcount
            if not done:
                conn.execute(forum_closings.insert(), {"forum_id": forum_id, **values})

    def forum_closing(self, forum_id: str) -> Closing | None:
        """The municipality's closing of a forum, or None while it is not closed."""
        with self._read() as conn:
            row = conn.execute(
                select(forum_closings).where(forum_closings.c.forum_id == forum_id)
            ).one_or_none()
        if row is None:
            return None
        return Closing(row.conclusion, _aware(row.closed_at), row.closed_by)

    def topic_fingerprints(self, forum_id: str) -> list[tuple[str, str, str]]:
        """(id, title, start of text) of the forum's public and waiting topics,
        for the near-duplicate check."""
        stmt = select(
            forum_topics.c.public_id,
            forum_topics.c.title,
            func.substr(forum_topics.c.text, 1, 300),
        ).where(
            forum_topics.c.round_id == forum_id,
            forum_topics.c.state.in_(("published", "pending")),
        )
        with self._read() as conn:
            return [tuple(row) for row in conn.execute(stmt)]

    def forum_has_topics(self, forum_id: str) -> bool:
        with self._read() as conn:
            return (
                conn.execute(
                    select(forum_topics.c.id)
                    .where(forum_topics.c.round_id == forum_id)
                    .limit(1)
                ).first()
                is not None
            )

    def topic_activity(self, forum_id: str) -> list[TopicActivity]:
        """The forum's public topics with their posts by residents (public
        posts; the municipality's and synthetic (demo) posts not counted), in
        one read so counts and conclusions belong together."""
        stmt = published_with_counts(
            forum_topics,
            forum_posts.c.topic_id,
            "posts",
            forum_id,
            (
                forum_topics.c.public_id,
                forum_topics.c.title,
                forum_topics.c.closed_at,
                forum_topics.c.conclusion,
            ),
            forum_posts.c.state == "published",
            forum_posts.c.synthetic.is_(False),
            forum_posts.c.municipality.is_(False),
        )
        with self._read() as conn:
            return [
                TopicActivity(
                    row.public_id,
                    row.title,
                    int(row.posts),
                    row.closed_at is not None,
                    row.conclusion,
                )
                for row in conn.execute(stmt)
            ]

    def count_posters(self, forum_id: str, synthetic: bool = False) -> int:
        """How many browsers (distinct keyed token hashes) have a public topic
        or post in the forum, the municipality's left out; synthetic ones only
        with `synthetic`."""
        parts = []
        for table in (forum_topics, forum_posts):
            where = [
                table.c.round_id == forum_id,
                table.c.state == "published",
                table.c.municipality.is_(False),
            ]
            if not synthetic:
                where.append(table.c.synthetic.is_(False))
            parts.append(select(table.c.token_hash).where(*where))
        authors = parts[0].union(parts[1]).subquery()
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(authors)).scalar())

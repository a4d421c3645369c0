"""The ideas part of the store: ideas, ratings (with the position shown) and
reactions. `budgetschuiver.store.Store` inherits `IdeaStore`; these tables join its
MetaData there. Only keyed hashes of browser tokens are kept, never a name, e-mail
or address (a display name is what the author chose to show)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import secrets
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.validate import IdeaPicture

# The store's MetaData takes copies of these tables (`Table.to_metadata`); queries
# may use either, they render the same SQL.
idea_metadata = MetaData()

# Where an item is: public or not, and why not.
STATES = ("published", "pending", "hidden", "rejected", "deleted")
VISIBLE = ("published", "deleted")


def _item_columns() -> list[Column]:
    """What ideas and reactions share: who (hashed), moderation state and times."""
    return [
        Column("public_id", String(24), nullable=False, unique=True),
        Column("round_id", String(64), nullable=False),
        Column("token_hash", String(64), nullable=False),
        Column("display_name", String(60)),
        Column("state", String(12), nullable=False),
        # Why the item waits in the moderation queue (NULL: it does not).
        Column("queue_reason", String(64)),
        Column("queued_at", DateTime(timezone=True)),
        # The reason code of the latest moderation decision (shown to the author).
        Column("decision_reason", String(16)),
        Column("synthetic", Boolean, nullable=False, default=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("edited_at", DateTime(timezone=True)),
        Column("deleted_at", DateTime(timezone=True)),
    ]


ideas = Table(
    "ideas",
    idea_metadata,
    Column("id", Integer, primary_key=True),
    *_item_columns(),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("theme", String(64)),
    Column("district", String(32)),
    Column("status", String(20), nullable=False),
    Column("answer", Text),
    Column("answer_link", String(300)),
    Column("answered_at", DateTime(timezone=True)),
    # Counted in the transaction of each rating, so a list of 20,000 ideas reads
    # its counts without touching a million ratings.
    Column("support", Integer, nullable=False),
    Column("oppose", Integer, nullable=False),
    Column("neutral", Integer, nullable=False),
    Column("reactions", Integer, nullable=False),
    # The same counts of residents' ratings only (synthetic ones left out): what
    # the dashboard ranks by default.
    Column("resident_support", Integer, nullable=False, server_default="0"),
    Column("resident_oppose", Integer, nullable=False, server_default="0"),
    Column("resident_neutral", Integer, nullable=False, server_default="0"),
    # The author's picture, if any: its alternative text and size here (lists show
    # them), the bytes in `idea_pictures` so reading a list never loads them.
    Column("picture_alt", Text),
    Column("picture_width", Integer),
    Column("picture_height", Integer),
)
Index("ix_ideas_round_state", ideas.c.round_id, ideas.c.state, ideas.c.created_at)
Index("ix_ideas_queue", ideas.c.queued_at)

# One rating per (idea, browser); `position` is the place (from 1) the idea had in
# the list when rated, for the position-bias audit. Nothing else about the visitor.
idea_ratings = Table(
    "idea_ratings",
    idea_metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE"), nullable=False
    ),
    Column("round_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("value", String(8), nullable=False),
    Column("position", Integer),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("idea_id", "token_hash", name="uq_idea_ratings_idea_token"),
)
Index("ix_idea_ratings_round_token", idea_ratings.c.round_id, idea_ratings.c.token_hash)
# Covering indexes: the ranking and the position audit count from them alone.
Index(
    "ix_idea_ratings_idea_value",
    idea_ratings.c.round_id,
    idea_ratings.c.synthetic,
    idea_ratings.c.idea_id,
    idea_ratings.c.value,
)
Index(
    "ix_idea_ratings_position",
    idea_ratings.c.round_id,
    idea_ratings.c.synthetic,
    idea_ratings.c.position,
    idea_ratings.c.value,
)

# Ratings by the place (from 1) the idea had in the list when rated, per round and
# synthetic or not: the position-bias audit reads these few rows instead of
# grouping a million ratings. Kept in the transaction of each rating.
idea_position_counts = Table(
    "idea_position_counts",
    idea_metadata,
    Column("round_id", String(64), primary_key=True),
    Column("synthetic", Boolean, primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("support", Integer, nullable=False),
    Column("oppose", Integer, nullable=False),
    Column("neutral", Integer, nullable=False),
)

# Each browser that rated in a round, once (a rater count without counting the
# distinct tokens of a million ratings).
idea_raters = Table(
    "idea_raters",
    idea_metadata,
    Column("round_id", String(64), primary_key=True),
    Column("synthetic", Boolean, primary_key=True),
    Column("token_hash", String(64), primary_key=True),
)

# How often a round's ratings changed (any new or changed rating adds one): a
# process may keep what it computed from the counts while this stays the same.
idea_round_versions = Table(
    "idea_round_versions",
    idea_metadata,
    Column("round_id", String(64), primary_key=True),
    Column("changes", Integer, nullable=False),
)

# Reactions, each with a stance; one level of replies (`parent_id`). On an idea
# (`kind` "ideas", `idea_id` set) or on a whole trajectory of another kind that
# switched them on (`kind` and `round_id` name it, `idea_id` NULL): one table, so
# moderation, reports, appeals and "mijn bijdragen" treat both alike.
reactions = Table(
    "reactions",
    idea_metadata,
    Column("id", Integer, primary_key=True),
    *_item_columns(),
    Column("kind", String(16), nullable=False, server_default="ideas"),
    Column("idea_id", Integer, ForeignKey("ideas.id", ondelete="CASCADE")),
    Column("parent_id", Integer, ForeignKey("reactions.id", ondelete="CASCADE")),
    Column("stance", String(8), nullable=False),
    Column("text", Text, nullable=False),
)
Index("ix_reactions_idea_state", reactions.c.idea_id, reactions.c.state)
# The round's hidden and rejected reactions by reason (every list page shows the
# totals) without reading all of them.
Index("ix_reactions_round_state", reactions.c.round_id, reactions.c.state)
Index("ix_reactions_queue", reactions.c.queued_at)
Index(
    "ix_reactions_host",
    reactions.c.kind,
    reactions.c.round_id,
    reactions.c.state,
    reactions.c.created_at,
)

# An idea's picture, already re-encoded without metadata (`kernel.media`); kept in
# the database so every worker and host serves the same bytes.
idea_pictures = Table(
    "idea_pictures",
    idea_metadata,
    Column(
        "idea_id",
        Integer,
        ForeignKey("ideas.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("data", LargeBinary, nullable=False),
)

IDEA_TABLES = (
    ideas,
    idea_pictures,
    idea_ratings,
    reactions,
    idea_position_counts,
    idea_raters,
    idea_round_versions,
)
ITEM_TABLES = {"idea": ideas, "reaction": reactions}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives naive datetimes back; everything stored is UTC.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def top_level_row(conn: Any, table: Table, public_id: str, under: Any) -> int | None:
    """The row id of the item `public_id` in `table` (reactions, forum posts)
    when it is a top-level item under the same owner (`under`: the SQL condition
    naming the idea, trajectory or topic): what a reply may answer, since
    replies go one level deep. None for an unknown item, another owner's or a
    reply."""
    return conn.execute(
        select(table.c.id).where(
            table.c.public_id == public_id,
            under,
            table.c.parent_id.is_(None),
        )
    ).scalar()


def published_with_counts(
    items: Table,
    counted: Column,
    label: str,
    trajectory_id: str,
    columns: Sequence[Column],
    *filters: Any,
):
    """SELECT of `columns` of a trajectory's published `items` (forum topics,
    Q&A questions) with how many rows of another table point at each
    (`counted`: that table's column holding the item's row id, only rows
    matching `filters`), as `label` (0 when none): counted once per item in a
    grouped subquery, then an outer join, so items without any keep their 0."""
    counts = (
        select(counted, func.count().label(label))
        .where(*filters)
        .group_by(counted)
        .subquery()
    )
    return (
        select(*columns, func.coalesce(counts.c[label], 0).label(label))
        .select_from(items.outerjoin(counts, counts.c[counted.name] == items.c.id))
        .where(items.c.round_id == trajectory_id, items.c.state == "published")
    )


def token_scope(round_id: str) -> str:
    """The token-hash scope of everything a browser does in one idea round."""
    return "ideas:" + round_id


def reaction_scope(kind: str, round_id: str) -> str:
    """The token-hash scope of a reaction's author: the idea round's scope for
    reactions on ideas, `"<kind>:<id>"` for those on another kind's trajectory
    (ids are unique per kind only)."""
    return token_scope(round_id) if kind == "ideas" else f"{kind}:{round_id}"


@dataclasses.dataclass(frozen=True)
class ReactionHost:
    """What reactions hang on: one idea (`kind` "ideas", `idea_row` its row id,
    `idea_id` its public id) or a whole trajectory of another kind (`kind`,
    `round_id`; no idea)."""

    kind: str
    round_id: str
    idea_row: int | None = None
    idea_id: str | None = None

    @classmethod
    def of(cls, host: StoredIdea | ReactionHost) -> ReactionHost:
        """The host of an idea's reactions (a host stays itself)."""
        if isinstance(host, ReactionHost):
            return host
        return cls("ideas", host.round_id, host.row_id, host.id)

    def where(self) -> Any:
        """The SQL condition that picks this host's reactions."""
        if self.idea_row is not None:
            return reactions.c.idea_id == self.idea_row
        return and_(
            reactions.c.kind == self.kind,
            reactions.c.round_id == self.round_id,
            reactions.c.idea_id.is_(None),
        )


@dataclasses.dataclass(frozen=True)
class StoredIdea:
    id: str
    round_id: str
    title: str
    text: str
    theme: str | None
    district: str | None
    display_name: str | None
    state: str
    status: str
    answer: str | None
    answer_link: str | None
    support: int
    oppose: int
    neutral: int
    reactions: int
    created_at: dt.datetime
    edited_at: dt.datetime | None
    queue_reason: str | None = None
    decision_reason: str | None = None
    row_id: int = 0
    picture_alt: str | None = None
    picture_width: int | None = None
    picture_height: int | None = None


@dataclasses.dataclass(frozen=True)
class StoredReaction:
    id: str
    idea_id: str
    parent: str | None
    stance: str
    text: str
    display_name: str | None
    state: str
    created_at: dt.datetime
    edited_at: dt.datetime | None
    queue_reason: str | None = None
    decision_reason: str | None = None


class IdeaKey(NamedTuple):
    """What ordering and paging need of an idea, without its texts. Row ids grow
    with the order ideas were stored in, so they order "newest first" without
    reading (and parsing) every idea's time."""

    row_id: int
    id: str
    support: int
    oppose: int
    neutral: int


def _idea(row: Any) -> StoredIdea:
    return StoredIdea(
        id=row.public_id,
        round_id=row.round_id,
        title=row.title,
        text=row.text,
        theme=row.theme,
        district=row.district,
        display_name=row.display_name,
        state=row.state,
        status=row.status,
        answer=row.answer,
        answer_link=row.answer_link,
        support=row.support,
        oppose=row.oppose,
        neutral=row.neutral,
        reactions=row.reactions,
        created_at=_aware(row.created_at),
        edited_at=_aware(row.edited_at),
        queue_reason=row.queue_reason,
        decision_reason=row.decision_reason,
        row_id=row.id,
        picture_alt=row.picture_alt,
        picture_width=row.picture_width,
        picture_height=row.picture_height,
    )


# What an idea without its picture holds: no alternative text, no size.
NO_PICTURE = {"picture_alt": None, "picture_width": None, "picture_height": None}


class IdeaStore:
    """Store methods for idea rounds; mixed into `budgetschuiver.store.Store`, whose
    `_write`, `_read` and `token_hash` they use."""

    # -- ideas ----------------------------------------------------------------------

    def add_idea(
        self,
        round_id: str,
        token: str,
        *,
        title: str,
        text: str,
        theme: str | None = None,
        district: str | None = None,
        display_name: str | None = None,
        queue_reason: str | None = None,
        synthetic: bool = False,
        at: dt.datetime | None = None,
        picture: IdeaPicture | None = None,
    ) -> StoredIdea:
        """Store a new idea; `queue_reason` set: it waits for a moderator
        (state "pending"), else it is public at once. `picture` (already
        re-encoded) is stored with it in the same transaction and shares its
        state. Returns it after the commit."""
        now = at or _now()
        values = {
            "public_id": "i" + secrets.token_hex(8),
            "round_id": round_id,
            "token_hash": self.token_hash(token_scope(round_id), token),
            "display_name": display_name,
            "state": "pending" if queue_reason else "published",
            "queue_reason": queue_reason,
            "queued_at": now if queue_reason else None,
            "synthetic": synthetic,
            "created_at": now,
            "title": title,
            "text": text,
            "theme": theme,
            "district": district,
            "status": "nieuw",
            "support": 0,
            "oppose": 0,
            "neutral": 0,
            "reactions": 0,
        }
        if picture is not None:
            values |= {
                "picture_alt": picture.alt,
                "picture_width": picture.width,
                "picture_height": picture.height,
            }
        with self._write() as conn:
            row_id = conn.execute(ideas.insert().returning(ideas.c.id), values).scalar()
            if picture is not None:
                conn.execute(
                    idea_pictures.insert().values(idea_id=row_id, data=picture.data)
                )
            row = conn.execute(select(ideas).where(ideas.c.id == row_id)).one()
        return _idea(row)

    def idea_picture(
        self, public_id: object, states: Sequence[str] = ("published",)
    ) -> bytes | None:
        """The stored picture (WebP bytes) of an idea in one of `states`; None when
        the idea is unknown, has no picture or is in another state. The public
        routes ask for published ideas only; the moderation queue for any."""
        if not isinstance(public_id, str) or len(public_id) > 24:
            return None
        with self._read() as conn:
            return conn.execute(
                select(idea_pictures.c.data)
                .join(ideas, ideas.c.id == idea_pictures.c.idea_id)
                .where(ideas.c.public_id == public_id, ideas.c.state.in_(states))
            ).scalar_one_or_none()

    def find_idea(self, public_id: object) -> StoredIdea | None:
        if not isinstance(public_id, str) or len(public_id) > 24:
            return None
        with self._read() as conn:
            row = conn.execute(_FIND_IDEA, {"public_id": public_id}).one_or_none()
        return _idea(row) if row else None

    def idea_keys(
        self,
        round_id: str,
        *,
        theme: str | None = None,
        district: str | None = None,
        query: str | None = None,
        states: Sequence[str] = ("published",),
    ) -> list[IdeaKey]:
        """The round's ideas in these states, filtered, as keys for ordering: the
        caller orders and pages, then reads the page's texts (`ideas_by_rows`).
        `query` matches titles and texts, case-insensitive, as a substring. The
        published ones (the list, "meest gesteund") are kept in this process while
        the round's published set and its ratings stay the same
        (`kept_while_unchanged`)."""
        if tuple(states) == ("published",):
            return self.kept_while_unchanged(
                ("keys", round_id, theme, district, query),
                round_id,
                lambda: self._idea_keys(round_id, theme, district, query, states),
            )
        return self._idea_keys(round_id, theme, district, query, states)

    def _idea_keys(
        self,
        round_id: str,
        theme: str | None,
        district: str | None,
        query: str | None,
        states: Sequence[str],
    ) -> list[IdeaKey]:
        where = [ideas.c.round_id == round_id, ideas.c.state.in_(states)]
        if theme:
            where.append(ideas.c.theme == theme)
        if district:
            where.append(ideas.c.district == district)
        if query:
            pattern = "%" + _escape_like(query.lower()) + "%"
            where.append(
                or_(
                    func.lower(ideas.c.title).like(pattern, escape="\\"),
                    func.lower(ideas.c.text).like(pattern, escape="\\"),
                )
            )
        stmt = select(
            ideas.c.id,
            ideas.c.public_id,
            ideas.c.support,
            ideas.c.oppose,
            ideas.c.neutral,
        ).where(and_(*where))
        with self._read() as conn:
            # Plain tuples: 20,000 rows a request, so no per-row objects.
            return list(map(IdeaKey._make, conn.execute(stmt)))

    def idea_order_keys(
        self,
        round_id: str,
        *,
        theme: str | None = None,
        district: str | None = None,
        query: str | None = None,
    ) -> list[IdeaKey]:
        """`idea_keys` of the published ideas for ordering by random or newest,
        kept in this process while the round's set of published ideas stays the
        same (checked each call by one index-only count: how many and the sum of
        their row ids). Their counts may be older than the ideas'; a page reads
        its ideas fresh (`ideas_by_rows`), and ranking by counts uses
        `idea_keys`."""
        stmt = select(func.count(), func.coalesce(func.sum(ideas.c.id), 0)).where(
            ideas.c.round_id == round_id, ideas.c.state == "published"
        )
        with self._read() as conn:
            fingerprint = tuple(conn.execute(stmt).one())
        cache = self.__dict__.setdefault("_idea_order_cache", {})
        key = (round_id, theme, district, query)
        hit = cache.get(key)
        if hit is not None and hit[0] == fingerprint:
            return hit[1]
        keys = self.idea_keys(round_id, theme=theme, district=district, query=query)
        if len(cache) > 256:
            cache.clear()
        cache[key] = (fingerprint, keys)
        return keys

    def kept_while_unchanged(self, key: tuple, round_id: str, compute: Any) -> Any:
        """`compute()`, or what it gave before in this process while the round's
        published ideas (how many, the sum of their row ids) and its version
        (`idea_round_versions`: every change of counts or of an idea's state adds
        one) are the same; one index-only query a call. Keeps at most 32 answers
        (20,000 keys are a few MB)."""
        changes = (
            select(idea_round_versions.c.changes)
            .where(idea_round_versions.c.round_id == round_id)
            .scalar_subquery()
        )
        stmt = select(
            func.count(), func.coalesce(func.sum(ideas.c.id), 0), changes
        ).where(ideas.c.round_id == round_id, ideas.c.state == "published")
        with self._read() as conn:
            fingerprint = tuple(conn.execute(stmt).one())
        cache = self.__dict__.setdefault("_idea_counts_cache", {})
        hit = cache.get(key)
        if hit is not None and hit[0] == fingerprint:
            return hit[1]
        value = compute()
        if len(cache) >= 32:
            cache.clear()
        cache[key] = (fingerprint, value)
        return value

    def idea_titles(self, public_ids: Iterable[str]) -> dict[str, str]:
        """{idea id: title} of these ideas (one query; unknown ids left out)."""
        wanted = list(dict.fromkeys(public_ids))
        if not wanted:
            return {}
        with self._read() as conn:
            rows = conn.execute(
                select(ideas.c.public_id, ideas.c.title).where(
                    ideas.c.public_id.in_(wanted)
                )
            )
            return {row.public_id: row.title for row in rows}

    def ideas_by_rows(self, row_ids: Sequence[int]) -> list[StoredIdea]:
        """Ideas by row id, in the order given."""
        if not row_ids:
            return []
        with self._read() as conn:
            rows = conn.execute(select(ideas).where(ideas.c.id.in_(list(row_ids))))
            found = {row.id: _idea(row) for row in rows}
        return [found[row_id] for row_id in row_ids if row_id in found]

    def idea_fingerprints(
        self, round_id: str, states: Sequence[str] = ("published", "pending")
    ) -> list[tuple[str, str, str]]:
        """(id, title, start of text) of the round's ideas in these states, for the
        near-duplicate check."""
        stmt = select(
            ideas.c.public_id, ideas.c.title, func.substr(ideas.c.text, 1, 300)
        ).where(
            ideas.c.round_id == round_id,
            ideas.c.state.in_(states),
        )
        with self._read() as conn:
            return [tuple(row) for row in conn.execute(stmt)]

    def set_idea_status(
        self,
        public_id: str,
        status: str,
        answer: str | None,
        answer_link: str | None = None,
    ) -> bool:
        """The municipality's status and public answer of an idea; False when the
        idea is unknown. Raises ValueError for an unknown status or a missing
        answer where one is required."""
        if status not in rules.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        if rules.answer_required(status) and not answer:
            raise ValueError(f"status {status} needs an answer")
        with self._write() as conn:
            done = conn.execute(
                update(ideas)
                .where(ideas.c.public_id == public_id)
                .values(
                    status=status,
                    answer=answer,
                    answer_link=answer_link,
                    answered_at=_now() if answer else None,
                )
            ).rowcount
        return bool(done)

    def seed_round(
        self,
        round_id: str,
        ideas_count: int,
        ratings_count: int,
        reactions_count: int,
        *,
        themes: Sequence[str] = (),
        random_seed: int = 14,
    ) -> dict[str, int]:
        """Bulk-insert a synthetic round for benchmarks: `ideas_count` ideas, about
        `ratings_count` ratings (pairs of idea and rater drawn at random, repeats
        dropped; each idea has its own chance of support) with positions 1-60, and
        `reactions_count` reactions; all marked synthetic, tokens random hashes
        nobody holds. The ideas' counts and the round's counters (positions, raters,
        version) agree with their ratings. Returns what was
        stored: {"ideas", "ratings", "reactions"}."""
        import numpy as np

        rng = np.random.default_rng(random_seed)
        now = _now()
        ages = rng.integers(0, 30 * 24 * 3600, ideas_count)
        created = [now - dt.timedelta(seconds=int(a)) for a in ages]
        raters = max(1, ratings_count // 20)
        idea_of = rng.integers(0, ideas_count, ratings_count)
        rater_of = rng.integers(0, raters, ratings_count)
        pairs = np.unique(idea_of.astype(np.int64) * raters + rater_of)
        idea_of, rater_of = pairs // raters, pairs % raters
        chance = rng.beta(2, 2, ideas_count)
        draw = rng.random(len(pairs))
        support = draw < chance[idea_of] * 0.8
        neutral = (~support) & (draw > 0.9)
        values = np.where(support, 0, np.where(neutral, 2, 1))
        counts = np.zeros((ideas_count, 3), dtype=np.int64)
        np.add.at(counts, (idea_of, values), 1)
        reaction_idea = rng.integers(0, ideas_count, reactions_count)
        reaction_counts = np.bincount(reaction_idea, minlength=ideas_count)
        theme_list = list(themes) or [None]
        idea_rows = [
            {
                "public_id": "i" + secrets.token_hex(8),
                "round_id": round_id,
                "token_hash": secrets.token_hex(32),
                "display_name": None,
                "state": "published",
                "queue_reason": None,
                "queued_at": None,
                "decision_reason": None,
                "synthetic": True,
                "created_at": created[i],
                "edited_at": None,
                "deleted_at": None,
                "title": f"Idee {i}: {secrets.token_hex(4)}",
                "text": "Een gesimuleerd idee voor het meten van de snelheid.",
                "theme": theme_list[i % len(theme_list)],
                "district": None,
                "status": "nieuw",
                "answer": None,
                "answer_link": None,
                "answered_at": None,
                "support": int(counts[i, 0]),
                "oppose": int(counts[i, 1]),
                "neutral": int(counts[i, 2]),
                "reactions": int(reaction_counts[i]),
            }
            for i in range(ideas_count)
        ]
        rater_hashes = [secrets.token_hex(32) for _ in range(raters)]
        names = np.array(rules.RATING_VALUES)
        positions = rng.integers(1, 61, len(pairs))
        with self._write() as conn:
            conn.execute(ideas.insert(), idea_rows)
            row_ids = dict(
                conn.execute(
                    select(ideas.c.public_id, ideas.c.id).where(
                        ideas.c.round_id == round_id
                    )
                ).all()
            )
            idea_ids = [row_ids[row["public_id"]] for row in idea_rows]
            for start in range(0, len(pairs), 50_000):
                stop = min(len(pairs), start + 50_000)
                conn.execute(
                    idea_ratings.insert(),
                    [
                        {
                            "idea_id": idea_ids[int(idea_of[k])],
                            "round_id": round_id,
                            "token_hash": rater_hashes[int(rater_of[k])],
                            "value": str(names[values[k]]),
                            "position": int(positions[k]),
                            "synthetic": True,
                            "created_at": now,
                            "updated_at": now,
                        }
                        for k in range(start, stop)
                    ],
                )
            by_position = np.zeros((61, 3), dtype=np.int64)
            np.add.at(by_position, (positions, values), 1)
            conn.execute(
                idea_position_counts.insert(),
                [
                    {
                        "round_id": round_id,
                        "synthetic": True,
                        "position": position,
                        **dict(
                            zip(
                                rules.RATING_VALUES,
                                map(int, by_position[position]),
                                strict=True,
                            )
                        ),
                    }
                    for position in range(1, 61)
                    if by_position[position].any()
                ],
            )
            conn.execute(
                idea_raters.insert(),
                [
                    {
                        "round_id": round_id,
                        "synthetic": True,
                        "token_hash": rater_hashes[r],
                    }
                    for r in np.unique(rater_of).tolist()
                ],
            )
            touch_round(conn, round_id)
            stances = rng.integers(0, 3, reactions_count)
            for start in range(0, reactions_count, 50_000):
                stop = min(reactions_count, start + 50_000)
                conn.execute(
                    reactions.insert(),
                    [
                        {
                            "public_id": "r" + secrets.token_hex(8),
                            "round_id": round_id,
                            "token_hash": secrets.token_hex(32),
                            "display_name": None,
                            "state": "published",
                            "synthetic": True,
                            "created_at": now,
                            "idea_id": idea_ids[int(reaction_idea[k])],
                            "parent_id": None,
                            "stance": rules.STANCES[int(stances[k])],
                            "text": "Een gesimuleerde reactie.",
                        }
                        for k in range(start, stop)
                    ],
                )
        return {
            "ideas": ideas_count,
            "ratings": int(len(pairs)),
            "reactions": reactions_count,
        }

    # -- ratings --------------------------------------------------------------------

    def rate_idea(
        self,
        idea: StoredIdea,
        token: str,
        value: str,
        position: int | None = None,
        *,
        synthetic: bool = False,
    ) -> bool:
        """Store this browser's rating of `idea` (new or changed) and keep every
        counter with it in one transaction: the idea's counts (all, and residents'
        unless synthetic), the round's counts by `position` (the idea's place in
        the list, from 1; None: not counted there), its raters and its version. A
        changed rating keeps whether it was synthetic. True: a new rating. Raises
        ValueError for an unknown value."""
        if value not in rules.RATING_VALUES:
            raise ValueError(f"unknown rating {value!r}")
        token_hash = self.token_hash(token_scope(idea.round_id), token)
        now = _now()
        with self._write() as conn:
            sql = _rating_sql(conn.dialect.name)
            keys = {"idea_row": idea.row_id, "hash": token_hash}
            if sql.lock is not None:
                # Locking the idea's row first makes concurrent ratings of one
                # idea queue; SQLite writers queue on the write lock anyway.
                conn.execute(sql.lock, keys)
            old = conn.execute(sql.find, keys).one_or_none()
            # A changed rating keeps whether it was synthetic.
            flag = synthetic if old is None else bool(old.synthetic)
            moves = [(position, value, 1)]
            if old is None:
                conn.execute(
                    sql.insert,
                    {
                        "idea_id": idea.row_id,
                        "round_id": idea.round_id,
                        "token_hash": token_hash,
                        "value": value,
                        "position": position,
                        "synthetic": flag,
                        "created_at": now,
                        "updated_at": now,
                    },
                )
                conn.execute(
                    sql.rater,
                    {"round": idea.round_id, "flag": flag, "hash": token_hash},
                )
            else:
                conn.execute(
                    sql.change,
                    {"rating": old.id, "to": value, "at": position, "now": now},
                )
                moves.append((old.position, old.value, -1))
            _count_rating_moves(conn, idea, flag, moves)
        return old is None

    def ratings_by(self, round_id: str, token: str | None) -> dict[str, str]:
        """{idea id: value} of this browser's ratings in the round."""
        if not token:
            return {}
        token_hash = self.token_hash(token_scope(round_id), token)
        stmt = (
            select(ideas.c.public_id, idea_ratings.c.value)
            .join(ideas, ideas.c.id == idea_ratings.c.idea_id)
            .where(
                idea_ratings.c.round_id == round_id,
                idea_ratings.c.token_hash == token_hash,
            )
        )
        with self._read() as conn:
            return dict(conn.execute(stmt).all())

    def rating_positions(
        self, round_id: str, synthetic: bool = False
    ) -> list[tuple[int, int, int]]:
        """(position, support, oppose) counts of the round's ratings that recorded
        a position, for `rules.position_audit`; synthetic ratings only when asked.
        Read from the counters kept with each rating (`idea_position_counts`);
        positions no rating holds any more are left out."""
        table = idea_position_counts
        stmt = (
            select(
                table.c.position, func.sum(table.c.support), func.sum(table.c.oppose)
            )
            .where(
                table.c.round_id == round_id, table.c.synthetic.in_(_flags(synthetic))
            )
            .group_by(table.c.position)
            .having(func.sum(table.c.support + table.c.oppose + table.c.neutral) > 0)
            .order_by(table.c.position)
        )
        with self._read() as conn:
            return [
                (int(p), int(s or 0), int(o or 0)) for p, s, o in conn.execute(stmt)
            ]

    def count_raters(self, round_id: str, synthetic: bool = False) -> int:
        """Distinct browsers that rated an idea in the round (`idea_raters`, one
        row each, written with their first rating)."""
        stmt = select(func.count()).where(
            idea_raters.c.round_id == round_id,
            idea_raters.c.synthetic.in_(_flags(synthetic)),
        )
        with self._read() as conn:
            return int(conn.execute(stmt).scalar() or 0)

    def rating_counts(
        self, round_id: str, synthetic: bool = False
    ) -> list[tuple[str, int, int, int]]:
        """(idea id, support, oppose, neutral) for the round's published ideas:
        residents' ratings, or all of them (synthetic too) when asked. Read from
        the counts kept with each rating, and kept in this process while they
        stay the same (`kept_while_unchanged`)."""
        names = ("" if synthetic else "resident_") + "%s"
        stmt = select(
            ideas.c.public_id,
            *(ideas.c[names % value] for value in rules.RATING_VALUES),
        ).where(ideas.c.round_id == round_id, ideas.c.state == "published")

        def read() -> list[tuple[str, int, int, int]]:
            with self._read() as conn:
                return [tuple(row) for row in conn.execute(stmt)]

        return self.kept_while_unchanged(
            ("counts", round_id, synthetic), round_id, read
        )

    def idea_overview(self, round_id: str) -> list[dict[str, Any]]:
        """The round's published ideas for the dashboard, oldest first: `{id,
        title, theme, district, status, answered (bool), created_at, answered_at,
        support, oppose, neutral (residents' ratings), for, against, question
        (published reactions by stance)}`."""
        stance = reactions.c.stance
        per_idea = (
            select(
                reactions.c.idea_id,
                *(func.sum(_is(stance, name)).label(name) for name in rules.STANCES),
            )
            .where(reactions.c.round_id == round_id, reactions.c.state == "published")
            .group_by(reactions.c.idea_id)
            .subquery()
        )
        stmt = (
            select(ideas, *(per_idea.c[name] for name in rules.STANCES))
            .select_from(ideas.outerjoin(per_idea, per_idea.c.idea_id == ideas.c.id))
            .where(ideas.c.round_id == round_id, ideas.c.state == "published")
            .order_by(ideas.c.id)
        )
        with self._read() as conn:
            return [
                {
                    "id": row.public_id,
                    "title": row.title,
                    "theme": row.theme,
                    "district": row.district,
                    "status": row.status,
                    "answer": row.answer,
                    "answered": bool(row.answer),
                    "created_at": _aware(row.created_at),
                    "answered_at": _aware(row.answered_at),
                    "support": row.resident_support,
                    "oppose": row.resident_oppose,
                    "neutral": row.resident_neutral,
                    **{name: int(row._mapping[name] or 0) for name in rules.STANCES},
                }
                for row in conn.execute(stmt)
            ]

    def round_reactions(self, round_id: str) -> list[dict[str, Any]]:
        """The round's public reactions (published, and the places of deleted
        ones) on published ideas, oldest first: `{id, idea_id, parent, stance,
        text, created_at, edited_at, state}` (an admin's export)."""
        parent = reactions.alias("parent")
        stmt = (
            select(
                reactions,
                ideas.c.public_id.label("idea_public"),
                parent.c.public_id.label("parent_public"),
            )
            .join(ideas, ideas.c.id == reactions.c.idea_id)
            .outerjoin(parent, parent.c.id == reactions.c.parent_id)
            .where(
                reactions.c.round_id == round_id,
                reactions.c.state.in_(VISIBLE),
                ideas.c.state == "published",
            )
            .order_by(reactions.c.id)
        )
        with self._read() as conn:
            return [
                {
                    "id": row.public_id,
                    "idea_id": row.idea_public,
                    "parent": row.parent_public,
                    "stance": row.stance,
                    "text": row.text,
                    "created_at": _aware(row.created_at),
                    "edited_at": _aware(row.edited_at),
                    "state": row.state,
                }
                for row in conn.execute(stmt)
            ]

    def rating_tally(
        self,
        round_id: str,
        *,
        start: dt.datetime | None = None,
        end: dt.datetime | None = None,
        theme: str | None = None,
        district: str | None = None,
        only_moments: bool = False,
    ) -> dict[bool, dict[str, Any]]:
        """The round's ratings of published ideas in a filter, counted from the
        ratings themselves, residents' and synthetic ones apart: ideas of `theme`
        and `district` (None: any), posted in [start, end) and rated (first rated)
        in [start, end) (aware UTC moments, None: open). Returns {synthetic flag:
        {"counts": {idea id: [support, oppose, neutral]}, "positions": {position:
        [support, oppose]}, "raters": distinct raters, "moments": [(start of the
        UTC hour first rated in, value, ratings)]}} for False and True. One pass
        per part over the matching ratings (the counters kept with each rating
        cannot answer a period); `only_moments`: the "moments" pass alone, the
        other parts left empty."""
        where = [
            idea_ratings.c.round_id == round_id,
            ideas.c.state == "published",
        ]
        if theme is not None:
            where.append(ideas.c.theme == theme)
        if district is not None:
            where.append(ideas.c.district == district)
        if start is not None:
            where += [idea_ratings.c.created_at >= start, ideas.c.created_at >= start]
        if end is not None:
            where += [idea_ratings.c.created_at < end, ideas.c.created_at < end]
        joined = idea_ratings.join(ideas, ideas.c.id == idea_ratings.c.idea_id)
        value, flag = idea_ratings.c.value, idea_ratings.c.synthetic
        per_idea = (
            select(flag, ideas.c.public_id, value, func.count())
            .select_from(joined)
            .where(*where)
            .group_by(flag, ideas.c.public_id, value)
        )
        per_position = (
            select(
                flag,
                idea_ratings.c.position,
                func.sum(_is(value, "support")),
                func.sum(_is(value, "oppose")),
            )
            .select_from(joined)
            .where(*where, idea_ratings.c.position.is_not(None))
            .group_by(flag, idea_ratings.c.position)
        )
        raters = (
            select(flag, func.count(func.distinct(idea_ratings.c.token_hash)))
            .select_from(joined)
            .where(*where)
            .group_by(flag)
        )
        order = {name: n for n, name in enumerate(rules.RATING_VALUES)}
        found: dict[bool, dict[str, Any]] = {
            kind: {"counts": {}, "positions": {}, "raters": 0, "moments": []}
            for kind in (False, True)
        }
        with self._read() as conn:
            # Counted per UTC hour in SQL: Den Haag's offset is whole hours, so
            # hours add up to its days exactly, and no stored time is parsed.
            hour = _hour(conn.dialect.name, idea_ratings.c.created_at)
            moments = (
                select(flag, hour, value, func.count())
                .select_from(joined)
                .where(*where)
                .group_by(flag, hour, value)
            )
            if only_moments:
                per_idea = per_position = raters = None
            for kind, idea_id, rated, n in _rows(conn, per_idea):
                counts = found[bool(kind)]["counts"]
                counts.setdefault(idea_id, [0, 0, 0])[order[rated]] += int(n)
            for kind, position, support, oppose in _rows(conn, per_position):
                found[bool(kind)]["positions"][int(position)] = [
                    int(support or 0),
                    int(oppose or 0),
                ]
            for kind, n in _rows(conn, raters):
                found[bool(kind)]["raters"] = int(n)
            for kind, at, rated, n in conn.execute(moments):
                found[bool(kind)]["moments"].append((_hour_start(at), rated, int(n)))
        return found

    # -- reactions ------------------------------------------------------------------

    def add_reaction(
        self,
        idea: StoredIdea | ReactionHost,
        token: str,
        *,
        stance: str,
        text: str,
        parent: str | None = None,
        display_name: str | None = None,
        queue_reason: str | None = None,
        synthetic: bool = False,
    ) -> StoredReaction | None:
        """Store a reaction on `idea` (or on a trajectory's `ReactionHost`); a
        reply names its `parent`, which must be a top-level reaction on the same
        host (one level of replies): None when it is not. Raises ValueError for
        an unknown stance."""
        if stance not in rules.STANCES:
            raise ValueError(f"unknown stance {stance!r}")
        host = ReactionHost.of(idea)
        now = _now()
        state = "pending" if queue_reason else "published"
        with self._write() as conn:
            parent_id = None
            if parent is not None:
                parent_id = top_level_row(conn, reactions, parent, host.where())
                if parent_id is None:
                    return None
            values = {
                "public_id": "r" + secrets.token_hex(8),
                "round_id": host.round_id,
                "kind": host.kind,
                "token_hash": self.token_hash(
                    reaction_scope(host.kind, host.round_id), token
                ),
                "display_name": display_name,
                "state": state,
                "queue_reason": queue_reason,
                "queued_at": now if queue_reason else None,
                "synthetic": synthetic,
                "created_at": now,
                "idea_id": host.idea_row,
                "parent_id": parent_id,
                "stance": stance,
                "text": text,
            }
            conn.execute(reactions.insert(), values)
            if state == "published":
                _count_reactions(conn, host.idea_row)
        return StoredReaction(
            values["public_id"],
            host.idea_id,
            parent,
            stance,
            text,
            display_name,
            state,
            now,
            None,
            queue_reason,
        )

    def reactions_on(
        self, idea: StoredIdea | ReactionHost, states: Sequence[str] = VISIBLE
    ) -> list[StoredReaction]:
        """The idea's (or trajectory host's) reactions in these states, oldest
        first."""
        host = ReactionHost.of(idea)
        parent = reactions.alias("parent")
        stmt = (
            select(reactions, parent.c.public_id.label("parent_public"))
            .select_from(
                reactions.outerjoin(parent, parent.c.id == reactions.c.parent_id)
            )
            .where(host.where(), reactions.c.state.in_(states))
            .order_by(reactions.c.created_at, reactions.c.id)
        )
        with self._read() as conn:
            return [
                StoredReaction(
                    row.public_id,
                    host.idea_id,
                    row.parent_public,
                    row.stance,
                    row.text,
                    row.display_name,
                    row.state,
                    _aware(row.created_at),
                    _aware(row.edited_at),
                    row.queue_reason,
                    row.decision_reason,
                )
                for row in conn.execute(stmt)
            ]

    def reaction_counts(self, kind: str, round_id: str) -> dict[str, int]:
        """Published reactions on a whole trajectory (not on ideas) by stance:
        `{stance: count}` for every stance in `rules.STANCES`."""
        host = ReactionHost(kind, round_id)
        stmt = (
            select(reactions.c.stance, func.count())
            .where(host.where(), reactions.c.state == "published")
            .group_by(reactions.c.stance)
        )
        with self._read() as conn:
            found = {str(stance): int(n) for stance, n in conn.execute(stmt)}
        return {stance: found.get(stance, 0) for stance in rules.STANCES}

    def host_reactions(self, kind: str, round_id: str) -> list[dict[str, Any]]:
        """A trajectory's public reactions (published, and the places of deleted
        ones), oldest first, in `round_reactions`' shape with `idea_id` None (an
        admin's export)."""
        host = ReactionHost(kind, round_id)
        return [
            {
                "id": r.id,
                "idea_id": None,
                "parent": r.parent,
                "stance": r.stance,
                "text": r.text,
                "created_at": r.created_at,
                "edited_at": r.edited_at,
                "state": r.state,
            }
            for r in sorted(self.reactions_on(host), key=lambda r: r.created_at)
        ]

    # -- the author's own items ------------------------------------------------------

    def author_edit(
        self,
        item_type: str,
        public_id: str,
        token: str,
        queue_reason: str | None = None,
        remove_picture: bool = False,
        **texts: str,
    ) -> str:
        """The author changes an idea's title/text or a reaction's text, or
        removes an idea's picture (`remove_picture`): "ok", "not_found" (unknown,
        or another browser's), "too_late" (after `rules.EDIT_MINUTES`) or
        "deleted". With `queue_reason` (the edit tripped a check, or the round
        moderates first) a public item goes back to the moderation queue, as a
        new one would."""
        table = ITEM_TABLES[item_type]
        now = _now()
        with self._write() as conn:
            row = _own_row(self, conn, table, public_id, token)
            if row is None:
                return "not_found"
            if row.state == "deleted":
                return "deleted"
            if not rules.editable(_aware(row.created_at), now):
                return "too_late"
            queued = (
                {"state": "pending", "queue_reason": queue_reason, "queued_at": now}
                if queue_reason and row.state == "published"
                else {}
            )
            picture = NO_PICTURE if remove_picture and item_type == "idea" else {}
            conn.execute(
                update(table)
                .where(table.c.id == row.id)
                .values(edited_at=now, **queued, **picture, **texts)
            )
            if picture:
                _forget_picture(conn, row.id)
            if queued and item_type == "reaction":
                _count_reactions(conn, row.idea_id)
        return "ok"

    def author_delete(self, item_type: str, public_id: str, token: str) -> bool:
        """The author deletes an item, any time: its words are removed, its place
        in the thread stays ("verwijderd door de schrijver"). False when unknown or
        another browser's."""
        table = ITEM_TABLES[item_type]
        with self._write() as conn:
            row = _own_row(self, conn, table, public_id, token)
            if row is None:
                return False
            blank = {"text": ""} | (
                {"title": ""} | NO_PICTURE if item_type == "idea" else {}
            )
            conn.execute(
                update(table)
                .where(table.c.id == row.id)
                .values(
                    state="deleted",
                    deleted_at=_now(),
                    display_name=None,
                    queue_reason=None,
                    queued_at=None,
                    **blank,
                )
            )
            if item_type == "reaction":
                _count_reactions(conn, row.idea_id)
            else:
                _forget_picture(conn, row.id)
                touch_round(conn, row.round_id)
        return True

    # -- opinion groups -------------------------------------------------------------

    def rating_version(self, round_id: str) -> list:
        """What the round's opinion groups depend on, as a plain list that changes
        when a rating is stored, changed or removed or an idea is published or
        hidden: [published ideas, sum of their row ids, their support, oppose
        and neutral counts, and those counts weighted by row id]. Read from the
        ideas' counters (kept with every rating in its transaction), so it costs
        one pass over the round's ideas, not over its ratings (6.5 s for two
        million ratings on SQLite when counted from them). The counters include
        synthetic ratings: a synthetic rating makes the groups recount to the
        same result. Two changes that cancel out on one idea (one rater from
        support to oppose, another the other way) leave it unchanged until the
        next rating."""
        counted = ideas.c.support + 2 * ideas.c.oppose + 3 * ideas.c.neutral
        stmt = select(
            func.count(),
            *(
                func.coalesce(func.sum(column), 0)
                for column in (
                    ideas.c.id,
                    ideas.c.support,
                    ideas.c.oppose,
                    ideas.c.neutral,
                    ideas.c.id * counted,
                )
            ),
        ).where(ideas.c.round_id == round_id, ideas.c.state == "published")
        with self._read() as conn:
            return [int(value) for value in conn.execute(stmt).one()]

    def resident_ratings(
        self, round_id: str, synthetic: bool = False
    ) -> tuple[list[str], list[tuple[str, str, str]]]:
        """(published idea ids in the order they were posted, [(rater, idea id,
        value)]) of the round's residents' ratings of published ideas, rater a
        keyed hash of the browser (never shown), in no particular order.
        Synthetic ratings are left out unless asked for (`synthetic`)."""
        shown = (
            select(ideas.c.public_id)
            .where(ideas.c.round_id == round_id, ideas.c.state == "published")
            .order_by(ideas.c.id)
        )
        stmt = (
            select(idea_ratings.c.token_hash, ideas.c.public_id, idea_ratings.c.value)
            .join(ideas, ideas.c.id == idea_ratings.c.idea_id)
            .where(
                idea_ratings.c.round_id == round_id,
                idea_ratings.c.synthetic.in_(_flags(synthetic)),
                ideas.c.state == "published",
            )
        )
        with self._read() as conn:
            idea_ids = list(conn.execute(shown).scalars())
            rows = [tuple(row) for row in conn.execute(stmt)]
        return idea_ids, rows


def _own_row(store: Any, conn: Any, table: Table, public_id: str, token: str) -> Any:
    row = conn.execute(
        select(table).where(table.c.public_id == public_id)
    ).one_or_none()
    if row is None:
        return None
    scope = reaction_scope(row.kind, row.round_id) if table is reactions else None
    expected = store.token_hash(scope or token_scope(row.round_id), token)
    return row if secrets.compare_digest(row.token_hash, expected) else None


def _forget_picture(conn: Any, idea_row_id: int) -> None:
    # The bytes go, not only their visibility: a removed picture is not kept.
    conn.execute(idea_pictures.delete().where(idea_pictures.c.idea_id == idea_row_id))


def _count_reactions(conn: Any, idea_row_id: int) -> None:
    """Keep an idea's count of public reactions in step (same transaction);
    nothing to count for a reaction on a whole trajectory (`idea_row_id` None)."""
    if idea_row_id is None:
        return
    count = (
        select(func.count())
        .select_from(reactions)
        .where(reactions.c.idea_id == idea_row_id, reactions.c.state == "published")
        .scalar_subquery()
    )
    conn.execute(update(ideas).where(ideas.c.id == idea_row_id).values(reactions=count))


def _hour(dialect: str, column: Any) -> Any:
    """The UTC hour of a stored time, as SQL: PostgreSQL truncates it (any
    session zone with a whole-hour offset gives the same instant); SQLite keeps
    times as UTC text 'YYYY-MM-DD HH:MM:SS', whose first 13 characters name the
    hour."""
    if dialect == "postgresql":
        return func.date_trunc("hour", column)
    return func.substr(column, 1, 13)


def _hour_start(value: Any) -> dt.datetime:
    """An `_hour` value as an aware UTC datetime."""
    if isinstance(value, str):
        return dt.datetime.strptime(value, "%Y-%m-%d %H").replace(tzinfo=dt.UTC)
    return _aware(value).astimezone(dt.UTC)


def _is(column: Any, value: str) -> Any:
    """1 where `column` equals `value`, else 0 (for counting with SUM)."""
    return case((column == value, 1), else_=0)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _insert(conn: Any) -> Any:
    """The dialect's INSERT (both know ON CONFLICT)."""
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert


# Built once: every rating and reaction finds its idea first.
_FIND_IDEA = select(ideas).where(ideas.c.public_id == bindparam("public_id"))


class _RatingSql(NamedTuple):
    """The statements of one rating, built once per dialect: building them is
    most of a rating's Python time (SQLAlchemy compiles each once and keeps it,
    but a statement made anew per call is still checked and keyed every time)."""

    lock: Any
    find: Any
    insert: Any
    rater: Any
    change: Any
    count: Any
    count_position: Any
    touch: Any


@functools.cache
def _rating_sql(dialect: str) -> _RatingSql:
    """The rating statements for `dialect` ("sqlite" or "postgresql"); their bound
    names are the keys `IdeaStore.rate_idea` and `_count_rating_moves` pass."""
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    row = bindparam("idea_row")
    positions = idea_position_counts
    by_position = insert(positions).values(
        round_id=bindparam("round"),
        synthetic=bindparam("flag"),
        position=bindparam("at"),
        **{value: bindparam("n_" + value) for value in rules.RATING_VALUES},
    )
    versions = insert(idea_round_versions).values(
        round_id=bindparam("round"), changes=1
    )
    return _RatingSql(
        lock=(
            select(ideas.c.id).where(ideas.c.id == row).with_for_update()
            if dialect == "postgresql"
            else None
        ),
        find=select(
            idea_ratings.c.id,
            idea_ratings.c.value,
            idea_ratings.c.position,
            idea_ratings.c.synthetic,
        ).where(
            idea_ratings.c.idea_id == row,
            idea_ratings.c.token_hash == bindparam("hash"),
        ),
        insert=idea_ratings.insert(),
        rater=insert(idea_raters)
        .values(
            round_id=bindparam("round"),
            synthetic=bindparam("flag"),
            token_hash=bindparam("hash"),
        )
        .on_conflict_do_nothing(),
        change=update(idea_ratings)
        .where(idea_ratings.c.id == bindparam("rating"))
        .values(
            value=bindparam("to"),
            position=bindparam("at"),
            updated_at=bindparam("now"),
        ),
        count=update(ideas)
        .where(ideas.c.id == row)
        .values(
            **{
                column: ideas.c[column] + bindparam("d_" + column)
                for value in rules.RATING_VALUES
                for column in (value, "resident_" + value)
            }
        ),
        count_position=by_position.on_conflict_do_update(
            index_elements=[
                positions.c.round_id,
                positions.c.synthetic,
                positions.c.position,
            ],
            set_={
                value: positions.c[value] + by_position.excluded[value]
                for value in rules.RATING_VALUES
            },
        ),
        touch=versions.on_conflict_do_update(
            index_elements=[idea_round_versions.c.round_id],
            set_={"changes": idea_round_versions.c.changes + 1},
        ),
    )


def _rows(conn: Any, stmt: Any) -> Any:
    """The rows of `stmt`, none for None (a part not asked for)."""
    return () if stmt is None else conn.execute(stmt)


def _flags(synthetic: bool) -> tuple[bool, ...]:
    """The `synthetic` values counted: residents' only, or all when asked."""
    return (False, True) if synthetic else (False,)


def touch_round(conn: Any, round_id: str) -> None:
    """Add one to the round's version (same transaction as the change): what a
    process keeps of the round's counts (`IdeaStore.kept_while_unchanged`) is
    then made again."""
    conn.execute(_rating_sql(conn.dialect.name).touch, {"round": round_id})


def _count_rating_moves(
    conn: Any,
    idea: StoredIdea,
    synthetic: bool,
    moves: Sequence[tuple[int | None, str, int]],
) -> None:
    """Move the counters by `moves`, `(position, value, +1 or -1)`: the idea's
    counts (all, and residents' unless synthetic), the per-position counts of the
    round, and the round's version when any of them changed. Positions are
    written in ascending order, so two ratings never wait for each other's rows
    in opposite orders (PostgreSQL)."""
    by_value: dict[str, int] = {}
    by_position: dict[int, dict[str, int]] = {}
    for position, value, step in moves:
        by_value[value] = by_value.get(value, 0) + step
        if position is not None:
            cell = by_position.setdefault(position, {})
            cell[value] = cell.get(value, 0) + step
    sql = _rating_sql(conn.dialect.name)
    moved = any(by_value.values())
    if moved:
        steps = {value: by_value.get(value, 0) for value in rules.RATING_VALUES}
        deltas = {"idea_row": idea.row_id}
        for value, step in steps.items():
            deltas["d_" + value] = step
            deltas["d_resident_" + value] = 0 if synthetic else step
        conn.execute(sql.count, deltas)
    for position in sorted(by_position):
        steps = by_position[position]
        if not any(steps.values()):
            continue
        moved = True
        conn.execute(
            sql.count_position,
            {
                "round": idea.round_id,
                "flag": synthetic,
                "at": position,
                **{"n_" + v: steps.get(v, 0) for v in rules.RATING_VALUES},
            },
        )
    if moved:
        touch_round(conn, idea.round_id)

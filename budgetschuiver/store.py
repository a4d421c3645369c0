"""The only module that touches the database: tables, connections, reads and writes.

SQLite is the embedded default (WAL, synchronous=FULL, busy timeout, BEGIN IMMEDIATE
for writes, so concurrent writers queue instead of failing); PostgreSQL is production.
A submission is confirmed to the resident only after its transaction has committed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    case,
    create_engine,
    event,
    false,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from budgetschuiver.definitions import FitReport
from budgetschuiver.ideas.store import IDEA_TABLES, IdeaStore
from budgetschuiver.moderation.store import MODERATION_TABLES, ModerationStore
from budgetschuiver.private import private_file, private_folder
from budgetschuiver.settings import REPO_ROOT

metadata = MetaData()


def _definition_columns() -> tuple[Column, Column]:
    """Which version of the trajectory's rules a ballot was cast under
    (`definitions.rules_hash`; NULL: stored before versions were kept), and whether
    it no longer fits the current rules (then it is left out of every result)."""
    return (
        Column("rules_hash", String(16)),
        Column(
            "outdated", Boolean, nullable=False, default=False, server_default=false()
        ),
    )


# One row per (trajectory, browser): a new submission from the same browser replaces
# the allocation in place, so a resident is counted once.
budgets = Table(
    "budgets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(24), nullable=False, unique=True),
    Column("project_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("receipt", String(16), nullable=False),
    Column("allocation", JSON, nullable=False),
    Column("district", String(32)),
    Column("age_band", String(8)),
    Column("comment", Text),
    # Set by a moderator: the comment stays stored but is not shown or exported.
    Column("comment_hidden", Boolean, nullable=False, default=False),
    Column("revision", Integer, nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    *_definition_columns(),
    UniqueConstraint("project_id", "token_hash", name="uq_budgets_project_token"),
)

# One current vote per (poll or moodboard, browser), replaced in place like a budget.
votes = Table(
    "votes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(24), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("receipt", String(16), nullable=False),
    Column("choices", JSON, nullable=False),
    Column("other_text", Text),
    Column("district", String(32)),
    Column("age_band", String(8)),
    Column("revision", Integer, nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    *_definition_columns(),
    UniqueConstraint("kind", "target_id", "token_hash", name="uq_votes_target_token"),
)

# Pictures an administrator added to a moodboard, already re-encoded (media.py).
# Kept in the database so every worker and host serves the same set.
moodboard_images = Table(
    "moodboard_images",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("moodboard_id", String(64), nullable=False),
    Column("image_id", String(64), nullable=False),
    Column("title_nl", Text, nullable=False),
    Column("title_en", Text),
    Column("alt_nl", Text, nullable=False),
    Column("alt_en", Text),
    Column("description_nl", Text),
    Column("description_en", Text),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("moodboard_id", "image_id", name="uq_moodboard_images"),
)

# Dashboard accounts. Only a password hash from argon2 (auth.py) is kept.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Personal API tokens for scripts reading the results API: only a keyed hash of each
# token is kept (HMAC-SHA256 with the secret key), looked up in one indexed read, so a
# request pays no password hash. `revoked_at` set: refused from then on.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(16), nullable=False, unique=True),
    Column(
        "user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False
    ),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scope", String(16), nullable=False),
    Column("label", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

# Frozen presentation results, for the minutes: the numbers as shown at that moment,
# with a hash of their content so a later reader can check nothing changed.
snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(24), nullable=False, unique=True),
    Column("project_id", String(64), nullable=False),
    Column("content", JSON, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Voting codes for trajectories with `integrity: code` (one letter per address).
# Only a keyed hash of each code, in a scope of its own: nothing here can be joined
# to a ballot, whose key is a different hash of the same code.
voting_codes = Table(
    "voting_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(80), nullable=False),
    Column("code_hash", String(64), nullable=False, unique=True),
    Column("redeemed", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The dashboard asks for the ballots changed since it last looked.
Index("ix_budgets_project_updated", budgets.c.project_id, budgets.c.updated_at)

# A trajectory's counted results (`dashboards.tally`), saved so that a fresh worker
# starts from them and reads only the ballots changed since `watermark`.
tally_snapshots = Table(
    "tally_snapshots",
    metadata,
    Column("project_id", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("ballots", Integer, nullable=False),
    Column("watermark", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The version of the rules it was counted under: another version recounts.
    Column("rules_hash", String(16)),
)

# Receipt codes use letters and digits a resident cannot confuse (no 0/O, 1/I/L, 5/S,
# 2/Z, 8/B).
RECEIPT_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def new_receipt() -> str:
    """A code like 'K7QM-4TZD-P9' (about 46 bits), shown to the resident as proof."""
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(10))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclasses.dataclass(frozen=True)
class Receipt:
    """What the resident gets back: a pseudonymous id, the code, and new-or-replaced."""

    id: str
    receipt: str
    created: bool
    at: dt.datetime


@dataclasses.dataclass(frozen=True)
class StoredBudget:
    id: str
    project_id: str
    allocation: dict[str, int]
    district: str | None
    age_band: str | None
    comment: str | None
    revision: int
    synthetic: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    comment_hidden: bool = False
    # No longer fits the trajectory's current definition (left out of results).
    outdated: bool = False


def normalize_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def database_exists(url: str) -> bool:
    """False only for an SQLite file that is not there yet (a server database is
    taken to exist; connecting will tell otherwise)."""
    parsed = make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite":
        return True
    return parsed.database in (None, "", ":memory:") or Path(parsed.database).is_file()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, not the sqlite3 module.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock up front: no deadlocking lock upgrades, and
        # the busy timeout makes them queue. Reads ask for a deferred begin.
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


# The features' tables join this MetaData (migrations are checked against it).
for _table in (*IDEA_TABLES, *MODERATION_TABLES):
    _table.to_metadata(metadata)


class Store(IdeaStore, ModerationStore):
    """Database access for ballots. Create one per app; it owns the engine."""

    def __init__(self, url: str, secret_key: str) -> None:
        # Called after every committed write (the app uses it to retire cached
        # results); nothing by default.
        self.after_write = lambda: None
        # "budget:<id>", "poll:<id>", "moodboard:<id>" -> the current rules hash
        # (`definitions.rules_hash`), set by the app from its catalog: new ballots
        # and saved tallies are stamped with it.
        self.definitions: dict[str, str] = {}
        self.url = normalize_url(url)
        self._key = secret_key.encode("utf-8")
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        self._upserts: dict[tuple, Any] = {}
        self._thread_lock = threading.Lock()
        self._lock_path: str | None = None
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                private_folder(Path(parsed.database).parent)
                self._lock_path = f"{parsed.database}.write-lock"
                # SQLite gives new -wal and -shm files the database file's mode;
                # ones left by an older version are narrowed too.
                for path in (parsed.database, self._lock_path):
                    private_file(path)
                for suffix in ("-wal", "-shm"):
                    if Path(parsed.database + suffix).exists():
                        private_file(parsed.database + suffix)
            self.engine = create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 10}
            )
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)

    # -- schema -------------------------------------------------------------------

    def init_db(self) -> None:
        """Bring the database to the latest schema (Alembic); safe to run again."""
        from alembic import command
        from alembic.config import Config

        config = Config(str(REPO_ROOT / "alembic.ini"))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()

    def ping(self) -> bool:
        try:
            with self._read() as conn:
                conn.execute(text("SELECT 1"))
                conn.execute(select(func.count()).select_from(budgets).limit(1))
        except Exception:
            return False
        return True

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        """A write transaction; after it commits, `after_write` is told."""
        with self._writer(), self.engine.begin() as conn:
            yield conn
        self.after_write()

    @contextlib.contextmanager
    def _writer(self) -> Iterator[None]:
        """SQLite: writers of every process queue on a file lock before BEGIN.
        SQLite itself would let them retry with sleeps of up to 100 ms, leaving
        the database idle while they sleep; the kernel hands the lock on at once.
        Durability is untouched (same BEGIN IMMEDIATE, same synchronous=FULL); a
        killed process's lock is released by the kernel."""
        if self._lock_path is None:
            yield
            return
        with self._thread_lock, open(self._lock_path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _read(self):
        return self.engine.connect().execution_options(sqlite_begin="DEFERRED")

    # -- privacy ------------------------------------------------------------------

    def token_hash(self, scope: str, token: str) -> str:
        """Keyed hash of a browser token, per trajectory: the token itself is never
        stored, and the same browser cannot be linked across trajectories."""
        message = f"{scope}\x00{token}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    # -- budgets ------------------------------------------------------------------

    def submit_budget(
        self,
        project_id: str,
        allocation: Mapping[str, int],
        token: str,
        *,
        district: str | None = None,
        age_band: str | None = None,
        comment: str | None = None,
        synthetic: bool = False,
    ) -> Receipt:
        """Insert or replace this browser's budget; returns after the commit."""
        now = utcnow()
        values = {
            "public_id": "b" + secrets.token_hex(10),
            "project_id": project_id,
            "token_hash": self.token_hash("budget:" + project_id, token),
            "receipt": new_receipt(),
            "allocation": dict(allocation),
            "district": district,
            "age_band": age_band,
            "comment": comment,
            "comment_hidden": False,
            "revision": 1,
            "synthetic": synthetic,
            "created_at": now,
            "updated_at": now,
            "rules_hash": self.definitions.get("budget:" + project_id),
            "outdated": False,
        }
        row = self._upsert(
            budgets,
            values,
            ("project_id", "token_hash"),
            (
                "comment_hidden",
                "receipt",
                "allocation",
                "district",
                "age_band",
                "comment",
                "synthetic",
                "updated_at",
                "rules_hash",
                "outdated",
            ),
        )
        return Receipt(row.public_id, row.receipt, row.revision == 1, now)

    def _upsert(
        self, table: Table, values: dict, key: tuple[str, ...], replace: tuple[str, ...]
    ) -> Any:
        """Insert, or replace the row with the same key, atomically; returns
        (public_id, receipt, revision) after the commit."""
        shape = (table.name, key, replace)
        stmt = self._upserts.get(shape)
        if stmt is None:
            # Built once per shape, values bound at execution: building the
            # statement cost more than the commit.
            insert = (postgresql if self.dialect == "postgresql" else sqlite).insert
            stmt = insert(table)
            # The unique key makes a repeat an update, even when the same request
            # arrives twice at the same moment.
            stmt = stmt.on_conflict_do_update(
                index_elements=[table.c[name] for name in key],
                set_={name: stmt.excluded[name] for name in replace}
                | {"revision": table.c.revision + 1},
            ).returning(table.c.public_id, table.c.receipt, table.c.revision)
            self._upserts[shape] = stmt
        with self._write() as conn:
            return conn.execute(stmt, values).one()

    def insert_synthetic_budgets(
        self,
        project_id: str,
        items: list[dict] | Mapping[str, Any],
        *,
        synthetic: bool = True,
    ) -> int:
        """Bulk-insert seeded budgets, marked synthetic, in one transaction.
        (`synthetic=False` stores them as residents' ballots: only for tests that
        need many ballots quickly.)

        `items` is a list of dicts (allocation, at, optional district, age_band,
        comment) or, for speed, columns: `lines` (line ids), `amounts` (integers, a
        row per budget and a column per line), `at` (datetime64 in UTC), `district`
        and `age_band` (a value or None per budget) and optionally `comment`. Each
        budget gets a public id, a receipt and the keyed hash of a fresh random
        token that nobody holds, like a submission from a browser.
        """
        rows = self._synthetic_rows(project_id, items, synthetic)
        if not rows:
            return 0
        with self._write() as conn:
            if self.dialect == "postgresql":
                self._copy_budgets(conn, rows)
            else:
                self._executemany_budgets(conn, rows)
        return len(rows)

    # The columns seeding fills, in the order of `_synthetic_rows`' tuples.
    _SEEDED_COLUMNS = (
        "public_id",
        "project_id",
        "token_hash",
        "receipt",
        "allocation",
        "district",
        "age_band",
        "comment",
        "comment_hidden",
        "revision",
        "synthetic",
        "created_at",
        "updated_at",
        "rules_hash",
    )

    def _synthetic_rows(
        self,
        project_id: str,
        items: list[dict] | Mapping[str, Any],
        synthetic: bool = True,
    ) -> list[tuple]:
        """Row tuples in `_SEEDED_COLUMNS` order, with allocations as JSON text
        and times as text in the form this database's column stores them."""
        import json

        import numpy as np

        if isinstance(items, Mapping):
            # JSON text exactly as json.dumps writes this dict, much faster.
            fields = (json.dumps(line).replace("%", "%%") for line in items["lines"])
            template = "{" + ", ".join(field + ": %d" for field in fields) + "}"
            allocations = [template % tuple(row) for row in items["amounts"].tolist()]
            districts = np.asarray(items["district"], dtype=object).tolist()
            age_bands = np.asarray(items["age_band"], dtype=object).tolist()
            comments = items.get("comment")
            if comments is not None:
                comments = np.asarray(comments, dtype=object).tolist()
            at = np.asarray(items["at"], dtype="datetime64[us]")
        else:
            allocations = [json.dumps(dict(item["allocation"])) for item in items]
            districts = [item.get("district") for item in items]
            age_bands = [item.get("age_band") for item in items]
            comments = [item.get("comment") for item in items]
            at = np.array(
                [
                    item["at"].astimezone(dt.UTC).replace(tzinfo=None)
                    if item["at"].tzinfo
                    else item["at"]
                    for item in items
                ],
                dtype="datetime64[us]",
            )
        count = len(allocations)
        if comments is None:
            comments = [None] * count
        if not len(districts) == len(age_bands) == len(comments) == len(at) == count:
            raise ValueError("synthetic budget columns differ in length")
        stamps = np.datetime_as_string(at, unit="us")
        if self.dialect == "postgresql":
            stamps = np.strings.add(stamps, "+00:00")
        else:
            stamps = np.strings.replace(stamps, "T", " ")
        stamps = stamps.tolist()
        public_ids, token_hashes, receipts = self._synthetic_identities(
            project_id, count
        )
        return list(
            zip(
                public_ids,
                [project_id] * count,
                token_hashes,
                receipts,
                allocations,
                districts,
                age_bands,
                comments,
                [False] * count,
                [1] * count,
                [synthetic] * count,
                stamps,
                stamps,
                [self.definitions.get("budget:" + project_id)] * count,
                strict=True,
            )
        )

    def _synthetic_identities(
        self, project_id: str, count: int
    ) -> tuple[list[str], list[str], list[str]]:
        """Public ids, token hashes and receipts for `count` new budgets, from the
        same secure randomness and in the same forms as `submit_budget` uses."""
        import base64
        import os

        import numpy as np

        hex_ids = os.urandom(10 * count).hex()
        public_ids = ["b" + hex_ids[i : i + 20] for i in range(0, 20 * count, 20)]
        # 24 random bytes make the 32 characters of secrets.token_urlsafe(24).
        tokens = base64.urlsafe_b64encode(os.urandom(24 * count)).decode("ascii")
        scope = "budget:" + project_id
        token_hashes = [
            self.token_hash(scope, tokens[i : i + 32]) for i in range(0, 32 * count, 32)
        ]
        # Receipt characters drawn uniformly: bytes past the last whole multiple
        # of the alphabet's length are skipped.
        alphabet = np.frombuffer(RECEIPT_ALPHABET.encode("ascii"), dtype=np.uint8)
        limit = 256 - 256 % len(alphabet)
        wanted = 10 * count
        picked = np.empty(0, dtype=np.uint8)
        while picked.size < wanted:
            raw = np.frombuffer(os.urandom(wanted + wanted // 8 + 16), dtype=np.uint8)
            picked = np.concatenate([picked, raw[raw < limit] % len(alphabet)])
        chars = alphabet[picked[:wanted]].reshape(count, 10)
        codes = np.full((count, 12), ord("-"), dtype=np.uint8)
        codes[:, 0:4] = chars[:, 0:4]
        codes[:, 5:9] = chars[:, 4:8]
        codes[:, 10:12] = chars[:, 8:10]
        text = codes.tobytes().decode("ascii")
        receipts = [text[i : i + 12] for i in range(0, 12 * count, 12)]
        return public_ids, token_hashes, receipts

    def _executemany_budgets(self, conn: Any, rows: list[tuple]) -> None:
        """SQLite: one prepared INSERT for all rows, in this transaction. A larger
        page cache while it runs keeps the unique indexes' pages at hand."""
        previous = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
        conn.exec_driver_sql(f"PRAGMA cache_size=-{self._SEEDING_CACHE_KIB}")
        try:
            conn.exec_driver_sql(
                f"INSERT INTO {budgets.name} ({', '.join(self._SEEDED_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(self._SEEDED_COLUMNS))})",
                rows,
            )
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size={int(previous)}")

    # SQLite page cache (KiB) while seeded rows are inserted.
    _SEEDING_CACHE_KIB = 65536

    def _copy_budgets(self, conn: Any, rows: list[tuple]) -> None:
        """PostgreSQL: the rows through COPY FROM STDIN, in this transaction."""
        driver = conn.connection.driver_connection
        statement = (
            f"COPY {budgets.name} ({', '.join(self._SEEDED_COLUMNS)}) FROM STDIN"
        )
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def find_budget(self, project_id: str, token: str) -> StoredBudget | None:
        """This browser's current budget for the trajectory, if it sent one."""
        token_hash = self.token_hash("budget:" + project_id, token)
        with self._read() as conn:
            row = conn.execute(
                select(budgets).where(
                    budgets.c.project_id == project_id,
                    budgets.c.token_hash == token_hash,
                )
            ).one_or_none()
        return _budget(row) if row else None

    def count_budgets(self, project_id: str | None = None) -> int:
        query = select(func.count()).select_from(budgets)
        if project_id is not None:
            query = query.where(budgets.c.project_id == project_id)
        with self._read() as conn:
            return conn.execute(query).scalar_one()

    def iter_budgets(self, project_id: str) -> Iterator[StoredBudget]:
        return iter(self.budgets_for(project_id))

    def budgets_for(
        self,
        project_id: str,
        *,
        district: str | None = None,
        age_band: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        commented: bool = False,
    ) -> list[StoredBudget]:
        """The current budgets of a trajectory that fit its definition, filtered
        (dates by last change, in Europe/Amsterdam days, `until` inclusive); with
        `commented`, only those with a comment."""
        query = select(budgets).where(
            budgets.c.project_id == project_id, budgets.c.outdated.is_(False)
        )
        query = _filtered(query, budgets, district, age_band, since, until)
        if commented:
            query = query.where(budgets.c.comment.is_not(None))
        with self._read() as conn:
            rows = conn.execute(query.order_by(budgets.c.id)).all()
        return [_budget(row) for row in rows]

    def budget_changes(
        self,
        project_id: str,
        since: dt.datetime | None = None,
        after_id: int | None = None,
        batch: int = 50_000,
    ) -> Iterator[BallotColumns]:
        """The trajectory's ballots changed at or after `since`, or stored after row
        `after_id` (seeded ballots carry earlier dates); all when `since` is None.
        Ballots that no longer fit the definition are left out. In batches of
        columns: what `dashboards.tally` takes in."""
        columns = (
            budgets.c.id,
            budgets.c.allocation,
            budgets.c.district,
            budgets.c.age_band,
            budgets.c.updated_at,
            budgets.c.synthetic,
        )
        query = select(*columns).where(
            budgets.c.project_id == project_id, budgets.c.outdated.is_(False)
        )
        if since is None:
            queries = [query]
        else:
            # Two queries, each along an index, rather than one OR that makes
            # the database read every ballot; a row found twice is taken in once.
            queries = [query.where(budgets.c.updated_at >= since)]
            if after_id is not None:
                # By row id alone: comparing the trajectory as an expression keeps
                # SQLite from walking the trajectory's whole index instead.
                newest = select(*columns).where(
                    budgets.c.id > after_id,
                    (budgets.c.project_id + "") == project_id,
                    budgets.c.outdated.is_(False),
                )
                queries.append(newest)
        with self._read() as conn:
            for chosen in queries:
                result = conn.execution_options(yield_per=batch).execute(
                    chosen.order_by(budgets.c.id)
                )
                for part in result.partitions():
                    yield BallotColumns(
                        *(list(column) for column in zip(*part, strict=True))
                    )

    def save_tally(
        self, project_id: str, data: bytes, ballots: int, watermark: dt.datetime | None
    ) -> None:
        """Replace the trajectory's saved tally. Not a ballot: no `after_write`."""
        values = {
            "project_id": project_id,
            "data": data,
            "ballots": ballots,
            "watermark": watermark,
            "created_at": utcnow(),
            "rules_hash": self.definitions.get("budget:" + project_id),
        }
        insert = (postgresql if self.dialect == "postgresql" else sqlite).insert
        stmt = insert(tally_snapshots).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[tally_snapshots.c.project_id],
            set_={k: stmt.excluded[k] for k in values if k != "project_id"},
        )
        with self.engine.begin() as conn:
            conn.execute(stmt)

    def load_tally(
        self, project_id: str, into: BinaryIO, chunk: int = 8 * 1024 * 1024
    ) -> bool:
        """Write the trajectory's saved tally into `into`; False if there is none
        counted under the current rules (`definitions`).
        Read in pieces: a saved tally of tens of megabytes fetched whole would sit
        in the driver's buffer and in Python at once (and as text on PostgreSQL,
        hex-encoded at twice its size), raising the worker's memory peak."""
        mine = (tally_snapshots.c.project_id == project_id) & (
            tally_snapshots.c.rules_hash.is_not_distinct_from(
                self.definitions.get("budget:" + project_id)
            )
        )
        # One snapshot of the row for all pieces, even if a worker saves anew.
        consistent = (
            {"isolation_level": "REPEATABLE READ"}
            if self.dialect == "postgresql"
            else {}
        )
        with self._read().execution_options(**consistent) as conn:
            size = conn.execute(
                select(func.length(tally_snapshots.c.data)).where(mine)
            ).scalar_one_or_none()
            if size is None:
                return False
            piece = select(
                func.substr(
                    tally_snapshots.c.data, bindparam("start"), bindparam("size")
                )
            ).where(mine)
            if self.dialect == "postgresql":
                # In binary: as text each piece would arrive hex-encoded.
                compiled = piece.compile(dialect=conn.dialect)
                raw = conn.connection.dbapi_connection
                with raw.cursor(binary=True) as cursor:
                    for start in range(1, size + 1, chunk):
                        cursor.execute(
                            str(compiled),
                            compiled.params | {"start": start, "size": chunk},
                        )
                        into.write(cursor.fetchone()[0])
                return True
            for start in range(1, size + 1, chunk):
                part = conn.execute(piece, {"start": start, "size": chunk})
                into.write(part.scalar_one())
        return True

    def set_comment_hidden(self, project_id: str, public_id: str, hidden: bool) -> bool:
        """A moderator's decision on one comment; False if there is no such budget."""
        with self._write() as conn:
            result = conn.execute(
                budgets.update()
                .where(
                    budgets.c.project_id == project_id, budgets.c.public_id == public_id
                )
                .values(comment_hidden=hidden)
            )
        return result.rowcount == 1

    def votes_for(
        self,
        kind: str,
        target_id: str,
        *,
        district: str | None = None,
        age_band: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[StoredVote]:
        """The current votes that fit the poll's or moodboard's definition."""
        query = select(votes).where(
            votes.c.kind == kind,
            votes.c.target_id == target_id,
            votes.c.outdated.is_(False),
        )
        query = _filtered(query, votes, district, age_band, since, until)
        with self._read() as conn:
            rows = conn.execute(query.order_by(votes.c.id)).all()
        return [_vote(row) for row in rows]

    # -- votes (polls and moodboards) ---------------------------------------------

    def submit_vote(
        self,
        kind: str,
        target_id: str,
        choices: tuple[str, ...],
        token: str,
        *,
        other_text: str | None = None,
        district: str | None = None,
        age_band: str | None = None,
        synthetic: bool = False,
    ) -> Receipt:
        """Insert or replace this browser's vote; returns after the commit."""
        now = utcnow()
        values = {
            "public_id": "v" + secrets.token_hex(10),
            "kind": kind,
            "target_id": target_id,
            "token_hash": self.token_hash(f"{kind}:{target_id}", token),
            "receipt": new_receipt(),
            "choices": list(choices),
            "other_text": other_text,
            "district": district,
            "age_band": age_band,
            "revision": 1,
            "synthetic": synthetic,
            "created_at": now,
            "updated_at": now,
            "rules_hash": self.definitions.get(f"{kind}:{target_id}"),
            "outdated": False,
        }
        row = self._upsert(
            votes,
            values,
            ("kind", "target_id", "token_hash"),
            (
                "receipt",
                "choices",
                "other_text",
                "district",
                "age_band",
                "synthetic",
                "updated_at",
                "rules_hash",
                "outdated",
            ),
        )
        return Receipt(row.public_id, row.receipt, row.revision == 1, now)

    def find_vote(self, kind: str, target_id: str, token: str) -> StoredVote | None:
        token_hash = self.token_hash(f"{kind}:{target_id}", token)
        with self._read() as conn:
            row = conn.execute(
                select(votes).where(
                    votes.c.kind == kind,
                    votes.c.target_id == target_id,
                    votes.c.token_hash == token_hash,
                )
            ).one_or_none()
        return _vote(row) if row else None

    def tally(self, kind: str, target_id: str) -> Tally:
        """Counts per choice over the current votes that fit the definition (each
        browser once)."""
        counts: dict[str, int] = {}
        voters = synthetic = 0
        others: list[str] = []
        with self._read() as conn:
            rows = conn.execute(
                select(votes.c.choices, votes.c.other_text, votes.c.synthetic).where(
                    votes.c.kind == kind,
                    votes.c.target_id == target_id,
                    votes.c.outdated.is_(False),
                )
            )
            for choices, other_text, is_synthetic in rows:
                voters += 1
                synthetic += bool(is_synthetic)
                for choice in choices:
                    counts[choice] = counts.get(choice, 0) + 1
                if other_text:
                    others.append(other_text)
        return Tally(voters, counts, synthetic, tuple(others))

    def count_votes(self, kind: str | None = None, target_id: str | None = None) -> int:
        query = select(func.count()).select_from(votes)
        if kind is not None:
            query = query.where(votes.c.kind == kind)
        if target_id is not None:
            query = query.where(votes.c.target_id == target_id)
        with self._read() as conn:
            return conn.execute(query).scalar_one()

    # -- definitions --------------------------------------------------------------

    def _ballots_of(self, kind: str, item_id: str) -> tuple[Table, Any, list]:
        """The table, the ballot-content column and the condition for one
        trajectory's ballots."""
        if kind == "budget":
            return budgets, budgets.c.allocation, [budgets.c.project_id == item_id]
        return (
            votes,
            votes.c.choices,
            [votes.c.kind == kind, votes.c.target_id == item_id],
        )

    def review_ballots(
        self,
        kind: str,
        item_id: str,
        misfits: Callable[[Any, str | None], tuple[str, ...]],
        *,
        write: bool = True,
    ) -> FitReport:
        """Compare a trajectory's stored ballots with its current rules
        (`definitions["<kind>:<id>"]`) and, with `write`, mark those that no longer
        fit as outdated (left out of every result) and the others as counting.

        Only ballots stamped with another version (or none) are read one by one:
        those under the current version were checked against it when cast.
        `misfits(content, other_text)` takes an allocation (dict) or choices (list)
        and gives the reasons it does not fit, empty when it does. A ballot stored
        before versions were kept that fits is stamped with the current version.
        """
        current = self.definitions.get(f"{kind}:{item_id}")
        table, content, mine = self._ballots_of(kind, item_id)
        other = table.c.other_text if table is votes else None
        report = FitReport(kind, item_id)
        stale = ~table.c.rules_hash.is_not_distinct_from(current)
        outdated, counting, stamp = [], [], []
        with self._read() as conn:
            report.ballots = conn.execute(
                select(func.count()).select_from(table).where(*mine)
            ).scalar_one()
            columns = [table.c.id, content, table.c.rules_hash, table.c.outdated]
            rows = conn.execution_options(yield_per=10_000).execute(
                select(*columns, *([other] if other is not None else [])).where(
                    *mine, stale
                )
            )
            for row in rows:
                reasons = misfits(row[1], row[4] if other is not None else None)
                if reasons:
                    report.earlier += 1
                    report.outdated += 1
                    report.reasons.update(reasons)
                    if not row.outdated:
                        outdated.append(row.id)
                elif row.rules_hash is None:
                    stamp.append(row.id)
                else:
                    report.earlier += 1
                    if row.outdated:
                        counting.append(row.id)
        if write:
            self._mark_ballots(table, mine, current, outdated, counting, stamp)
        return report

    def _mark_ballots(
        self,
        table: Table,
        mine: list,
        current: str | None,
        outdated: list[int],
        counting: list[int],
        stamp: list[int],
    ) -> None:
        """Apply a review: flags by row id, in pieces the databases accept."""
        changes = [
            *((ids, {"outdated": True}) for ids in _pieces(outdated)),
            *((ids, {"outdated": False}) for ids in _pieces(counting)),
            *((ids, {"rules_hash": current}) for ids in _pieces(stamp)),
        ]
        with self._write() as conn:
            # Cast under the current version: they fit, whatever an earlier review
            # of another version said.
            conn.execute(
                table.update()
                .where(*mine, table.c.rules_hash == current, table.c.outdated)
                .values(outdated=False)
            )
            for ids, values in changes:
                conn.execute(table.update().where(table.c.id.in_(ids)).values(values))

    def ballot_versions(self, kind: str, item_id: str) -> tuple[int, int]:
        """(cast under another version of the rules, of which no longer fitting)
        for a trajectory, as stored now (a resident who sends again moves to the
        current version)."""
        current = self.definitions.get(f"{kind}:{item_id}")
        table, _, mine = self._ballots_of(kind, item_id)
        stale = ~table.c.rules_hash.is_not_distinct_from(current)
        with self._read() as conn:
            earlier, outdated = conn.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((table.c.outdated, 1), else_=0)), 0),
                ).where(*mine, stale | table.c.outdated)
            ).one()
        return int(earlier), int(outdated)

    # -- backup -------------------------------------------------------------------

    def libpq_url(self) -> str:
        """The database URL as PostgreSQL's own tools take it."""
        return (
            make_url(self.url)
            .set(drivername="postgresql")
            .render_as_string(hide_password=False)
        )

    def sqlite_path(self) -> str:
        return str(make_url(self.url).database)

    def backup_sqlite(self, target: str) -> None:
        """A consistent copy while the app keeps running (SQLite's online backup)."""
        import sqlite3

        private_file(target)
        source = sqlite3.connect(self.sqlite_path())
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()

    def restore_sqlite(self, backup: str) -> None:
        """Replace the database's contents with a backup (stop the app first)."""
        import sqlite3

        self.engine.dispose()
        source = sqlite3.connect(backup)
        destination = sqlite3.connect(self.sqlite_path())
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()

    def integrity_ok(self) -> bool:
        """SQLite's own integrity check; PostgreSQL checks itself as it writes."""
        if self.dialect != "sqlite":
            return self.ping()
        with self._read() as conn:
            return conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"

    # -- privacy ------------------------------------------------------------------

    def purge_token_hashes(self, kind: str, target_id: str) -> int:
        """Forget which browser sent each ballot of a closed trajectory: the keyed
        token hash is replaced by a value derived from the row's own public id (the
        unique key stays unique). Ballots and results are untouched."""
        table = budgets if kind == "budget" else votes
        where = (
            [budgets.c.project_id == target_id]
            if kind == "budget"
            else [votes.c.kind == kind, votes.c.target_id == target_id]
        )
        purged = "purged:" + table.c.public_id
        with self._write() as conn:
            result = conn.execute(
                table.update()
                .where(*where, ~table.c.token_hash.startswith("purged:"))
                .values(token_hash=purged)
            )
        return result.rowcount

    # -- voting codes -------------------------------------------------------------

    def _code_hash(self, scope: str, code: str) -> str:
        return self.token_hash("voting-code:" + scope, code)

    def add_codes(self, scope: str, codes: list[str]) -> None:
        now = utcnow()
        with self._write() as conn:
            conn.execute(
                voting_codes.insert(),
                [
                    {
                        "scope": scope,
                        "code_hash": self._code_hash(scope, code),
                        "redeemed": False,
                        "created_at": now,
                    }
                    for code in codes
                ],
            )

    def redeem_code(self, scope: str, code: str) -> bool:
        """True when the code belongs to this trajectory (it is then marked used;
        using it again is allowed and replaces that ballot)."""
        with self._write() as conn:
            result = conn.execute(
                voting_codes.update()
                .where(
                    voting_codes.c.scope == scope,
                    voting_codes.c.code_hash == self._code_hash(scope, code),
                )
                .values(redeemed=True)
            )
        return result.rowcount == 1

    def code_counts(self, scope: str) -> tuple[int, int]:
        """(codes issued, codes used) for a trajectory."""
        with self._read() as conn:
            rows = conn.execute(
                select(voting_codes.c.redeemed, func.count())
                .where(voting_codes.c.scope == scope)
                .group_by(voting_codes.c.redeemed)
            ).all()
        counts = {bool(redeemed): count for redeemed, count in rows}
        return sum(counts.values()), counts.get(True, 0)

    # -- presentation snapshots -------------------------------------------------

    def save_snapshot(
        self, project_id: str, content: dict, content_hash: str, created_by: str
    ) -> tuple[str, dt.datetime]:
        public_id = "s" + secrets.token_hex(8)
        now = utcnow()
        with self._write() as conn:
            conn.execute(
                snapshots.insert().values(
                    public_id=public_id,
                    project_id=project_id,
                    content=content,
                    content_hash=content_hash,
                    created_by=created_by,
                    created_at=now,
                )
            )
        return public_id, now

    def get_snapshot(self, project_id: str, public_id: str) -> dict | None:
        with self._read() as conn:
            row = conn.execute(
                select(snapshots).where(
                    snapshots.c.project_id == project_id,
                    snapshots.c.public_id == public_id,
                )
            ).one_or_none()
        if row is None:
            return None
        return {
            "id": row.public_id,
            "content": row.content,
            "hash": row.content_hash,
            "created_at": row.created_at,
        }

    # -- dashboard accounts -----------------------------------------------------------

    def count_users(self) -> int:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(users)).scalar_one()

    def add_user(self, name: str, password_hash: str, role: str) -> bool:
        """Create an account; False when the name is taken."""
        insert = (postgresql if self.dialect == "postgresql" else sqlite).insert
        stmt = (
            insert(users)
            .values(
                name=name, password_hash=password_hash, role=role, created_at=utcnow()
            )
            .on_conflict_do_nothing(index_elements=[users.c.name])
        )
        with self._write() as conn:
            return conn.execute(stmt).rowcount == 1

    def set_password(self, name: str, password_hash: str) -> None:
        with self._write() as conn:
            conn.execute(
                users.update()
                .where(users.c.name == name)
                .values(password_hash=password_hash)
            )

    def set_role(self, name: str, role: str) -> None:
        with self._write() as conn:
            conn.execute(users.update().where(users.c.name == name).values(role=role))

    def find_user(self, name: str) -> User | None:
        with self._read() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).one_or_none()
        return User(row.id, row.name, row.role, row.password_hash) if row else None

    # -- personal API tokens ---------------------------------------------------------

    def api_token_hash(self, token: str) -> str:
        """Keyed hash of a personal API token (HMAC-SHA256 with the secret key, in a
        scope of its own): the token itself is never stored."""
        return self.token_hash("api-token", token)

    def add_api_token(
        self, user_name: str, public_id: str, token: str, scope: str, label: str
    ) -> bool:
        """Keep the hash of a new token for an account; False if no such account."""
        user = self.find_user(user_name)
        if user is None:
            return False
        with self._write() as conn:
            conn.execute(
                api_tokens.insert().values(
                    public_id=public_id,
                    user_id=user.id,
                    token_hash=self.api_token_hash(token),
                    scope=scope,
                    label=label,
                    created_at=utcnow(),
                )
            )
        return True

    def find_api_token(self, token: str) -> ApiToken | None:
        """The live (not revoked) token with this value and its account, or None."""
        query = (
            select(
                api_tokens.c.public_id, api_tokens.c.scope, users.c.name, users.c.role
            )
            .join(users, users.c.id == api_tokens.c.user_id)
            .where(
                api_tokens.c.token_hash == self.api_token_hash(token),
                api_tokens.c.revoked_at.is_(None),
            )
        )
        with self._read() as conn:
            row = conn.execute(query).one_or_none()
        return ApiToken(row.public_id, row.name, row.role, row.scope) if row else None

    def list_api_tokens(self, user_name: str | None = None) -> list[dict[str, Any]]:
        """Every token, never its value: id, account, scope, label, created and
        revoked times."""
        query = (
            select(
                api_tokens.c.public_id,
                users.c.name,
                api_tokens.c.scope,
                api_tokens.c.label,
                api_tokens.c.created_at,
                api_tokens.c.revoked_at,
            )
            .join(users, users.c.id == api_tokens.c.user_id)
            .order_by(api_tokens.c.id)
        )
        if user_name is not None:
            query = query.where(users.c.name == user_name)
        with self._read() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def revoke_api_token(self, public_id: str) -> bool:
        """Refuse a token from now on; False when no live token has this id."""
        with self._write() as conn:
            return (
                conn.execute(
                    api_tokens.update()
                    .where(
                        api_tokens.c.public_id == public_id,
                        api_tokens.c.revoked_at.is_(None),
                    )
                    .values(revoked_at=utcnow())
                ).rowcount
                == 1
            )

    # -- moodboard pictures ---------------------------------------------------------

    def add_image(self, image: UploadedImage, data: bytes) -> bool:
        """Store an already re-encoded picture; False (nothing changed) when the
        moodboard already has an uploaded picture with this id."""
        try:
            self._insert_image(image, data)
        except IntegrityError:
            return False
        return True

    def _insert_image(self, image: UploadedImage, data: bytes) -> None:
        with self._write() as conn:
            conn.execute(
                moodboard_images.insert().values(
                    moodboard_id=image.moodboard_id,
                    image_id=image.image_id,
                    title_nl=image.title["nl"],
                    title_en=image.title.get("en"),
                    alt_nl=image.alt["nl"],
                    alt_en=image.alt.get("en"),
                    description_nl=image.description.get("nl"),
                    description_en=image.description.get("en"),
                    data=data,
                    created_at=utcnow(),
                )
            )

    def uploaded_images(self, moodboard_id: str) -> list[UploadedImage]:
        with self._read() as conn:
            rows = conn.execute(
                select(moodboard_images)
                .where(moodboard_images.c.moodboard_id == moodboard_id)
                .order_by(moodboard_images.c.id)
            ).all()
        return [
            UploadedImage(
                row.moodboard_id,
                row.image_id,
                {"nl": row.title_nl, "en": row.title_en},
                {"nl": row.alt_nl, "en": row.alt_en},
                {"nl": row.description_nl, "en": row.description_en},
            )
            for row in rows
        ]

    def image_data(self, moodboard_id: str, image_id: str) -> bytes | None:
        with self._read() as conn:
            return conn.execute(
                select(moodboard_images.c.data).where(
                    moodboard_images.c.moodboard_id == moodboard_id,
                    moodboard_images.c.image_id == image_id,
                )
            ).scalar_one_or_none()


@dataclasses.dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    password_hash: str


@dataclasses.dataclass(frozen=True)
class ApiToken:
    """A live personal API token: its public id, its account and what it may do."""

    public_id: str
    user_name: str
    role: str
    scope: str


def _filtered(query, table, district, age_band, since, until):
    if district is not None:
        query = query.where(table.c.district == district)
    if age_band is not None:
        query = query.where(table.c.age_band == age_band)
    # Dates are Europe/Amsterdam days: a ballot at 00:30 in Den Haag counts on
    # that day, not on the UTC day before.
    if since is not None:
        query = query.where(table.c.updated_at >= _day_start(since))
    if until is not None:
        query = query.where(table.c.updated_at < _day_start(until + dt.timedelta(1)))
    return query


def _pieces(ids: list[int], size: int = 5000) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _day_start(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return local.astimezone(dt.UTC)


def _vote(row: Any) -> StoredVote:
    return StoredVote(
        id=row.public_id,
        kind=row.kind,
        target_id=row.target_id,
        choices=tuple(row.choices),
        other_text=row.other_text,
        district=row.district,
        age_band=row.age_band,
        revision=row.revision,
        synthetic=row.synthetic,
        updated_at=row.updated_at,
        outdated=bool(row.outdated),
    )


def _budget(row: Any) -> StoredBudget:
    return StoredBudget(
        id=row.public_id,
        project_id=row.project_id,
        allocation=dict(row.allocation),
        district=row.district,
        age_band=row.age_band,
        comment=row.comment,
        revision=row.revision,
        synthetic=row.synthetic,
        created_at=row.created_at,
        updated_at=row.updated_at,
        comment_hidden=bool(row.comment_hidden),
        outdated=bool(row.outdated),
    )


@dataclasses.dataclass(frozen=True)
class BallotColumns:
    """Ballots as parallel lists (row id, allocation, district, age band, last
    change, synthetic)."""

    ids: list[int]
    allocations: list[dict]
    districts: list[str | None]
    age_bands: list[str | None]
    updated_at: list[dt.datetime]
    synthetic: list[bool]


@dataclasses.dataclass(frozen=True)
class StoredVote:
    id: str
    kind: str
    target_id: str
    choices: tuple[str, ...]
    other_text: str | None
    district: str | None
    age_band: str | None
    revision: int
    synthetic: bool
    updated_at: dt.datetime
    # No longer fits the poll's or moodboard's current definition.
    outdated: bool = False


@dataclasses.dataclass(frozen=True)
class Tally:
    """How many voted, and how often each choice was picked."""

    voters: int
    counts: dict[str, int]
    synthetic: int = 0
    others: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class UploadedImage:
    moodboard_id: str
    image_id: str
    title: dict[str, str | None]
    alt: dict[str, str | None]
    description: dict[str, str | None]

"""The store's kernel: the engine, transactions, the tables every kind shares
(accounts, API tokens, voting codes) and what it does for any kind's ballots
(definition review, purge, backup). Feature store parts add their tables and
methods; `budgetschuiver/store.py` puts them together."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import hmac
import secrets
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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

from budgetschuiver.kernel.definitions import FitReport
from budgetschuiver.kernel.private import private_file, private_folder
from budgetschuiver.kernel.settings import REPO_ROOT

metadata = MetaData()


def definition_columns() -> tuple[Column, Column]:
    """Which version of the trajectory's rules a ballot was cast under
    (`definitions.rules_hash`; NULL: stored before versions were kept), and whether
    it no longer fits the current rules (then it is left out of every result)."""
    return (
        Column("rules_hash", String(16)),
        Column(
            "outdated", Boolean, nullable=False, default=False, server_default=false()
        ),
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


def filtered_query(query, table, district, age_band, since, until):
    if district is not None:
        query = query.where(table.c.district == district)
    if age_band is not None:
        query = query.where(table.c.age_band == age_band)
    # Dates are Europe/Amsterdam days: a ballot at 00:30 in Den Haag counts on
    # that day, not on the UTC day before.
    if since is not None:
        query = query.where(table.c.updated_at >= day_start(since))
    if until is not None:
        query = query.where(table.c.updated_at < day_start(until + dt.timedelta(1)))
    return query


@dataclasses.dataclass(frozen=True)
class BallotTable:
    """Where a kind's ballots are stored: the table, the column holding a ballot's
    content, its free-text column (if any), and `owner(kind, item_id)`: the
    condition for one trajectory's ballots."""

    table: Table
    content: Column
    other: Column | None
    owner: Callable[[str, str], list]


# Kind name -> where its ballots are stored; "*" for every kind not named. Filled
# by the feature store parts (`register_ballot_table`).
_BALLOT_TABLES: dict[str, BallotTable] = {}


def register_ballot_table(kind: str, where: BallotTable) -> None:
    """Say where a kind's ballots live (`"*"`: every kind without its own)."""
    _BALLOT_TABLES[kind] = where


def ballot_table(kind: str) -> BallotTable:
    """The table a kind's ballots live in."""
    return _BALLOT_TABLES.get(kind) or _BALLOT_TABLES["*"]


def in_pieces(ids: list[int], size: int = 5000) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def day_start(day: dt.date) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo("Europe/Amsterdam"))
    return local.astimezone(dt.UTC)


class KernelStore:
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
                conn.execute(select(func.count()).select_from(users).limit(1))
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

    def token_hash(self, scope: str, token: str) -> str:
        """Keyed hash of a browser token, per trajectory: the token itself is never
        stored, and the same browser cannot be linked across trajectories."""
        message = f"{scope}\x00{token}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

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
        where = ballot_table(kind)
        table, content, other = where.table, where.content, where.other
        mine = where.owner(kind, item_id)
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
            *((ids, {"outdated": True}) for ids in in_pieces(outdated)),
            *((ids, {"outdated": False}) for ids in in_pieces(counting)),
            *((ids, {"rules_hash": current}) for ids in in_pieces(stamp)),
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
        where = ballot_table(kind)
        table, mine = where.table, where.owner(kind, item_id)
        stale = ~table.c.rules_hash.is_not_distinct_from(current)
        with self._read() as conn:
            earlier, outdated = conn.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((table.c.outdated, 1), else_=0)), 0),
                ).where(*mine, stale | table.c.outdated)
            ).one()
        return int(earlier), int(outdated)

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

    def purge_token_hashes(self, kind: str, target_id: str) -> int:
        """Forget which browser sent each ballot of a closed trajectory: the keyed
        token hash is replaced by a value derived from the row's own public id (the
        unique key stays unique). Ballots and results are untouched."""
        table = ballot_table(kind).table
        where = ballot_table(kind).owner(kind, target_id)
        purged = "purged:" + table.c.public_id
        with self._write() as conn:
            result = conn.execute(
                table.update()
                .where(*where, ~table.c.token_hash.startswith("purged:"))
                .values(token_hash=purged)
            )
        return result.rowcount

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

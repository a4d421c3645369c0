"""The only module that touches the database: tables, connections, reads and writes.

SQLite is the embedded default (WAL, synchronous=FULL, busy timeout, BEGIN IMMEDIATE
for writes, so concurrent writers queue instead of failing); PostgreSQL is production.
A submission is confirmed to the resident only after its transaction has committed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

metadata = MetaData()

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
    Column("revision", Integer, nullable=False),
    Column("synthetic", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "token_hash", name="uq_budgets_project_token"),
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


def normalize_url(url: str) -> str:
    """Accept plain postgresql:// URLs and use psycopg 3 for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


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


class Store:
    """Database access for ballots. Create one per app; it owns the engine."""

    def __init__(self, url: str, secret_key: str) -> None:
        self.url = normalize_url(url)
        self._key = secret_key.encode("utf-8")
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 10}
            )
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)

    # -- schema -------------------------------------------------------------------

    def init_db(self) -> None:
        """Create missing tables; safe to run again."""
        metadata.create_all(self.engine)

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
            "revision": 1,
            "synthetic": synthetic,
            "created_at": now,
            "updated_at": now,
        }
        insert = (postgresql if self.dialect == "postgresql" else sqlite).insert
        stmt = insert(budgets).values(**values)
        # The unique (project, token) key makes a repeat an update, atomically, even
        # when the same request arrives twice at once.
        stmt = stmt.on_conflict_do_update(
            index_elements=[budgets.c.project_id, budgets.c.token_hash],
            set_={
                "receipt": stmt.excluded.receipt,
                "allocation": stmt.excluded.allocation,
                "district": stmt.excluded.district,
                "age_band": stmt.excluded.age_band,
                "comment": stmt.excluded.comment,
                "synthetic": stmt.excluded.synthetic,
                "updated_at": stmt.excluded.updated_at,
                "revision": budgets.c.revision + 1,
            },
        ).returning(budgets.c.public_id, budgets.c.receipt, budgets.c.revision)
        with self.engine.begin() as conn:
            row = conn.execute(stmt).one()
        return Receipt(row.public_id, row.receipt, row.revision == 1, now)

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
        with self._read() as conn:
            rows = conn.execute(
                select(budgets)
                .where(budgets.c.project_id == project_id)
                .order_by(budgets.c.id)
            ).all()
        return (_budget(row) for row in rows)


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
    )

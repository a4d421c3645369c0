"""The budgets' part of the store: stored budgets, their saved tallies and the
presentation snapshots."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from budgetschuiver.kernel.store import (
    RECEIPT_ALPHABET,
    BallotTable,
    KernelStore,
    Receipt,
    definition_columns,
    filtered_query,
    metadata,
    new_receipt,
    register_ballot_table,
    utcnow,
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
    *definition_columns(),
    UniqueConstraint("project_id", "token_hash", name="uq_budgets_project_token"),
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


# A trajectory's counted results (`dashboards.budgets.tally`), saved so that a fresh
# worker starts from them and reads only the ballots changed since `watermark`.
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


Index("ix_budgets_project_updated", budgets.c.project_id, budgets.c.updated_at)


BUDGET_BALLOTS = BallotTable(
    budgets,
    budgets.c.allocation,
    None,
    lambda _kind, item_id: [budgets.c.project_id == item_id],
)
register_ballot_table("budget", BUDGET_BALLOTS)


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


class BudgetStore(KernelStore):
    """The budgets methods of the store (a part of `budgetschuiver.store.Store`)."""

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
        query = filtered_query(query, budgets, district, age_band, since, until)
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
        columns: what `dashboards.budgets.tally` takes in."""
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

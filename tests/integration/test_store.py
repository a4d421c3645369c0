"""The store on real databases: durability, replacement, concurrency, privacy."""

from __future__ import annotations

import re
import threading

from sqlalchemy import inspect, select, text

from budgetschuiver.budgets.store import budgets
from budgetschuiver.kernel.store import RECEIPT_ALPHABET
from budgetschuiver.store import Store

ALLOCATION = {"a": 1, "b": 2}


def test_sto001_sqlite_runs_in_wal_with_full_sync(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'x.db'}", "k" * 32)
    store.init_db()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    store.dispose()


def test_sto002_init_db_is_idempotent(backend_store):
    backend_store.init_db()
    backend_store.init_db()
    assert "budgets" in inspect(backend_store.engine).get_table_names()


def test_sto003_submit_replace_and_receipts(backend_store):
    first = backend_store.submit_budget(
        "p", ALLOCATION, "token-" + "x" * 20, district="laak"
    )
    assert first.created
    assert re.fullmatch(
        rf"[{RECEIPT_ALPHABET}]{{4}}-[{RECEIPT_ALPHABET}]{{4}}-"
        rf"[{RECEIPT_ALPHABET}]{{2}}",
        first.receipt,
    )
    second = backend_store.submit_budget("p", {"a": 3, "b": 0}, "token-" + "x" * 20)
    assert not second.created and second.id == first.id
    assert backend_store.count_budgets("p") == 1
    stored = backend_store.find_budget("p", "token-" + "x" * 20)
    assert stored.allocation == {"a": 3, "b": 0}
    assert stored.district is None and stored.revision == 2
    assert backend_store.find_budget("other", "token-" + "x" * 20) is None


def test_sto004_token_stored_only_as_keyed_hash_scoped_per_trajectory(backend_store):
    token = "my-secret-browser-token-123"
    backend_store.submit_budget("p1", ALLOCATION, token)
    backend_store.submit_budget("p2", ALLOCATION, token)
    with backend_store.engine.connect() as conn:
        hashes = conn.execute(select(budgets.c.token_hash)).scalars().all()
    assert token not in "".join(hashes)
    assert len(set(hashes)) == 2  # the same browser is not linkable across projects
    other_key = Store(backend_store.url, "another-key-" + "y" * 20)
    assert other_key.token_hash("budget:p1", token) not in hashes
    other_key.dispose()


def _hammer(store, calls):
    results, errors = [], []
    barrier = threading.Barrier(len(calls))

    def run(args):
        barrier.wait()
        try:
            results.append(store.submit_budget(*args))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(args,)) for args in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_sto005_same_request_at_the_same_moment_counts_once(backend_store):
    token = "same-browser-token-xyz"
    results, errors = _hammer(backend_store, [("p", ALLOCATION, token)] * 12)
    assert errors == []
    assert sum(result.created for result in results) == 1
    assert len({result.id for result in results}) == 1
    assert backend_store.count_budgets("p") == 1
    assert backend_store.find_budget("p", token).revision == 12


def test_sto006_concurrent_residents_all_confirmed_and_stored(backend_store):
    calls = [("p", ALLOCATION, f"resident-token-{i:04d}") for i in range(24)]
    results, errors = _hammer(backend_store, calls)
    assert errors == []
    assert len(results) == 24 and all(result.created for result in results)
    assert backend_store.count_budgets("p") == 24


def test_sto007_ping(backend_store, tmp_path):
    assert backend_store.ping()
    broken = Store(f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.db'}", "k" * 32)
    assert not broken.ping()  # no tables yet
    broken.dispose()


def test_sto008_purge_forgets_browsers_but_keeps_ballots(backend_store):
    token = "resident-token-to-forget"
    backend_store.submit_budget("p", ALLOCATION, token)
    backend_store.submit_vote("poll", "q", ("a",), token)
    backend_store.submit_budget("other", ALLOCATION, token)
    assert backend_store.purge_token_hashes("budget", "p") == 1
    assert backend_store.purge_token_hashes("poll", "q") == 1
    assert backend_store.purge_token_hashes("budget", "p") == 0  # already done
    assert backend_store.find_budget("p", token) is None  # no longer linkable
    assert backend_store.count_budgets("p") == 1  # the ballot stays
    assert backend_store.tally("poll", "q").counts == {"a": 1}
    assert backend_store.find_budget("other", token) is not None  # not due: untouched
    again = backend_store.submit_budget("p", ALLOCATION, token)
    assert again.created  # the same browser now counts as new: it was forgotten


def test_sto009_migrated_schema_equals_the_models(backend_store):
    """init-db runs the Alembic migrations; the result must be exactly the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from budgetschuiver.store import metadata

    with backend_store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        version = conn.exec_driver_sql(
            "SELECT version_num FROM alembic_version"
        ).scalar()
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from budgetschuiver.kernel.settings import REPO_ROOT

    head = ScriptDirectory.from_config(
        Config(str(REPO_ROOT / "alembic.ini"))
    ).get_current_head()
    assert version == head


def test_sto010_sqlite_writers_queue_on_the_write_lock(tmp_path):
    import fcntl

    path = tmp_path / "queue.db"
    store = Store(f"sqlite:///{path}", "k" * 32)
    store.init_db()
    done = []
    writer = threading.Thread(
        target=lambda: done.append(
            store.submit_budget("p", {"a": 1}, "a-token-of-sixteen-chars")
        )
    )
    # Another process's writer holds the lock: this one waits, nothing is written.
    with open(f"{path}.write-lock", "a+b") as other:
        fcntl.flock(other, fcntl.LOCK_EX)
        writer.start()
        writer.join(0.5)
        assert writer.is_alive() and store.count_budgets() == 0
        fcntl.flock(other, fcntl.LOCK_UN)
    writer.join(10)
    assert not writer.is_alive() and done and store.count_budgets() == 1
    store.dispose()

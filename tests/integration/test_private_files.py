"""Files that hold ballots, voting codes or keys are readable by their owner only,
whatever the process's umask."""

from __future__ import annotations

import os
import stat

import pytest

from budgetschuiver.kernel.settings import Settings
from budgetschuiver.store import Store
from tests.conftest import TEST_SECRET
from tests.integration.test_cli import _env, _pg_env, run_cli


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The usual 022 umask, under which plain file creation gives 0644."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_priv001_database_files_are_owner_only(tmp_path, open_umask):
    """Class: every file SQLite keeps ballots in (the database, its write-ahead log
    and shared-memory index, our write lock) and the folder created for it, new or
    left world-readable by an older version."""
    folder = tmp_path / "new-folder"
    database = folder / "ballots.db"
    store = Store(f"sqlite:///{database}", TEST_SECRET)
    store.init_db()
    store.submit_budget("p", {"a": 1}, "token-private-files-1")
    with store._read() as conn:  # keeps the WAL and its index open
        conn.exec_driver_sql("SELECT 1")
        for suffix in ("", "-wal", "-shm", ".write-lock"):
            assert mode(f"{database}{suffix}") == 0o600, suffix
    assert mode(folder) == 0o700
    store.dispose()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{database}{suffix}"):
            os.chmod(f"{database}{suffix}", 0o644)
    Store(f"sqlite:///{database}", TEST_SECRET).dispose()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{database}{suffix}"):
            assert mode(f"{database}{suffix}") == 0o600, suffix


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_priv002_backups_are_owner_only(tmp_path, backend, open_umask):
    """Class: backups on every database the project supports, new files and files
    that already existed with a wider mode."""
    from tests.integration.conftest import _drop_everything

    env = _env(tmp_path) if backend == "sqlite" else _pg_env(tmp_path)
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    if backend == "postgresql":
        _drop_everything(store)
    store.init_db()
    store.submit_budget("p", {"a": 1}, "token-private-files-2")
    fresh, existing = tmp_path / "fresh.bak", tmp_path / "existing.bak"
    existing.write_bytes(b"")
    existing.chmod(0o644)
    for target in (fresh, existing):
        made = run_cli("backup", "--to", str(target), env=env)
        assert made.returncode == 0, made.stderr
        assert mode(target) == 0o600, target
        assert target.stat().st_size > 0
    if backend == "postgresql":
        _drop_everything(store)
    store.dispose()


def test_priv003_voting_codes_and_generated_key_are_owner_only(
    tmp_path, data_dir, open_umask
):
    """Class: other files that let someone cast or link ballots: the voting-code
    list (each code casts a ballot) and the generated secret key with its folder."""
    env = _env(tmp_path, data_dir)
    out = tmp_path / "codes.csv"
    made = run_cli(
        "codes", "--project", "park-codes", "--count", "3", "--out", str(out), env=env
    )
    assert made.returncode == 0, made.stderr
    assert mode(out) == 0o600
    instance = tmp_path / "fresh-instance"
    Settings(instance_dir=str(instance)).resolved_secret_key()
    assert mode(instance / "secret_key") == 0o600
    assert mode(instance) == 0o700

"""Shared fixtures: a fresh app with its own database and data folder per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from budgetschuiver.kernel.context import EXTENSION
from budgetschuiver.kernel.settings import REPO_ROOT, Settings

TEST_SECRET = "test-secret-key-not-for-production-0123456789"


def write_variant(
    folder: Path, source: str, new_id: str, kind: str = "projects", **changes: object
) -> Path:
    """Copy a demo trajectory under a new id with some fields changed."""
    data = yaml.safe_load((REPO_ROOT / "data" / kind / source).read_text())
    data.update(changes, id=new_id)
    path = folder / kind / f"{new_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return path


# Tests that take seconds each (a killed server, two hosts, a real gunicorn): left out
# by `make test-fast`, run by `make test`.
SLOW = (
    "test_durability.py",
    "test_multiprocess.py",
    "cli005",
    "cli013",
    # Every combination of answers against the protected table: about 50 s alone.
    "prot001",
)


def pytest_collection_modifyitems(config, items):
    """Mark the tiers so a developer can pick them: `-m "not browser"`, `-m postgres`,
    `-m "not slow"`."""
    for item in items:
        path = item.path.as_posix()
        if "/tests/browser/" in path:
            item.add_marker(pytest.mark.browser)
        params = getattr(getattr(item, "callspec", None), "params", {})
        on_postgres = any(
            isinstance(value, str) and value == "postgresql"
            for value in params.values()
        )
        if on_postgres or "test_multiprocess.py" in path:
            item.add_marker(pytest.mark.postgres)
        if any(part in item.nodeid for part in SLOW):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """The demo trajectories plus closed/upcoming copies of the park, a closed poll
    and a closed moodboard."""
    folder = tmp_path / "data"
    shutil.copytree(REPO_ROOT / "data", folder)
    write_variant(
        folder,
        "park-zuiderpark.yaml",
        "park-closed",
        opens="2020-01-01",
        closes="2020-12-31",
    )
    write_variant(
        folder,
        "park-zuiderpark.yaml",
        "park-upcoming",
        opens="2099-01-01",
        closes="2099-12-31",
    )
    write_variant(
        folder,
        "fietsparkeren-centrum.yaml",
        "poll-closed",
        kind="polls",
        opens="2020-01-01",
        closes="2020-12-31",
        results_visible="after_vote",
    )
    write_variant(
        folder,
        "speeltuin-transvaal.yaml",
        "board-closed",
        kind="moodboards",
        opens="2020-01-01",
        closes="2020-12-31",
    )
    write_variant(folder, "park-zuiderpark.yaml", "park-codes", integrity="code")
    pictures = folder / "moodboards" / "images"
    shutil.copytree(pictures / "speeltuin-transvaal", pictures / "board-closed")
    return folder


@pytest.fixture
def settings(tmp_path: Path, data_dir: Path) -> Settings:
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'test.db'}",
        secret_key=TEST_SECRET,
        instance_dir=str(tmp_path / "instance"),
        data_dir=str(data_dir),
    )


@pytest.fixture
def app(settings: Settings):
    from app import create_app

    dash_app = create_app(settings)
    yield dash_app
    dash_app.server.extensions[EXTENSION].store.dispose()


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def services(app):
    return app.server.extensions[EXTENSION]


@pytest.fixture
def store(services):
    return services.store


@pytest.fixture
def catalog(services):
    return services.catalog

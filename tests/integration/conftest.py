"""Integration fixtures: a Store on SQLite and, when reachable, on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from budgetschuiver.kernel.store import metadata, normalize_url
from budgetschuiver.store import Store
from tests.conftest import TEST_SECRET

PG_ENV = "BUDGETSCHUIVER_TEST_PG_URL"


def _pg_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(
            f"!!! PostgreSQL tests SKIPPED: {PG_ENV} is not set "
            "(e.g. postgresql://root@127.0.0.1:5432/test)"
        )
    try:
        engine = create_engine(normalize_url(url))
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        pytest.skip(f"!!! PostgreSQL tests SKIPPED: {url} is not reachable: {exc}")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_store(request, tmp_path):
    """A fresh, empty store on each database the project supports."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'store.db'}", TEST_SECRET)
    else:
        store = Store(_pg_url(), TEST_SECRET)
        _drop_everything(store)
    store.init_db()
    yield store
    if request.param == "postgresql":
        _drop_everything(store)
    store.dispose()


def _drop_everything(store: Store) -> None:
    """Tables and Alembic's version record: the next test migrates from nothing."""
    metadata.drop_all(store.engine)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def _empty(url: str, secret: str) -> None:
    store = Store(url, secret)
    _drop_everything(store)
    store.dispose()


def settings_on(database: str, settings):
    """`settings` on `database` ("sqlite" as given, or "postgresql" emptied before
    and after): for a module that overrides the `settings` fixture with
    `params=DATABASES` to run its app on both."""
    if database == "sqlite":
        yield settings
        return
    import dataclasses

    url = _pg_url()
    _empty(url, settings.secret_key)
    yield dataclasses.replace(settings, database_url=url)
    _empty(url, settings.secret_key)


DATABASES = ["sqlite", "postgresql"]


def log_in(client, name: str, password: str) -> None:
    """Sign `name` in through the login form, as a browser does (CSRF token from
    the form first)."""
    import re

    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    answer = client.post(
        "/login", data={"username": name, "password": password, "csrf_token": token}
    )
    assert answer.status_code == 303, answer.status_code

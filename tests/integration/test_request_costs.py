"""What a signed-in request no longer pays for each time, and what still holds:
the account is looked up at most every ACCOUNT_SECONDS per process (a demoted or
removed account loses access within that window), the session cookie is signed
again at most every SESSION_REFRESH_SECONDS (the 8 hours still run from the last
request), and a kept overview answer is read from the shared cache once per
process, not on every request."""

from __future__ import annotations

import types

import itsdangerous.timed
import pytest
from sqlalchemy import event

from budgetschuiver.kernel import security
from budgetschuiver.kernel.context import EXTENSION
from budgetschuiver.kernel.recent import Recent
from budgetschuiver.kernel.store import users
from dashboards.kernel import answers, auth
from dashboards.moodboards.uploads import PATH as ADMIN_PAGE
from tests.integration.conftest import DATABASES, log_in, settings_on
from tests.integration.test_dashboard import (
    PARK,
    PASSWORD,
    dashboard_callbacks,
    fake_payload,
    park_budgets,
    seed,
)
from tests.integration.test_stale_answers import (
    _signed_in_payload,
    _someone_is_making_it,
)

HOUR = 3600


@pytest.fixture(params=DATABASES)
def settings(request, settings):
    """This module's app on SQLite and on PostgreSQL."""
    yield from settings_on(request.param, settings)


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _log_in(client, name: str) -> None:
    log_in(client, name, PASSWORD)


@pytest.fixture
def admin(app):
    with app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    return "beheer"


def test_rq001_account_kept_per_process_for_its_window(app, client, store, admin):
    clock = Clock(0.0)
    app.server.extensions[auth.ACCOUNTS_EXTENSION] = Recent(
        auth.ACCOUNT_SECONDS, clock=clock
    )
    _log_in(client, admin)
    queries: list[str] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda *args: queries.append(args[2]),
    )
    for _ in range(3):
        assert client.get(ADMIN_PAGE).status_code == 200
    # Read after the login, then not again within the window.
    assert len([q for q in queries if "FROM users" in q]) == 1

    store.set_role(admin, "advisor")
    clock.now += auth.ACCOUNT_SECONDS - 0.01
    assert client.get(ADMIN_PAGE).status_code == 200  # at most this long behind
    clock.now += 0.01
    assert client.get(ADMIN_PAGE).status_code == 403  # demoted: admin page refused

    with store.engine.begin() as conn:
        conn.execute(users.delete().where(users.c.name == admin))
    assert client.get(ADMIN_PAGE).status_code == 403
    clock.now += auth.ACCOUNT_SECONDS
    gone = client.get(ADMIN_PAGE)
    assert gone.status_code == 302 and "/login" in gone.headers["Location"]
    overview = fake_payload(
        next(
            cb
            for cb in dashboard_callbacks(client)
            if cb["output"] == "db-overview.children"
        )
    )
    assert client.post("/_dash-update-component", json=overview).status_code == 401


def test_rq002_login_in_this_process_counts_at_once(app, client, store, admin):
    clock = Clock(0.0)
    app.server.extensions[auth.ACCOUNTS_EXTENSION] = Recent(
        auth.ACCOUNT_SECONDS, clock=clock
    )
    _log_in(client, admin)
    assert client.get(ADMIN_PAGE).status_code == 200
    store.set_role(admin, "advisor")
    _log_in(client, admin)  # logging in again reads the account afresh
    assert client.get(ADMIN_PAGE).status_code == 403


@pytest.fixture
def fake_time(monkeypatch):
    """Wall-clock time as itsdangerous (cookie and CSRF signatures) and the session
    interface see it, moved by the test."""
    clock = Clock(1_800_000_000.0)
    fake = types.SimpleNamespace(time=clock)
    monkeypatch.setattr(itsdangerous.timed, "time", fake)
    monkeypatch.setattr(security, "time", fake)
    return clock


def _log_in_with_page(client, name: str) -> None:
    """Log in and open a page: its first form puts the CSRF secret in the session
    (a change, so the cookie is signed then)."""
    _log_in(client, name)
    assert _session_set(client.get(ADMIN_PAGE))


def _session_set(response) -> bool:
    return any(
        h.startswith("bs_session=") for h in response.headers.getlist("Set-Cookie")
    )


def test_rq003_session_signed_again_at_most_each_minute(client, admin, fake_time):
    _log_in_with_page(client, admin)
    fake_time.now += security.SESSION_REFRESH_SECONDS - 1
    quiet = client.get(ADMIN_PAGE)
    assert quiet.status_code == 200 and not _session_set(quiet)
    fake_time.now += 1
    signed = client.get(ADMIN_PAGE)
    assert signed.status_code == 200 and _session_set(signed)
    again = client.get(ADMIN_PAGE)
    assert again.status_code == 200 and not _session_set(again)


def test_rq004_eight_hours_run_from_the_last_request(client, admin, fake_time):
    _log_in(client, admin)
    for _ in range(3):  # a working day and more, a request every 7 hours
        fake_time.now += 7 * HOUR
        assert client.get(ADMIN_PAGE).status_code == 200
    # Idle for 8 hours after the last request (signed then): signed out.
    fake_time.now += 8 * HOUR + 1
    gone = client.get(ADMIN_PAGE)
    assert gone.status_code == 302 and "/login" in gone.headers["Location"]


def test_rq005_idle_limit_counts_from_the_last_signing(client, admin, fake_time):
    """The window's cost: a request less than a minute after the cookie was signed
    does not extend it, so the 8 hours may end up to a minute before 8 hours after
    the very last request."""
    _log_in_with_page(client, admin)
    fake_time.now += security.SESSION_REFRESH_SECONDS - 1
    assert client.get(ADMIN_PAGE).status_code == 200
    fake_time.now += 8 * HOUR - security.SESSION_REFRESH_SECONDS + 2
    assert client.get(ADMIN_PAGE).status_code == 302


def test_rq006_kept_answer_read_once_per_process(
    app, client, store, catalog, monkeypatch
):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    seed(store, PARK, park_budgets(catalog, 20))
    _log_in(client, "adviseur")
    overview = fake_payload(
        next(
            cb
            for cb in dashboard_callbacks(client)
            if cb["output"] == "db-overview.children"
        )
    )
    overview["state"][0]["value"] = "nl"
    gzip = {"Accept-Encoding": "gzip"}
    first = client.post("/_dash-update-component", json=overview, headers=gzip)
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    calls: list[str] = []
    for name in ("get", "set", "add"):
        real = getattr(answers.cache, name)
        monkeypatch.setattr(
            answers.cache,
            name,
            lambda *a, _real=real, _name=name, **k: (
                calls.append(_name) or _real(*a, **k)
            ),
        )
    for _ in range(5):
        again = client.post("/_dash-update-component", json=overview, headers=gzip)
        assert again.get_data() == first.get_data()
    # The compressed bytes were kept when made; after that the process has both.
    assert calls == []
    seed(store, PARK, park_budgets(catalog, 1))
    fresh = client.post("/_dash-update-component", json=overview)
    assert "n = 21" in fresh.get_data(as_text=True)


def test_rq007_previous_answer_found_once_per_process(
    app, client, store, catalog, monkeypatch
):
    """While one request makes the answer after a ballot, which earlier answer the
    others get (and since when it is behind) is asked of the shared cache once."""
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    seed(store, PARK, park_budgets(catalog, 20))
    payload = _signed_in_payload(client)
    first = client.post("/_dash-update-component", json=payload)
    seed(store, PARK, park_budgets(catalog, 1))
    _someone_is_making_it(app)
    asked: list[str] = []
    real_get = answers.cache.get
    monkeypatch.setattr(
        answers.cache, "get", lambda key: asked.append(key) or real_get(key)
    )
    for _ in range(3):
        meanwhile = client.post("/_dash-update-component", json=payload)
        assert meanwhile.get_data() == first.get_data()
    assert len([key for key in asked if key.startswith("latest:")]) == 1


def test_rq008_numbering_started_again_drops_what_the_process_holds(
    app, client, store, catalog
):
    """Redis emptied or restarted numbers the data versions from 0 again, so a
    number this process holds an answer for may come back for other data."""
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    seed(store, PARK, park_budgets(catalog, 20))
    payload = _signed_in_payload(client)
    version = app.server.extensions[EXTENSION].data_version
    old_number = version.current()
    assert "n = 20" in client.post("/_dash-update-component", json=payload).text
    seed(store, PARK, park_budgets(catalog, 1))
    assert "n = 21" in client.post("/_dash-update-component", json=payload).text
    # The shared cache is emptied and the numbering starts again, reaching the
    # number of the n = 20 answer with other data.
    answers.cache.clear()
    version._value = old_number
    assert "n = 21" in client.post("/_dash-update-component", json=payload).text


def test_rq009_dash_is_set_up_before_the_first_request(app):
    """Dash finishes its set-up in the first request without a lock; first requests
    on several threads at once in a fresh gunicorn worker raced in it (500s in the
    council burst). The app comes out of create_app with nothing left to set up."""
    assert app._got_first_request["setup_server"] is True


@pytest.mark.parametrize("stale", [5, 0])
def test_rq010_shared_version_read_once_per_window_per_process(
    settings, stale, monkeypatch
):
    """Class: a room of screens costing a Redis round trip each for the data
    version. With Redis, a process reads the version at most once per
    VERSION_SECONDS for the overview's kept answer, so a ballot reaches the
    screens at most that much later; with `stale_seconds` 0, every request reads
    it (exact)."""
    import dataclasses
    import os

    from app import create_app
    from budgetschuiver.kernel.versions import RedisDataVersion

    url = os.environ.get("BUDGETSCHUIVER_TEST_REDIS_URL")
    if not url:
        pytest.skip("!!! Redis test SKIPPED: BUDGETSCHUIVER_TEST_REDIS_URL is not set")
    import redis

    redis.Redis.from_url(url).flushdb()
    app = create_app(dataclasses.replace(settings, redis_url=url, stale_seconds=stale))
    known = app.server.extensions[EXTENSION]
    assert isinstance(known.data_version, RedisDataVersion)
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    client = app.server.test_client()
    seed(known.store, PARK, park_budgets(known.catalog, 20))
    clock = Clock(1000.0)
    monkeypatch.setattr(answers, "clock", clock)
    payload = _signed_in_payload(client)
    assert "n = 20" in client.post("/_dash-update-component", json=payload).text
    reads: list[int] = []
    real = RedisDataVersion.current
    monkeypatch.setattr(
        RedisDataVersion, "current", lambda self: reads.append(1) or real(self)
    )
    for _ in range(10):
        assert "n = 20" in client.post("/_dash-update-component", json=payload).text
    assert len(reads) == (0 if stale else 10)
    seed(known.store, PARK, park_budgets(known.catalog, 1))
    seen = client.post("/_dash-update-component", json=payload).text
    assert ("n = 20" if stale else "n = 21") in seen
    clock.now += answers.VERSION_SECONDS
    assert "n = 21" in client.post("/_dash-update-component", json=payload).text
    known.store.dispose()
    redis.Redis.from_url(url).flushdb()

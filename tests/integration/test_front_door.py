"""The front door (`budgetschuiver.kernel.front_door`) on a real app with Redis:
what it sends is, header by header and byte by byte, what Flask sends for the
same request (but Date and Set-Cookie); it answers only what it holds for the
current data version and only after the checks Flask makes; everything else
reaches Flask."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os

import pytest
import redis
from werkzeug.test import Client

from app import create_app
from budgetschuiver.kernel import front_door, security
from budgetschuiver.kernel.context import EXTENSION
from dashboards.kernel import answers, auth
from dashboards.kernel.service import cache
from tests.integration.test_dashboard import PARK, PASSWORD, park_budgets, seed
from tests.integration.test_qa_api import POST, TOKENS, ask, qa_data  # noqa: F401
from tests.integration.test_stale_answers import _signed_in_payload

PER_REQUEST = ("set-cookie", "date")


class Counted:
    """The WSGI app behind the front door, counting the requests that reach it."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.inner(environ, start_response)


@pytest.fixture
def shared(settings, request):
    """The app with Redis as shared cache and data version (and the settings
    changed as an indirect parameter says); its Flask app alone counted behind
    the front door."""
    url = os.environ.get("BUDGETSCHUIVER_TEST_REDIS_URL")
    if not url:
        pytest.skip("!!! Redis test SKIPPED: BUDGETSCHUIVER_TEST_REDIS_URL is not set")
    redis.Redis.from_url(url).flushdb()
    changes = getattr(request, "param", {})
    app = create_app(dataclasses.replace(settings, redis_url=url, **changes))
    door = app.server.extensions[front_door.EXTENSION]
    door.inner = Counted(door.inner)
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    yield app, door.inner
    app.server.extensions[EXTENSION].store.dispose()
    redis.Redis.from_url(url).flushdb()


def _same(front, flask) -> None:
    """Status, every header in order (but Date and Set-Cookie) and the bytes."""

    def kept(response):
        return [(n, v) for n, v in response.headers if n.lower() not in PER_REQUEST]

    assert front.status == flask.status
    assert kept(front) == kept(flask)
    assert front.get_data() == flask.get_data()


@pytest.mark.parametrize("encoding", ["", "gzip", "br"])
def test_door001_qa_session_as_flask_sends_it(qa_data, shared, encoding):  # noqa: F811
    """Class: a poll answered before Flask differing from Flask's answer, or
    from the session now. The second poll of a version, 200 or 304, is sent by
    the front door, equal to Flask's answer to the same request; after a new
    question the old ETag reaches Flask and gets the new session."""
    app, flask = shared
    door = app.server.test_client()
    alone = Client(flask.inner, use_cookies=False)
    for n in range(4):
        assert (
            ask(door, text=f"Vraag {n}: komen er bomen?", token=TOKENS[n]).status_code
            == 201
        )
    headers = {"Accept-Encoding": encoding, "Accept-Language": "en"}
    url = f"/api/v1/qa/{POST}"
    first = door.get(url, headers=headers)
    assert first.status_code == 200
    if encoding:
        assert first.headers["Content-Encoding"] == encoding
    calls = flask.calls
    again = door.get(url, headers=headers)
    assert flask.calls == calls
    _same(again, alone.get(url, headers=headers))
    match = headers | {"If-None-Match": first.headers["ETag"]}
    assert door.get(url, headers=match).status_code == 304
    calls = flask.calls
    unchanged = door.get(url, headers=match)
    assert flask.calls == calls and unchanged.status_code == 304
    _same(unchanged, alone.get(url, headers=match))
    assert ask(door, text="Vraag 9: en banken?", token=TOKENS[9]).status_code == 201
    calls = flask.calls
    fresh = door.get(url, headers=match)
    assert flask.calls == calls + 1 and fresh.status_code == 200
    assert fresh.headers["ETag"] != first.headers["ETag"]
    assert encoding or "Vraag 9" in fresh.get_data(as_text=True)
    other = headers | {"Accept-Language": "nl"}
    calls = flask.calls
    assert "-live-nl" in door.get(url, headers=other).headers["ETag"]
    assert flask.calls == calls + 1


def _overview(app) -> tuple[dict, str]:
    """The overview's callback request and a signed-in advisor's session cookie."""
    client = app.server.test_client()
    payload = _signed_in_payload(client)
    return payload, client.get_cookie("bs_session").value


def _ask(client, payload, cookie=None, **headers):
    if cookie is not None:
        headers["Cookie"] = f"bs_session={cookie}"
    return client.post(
        "/_dash-update-component",
        json=payload,
        headers={"Accept-Encoding": "gzip"} | headers,
    )


def test_door002_overview_as_flask_sends_it(shared, monkeypatch):
    """Class: a kept dashboard answer sent with other headers or bytes than
    Flask's, or one version behind for longer than a request is making the
    new one. The second request is the front door's, equal to Flask's; after a
    ballot, while another request makes the new answer, the previous one goes
    out before Flask; once made, the new one."""
    app, flask = shared
    known = app.server.extensions[EXTENSION]
    seed(known.store, PARK, park_budgets(known.catalog, 20))
    payload, cookie = _overview(app)
    door = app.server.test_client(use_cookies=False)
    alone = Client(flask.inner, use_cookies=False)
    first = _ask(door, payload, cookie)
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    calls = flask.calls
    again = _ask(door, payload, cookie)
    assert flask.calls == calls
    _same(again, _ask(alone, payload, cookie))
    plain = _ask(door, payload, cookie, **{"Accept-Encoding": ""})
    assert "n = 20" in plain.get_data(as_text=True)
    seed(known.store, PARK, park_budgets(known.catalog, 1))
    # Every request reads the data version again (no half-second memo).
    monkeypatch.setattr(answers, "clock", itertools.count(1e9, 10).__next__)
    version = known.data_version.current()
    busy = f"busy:answer:{version}:{answers._digest(payload)}"
    with app.server.app_context():
        assert cache.add(busy, 1, timeout=30)
    calls = flask.calls
    meanwhile = _ask(door, payload, cookie, **{"Accept-Encoding": ""})
    assert flask.calls == calls
    assert meanwhile.get_data() == plain.get_data()
    with app.server.app_context():
        cache.delete(busy)
    made = _ask(door, payload, cookie, **{"Accept-Encoding": ""})
    assert flask.calls == calls + 1 and "n = 21" in made.get_data(as_text=True)


def test_door003_no_kept_answer_without_flasks_checks(shared, monkeypatch):
    """Class: the front door as a way around authentication. Signed out, with a
    tampered cookie, with the cookie of an account that is gone, with a body
    that is not JSON, or with a cookie due to be signed again: Flask answers
    (401, or the answer with a new cookie), never the front door."""
    app, flask = shared
    known = app.server.extensions[EXTENSION]
    seed(known.store, PARK, park_budgets(known.catalog, 20))
    payload, cookie = _overview(app)
    door = app.server.test_client(use_cookies=False)
    kept = _ask(door, payload, cookie).get_data()
    assert _ask(door, payload, cookie).get_data() == kept  # now held

    def reaches_flask(response, status):
        assert response.status_code == status
        assert response.get_data() != kept

    tampered = cookie[:-2] + ("AA" if cookie[-2:] != "AA" else "BB")
    for wrong in (None, tampered, "x" + cookie):
        calls = flask.calls
        reaches_flask(_ask(door, payload, wrong), 401)
        assert flask.calls == calls + 1
    sessions = app.server.session_interface
    gone = sessions.get_signing_serializer(app.server).dumps({"user": "vertrokken"})
    calls = flask.calls
    reaches_flask(_ask(door, payload, gone), 401)
    assert flask.calls == calls + 1
    calls = flask.calls
    text = door.post(
        "/_dash-update-component",
        data=json.dumps(payload),
        headers={"Cookie": f"bs_session={cookie}", "Content-Type": "text/plain"},
    )
    assert flask.calls == calls + 1 and text.status_code != 200
    monkeypatch.setattr(security, "SESSION_REFRESH_SECONDS", 0)
    calls = flask.calls
    refreshed = _ask(door, payload, cookie)
    assert flask.calls == calls + 1 and "bs_session=" in refreshed.headers["Set-Cookie"]


@pytest.mark.parametrize("shared", [{"trusted_proxies": 1}], indirect=True)
def test_door004_behind_a_proxy_tls_answers_keep_hsts(qa_data, shared):  # noqa: F811
    """Class: a kept answer sent with the headers of another scheme. Behind a
    trusted proxy, an answer kept for a request that came over TLS carries
    Strict-Transport-Security as Flask's does, and one that came over plain
    HTTP is Flask's own, without it (the front door sits inside the proxy fix)."""
    app, flask = shared
    door = app.server.test_client()
    url = f"/api/v1/qa/{POST}"
    tls = {"X-Forwarded-Proto": "https"}
    door.get(url, headers=tls)
    calls = flask.calls
    kept = door.get(url, headers=tls)
    assert flask.calls == calls
    assert kept.headers["Strict-Transport-Security"] == "max-age=31536000"
    plain = door.get(url)
    assert flask.calls == calls + 1
    assert "Strict-Transport-Security" not in plain.headers

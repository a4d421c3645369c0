"""Security headers, cookies over TLS, and error answers that leak nothing."""

from __future__ import annotations

import re

import pytest

from budgetschuiver.kernel.settings import Settings
from tests.conftest import TEST_SECRET


def test_sec001_csp_allows_only_our_scripts(client):
    response = client.get("/begroting/park-zuiderpark")
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    scripts = directives["script-src"].split()
    assert scripts[0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", item) for item in scripts[1:])
    assert len(scripts) >= 2  # Dash's inline renderer start-up, by hash
    assert "unsafe-eval" not in csp and "unsafe-inline" not in directives["script-src"]
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"
    assert "http" not in csp  # no other host anywhere
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in response.headers  # plain http


def test_sec002_inline_script_hash_matches_the_page(client):
    import base64
    import hashlib

    # Scripts inside HTML comments (Dash's note for old Internet Explorer) never run.
    html = re.sub(r"<!--.*?-->", "", client.get("/").get_data(as_text=True), flags=re.S)
    csp = client.get("/").headers["Content-Security-Policy"]
    inline = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
        html,
        re.S,
    )
    assert inline
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_sec003_frame_ancestors_configurable(tmp_path, data_dir):
    from app import create_app

    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'f.db'}",
            secret_key=TEST_SECRET,
            instance_dir=str(tmp_path / "i"),
            data_dir=str(data_dir),
            frame_ancestors="'self' https://www.denhaag.nl",
        )
    )
    response = app.server.test_client().get("/")
    assert (
        "frame-ancestors 'self' https://www.denhaag.nl"
        in response.headers["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in response.headers


def test_sec004_tls_gives_hsts_and_secure_cookies(client):
    response = client.get("/begroting/park-zuiderpark", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookies = response.headers.getlist("Set-Cookie")
    token = next(c for c in cookies if c.startswith("bs_token="))
    assert "Secure" in token and "HttpOnly" in token and "SameSite=Lax" in token
    login = client.get("/login", base_url="https://localhost")
    session = next(
        c
        for c in cookies + login.headers.getlist("Set-Cookie")
        if c.startswith("bs_session=")
    )
    assert "Secure" in session and "HttpOnly" in session


def test_sec005_behind_a_trusted_proxy(tmp_path, data_dir):
    from app import create_app

    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'p.db'}",
            secret_key=TEST_SECRET,
            instance_dir=str(tmp_path / "i"),
            data_dir=str(data_dir),
            trusted_proxies=1,
        )
    )
    response = app.server.test_client().get(
        "/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    )
    assert "Strict-Transport-Security" in response.headers


def test_sec006_untrusted_forwarded_headers_are_ignored(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize("path", ["/api/v1/projects/park-zuiderpark/submissions"])
def test_sec007_server_errors_leak_no_trace(client, monkeypatch, path):
    from budgetschuiver import store as store_module

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internal detail /work/path")

    monkeypatch.setattr(store_module.Store, "submit_budget", broken)

    body = {"allocation": {}, "token": "x" * 20}
    response = client.post(path, json=body)
    assert response.status_code == 422  # invalid first: the store is not reached
    plan = {
        "trees": 540000,
        "play": 420000,
        "lighting": 210000,
        "benches": 50000,
        "sports": 240000,
        "paths": 400000,
        "toilets": 90000,
        "maintenance": 300000,
        "drainage": 150000,
    }
    response = client.post(path, json={"allocation": plan, "token": "x" * 20})
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Traceback" not in text and "secret internal detail" not in text
    assert response.get_json()["error"]["code"] == "server_error"


def test_sec008_ballots_are_rate_limited_per_browser(client, catalog, store):
    from budgetschuiver.kernel import web

    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    url = "/api/v1/projects/park-zuiderpark/submissions"
    limit = web.BALLOT_LIMIT_TOKEN[0]
    for _ in range(limit):
        assert client.post(
            url, json={"allocation": plan, "token": "t" * 20}
        ).status_code in (200, 201)
    blocked = client.post(
        url,
        json={"allocation": plan, "token": "t" * 20},
        headers={"Accept-Language": "nl"},
    )
    assert blocked.status_code == 429
    assert blocked.get_json()["error"]["message"].startswith("U stuurt te veel")
    other = client.post(url, json={"allocation": plan, "token": "u" * 20})
    assert other.status_code == 201  # another resident is not affected
    votes_url = "/api/v1/polls/fietsparkeren-centrum/votes"
    for _ in range(limit):
        client.post(votes_url, json={"options": ["spui"], "token": "v" * 20})
    assert (
        client.post(
            votes_url, json={"options": ["spui"], "token": "v" * 20}
        ).status_code
        == 429
    )


def test_sec009_rate_limits_switch_off(tmp_path, data_dir):
    from app import create_app

    app = create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'r.db'}",
            secret_key=TEST_SECRET,
            instance_dir=str(tmp_path / "i"),
            data_dir=str(data_dir),
            rate_limits_enabled=False,
        )
    )
    client = app.server.test_client()
    for _ in range(30):
        response = client.post(
            "/api/v1/polls/fietsparkeren-centrum/votes",
            json={"options": ["spui"], "token": "v" * 20},
        )
        assert response.status_code in (200, 201)


def test_sec010_a_residents_first_visit_starts_no_session(client):
    response = client.get("/begroting/park-zuiderpark")
    names = [c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")]
    assert names == ["bs_token"]


def test_sec011_error_pages_in_the_residents_language(client):
    response = client.post(
        "/toegankelijkheid", data="x", headers={"Accept-Language": "nl"}
    )
    assert response.status_code == 405
    text = response.get_data(as_text=True)
    assert '<html lang="nl">' in text and "Deze actie is hier niet toegestaan." in text
    english = client.post("/privacy?lang=en", data="x")
    assert "This action is not allowed here." in english.get_data(as_text=True)
    assert "Werkzeug" not in text and "Traceback" not in text


def test_sec012_logs_hold_no_personal_text(client, monkeypatch, caplog, catalog):
    from budgetschuiver import store as store_module

    def broken(*_args, comment=None, **_kwargs):
        raise ValueError(f"could not store comment {comment!r}")

    monkeypatch.setattr(store_module.Store, "submit_budget", broken)
    secret = "Mijn naam is Jan Jansen, Laan van Meerdervoort 1"
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    response = client.post(
        "/api/v1/projects/park-zuiderpark/submissions",
        json={"allocation": plan, "token": "t" * 20, "comment": secret},
    )
    assert response.status_code == 500
    assert "ValueError" in caplog.text and "api.py" in caplog.text
    assert "Jan Jansen" not in caplog.text and "127.0.0.1" not in caplog.text

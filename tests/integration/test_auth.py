"""Dashboard accounts: login with CSRF, rate limits, sessions, the private guard."""

from __future__ import annotations

import re

import pytest

from budgetschuiver.kernel.settings import Settings
from dashboards.kernel import auth
from tests.conftest import TEST_SECRET

PASSWORD = "correct horse battery staple"


@pytest.fixture
def advisor(app):
    with app.server.app_context():
        assert auth.create_user("adviseur", PASSWORD, "advisor")
    return "adviseur"


def csrf_from(client, path="/login"):
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def login(client, name, password, token=None, next_url="/dashboard"):
    token = token if token is not None else csrf_from(client)
    return client.post(
        "/login",
        data={
            "username": name,
            "password": password,
            "csrf_token": token,
            "next": next_url,
        },
    )


def test_auth001_password_stored_as_argon2_hash(app, store, advisor):
    user = store.find_user("adviseur")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_auth002_login_page_is_accessible_html(client):
    response = client.get("/login?lang=nl")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<html lang="nl">' in html
    assert '<label class="form-label" for="username">Gebruikersnaam</label>' in html
    assert 'autocomplete="current-password"' in html
    assert "no-store" in response.headers["Cache-Control"]


def test_auth003_login_and_logout(client, advisor):
    response = login(client, "adviseur", PASSWORD, next_url="/dashboard/peilingen")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/dashboard/peilingen")
    cookie = response.headers["Set-Cookie"]
    assert "bs_session=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/dashboard").status_code == 200
    token = csrf_from(client)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/dashboard").status_code == 302


def test_auth004_wrong_password_and_unknown_user(client, advisor):
    assert login(client, "adviseur", "wrong password!").status_code == 401
    assert login(client, "nobody", PASSWORD).status_code == 401
    assert client.get("/dashboard").status_code == 302


def test_auth005_csrf_required(client, advisor):
    assert login(client, "adviseur", PASSWORD, token="forged").status_code == 400
    assert client.get("/dashboard").status_code == 302
    login(client, "adviseur", PASSWORD)
    assert client.post("/logout", data={}).status_code == 400
    assert client.get("/dashboard").status_code == 200


def test_auth006_failed_logins_are_rate_limited(client, advisor):
    for _ in range(auth.LOGIN_LIMIT[0]):
        assert login(client, "adviseur", "wrong password!").status_code == 401
    blocked = login(client, "adviseur", PASSWORD)
    assert blocked.status_code == 429
    assert "Te veel pogingen" in blocked.get_data(as_text=True)


def test_auth007_rate_limits_can_be_switched_off(tmp_path, data_dir):
    from app import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.db'}",
        secret_key=TEST_SECRET,
        instance_dir=str(tmp_path / "i"),
        data_dir=str(data_dir),
        rate_limits_enabled=False,
    )
    app = create_app(settings)
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    client = app.server.test_client()
    for _ in range(auth.LOGIN_LIMIT[0] + 3):
        assert login(client, "adviseur", "wrong password!").status_code == 401
    assert login(client, "adviseur", PASSWORD).status_code == 303


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_auth008_next_stays_on_this_site(client, advisor, target):
    response = login(client, "adviseur", PASSWORD, next_url=target)
    assert response.headers["Location"].endswith("/dashboard")


def test_auth009_dashboard_pages_redirect_anonymous(client):
    for path in (
        "/dashboard",
        "/dashboard/begroting/park-zuiderpark",
        "/dashboard/peilingen",
        "/dashboard/presentatie/park-zuiderpark",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login?next=/dashboard")


def test_auth010_dashboard_callbacks_refused_anonymous(client):
    overview = next(
        cb
        for cb in client.get("/_dash-dependencies").get_json()
        if cb["output"] == "db-overview.children"
    )
    response = client.post(
        "/_dash-update-component",
        json={
            "output": overview["output"],
            "outputs": {"id": "db-overview", "property": "children"},
            "inputs": [dict(item, value="") for item in overview["inputs"]],
            "state": [dict(item, value="nl") for item in overview["state"]],
            "changedPropIds": [],
        },
    )
    assert response.status_code == 401


def test_auth011_admin_from_environment_once(tmp_path, data_dir):
    from app import create_app

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'x.db'}",
        secret_key=TEST_SECRET,
        instance_dir=str(tmp_path / "i"),
        data_dir=str(data_dir),
        admin_password="bootstrap-password-123",
    )
    app = create_app(settings)
    store = app.server.extensions["budgetschuiver"].store
    assert store.find_user("admin").role == "admin"
    client = app.server.test_client()
    assert login(client, "admin", "bootstrap-password-123").status_code == 303
    create_app(settings)  # a second start changes nothing
    assert store.count_users() == 1


def test_auth012_weak_or_bad_accounts_refused(app):
    with app.server.app_context():
        with pytest.raises(ValueError, match="12 characters"):
            auth.create_user("kort", "short", "advisor")
        with pytest.raises(ValueError, match="role"):
            auth.create_user("rol", PASSWORD, "mayor")
        assert auth.create_user("dubbel", PASSWORD, "advisor")
        assert not auth.create_user("dubbel", PASSWORD, "admin")


def test_auth090_csrf_token_is_bound_to_its_session_and_expires(app, advisor):
    """Flask-WTF tokens: another browser's token is refused, and so is an old one."""
    one, other = app.server.test_client(), app.server.test_client()
    token = csrf_from(one)
    assert login(other, "adviseur", PASSWORD, token=token).status_code == 400
    assert login(one, "adviseur", PASSWORD, token=token).status_code == 303
    fresh = app.server.test_client()
    old = csrf_from(fresh)
    later = auth.CSRF_SECONDS
    try:
        auth.CSRF_SECONDS = -1  # any token is then older than its limit
        assert login(fresh, "adviseur", PASSWORD, token=old).status_code == 400
    finally:
        auth.CSRF_SECONDS = later

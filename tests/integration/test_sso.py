"""Single sign-on against a real (local) OpenID Connect provider."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import requests

from budgetschuiver.kernel.settings import Settings
from tests.conftest import TEST_SECRET
from tests.integration.oidc_provider import Provider


@pytest.fixture
def provider():
    with Provider("budgetschuiver", "client-secret") as running:
        yield running


@pytest.fixture
def sso_app(provider, tmp_path, data_dir):
    from app import create_app

    return create_app(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'sso.db'}",
            secret_key=TEST_SECRET,
            instance_dir=str(tmp_path / "i"),
            data_dir=str(data_dir),
            oidc_issuer=provider.issuer,
            oidc_client_id="budgetschuiver",
            oidc_client_secret="client-secret",
        )
    )


def sign_in(client):
    start = client.get("/login/sso?next=/dashboard/peilingen")
    assert start.status_code == 302
    at_provider = requests.get(
        start.headers["Location"], allow_redirects=False, timeout=10
    )
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_sso001_login_page_offers_sso(sso_app):
    html = sso_app.server.test_client().get("/login").get_data(as_text=True)
    assert 'id="login-sso"' in html


def test_sso002_advisor_signs_in(sso_app):
    client = sso_app.server.test_client()
    done = sign_in(client)
    assert done.status_code == 303 and done.headers["Location"].endswith(
        "/dashboard/peilingen"
    )
    assert client.get("/dashboard").status_code == 200
    store = sso_app.server.extensions["budgetschuiver"].store
    user = store.find_user("sso:j.jansen")
    assert user.role == "advisor" and not user.password_hash.startswith("$argon2")


def test_sso003_group_decides_role_and_outsiders_are_refused(provider, sso_app):
    client = sso_app.server.test_client()
    provider.person["groups"] = ["budgetschuiver-admin"]
    sign_in(client)
    store = sso_app.server.extensions["budgetschuiver"].store
    assert store.find_user("sso:j.jansen").role == "admin"
    other = sso_app.server.test_client()
    provider.person = {
        "sub": "u-9",
        "preferred_username": "p.visser",
        "groups": ["staff"],
    }
    refused = sign_in(other)
    assert refused.status_code == 403
    assert other.get("/dashboard").status_code == 302


def test_sso004_sso_accounts_have_no_password(provider, sso_app):
    from dashboards.kernel import auth

    sign_in(sso_app.server.test_client())
    with sso_app.server.app_context():
        assert auth.check_credentials("sso:j.jansen", "!sso") is None
        assert auth.check_credentials("sso:j.jansen", "") is None


def test_sso005_off_without_settings(client):
    assert 'id="login-sso"' not in client.get("/login").get_data(as_text=True)
    response = client.get("/login/sso")
    assert "Location" not in response.headers  # no hand-off to any provider

"""Personal API tokens for the results API: created with the CLI, kept as keyed
hashes, revocable, read-only; HTTP Basic keeps working beside them."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select

from budgetschuiver.kernel.store import api_tokens
from dashboards.kernel import auth
from tests.conftest import TEST_SECRET
from tests.integration.test_cli import run_cli
from tests.integration.test_dashboard import (  # noqa: F401
    PARK,
    accounts,
    basic,
    dashboard_callbacks,
    fake_payload,
    park_budgets,
    seed,
)

RESULTS = f"/api/v1/projects/{PARK}/results?district=centrum&weighted=0"


def _env(settings) -> dict[str, str]:
    return {
        "BUDGETSCHUIVER_DATABASE_URL": settings.database_url,
        "BUDGETSCHUIVER_SECRET_KEY": settings.secret_key,
        "BUDGETSCHUIVER_INSTANCE_DIR": settings.instance_dir,
        "BUDGETSCHUIVER_DATA_DIR": settings.data_dir,
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_tok001_cli_token_reads_results_until_revoked(
    client,
    store,
    catalog,
    settings,
    accounts,  # noqa: F811
):
    """Class: a script that can only reach the results API through a password hash
    per request. A token made with the CLI reads results and exports, is listed
    without its value, and is refused once revoked; Basic still works."""
    seed(store, PARK, park_budgets(catalog, 30))
    made = run_cli(
        "create-token", "adviseur", "--label", "R-script", env=_env(settings)
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("bs_") and len(token) > 40
    answer = client.get(RESULTS, headers=bearer(token))
    assert answer.status_code == 200, answer.get_json()
    assert "suppressed" in answer.get_json()
    export = client.get(f"/api/v1/projects/{PARK}/export.csv", headers=bearer(token))
    assert export.status_code == 200
    listed = run_cli("list-tokens", env=_env(settings))
    assert listed.returncode == 0 and "adviseur" in listed.stdout
    assert "R-script" in listed.stdout and token not in listed.stdout
    public_id = listed.stdout.split()[0]
    assert client.get(RESULTS, headers=basic("adviseur")).status_code == 200
    revoked = run_cli("revoke-token", public_id, env=_env(settings))
    assert revoked.returncode == 0, revoked.stderr
    refused = client.get(RESULTS, headers=bearer(token))
    assert refused.status_code == 401
    assert "Bearer" in refused.headers["WWW-Authenticate"]
    again = run_cli("revoke-token", public_id, env=_env(settings))
    assert again.returncode == 2
    unknown = run_cli("create-token", "niemand", env=_env(settings))
    assert unknown.returncode == 2 and "niemand" in unknown.stderr


def test_tok002_read_scope_only(app, client, store, catalog, accounts):  # noqa: F811
    """Class: a token reaching further than reading the API. It opens no dashboard
    page, no dashboard callback, and an admin's token reads submissions only as its
    account may; wrong and malformed tokens get 401."""
    seed(store, PARK, park_budgets(catalog, 12))
    with app.server.app_context():
        _, advisor = auth.create_api_token("adviseur", "")
        _, admin = auth.create_api_token("beheer", "")
    page = client.get("/dashboard", headers=bearer(advisor))
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    callbacks = [
        cb for cb in dashboard_callbacks(client) if not cb.get("clientside_function")
    ]
    for callback in callbacks:
        answer = client.post(
            "/_dash-update-component",
            json=fake_payload(callback),
            headers=bearer(admin),
        )
        assert answer.status_code == 401, callback["output"]
    submissions = f"/api/v1/projects/{PARK}/export.csv?content=submissions"
    assert client.get(submissions, headers=bearer(advisor)).status_code == 403
    assert client.get(submissions, headers=bearer(admin)).status_code == 200
    for wrong in (advisor[:-1] + "x", advisor[3:], "bs_", "x" * 300, ""):
        assert client.get(RESULTS, headers=bearer(wrong)).status_code == 401, wrong


def test_tok003_only_a_keyed_hash_is_kept(backend_store):
    """Class: a credential readable from the database. The table holds the token's
    HMAC under the secret key, never the token; lookups and revocation work on
    SQLite and PostgreSQL."""
    store = backend_store
    store.add_user("adviseur", "not-a-real-hash", "advisor")
    token = "bs_" + "k" * 43
    assert store.add_api_token("adviseur", "abc123", token, "read", "test")
    assert not store.add_api_token("niemand", "abc124", token + "y", "read", "")
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_tokens)).all()
    assert len(rows) == 1
    assert all(token not in str(value) for value in rows[0])
    expected = hmac.new(
        TEST_SECRET.encode(), f"api-token\x00{token}".encode(), hashlib.sha256
    ).hexdigest()
    assert rows[0].token_hash == expected
    found = store.find_api_token(token)
    assert found is not None and (found.user_name, found.role, found.scope) == (
        "adviseur",
        "advisor",
        "read",
    )
    assert store.find_api_token(token + "y") is None
    assert store.revoke_api_token("abc123") and not store.revoke_api_token("abc123")
    assert store.find_api_token(token) is None
    listed = store.list_api_tokens("adviseur")
    assert listed[0]["public_id"] == "abc123" and listed[0]["revoked_at"] is not None

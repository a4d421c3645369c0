"""Trajectories with voting codes: one ballot per code, unlinkable, guessing limited."""

from __future__ import annotations

import csv
import io

from sqlalchemy import inspect, select

from budgetschuiver.budgets.store import budgets
from budgetschuiver.kernel import codes
from budgetschuiver.kernel.store import voting_codes
from tests.integration.test_cli import _env, run_cli

URL = "/api/v1/projects/park-codes/submissions"


def issue(store, count=3):
    issued = [codes.new_code() for _ in range(count)]
    store.add_codes(
        codes.scope("budget", "park-codes"), [codes.normalize(c) for c in issued]
    )
    return issued


def test_cde001_a_code_counts_once_and_replaces(client, store, catalog):
    code = issue(store)[0]
    plan = catalog.find("budget", "park-codes").plan_allocation()
    first = client.post(URL, json={"allocation": plan, "code": code})
    assert first.status_code == 201
    changed = plan | {
        "trees": plan["trees"] + 15_000,
        "benches": plan["benches"] - 15_000,
    }
    again = client.post(
        URL, json={"allocation": changed, "code": code.lower().replace("-", " ")}
    )
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    assert store.count_budgets("park-codes") == 1
    assert store.code_counts("budget:park-codes") == (3, 1)


def test_cde002_wrong_or_missing_codes_refused(client, store, catalog):
    issue(store)
    plan = catalog.find("budget", "park-codes").plan_allocation()
    for body in (
        {"allocation": plan, "code": "AAAA-AAAA-AAA"},
        {"allocation": plan, "token": "a-browser-token-123456"},
        {"allocation": plan, "code": 42},
    ):
        response = client.post(URL, json=body)
        assert response.status_code == 422
        assert response.get_json()["error"]["field"] == "code"
    assert store.count_budgets() == 0


def test_cde003_guessing_is_rate_limited(client, store, catalog):
    real = issue(store)[0]
    plan = catalog.find("budget", "park-codes").plan_allocation()
    for _ in range(codes.GUESS_LIMIT[0]):
        assert (
            client.post(
                URL, json={"allocation": plan, "code": "CCCC-CCCC-CCC"}
            ).status_code
            == 422
        )
    blocked = client.post(URL, json={"allocation": plan, "code": real})
    assert blocked.status_code == 429  # even a right code waits after many wrong ones
    assert store.count_budgets() == 0


def test_cde004_codes_cannot_be_joined_to_ballots(client, store, catalog):
    code = issue(store, 1)[0]
    client.post(
        URL,
        json={
            "allocation": catalog.find("budget", "park-codes").plan_allocation(),
            "code": code,
        },
    )
    columns = {c["name"] for c in inspect(store.engine).get_columns("voting_codes")}
    assert columns == {"id", "scope", "code_hash", "redeemed", "created_at"}
    with store.engine.connect() as conn:
        code_hashes = set(conn.execute(select(voting_codes.c.code_hash)).scalars())
        ballot_hashes = set(conn.execute(select(budgets.c.token_hash)).scalars())
    assert code_hashes and ballot_hashes and not code_hashes & ballot_hashes
    assert codes.normalize(code) not in str(code_hashes | ballot_hashes)


def test_cde005_open_trajectories_ignore_codes(client, store, catalog):
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    response = client.post(
        "/api/v1/projects/park-zuiderpark/submissions",
        json={"allocation": plan, "code": "AAAA-AAAA-AAA", "token": "t" * 20},
    )
    assert response.status_code == 422  # "code" is an unknown field there
    assert response.get_json()["error"]["code"] == "unknown_field"


def test_cde006_cli_writes_codes_that_work(tmp_path, data_dir):
    from budgetschuiver.store import Store

    env = _env(tmp_path, data_dir)
    out = tmp_path / "codes.csv"
    result = run_cli(
        "codes", "--project", "park-codes", "--count", "50", "--out", str(out), env=env
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["code"] and len(rows) == 51
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    assert store.redeem_code("budget:park-codes", codes.normalize(rows[5][0]))
    assert store.code_counts("budget:park-codes") == (50, 1)
    store.dispose()
    refused = run_cli("codes", "--project", "park-zuiderpark", "--count", "5", env=env)
    assert refused.returncode == 2 and "not 'code'" in refused.stderr

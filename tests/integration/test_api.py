"""The /api/v1 contract: shapes, status codes, and nothing stored on a refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TOKEN = "browser-token-0123456789abcdef"
URL = "/api/v1/projects/park-zuiderpark/submissions"


def plan(catalog, project_id="park-zuiderpark"):
    return catalog.find("budget", project_id).plan_allocation()


def post(client, body, url=URL, **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


def test_api001_list_projects(client):
    response = client.get("/api/v1/projects")
    assert response.status_code == 200
    projects = {p["id"]: p for p in response.get_json()["projects"]}
    park = projects["park-zuiderpark"]
    assert set(park) == {
        "id",
        "title",
        "status",
        "total",
        "balance_rule",
        "tolerance",
        "lines",
    }
    assert park["status"] == "open" and projects["park-closed"]["status"] == "closed"
    assert projects["park-upcoming"]["status"] == "upcoming"
    trees = park["lines"][0]
    assert trees == {
        "id": "trees",
        "label": "Bomen en groen",
        "kind": "spending",
        "plan": 540000,
        "min": 150000,
        "max": 900000,
        "step": 1500,
        "locked": False,
    }


def test_api002_one_project_and_404(client):
    response = client.get("/api/v1/projects/begroting-2027?lang=en")
    assert response.status_code == 200
    body = response.get_json()
    assert body["title"] == "Den Haag's budget for 2027"
    assert {line["kind"] for line in body["lines"]} == {"spending", "revenue"}
    missing = client.get("/api/v1/projects/nope")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_api003_submit_then_replace_counts_once(client, catalog, store):
    first = post(
        client, {"allocation": plan(catalog), "token": TOKEN, "district": "laak"}
    )
    assert first.status_code == 201
    body = first.get_json()
    assert set(body) == {"id", "receipt"}
    changed = plan(catalog) | {"trees": 540_000 - 15_000, "benches": 50_000 + 15_000}
    second = post(client, {"allocation": changed, "token": TOKEN})
    assert second.status_code == 200
    assert second.get_json()["id"] == body["id"]
    assert second.get_json()["receipt"] != body["receipt"]
    assert store.count_budgets("park-zuiderpark") == 1
    stored = store.find_budget("park-zuiderpark", TOKEN)
    assert (
        stored.allocation == changed
        and stored.district is None
        and stored.revision == 2
    )


def test_api004_other_token_is_another_resident(client, catalog, store):
    assert (
        post(client, {"allocation": plan(catalog), "token": TOKEN}).status_code == 201
    )
    other = {"allocation": plan(catalog), "token": TOKEN + "-other"}
    assert post(client, other).status_code == 201
    assert store.count_budgets("park-zuiderpark") == 2


def _valid(catalog):
    return {"allocation": plan(catalog), "token": TOKEN}


BAD_BODIES = [
    ("off grid", lambda b: b["allocation"].update(trees=540_001), 422, "off_grid"),
    ("too high", lambda b: b["allocation"].update(trees=10**9), 422, "out_of_range"),
    ("too low", lambda b: b["allocation"].update(play=0), 422, "out_of_range"),
    ("string", lambda b: b["allocation"].update(trees="veel"), 422, "not_a_number"),
    ("unknown line", lambda b: b["allocation"].update(pool=0), 422, "unknown_line"),
    ("missing line", lambda b: b["allocation"].pop("paths"), 422, "missing_line"),
    ("locked", lambda b: b["allocation"].update(drainage=0), 422, "locked"),
    ("unbalanced", lambda b: b["allocation"].update(trees=900_000), 422, "unbalanced"),
    ("no token", lambda b: b.pop("token"), 422, "invalid_token"),
    ("short token", lambda b: b.update(token="abc"), 422, "invalid_token"),
    ("district", lambda b: b.update(district="Rotterdam"), 422, "invalid_district"),
    ("age band", lambda b: b.update(age_band=42), 422, "invalid_age_band"),
    ("long comment", lambda b: b.update(comment="x" * 1001), 422, "too_long"),
    ("e-mail", lambda b: b.update(email="a@b.nl"), 422, "unknown_field"),
    ("allocation list", lambda b: b.update(allocation=[1, 2]), 422, "invalid_type"),
]


@pytest.mark.parametrize(
    ("name", "mutate", "status", "code"),
    BAD_BODIES,
    ids=[case[0] for case in BAD_BODIES],
)
def test_api005_invalid_submission_refused_and_nothing_stored(
    client, catalog, store, name, mutate, status, code
):
    body = _valid(catalog)
    mutate(body)
    response = post(client, body)
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == code
    assert error["message"] and "field" in error
    assert store.count_budgets() == 0


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"\xff\xfe\x00",
        b"[" * 100_00 + b"]" * 100_00,
        b"null",
        b"[]",
        b"42",
        b'"text"',
        b'{"allocation": NaN}',
    ],
)
def test_api006_malformed_bodies(client, store, raw):
    response = post(client, raw)
    assert response.status_code in (400, 422)
    assert response.get_json()["error"]["code"]
    assert store.count_budgets() == 0


def test_api007_nan_and_infinity_are_not_numbers(client, catalog, store):
    body = json.dumps(_valid(catalog)).replace("540000", "NaN", 1)
    response = post(client, body)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "not_a_number"
    body = json.dumps(_valid(catalog)).replace("540000", "Infinity", 1)
    assert post(client, body).status_code == 422
    assert store.count_budgets() == 0


def test_api008_unknown_closed_and_upcoming_projects(client, catalog, store):
    body = _valid(catalog)
    assert (
        post(client, body, url="/api/v1/projects/nope/submissions").status_code == 404
    )
    closed = post(client, body, url="/api/v1/projects/park-closed/submissions")
    assert closed.status_code == 409 and closed.get_json()["error"]["code"] == "closed"
    upcoming = post(client, body, url="/api/v1/projects/park-upcoming/submissions")
    assert upcoming.status_code == 409
    assert store.count_budgets() == 0


def test_api009_oversized_body_is_413(client, catalog, store):
    body = _valid(catalog) | {"comment": "x" * (70 * 1024)}
    response = post(client, body)
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"
    assert store.count_budgets() == 0


def test_api010_errors_in_the_residents_language(client, catalog):
    body = _valid(catalog)
    body["allocation"]["trees"] = 900_000
    nl = post(client, body).get_json()["error"]["message"]
    en = post(client, body, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert nl.startswith("Uw begroting is nog niet in balans. U komt € ")
    assert en.get_json()["error"]["message"].startswith(
        "Your budget is not balanced yet."
    )


def test_api011_districts_and_age_bands(client):
    districts = client.get("/api/v1/districts").get_json()["districts"]
    assert len(districts) == 8
    assert {"id": "escamp", "label": "Escamp"} in districts
    bands = client.get("/api/v1/age-bands?lang=en").get_json()["age_bands"]
    assert bands[0] == {"id": "0-17", "label": "Under 18"}


def test_api012_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_api013_wrong_method_and_unknown_route_are_json(client):
    assert client.get(URL).status_code == 405
    assert client.get(URL).get_json()["error"]["code"]
    assert client.get("/api/v1/nothing-here").status_code == 404


def test_api014_no_personal_data_stored(client, catalog, settings):
    post(
        client,
        _valid(catalog) | {"comment": "Meer bankjes"},
        environ_base={"REMOTE_ADDR": "203.0.113.77"},
    )
    database = Path(settings.resolved_database_url().removeprefix("sqlite:///"))
    raw = b"".join(
        path.read_bytes() for path in database.parent.glob(database.name + "*")
    )
    assert TOKEN.encode() not in raw
    assert b"203.0.113.77" not in raw


def test_api015_every_route_answers_405_json_for_other_methods(app, client):
    """Class: a method a route does not take answers 404 instead of 405 when the
    route lives in the other blueprint of the shared /api/v1 URL space."""
    samples = {
        "project_id": "park-zuiderpark",
        "poll_id": "fietsparkeren-centrum",
        "moodboard_id": "speeltuin-transvaal",
    }
    checked = 0
    for rule in app.server.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or "<path:" in rule.rule:
            continue
        url = rule.rule
        for name in rule.arguments:
            url = url.replace(f"<{name}>", samples.get(name, "x"))
        for method in ("GET", "POST", "PUT", "DELETE"):
            if method in rule.methods:
                continue
            response = client.open(url, method=method)
            assert response.status_code == 405, (method, url)
            assert response.get_json()["error"]["code"] == "method_not_allowed"
            checked += 1
    assert checked > 20
    assert client.post("/api/v1/nothing-here").status_code == 404

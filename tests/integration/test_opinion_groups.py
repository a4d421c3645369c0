"""Opinion groups inside the app: computed in the background per data version (never
in the request), the API's exact shape, ids kept when ballots arrive, small groups
never shown, and the dashboard section built from the kept result."""

from __future__ import annotations

import time

import pytest

from budgetschuiver.seeding import seed_budgets
from dashboards.budgets import group_results, groups_section
from dashboards.kernel import auth
from dashboards.kernel.service import cache

PASSWORD = "correct horse battery staple"
PARK = "park-zuiderpark"
WAIT_SECONDS = 60


@pytest.fixture
def advisor(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    return {"Authorization": auth.basic_header("adviseur", PASSWORD)}


def _seed(app, services, count, seed):
    with app.server.app_context():
        project = services.catalog.find("budget", PARK)
        seed_budgets(project, services.store, services.settings.data_dir, count, seed)
        return project


def _wait_for_groups(client, headers, n):
    """Ask until the background run has covered `n` ballots (or time runs out)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        response = client.get(f"/api/v1/projects/{PARK}/groups", headers=headers)
        body = response.get_json()
        if response.status_code == 200 and body["n"] == n:
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def test_ogr001_api_shape_and_background_computation(app, client, services, advisor):
    """Class: contract drift and work done inside requests. Anonymous callers get
    401, unknown projects 404; the first request answers at once with 202 and no
    groups while a background run computes them; then exactly the documented
    keys, sizes of at least k that add up with `unassigned` to n."""
    _seed(app, services, 600, seed=5)
    assert client.get(f"/api/v1/projects/{PARK}/groups").status_code == 401
    missing = client.get("/api/v1/projects/nope/groups", headers=advisor)
    assert missing.status_code == 404
    first = client.get(f"/api/v1/projects/{PARK}/groups", headers=advisor)
    assert first.status_code == 202
    assert first.get_json() == {
        "computed_at": None,
        "n": 0,
        "unassigned": 0,
        "groups": [],
        "agreement": [],
    }
    body = _wait_for_groups(client, advisor, 600)
    assert set(body) == {"computed_at", "n", "unassigned", "groups", "agreement"}
    project = services.catalog.find("budget", PARK)
    line_ids = {line.id for line in project.lines}
    assert len(body["groups"]) == 3
    for group in body["groups"]:
        assert set(group) == {"id", "label", "size", "centre", "raises", "lowers"}
        assert group["size"] >= services.settings.min_group_size
        assert set(group["centre"]) == line_ids
        assert set(group["raises"]) | set(group["lowers"]) <= line_ids
        assert group["label"]
    assert sum(g["size"] for g in body["groups"]) + body["unassigned"] == 600
    assert set(body["agreement"]) <= line_ids
    english = client.get(f"/api/v1/projects/{PARK}/groups?lang=en", headers=advisor)
    labels = {g["label"] for g in english.get_json()["groups"]}
    assert labels != {g["label"] for g in body["groups"]}


def test_ogr002_ids_survive_new_ballots_and_results_say_when(app, services):
    """Class: group names and colours reshuffled by a recount, and stale groups
    shown as current. After more ballots the kept result is marked not fresh
    until the recount, which keeps every earlier id."""
    project = _seed(app, services, 500, seed=6)
    with app.server.test_request_context():
        first = group_results.refresh(project)
        found, fresh = group_results.latest(project)
        assert fresh and found["version"] == first["version"]
        _seed(app, services, 120, seed=7)
        stale, fresh = group_results.latest(project)
        assert not fresh and stale["n"] == 500
        second = group_results.refresh(project)
    assert second["n"] == 620
    assert {g["id"] for g in second["groups"]} == {g["id"] for g in first["groups"]}
    sizes = {g["id"]: g["size"] for g in first["groups"]}
    for group in second["groups"]:
        assert abs(group["size"] - sizes[group["id"]] * 620 / 500) < 40


def test_ogr003_one_run_per_data_version(app, services):
    """Class: recomputing per request. With the groups current, asking again
    starts no background run; a change with a run resting starts none either."""
    project = _seed(app, services, 300, seed=8)
    with app.server.test_request_context():
        group_results.refresh(project)
        for _ in range(5):
            group_results.latest(project)
        assert cache.get(f"groups-busy:{project.id}") is None
        cache.set(f"groups-rest:{project.id}", 1, timeout=60)
        _seed(app, services, 10, seed=9)
        _found, fresh = group_results.latest(project)
        assert not fresh
        assert cache.get(f"groups-busy:{project.id}") is None


def test_ogr004_too_few_ballots_show_no_group(app, services):
    """Class: small-group leaks. Eight ballots: no group, all unassigned."""
    project = _seed(app, services, 8, seed=10)
    with app.server.test_request_context():
        found = group_results.refresh(project)
    public = group_results.public(found, {})
    assert public["groups"] == [] and public["unassigned"] == 8 and public["n"] == 8


def test_ogr005_section_states_n_time_and_hides_small_cells(app, services):
    """Class: figures without their n, and small cells shown. The section says
    when and on how many ballots, names every group, and its map draws only
    squares of at least k ballots."""
    project = _seed(app, services, 400, seed=11)
    with app.server.test_request_context():
        found = group_results.refresh(project)
        parts = groups_section.content(project, found, True, "nl")
        labels = group_results.labels(found, project, "nl")
    text = str(parts)
    assert "over 400 begrotingen" in text
    for label in labels.values():
        assert label in text
    k = services.settings.min_group_size
    assert found["map"]["bins"]
    assert all(b["count"] >= k for b in found["map"]["bins"])
    for group in found["groups"]:
        assert all(v is None or v >= k for v in group["districts"].values())
        assert all(v is None or v >= k for v in group["age_bands"].values())


def test_ogr006_a_group_that_comes_back_gets_its_old_id(app, services):
    """Class: ids handed to a different group. Groups that disappeared are kept
    as retired; when they reappear they get their old ids; a retired group far
    from every new one does not lend its id, and new ids are above every id used
    before."""
    project = _seed(app, services, 500, seed=12)
    with app.server.test_request_context():
        first = group_results.compute(project)
        gone = {"centres": {}, "retired": first["centres"]}
        back = group_results.compute(project, gone)
        assert set(back["centres"]) == set(first["centres"])
        assert back["groups"] == first["groups"]
        assert back["retired"] == {}
        renamed = {gid + 10: c for gid, c in first["centres"].items()}
        one_kept = {
            "centres": {min(renamed): renamed[min(renamed)]},
            "retired": {99: [5.0] * len(renamed[min(renamed)])},
        }
        mixed = group_results.compute(project, one_kept)
    ids = set(mixed["centres"])
    assert min(renamed) in ids and 99 not in ids
    assert ids - {min(renamed)} == {100, 101}
    assert 99 in mixed["retired"]


def test_ogr090_synthetic_ballots_in_groups_are_stated(app, services, catalog):
    """Class: synthetic ballots presented as residents. The groups describe every
    ballot (the seeded demo plants them), so the section says how many are
    synthetic."""
    from budgetschuiver.seeding import seed_budgets
    from dashboards.budgets import group_results, groups_section

    project = catalog.find("budget", "begroting-2027")
    seed_budgets(project, services.store, services.settings.data_dir, 60, seed=3)
    with app.server.test_request_context("/dashboard"):
        found = group_results.compute(project)
        text = groups_section._computed(found, "nl")
    assert found["synthetic"] == 60
    assert "Daarvan zijn 60 synthetisch (test of demo): geen inwoners." in text

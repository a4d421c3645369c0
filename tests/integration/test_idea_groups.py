"""Idea groups inside the app, on SQLite and PostgreSQL: computed in the
background from the stored residents' ratings (synthetic ones left out), the
API's exact shape, ids kept when ratings arrive, groups below k never shown, and
the dashboard section built from the kept result."""

from __future__ import annotations

import time

import numpy as np
import pytest

from dashboards.ideas import group_results, groups_section
from dashboards.kernel import auth
from tests.integration.conftest import DATABASES, settings_on

PASSWORD = "correct horse battery staple"
ROUND = "brieven-beter"
IDEAS = 12
WAIT_SECONDS = 60
VALUES = {1: "support", 0: "neutral", -1: "oppose"}


@pytest.fixture(params=DATABASES)
def settings(request, settings):
    """This module's app on SQLite and on PostgreSQL."""
    yield from settings_on(request.param, settings)


@pytest.fixture
def advisor(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    return {"Authorization": auth.basic_header("adviseur", PASSWORD)}


@pytest.fixture
def planted(store):
    """Twelve published ideas and two camps of residents that rate them
    oppositely on ideas 0-5 and alike on 6-11 (idea 11 supported by all)."""
    ideas = [
        store.add_idea(
            ROUND, f"author-{j:02d}-" + "a" * 20, title=f"Idee {j}", text="Tekst"
        )
        for j in range(IDEAS)
    ]
    rng = np.random.default_rng(3)
    views = np.array(
        [
            [1] * 6 + [0, 0, 1, -1, 0, 1],
            [-1] * 6 + [0, 0, 1, -1, 0, 1],
        ]
    )
    return ideas, views, rng


def _rate(store, planted, camp: int, raters: range, synthetic: bool = False):
    ideas, views, rng = planted
    for r in raters:
        token = f"rater-{camp}-{r:04d}-" + "b" * 20
        for j, idea in enumerate(ideas):
            value = int(views[camp, j])
            if rng.random() < 0.1:
                value = int(rng.choice([-1, 0, 1]))
            store.rate_idea(idea, token, VALUES[value], j + 1, synthetic=synthetic)


def _wait_for_groups(client, headers, n):
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        response = client.get(f"/api/v1/idea-rounds/{ROUND}/groups", headers=headers)
        body = response.get_json()
        if response.status_code == 200 and body["n"] == n:
            return body
        assert time.monotonic() < deadline, body
        time.sleep(0.2)


def test_igr001_api_shape_background_and_synthetic_left_out(
    client, store, advisor, planted, services
):
    """Class: contract drift, work done inside requests, demo data counted as
    residents and small groups shown. 401 signed out, 404 for an unknown round,
    202 at first; then the documented keys, two camps of 30, a camp of 4 (below
    k) counted as unassigned, 15 synthetic raters not counted at all, and the
    ideas every camp supports first in the consensus ranking."""
    _rate(store, planted, 0, range(30))
    _rate(store, planted, 1, range(30))
    _rate(store, planted, 1, range(100, 104))
    _rate(store, planted, 0, range(200, 215), synthetic=True)
    assert client.get(f"/api/v1/idea-rounds/{ROUND}/groups").status_code == 401
    missing = client.get("/api/v1/idea-rounds/nope/groups", headers=advisor)
    assert missing.status_code == 404
    first = client.get(f"/api/v1/idea-rounds/{ROUND}/groups", headers=advisor)
    assert first.status_code == 202
    assert first.get_json()["groups"] == [] and first.get_json()["n"] == 0
    body = _wait_for_groups(client, advisor, 64)
    assert set(body) == {
        "computed_at",
        "n",
        "unassigned",
        "synthetic",
        "groups",
        "consensus",
        "plain",
    }
    assert body["synthetic"] == 0
    idea_ids = {idea.id for idea in planted[0]}
    k = services.settings.min_group_size
    assert len(body["groups"]) == 2
    for group in body["groups"]:
        assert set(group) == {"id", "label", "size", "distinctive", "support"}
        assert group["size"] >= k and group["label"]
        assert set(group["distinctive"]) <= idea_ids and group["distinctive"]
        assert set(group["support"]) == idea_ids
    assert sorted(g["size"] for g in body["groups"]) in ([30, 34], [30, 30])
    assert sum(g["size"] for g in body["groups"]) + body["unassigned"] == 64
    assert set(body["consensus"]) == idea_ids and set(body["plain"]) == idea_ids
    everyone = {planted[0][8].id, planted[0][11].id}
    assert set(body["consensus"][:2]) == everyone
    english = client.get(f"/api/v1/idea-rounds/{ROUND}/groups?lang=en", headers=advisor)
    assert {g["label"] for g in english.get_json()["groups"]} == {
        f"Group {g['id']}" for g in body["groups"]
    }
    # Switched on: every rater, its own kept result, saying how many are synthetic.
    url = f"/api/v1/idea-rounds/{ROUND}/groups"
    assert client.get(url + "?synthetic=2", headers=advisor).status_code == 400
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        mixed = client.get(url + "?synthetic=1", headers=advisor)
        if mixed.status_code == 200:
            break
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert (mixed.get_json()["n"], mixed.get_json()["synthetic"]) == (79, 15)
    assert sum(g["size"] for g in mixed.get_json()["groups"]) >= 45 + 30
    # The residents' result is still the one kept for the switch off.
    assert client.get(url, headers=advisor).get_json()["n"] == 64


def test_igr002_ids_survive_new_ratings_and_results_say_when(
    app, store, planted, catalog
):
    """Class: group names and colours reshuffled by a recount, and stale groups
    shown as current. New ratings make the kept result stale; the recount keeps
    every id and the camps' members stay together."""
    round_ = catalog.find("ideas", ROUND)
    _rate(store, planted, 0, range(20))
    _rate(store, planted, 1, range(30))
    with app.server.test_request_context():
        first = group_results.refresh(round_)
        found, fresh = group_results.latest(round_)
        assert fresh and found["version"] == first["version"]
        _rate(store, planted, 0, range(20, 35))
        stale, fresh = group_results.latest(round_)
        assert not fresh and stale["n"] == 50
        second = group_results.refresh(round_)
    assert second["n"] == 65
    was = {g["size"]: g["id"] for g in first["groups"]}
    now = {g["id"]: g["size"] for g in second["groups"]}
    assert sorted(was) == [20, 30]
    assert now == {was[20]: 35, was[30]: 30}


def test_igr003_too_few_raters_show_no_group_and_section_says_so(
    app, store, planted, catalog, services
):
    """Class: small-group leaks and figures without n. Eight raters: no group,
    all unassigned, and the section says when and on how many raters and that
    no group is shown; with two camps the map draws only squares of at least
    k residents."""
    round_ = catalog.find("ideas", ROUND)
    _rate(store, planted, 0, range(4))
    _rate(store, planted, 1, range(4))
    k = services.settings.min_group_size
    with app.server.test_request_context():
        found = group_results.refresh(round_)
        public = group_results.public(found, {})
        text = str(groups_section.content(round_, found, True, {}, "nl"))
    assert public["groups"] == [] and public["unassigned"] == 8 and public["n"] == 8
    assert "over 8 inwoners die ideeën beoordeelden" in text
    assert f"Er is geen groep van minstens {k} inwoners." in text
    _rate(store, planted, 0, range(4, 40))
    _rate(store, planted, 1, range(4, 40))
    titles = {idea.id: idea.title for idea in planted[0]}
    with app.server.test_request_context():
        found = group_results.refresh(round_)
        text = str(groups_section.content(round_, found, True, titles, "nl"))
    assert found["map"]["bins"]
    assert all(b["count"] >= k for b in found["map"]["bins"])
    assert "over 80 inwoners" in text and "Groep 1" in text and "Idee 11" in text


@pytest.mark.parametrize(
    "round_id",
    [None, {"$gt": ""}, ["brieven-beter"], 12, "x" * 10_000, "../brieven-beter"],
)
def test_igr004_forged_round_ids_get_a_message_not_a_crash(app, client, round_id):
    """Class: untrusted callback input. The section's callback, sent a round id
    that is no round (any JSON), answers 200 with "not found" in Dutch and
    stores nothing."""
    from tests.integration.conftest import log_in
    from tests.integration.test_dashboard import dashboard_callbacks, fake_payload

    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    log_in(client, "adviseur", PASSWORD)
    callback = next(
        cb
        for cb in dashboard_callbacks(client)
        if cb["output"] == "dbi-groups.children"
    )
    payload = fake_payload(callback)
    for item in payload["inputs"]:
        if item["id"] == groups_section.ROUND:
            item["value"] = round_id
    answer = client.post("/_dash-update-component", json=payload)
    assert answer.status_code == 200
    shown = answer.get_json()["response"]["dbi-groups"]["children"]
    assert shown["props"]["children"].startswith("Deze ideeënronde bestaat niet")


def test_igr005_the_data_version_follows_every_rating_change(store, planted):
    """Class: groups shown as current after ratings changed. A new rating, a
    changed value and a new idea change the version; rating the same again does
    not; residents' ratings are read without synthetic ones."""
    ideas = planted[0]
    token = "rater-x-" + "c" * 20
    before = store.rating_version(ROUND)
    store.rate_idea(ideas[0], token, "support", 1)
    rated = store.rating_version(ROUND)
    store.rate_idea(ideas[0], token, "support", 1)
    assert store.rating_version(ROUND) == rated != before
    store.rate_idea(ideas[0], token, "oppose", 1)
    changed = store.rating_version(ROUND)
    assert changed != rated
    store.add_idea(ROUND, token, title="Nog een", text="Tekst")
    assert store.rating_version(ROUND) != changed
    store.rate_idea(ideas[1], "synthetic-" + "d" * 20, "support", synthetic=True)
    idea_ids, rows = store.resident_ratings(ROUND)
    assert len(idea_ids) == IDEAS + 1
    assert [(idea, value) for _rater, idea, value in rows] == [(ideas[0].id, "oppose")]

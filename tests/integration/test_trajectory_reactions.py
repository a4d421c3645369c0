"""Reactions on a poll and a budget (`reactions: true`) over HTTP on SQLite and
PostgreSQL: the idea reactions' API contract on `/api/v1/polls/<id>/reactions`
and `/api/v1/projects/<id>/reactions`, replies, the author's edit and delete,
personal data refused, reports, moderation (pre and post), appeals, "mijn
bijdragen", and 404 where reactions are off."""

from __future__ import annotations

import json

import pytest

from tests.conftest import write_variant

# The idea API's app (SQLite and PostgreSQL, with moderator accounts) as a
# fixture; its `idea_data` is this module's.
from tests.integration.test_ideas_api import (  # noqa: F401
    PASSWORD,
    basic,
    idea_app,
)

TOKENS = [f"react-token-{n:02d}-" + "q" * 16 for n in range(8)]
POLL = "/api/v1/polls/fietsparkeren-centrum/reactions"
BUDGET = "/api/v1/projects/begroting-2027/reactions"
HOSTS = [POLL, BUDGET]


@pytest.fixture
def idea_data(data_dir):
    """The trajectories these tests need (the idea API's app fixture reads them)."""
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "fiets-pre",
        kind="polls",
        reaction_moderation="pre",
    )
    write_variant(
        data_dir, "fietsparkeren-centrum.yaml", "fiets-stil", kind="polls"
    ).write_text(
        (data_dir / "polls" / "fiets-stil.yaml")
        .read_text()
        .replace("reactions: true", "reactions: false")
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "fiets-dicht",
        kind="polls",
        opens="2026-01-01",
        closes="2026-02-01",
    )
    return data_dir


@pytest.fixture
def http(idea_app):  # noqa: F811
    return idea_app.server.test_client()


def send(client, url, body, method="POST", **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.open(
        url, method=method, data=data, content_type="application/json", **kwargs
    )


def react(client, url, token=TOKENS[0], **fields):
    body = {"text": "Meer rekken bij het station 🚲", "stance": "for", "token": token}
    return send(client, url, body | fields)


@pytest.mark.parametrize("url", HOSTS)
def test_trx001_post_reply_list(http, url):
    made = react(http, url, display_name="Ayşe")
    assert made.status_code == 201
    first = made.get_json()
    assert first["state"] == "published" and first["id"].startswith("r")
    reply = react(
        http, url, TOKENS[1], stance="question", text="Waar?", parent=first["id"]
    )
    assert reply.status_code == 201
    nested = react(http, url, TOKENS[2], parent=reply.get_json()["id"])
    assert nested.status_code == 422
    assert nested.get_json()["error"]["field"] == "parent"
    listed = http.get(url).get_json()["reactions"]
    assert [(r["id"], r["parent"], r["stance"]) for r in listed] == [
        (first["id"], None, "for"),
        (reply.get_json()["id"], first["id"], "question"),
    ]
    assert listed[0] == {
        "id": first["id"],
        "parent": None,
        "stance": "for",
        "text": "Meer rekken bij het station 🚲",
        "display_name": "Ayşe",
        "created_at": listed[0]["created_at"],
        "edited": False,
        "deleted": False,
    }


def test_trx002_reactions_of_one_trajectory_stay_there(http):
    react(http, POLL)
    assert http.get(BUDGET).get_json()["reactions"] == []
    assert len(http.get(POLL).get_json()["reactions"]) == 1


@pytest.mark.parametrize("url", HOSTS)
def test_trx003_author_edits_and_deletes_others_cannot(http, url):
    rid = react(http, url).get_json()["id"]
    other = send(
        http, f"/api/v1/reactions/{rid}", {"text": "x", "token": TOKENS[1]}, "PATCH"
    )
    assert other.status_code == 404
    edited = send(
        http,
        f"/api/v1/reactions/{rid}",
        {"text": "Liever onder de grond", "token": TOKENS[0]},
        "PATCH",
    )
    assert edited.status_code == 200
    assert edited.get_json() == {"id": rid, "edited": True, "state": "published"}
    [shown] = http.get(url).get_json()["reactions"]
    assert (shown["text"], shown["edited"]) == ("Liever onder de grond", True)
    gone = send(http, f"/api/v1/reactions/{rid}", {"token": TOKENS[0]}, "DELETE")
    assert gone.status_code == 200
    [shown] = http.get(url).get_json()["reactions"]
    assert (shown["deleted"], shown["text"]) == (True, "")


@pytest.mark.parametrize("url", HOSTS)
def test_trx004_personal_data_and_bad_bodies_refused_nothing_stored(http, url):
    mail = react(http, url, text="Mail me: jan.jansen@example.nl")
    assert mail.status_code == 422
    assert mail.get_json()["error"]["field"] == "text"
    assert react(http, url, stance="vote").status_code == 422
    assert react(http, url, extra=1).status_code == 422
    assert send(http, url, b"{not json").status_code == 400
    assert send(http, url, [1, 2]).status_code == 422
    assert http.get(url).get_json()["reactions"] == []
    assert http.get(url).status_code == 200


def test_trx005_off_unknown_and_closed(http):
    assert http.get("/api/v1/polls/fiets-stil/reactions").status_code == 404
    assert react(http, "/api/v1/polls/fiets-stil/reactions").status_code == 404
    assert http.get("/api/v1/polls/nope/reactions").status_code == 404
    assert http.get("/api/v1/moodboards/speeltuin-transvaal/reactions").status_code == (
        404
    )
    closed = react(http, "/api/v1/polls/fiets-dicht/reactions")
    assert closed.status_code == 409
    assert closed.get_json()["error"]["code"] == "closed"


@pytest.mark.parametrize("url", HOSTS)
def test_trx006_reports_hide_and_moderator_restores(http, url):
    rid = react(http, url).get_json()["id"]
    item = {"type": "reaction", "id": rid}
    for token in TOKENS[1:4]:
        reported = send(
            http, "/api/v1/reports", {"item": item, "reason": "spam", "token": token}
        )
        assert reported.status_code == 201
    assert http.get(url).get_json()["reactions"] == []
    queue = http.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()
    assert [(q["type"], q["id"], q["reason_queued"]) for q in queue["items"]] == [
        ("reaction", rid, "reports")
    ]
    decided = send(
        http,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "approve", "reason_code": "other"},
        headers=basic("mod-a"),
    )
    assert decided.status_code == 200
    assert [r["id"] for r in http.get(url).get_json()["reactions"]] == [rid]


def test_trx007_pre_moderation_profanity_and_appeal(http):
    pre_url = "/api/v1/polls/fiets-pre/reactions"
    held = react(http, pre_url)
    assert held.get_json()["state"] == "pending"
    rude = react(http, POLL, TOKENS[1], text="Wat een klootzak bedacht dit")
    assert rude.get_json()["state"] == "pending"
    assert http.get(pre_url).get_json()["reactions"] == []
    queue = http.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()
    assert [(q["id"], q["reason_queued"]) for q in queue["items"]] == [
        (held.get_json()["id"], "pre"),
        (rude.get_json()["id"], "profanity"),
    ]
    item = {"type": "reaction", "id": held.get_json()["id"]}
    send(
        http,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "reject", "reason_code": "off_topic"},
        headers=basic("mod-a"),
    )
    from budgetschuiver.kernel.context import EXTENSION

    store = http.application.extensions[EXTENSION].store
    # The public "hidden by reason" totals, kept apart per kind of trajectory.
    assert store.hidden_totals("fiets-pre", ("reaction",), "poll") == {
        "reaction": {"off_topic": 1}
    }
    assert store.hidden_totals("fiets-pre", ("reaction",)) == {"reaction": {}}
    mine = http.get(f"/api/v1/my-contributions?token={TOKENS[0]}").get_json()["items"]
    assert [
        (m["id"], m["kind"], m["round_id"], m["state"], m["appeal"]) for m in mine
    ] == [(held.get_json()["id"], "poll", "fiets-pre", "rejected", True)]
    appeal = send(
        http,
        "/api/v1/appeals",
        {"item": item, "text": "Het gaat over fietsen", "token": TOKENS[0]},
    )
    assert appeal.status_code == 201
    restored = send(
        http,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "restore", "reason_code": "other"},
        headers=basic("mod-b"),
    )
    assert restored.status_code == 200
    assert len(http.get(pre_url).get_json()["reactions"]) == 1


def test_trx008_voting_codes_key_reactions(settings, data_dir):
    from app import create_app
    from budgetschuiver.kernel import codes
    from budgetschuiver.kernel.context import EXTENSION
    from dashboards.kernel import auth

    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "fiets-codes",
        kind="polls",
        integrity="code",
    )
    dash_app = create_app(settings)
    store = dash_app.server.extensions[EXTENSION].store
    code = codes.new_code()
    store.add_codes(codes.scope("poll", "fiets-codes"), [codes.normalize(code)])
    client = dash_app.server.test_client()
    url = "/api/v1/polls/fiets-codes/reactions"
    body = {"text": "Goed plan", "stance": "for"}
    without = send(client, url, body)
    assert without.status_code == 422
    assert without.get_json()["error"]["field"] == "code"
    assert send(client, url, body | {"code": "WRONG-CODE"}).status_code == 422
    made = send(client, url, body | {"code": code})
    assert made.status_code == 201
    assert len(client.get(url).get_json()["reactions"]) == 1
    # The author appeals a decision with the same code (the poll's, not an idea
    # round's, although the appeal goes through the idea rounds' endpoint).
    with dash_app.server.app_context():
        auth.create_user("mod-c", PASSWORD, "moderator")
    item = {"type": "reaction", "id": made.get_json()["id"]}
    send(
        client,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "reject", "reason_code": "off_topic"},
        headers={"Authorization": auth.basic_header("mod-c", PASSWORD)},
    )
    appeal = {"item": item, "text": "Het gaat over fietsen"}
    assert send(client, "/api/v1/appeals", appeal).status_code == 422
    assert send(client, "/api/v1/appeals", appeal | {"code": code}).status_code == 201
    store.dispose()


def test_trx009_dashboard_counts_reactions_by_stance(http):
    from tests.integration.test_dashboard import _csrf, fake_payload

    for token, stance in zip(TOKENS[:3], ("for", "for", "against"), strict=True):
        react(http, BUDGET, token, stance=stance)
    held = react(http, BUDGET, TOKENS[3], text="Wat een klootzak bedacht dit")
    assert held.get_json()["state"] == "pending"
    http.post(
        "/login",
        data={"username": "adviseur", "password": PASSWORD, "csrf_token": _csrf(http)},
    )
    routing = next(
        cb
        for cb in http.get("/_dash-dependencies").get_json()
        if cb["output"].startswith(".._pages_content.children")
    )
    shown = {}
    for path in (
        "/dashboard/begroting/begroting-2027",
        "/dashboard/begroting/park-zuiderpark",
    ):
        payload = fake_payload(routing)
        for item in payload["inputs"]:
            item["value"] = path if item["property"] == "pathname" else ""
        response = http.post("/_dash-update-component", json=payload)
        assert response.status_code == 200
        shown[path] = response.get_data(as_text=True)
    text = shown["/dashboard/begroting/begroting-2027"]
    assert "Reacties van bewoners" in text
    assert _stance_rows(json.loads(text)) == {
        "for": "2",
        "against": "1",
        "question": "0",
    }
    assert "Reacties van bewoners" not in shown["/dashboard/begroting/park-zuiderpark"]


def _stance_rows(tree) -> dict[str, str]:
    """{stance: the count shown} of the table rows marked `data-stance` in a
    Dash component tree (JSON)."""
    found: dict[str, str] = {}
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if isinstance(props, dict) and "data-stance" in props:
            cell = props["children"][1]["props"]["children"]
            found[props["data-stance"]] = cell
        for value in tree.values():
            found |= _stance_rows(value)
    elif isinstance(tree, list):
        for value in tree:
            found |= _stance_rows(value)
    return found


def test_trx010_admins_export_a_budgets_reactions(http):
    import csv
    import io

    from dashboards.kernel import auth

    first = react(http, BUDGET, text="=1+2 is geen formule").get_json()["id"]
    reply = react(http, BUDGET, TOKENS[1], stance="question", parent=first)
    send(
        http,
        f"/api/v1/reactions/{reply.get_json()['id']}",
        {"token": TOKENS[1]},
        "DELETE",
    )
    with http.application.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    url = "/api/v1/projects/begroting-2027/export.csv?content=reactions"
    assert http.get(url, headers=basic("adviseur")).status_code == 403
    off = "/api/v1/projects/park-zuiderpark/export.csv?content=reactions"
    assert http.get(off, headers=basic("beheer")).status_code == 400
    response = http.get(url, headers=basic("beheer"))
    assert response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    )
    assert rows[0] == [
        "id",
        "idea_id",
        "parent",
        "stance",
        "text",
        "created_at",
        "edited_at",
        "state",
    ]
    assert [(r[0], r[1], r[2], r[3], r[4], r[7]) for r in rows[1:]] == [
        (first, "", "", "for", "'=1+2 is geen formule", "published"),
        (reply.get_json()["id"], "", first, "question", "", "deleted"),
    ]

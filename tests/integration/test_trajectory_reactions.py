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
from tests.integration.test_ideas_api import basic, idea_app  # noqa: F401

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
    store.dispose()

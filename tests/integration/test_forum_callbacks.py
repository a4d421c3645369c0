"""The forum's page and dashboard callbacks, called the way a browser (or a
forged request) calls them: a resident's topic through the pipeline, a forged
forum id refused, the municipality's topic with the badge, conclusions by an
advisor only, anonymous calls refused."""

from __future__ import annotations

import json

import pytest

from dashboards.forums import page as dashboard
from dashboards.kernel import auth
from dashboards.kernel.common import LANG
from tests.conftest import write_variant
from tests.integration.conftest import log_in
from tests.integration.test_dash_callbacks import call

FORUM = "pleinen-centrum"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def accounts(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
        auth.create_user("moderator", PASSWORD, "moderator")


def post_topic(client, forum_id, title, text, code=""):
    client.get(f"/forum/{FORUM}")
    return call(
        client,
        [
            {"id": "topic-status", "property": "children"},
            {"id": "topic-title", "property": "value"},
            {"id": "topic-text", "property": "value"},
        ],
        [{"id": "submit-topic", "property": "n_clicks", "value": 1}],
        [
            {"id": "forum-id", "property": "data", "value": forum_id},
            {"id": "topic-title", "property": "value", "value": title},
            {"id": "topic-text", "property": "value", "value": text},
            {"id": "topic-name", "property": "value", "value": None},
            {"id": "voting-code", "property": "value", "value": code},
            {"id": "idea-page-lang", "property": "data", "value": "nl"},
        ],
    )


def _said(response, element: str):
    return json.dumps(response.get_json()["response"][element], ensure_ascii=False)


def _one(response):
    """What a single-output callback answered, as text."""
    [value] = response.get_json()["response"].values()
    return json.dumps(value, ensure_ascii=False)


def test_fcb001_a_resident_topic_from_the_page_and_forged_ids(client, store):
    sent = post_topic(client, FORUM, "Fonteinen 🌊", "Water om te spelen.")
    assert sent.status_code == 200
    assert "Uw onderwerp staat online" in _said(sent, "topic-status")
    [key] = store.topic_keys(FORUM)
    assert store.find_topic(key.id).title == "Fonteinen 🌊"
    for forged in ("nergens", {"$ne": ""}, ["pleinen-centrum"]):
        refused = post_topic(client, forged, "Nog een", "Tekst.")
        assert refused.status_code == 200
        assert "bestaat niet" in _said(refused, "topic-status")
    # The thread's address is its own page (not the forum's), with status 200.
    assert client.get(f"/forum/{FORUM}/{key.id}").status_code == 200
    assert client.get(f"/forum/{FORUM}").status_code == 200
    for unknown in (f"/forum/{FORUM}/t404", "/forum/nergens", f"/forum/x/{key.id}"):
        assert client.get(unknown).status_code == 404, unknown
    personal = post_topic(client, FORUM, "Mail mij", "via iemand@example.nl")
    assert "e-mailadres" in _said(personal, "topic-status")
    assert len(store.topic_keys(FORUM)) == 1


def _dashboard_call(client, trigger, output, state):
    """A single-output dashboard callback: its output as an object, not a list."""
    return call(
        client,
        {"id": output, "property": "children"},
        [{"id": trigger, "property": "n_clicks", "value": 1}],
        [*state, {"id": LANG, "property": "data", "value": "nl"}],
    )


def close_forum(client, conclusion):
    return _dashboard_call(
        client,
        dashboard.CLOSE,
        dashboard.CLOSE_STATUS,
        [
            {"id": dashboard.FORUM, "property": "children", "value": FORUM},
            {"id": dashboard.CONCLUSION, "property": "value", "value": conclusion},
        ],
    )


def municipal_topic(client, title, text):
    return _dashboard_call(
        client,
        dashboard.TOPIC_SEND,
        dashboard.TOPIC_STATUS,
        [
            {"id": dashboard.FORUM, "property": "children", "value": FORUM},
            {"id": dashboard.TOPIC_TITLE, "property": "value", "value": title},
            {"id": dashboard.TOPIC_TEXT, "property": "value", "value": text},
        ],
    )


def test_fcb002_the_municipality_posts_and_closes_from_the_dashboard(
    client, store, accounts
):
    assert close_forum(client, "Klaar.").status_code == 401
    log_in(client, "moderator", PASSWORD)
    answer = close_forum(client, "Klaar.")
    assert "Alleen adviseurs" in _one(answer)
    assert store.forum_closing(FORUM) is None
    client.get("/logout")
    log_in(client, "adviseur", PASSWORD)
    made = municipal_topic(client, "Planning", "Eerst het Plein, dan de Grote Markt.")
    assert "Geplaatst" in _one(made)
    [key] = store.topic_keys(FORUM)
    topic = store.find_topic(key.id)
    assert (topic.municipality, topic.display_name) == (True, None)
    shown = client.get(f"/api/v1/forums/{FORUM}/topics").get_json()["topics"]
    assert shown[0]["municipality"] is True
    empty = close_forum(client, "   ")
    assert (
        "Vul" in _said(empty, dashboard.CLOSE_STATUS)
        or store.forum_closing(FORUM) is None
    )
    assert store.forum_closing(FORUM) is None
    done = close_forum(client, "We leggen de bankjes in de schaduw.")
    assert "Gesloten" in _one(done)
    closing = store.forum_closing(FORUM)
    assert (closing.conclusion, closing.closed_by) == (
        "We leggen de bankjes in de schaduw.",
        "adviseur",
    )
    [listed] = [
        f for f in client.get("/api/v1/forums").get_json()["forums"] if f["id"] == FORUM
    ]
    assert listed["status"] == "closed"
    assert listed["conclusion"] == "We leggen de bankjes in de schaduw."
    late = client.post(
        f"/api/v1/forums/{FORUM}/topics",
        json={"title": "Te laat", "text": "Nog iets.", "token": "t" * 20},
    )
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "closed"


def test_fcb003_the_forum_page_counts_what_moderation_hid(app, store):
    from budgetschuiver.forums import pages

    topic = store.add_topic(FORUM, "author-token-" + "h" * 16, title="Weg", text="x")
    store.decide("topic", topic.id, "hide", "off_topic", None, "mod-a")
    with app.server.test_request_context(f"/forum/{FORUM}?lang=nl"):
        shown = str(pages.forum_layout(forum_id=FORUM, lang="nl"))
    assert "Verborgen na moderatie: 1 (Gaat niet over het onderwerp 1)" in shown
    assert "Weg" not in shown


def post_post(client, forum_id, topic_id, text, code=""):
    client.get(f"/forum/{forum_id}/{topic_id}")
    return call(
        client,
        [
            {"id": "post-status", "property": "children"},
            {"id": "post-text", "property": "value"},
        ],
        [{"id": "submit-post", "property": "n_clicks", "value": 1}],
        [
            {"id": "forum-id", "property": "data", "value": forum_id},
            {"id": "topic-id", "property": "data", "value": topic_id},
            {"id": "post-stance", "property": "value", "value": ""},
            {"id": "post-parent", "property": "value", "value": ""},
            {"id": "post-text", "property": "value", "value": text},
            {"id": "post-name", "property": "value", "value": None},
            {"id": "voting-code", "property": "value", "value": code},
            {"id": "idea-page-lang", "property": "data", "value": "nl"},
        ],
    )


@pytest.fixture
def code_forum(data_dir):
    """A forum with `integrity: code` (written before the app reads the data)."""
    write_variant(
        data_dir,
        "pleinen-centrum.yaml",
        "forum-codes",
        kind="forums",
        integrity="code",
        demo_topics=[],
    )


def test_fcb004_a_code_forum_takes_page_topics_and_posts_only_with_a_code(
    code_forum, app, client, store
):
    """In a forum with `integrity: code` a
    topic or post from the page needs a valid voting code: none stored without
    one or with a wrong one; both keyed by the code (the author is the code,
    whichever browser typed it)."""
    from budgetschuiver.kernel import codes

    [code] = _codes(store, "forum-codes", 1)
    page = client.get("/forum/forum-codes")
    assert page.status_code == 200
    for wrong in ("", "ABCD-EFGH-JKLM"):
        refused = post_topic(client, "forum-codes", "Bankjes", "Meer bankjes.", wrong)
        assert "code" in _said(refused, "topic-status").lower()
    assert store.topic_keys("forum-codes") == []
    sent = post_topic(client, "forum-codes", "Bankjes", "Meer bankjes.", code)
    assert "Uw onderwerp staat online" in _said(sent, "topic-status")
    [key] = store.topic_keys("forum-codes")
    token = codes.ballot_token(codes.normalize(code))
    mine = store.contributions_of([("forums", "forum-codes")], token)
    assert [(m["type"], m["id"]) for m in mine] == [("topic", key.id)]
    no_code = post_post(client, "forum-codes", key.id, "Eens, bij de fontein.")
    assert "code" in _said(no_code, "post-status").lower()
    assert store.find_topic(key.id).posts == 0
    posted = post_post(client, "forum-codes", key.id, "Eens, bij de fontein.", code)
    assert "post-text" in posted.get_json()["response"]
    mine = store.contributions_of([("forums", "forum-codes")], token)
    assert sorted(m["type"] for m in mine) == ["post", "topic"]


def _codes(store, forum_id, count):
    """`count` voting codes for a forum, as a resident receives them."""
    from budgetschuiver.kernel import codes

    issued = [codes.new_code() for _ in range(count)]
    store.add_codes(
        codes.scope("forums", forum_id), [codes.normalize(c) for c in issued]
    )
    return issued

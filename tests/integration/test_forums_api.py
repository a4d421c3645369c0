"""Forums over HTTP on SQLite and PostgreSQL: the API contract, refusals that
store nothing, newest activity first with search and paging, moderation of topics
and posts (queue, reports, appeals through the ideas' endpoints), and both Atom
feeds parsed back as RFC 4287 asks."""

from __future__ import annotations

import dataclasses
import json

import pytest
from lxml import etree

from dashboards.kernel import auth
from tests.conftest import write_variant
from tests.integration.conftest import _drop_everything, _pg_url
from tests.integration.test_loopback_outputs import ATOM, _one, _rfc3339

PASSWORD = "correct horse battery staple"
FORUM = "pleinen-centrum"
TOKENS = [f"forum-token-{n:02d}-" + "q" * 16 for n in range(10)]


@pytest.fixture
def forum_data(data_dir):
    source = "pleinen-centrum.yaml"
    write_variant(data_dir, source, "forum-pre", kind="forums", moderation="pre")
    write_variant(
        data_dir, source, "forum-town", kind="forums", topics_from="municipality"
    )
    write_variant(
        data_dir, source, "forum-plain", kind="forums", stances=False, demo_topics=[]
    )
    write_variant(
        data_dir,
        source,
        "forum-closed",
        kind="forums",
        opens="2020-01-01",
        closes="2020-12-31",
    )
    write_variant(
        data_dir, source, "forum-codes", kind="forums", integrity="code", demo_topics=[]
    )
    write_variant(
        data_dir,
        source,
        "forum-later",
        kind="forums",
        opens="2099-01-01",
        closes="2099-12-31",
    )
    return data_dir


@pytest.fixture(params=["sqlite", "postgresql"])
def forum_app(request, settings, forum_data):
    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from budgetschuiver.store import Store

    settings = dataclasses.replace(settings, idea_limit="5/3600")
    if request.param == "postgresql":
        url = _pg_url()
        settings = dataclasses.replace(settings, database_url=url)
        _drop_everything(Store(url, settings.secret_key))
    dash_app = create_app(settings)
    with dash_app.server.app_context():
        auth.create_user("mod-a", PASSWORD, "moderator")
        auth.create_user("mod-b", PASSWORD, "moderator")
    yield dash_app
    store = dash_app.server.extensions[EXTENSION].store
    if request.param == "postgresql":
        _drop_everything(store)
    store.dispose()


@pytest.fixture
def api(forum_app):
    return forum_app.server.test_client()


@pytest.fixture
def store(forum_app):
    from budgetschuiver.kernel.context import EXTENSION

    return forum_app.server.extensions[EXTENSION].store


def basic(name):
    return {"Authorization": auth.basic_header(name, PASSWORD)}


def post(client, url, body, **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


def new_topic(client, forum=FORUM, token=TOKENS[0], **fields):
    """A topic through the API; `token=None` sends none (a code forum)."""
    body = {"title": "Meer groen op het plein", "text": "Bomen geven schaduw."}
    who = {"token": token} if token is not None else {}
    return post(client, f"/api/v1/forums/{forum}/topics", body | who | fields)


def new_post(client, topic_id, forum=FORUM, token=TOKENS[1], **fields):
    who = {"token": token} if token is not None else {}
    body = {"text": "Eens, graag ook bankjes."} | who | fields
    return post(client, f"/api/v1/forums/{forum}/topics/{topic_id}/posts", body)


def topics(client, forum=FORUM, query=""):
    return client.get(f"/api/v1/forums/{forum}/topics{query}").get_json()


def test_fapi001_forums_listed_with_defaults(api):
    forums = {f["id"]: f for f in api.get("/api/v1/forums").get_json()["forums"]}
    assert forums[FORUM] == {
        "id": FORUM,
        "title": "Hoe maken we de pleinen in het centrum prettiger?",
        "question": forums[FORUM]["question"],
        "status": "open",
        "moderation": "post",
        "residents_may_start_topics": True,
        "stances": True,
        "limits": {"title": 120, "text": 5000},
    }
    assert forums["forum-town"]["residents_may_start_topics"] is False
    assert forums["forum-closed"]["status"] == "closed"
    english = api.get("/api/v1/forums?lang=en").get_json()["forums"]
    assert english[0]["title"].startswith("How do we")


def test_fapi002_topic_and_thread_through_the_api(api):
    created = new_topic(api, display_name="Buurvrouw 🌳")
    assert created.status_code == 201
    assert created.get_json()["state"] == "published"
    topic_id = created.get_json()["id"]
    first = new_post(api, topic_id, stance="for")
    assert first.status_code == 201 and first.get_json()["state"] == "published"
    reply = new_post(api, topic_id, parent=first.get_json()["id"], text="Ik ook.")
    assert reply.status_code == 201
    deeper = new_post(api, topic_id, parent=reply.get_json()["id"])
    assert deeper.status_code == 422
    assert deeper.get_json()["error"]["field"] == "parent"
    listed = topics(api)
    assert (listed["total"], listed["page"], listed["pages"]) == (1, 1, 1)
    [shown] = listed["topics"]
    assert set(shown) == {
        "id",
        "title",
        "text",
        "display_name",
        "municipality",
        "created_at",
        "posts",
        "last_activity",
        "closed",
    }
    assert (shown["display_name"], shown["posts"], shown["closed"]) == (
        "Buurvrouw 🌳",
        2,
        False,
    )
    assert shown["last_activity"] > shown["created_at"]
    one = api.get(f"/api/v1/forums/{FORUM}/topics/{topic_id}").get_json()
    assert one["topic"]["id"] == topic_id
    assert [(p["stance"], p["parent"], p["municipality"]) for p in one["posts"]] == [
        ("for", None, False),
        (None, first.get_json()["id"], False),
    ]
    # The topic's own id under another forum is not found.
    assert api.get(f"/api/v1/forums/forum-pre/topics/{topic_id}").status_code == 404


def test_fapi003_refusals_say_why_and_store_nothing(api, store):
    personal = new_topic(api, text="Bel mij op 06 12345678")
    assert personal.status_code == 422
    assert personal.get_json()["error"]["field"] == "text"
    assert new_topic(api, municipality=True).status_code == 422
    assert new_topic(api, title="").status_code == 422
    assert new_topic(api, token="short").status_code == 422
    assert new_topic(api, forum="nergens").status_code == 404
    town = new_topic(api, forum="forum-town")
    assert town.status_code == 409
    assert town.get_json()["error"]["code"] == "municipality_only"
    assert new_topic(api, forum="forum-closed").status_code == 409
    later = new_topic(api, forum="forum-later")
    assert later.status_code == 409
    assert later.get_json()["error"]["code"] == "not_open"
    assert "2099-01-01" in later.get_json()["error"]["message"]
    assert topics(api)["total"] == 0
    topic_id = new_topic(api, forum="forum-plain").get_json()["id"]
    stance = new_post(api, topic_id, forum="forum-plain", stance="for")
    assert stance.status_code == 422
    assert stance.get_json()["error"]["field"] == "stance"
    assert new_post(api, "t0000", forum="forum-plain").status_code == 404
    english = post(
        api,
        "/api/v1/forums/forum-plain/topics?lang=en",
        {"title": "x" * 121, "text": "ok", "token": TOKENS[0]},
    )
    assert english.status_code == 422
    assert "at most" in english.get_json()["error"]["message"]
    big = new_topic(api, text="x" * 70_000)
    assert big.status_code == 413
    assert post(api, f"/api/v1/forums/{FORUM}/topics", b"{not json").status_code == 400
    store.close_topic(topic_id, "Dank voor het meedenken.", "adviseur")
    closed = new_post(api, topic_id, forum="forum-plain")
    assert closed.status_code == 409
    assert closed.get_json()["error"]["code"] == "topic_closed"
    shown = api.get(f"/api/v1/forums/forum-plain/topics/{topic_id}").get_json()
    assert shown["topic"]["closed"] is True
    assert shown["topic"]["conclusion"] == "Dank voor het meedenken."
    assert shown["posts"] == []


def test_fapi004_rate_limit_on_topics(api):
    statuses = [
        new_topic(api, title=f"Onderwerp {n} {n * 7919}", text=f"Tekst {n}").status_code
        for n in range(6)
    ]
    assert statuses == [201] * 5 + [429]
    assert topics(api)["total"] == 5


def test_fapi005_newest_activity_first_search_and_paging(api):
    old = new_topic(api, title="Fietsen parkeren bij het plein", text="Rekken.")
    new = new_topic(api, token=TOKENS[2], title="Markt op zaterdag", text="Kramen.")
    order = [t["id"] for t in topics(api)["topics"]]
    assert order == [new.get_json()["id"], old.get_json()["id"]]
    new_post(api, old.get_json()["id"])
    order = [t["id"] for t in topics(api)["topics"]]
    assert order == [old.get_json()["id"], new.get_json()["id"]]
    found = topics(api, query="?q=KRAMEN")
    assert [t["id"] for t in found["topics"]] == [new.get_json()["id"]]
    assert topics(api, query="?q=100%25")["total"] == 0
    for bad in ("?page=0", "?page=2", "?page=x", "?q=" + "a" * 101):
        answer = api.get(f"/api/v1/forums/{FORUM}/topics{bad}")
        assert answer.status_code == 400, bad
    assert api.get("/api/v1/forums/nergens/topics").status_code == 404


def test_fapi006_pre_moderation_queue_and_approval(api):
    held = new_topic(api, forum="forum-pre")
    assert held.get_json()["state"] == "pending"
    assert topics(api, forum="forum-pre")["total"] == 0
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()
    [item] = queue["items"]
    assert (item["type"], item["id"], item["round"], item["reason_queued"]) == (
        "topic",
        held.get_json()["id"],
        "forum-pre",
        "pre",
    )
    assert item["title"] == "Meer groen op het plein"
    decided = post(
        api,
        "/api/v1/moderation/decisions",
        {
            "item": {"type": "topic", "id": held.get_json()["id"]},
            "action": "approve",
            "reason_code": "other",
        },
        headers=basic("mod-a"),
    )
    assert decided.status_code == 200
    assert topics(api, forum="forum-pre")["total"] == 1
    reply = new_post(api, held.get_json()["id"], forum="forum-pre")
    assert reply.get_json()["state"] == "pending"
    thread = api.get(f"/api/v1/forums/forum-pre/topics/{held.get_json()['id']}")
    assert thread.get_json()["posts"] == []
    rude = new_post(api, new_topic(api).get_json()["id"], text="Wat een klootzak")
    assert rude.get_json()["state"] == "pending"


def test_fapi007_reports_hide_a_post_and_its_author_appeals(api):
    topic_id = new_topic(api).get_json()["id"]
    post_id = new_post(api, topic_id, token=TOKENS[1]).get_json()["id"]
    item = {"type": "post", "id": post_id}
    for token in TOKENS[2:5]:
        sent = post(
            api, "/api/v1/reports", {"item": item, "reason": "spam", "token": token}
        )
        assert sent.status_code == 201
    thread = api.get(f"/api/v1/forums/{FORUM}/topics/{topic_id}").get_json()
    assert thread["posts"] == [] and thread["topic"]["posts"] == 0
    hide = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "hide", "reason_code": "spam"},
        headers=basic("mod-a"),
    )
    assert hide.status_code == 200
    stranger = post(api, "/api/v1/appeals", {"item": item, "token": TOKENS[2]})
    assert stranger.status_code == 404
    appeal = post(
        api, "/api/v1/appeals", {"item": item, "text": "Geen spam", "token": TOKENS[1]}
    )
    assert appeal.status_code == 201
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod-b")).get_json()
    assert [(q["type"], q["id"], q["reason_queued"]) for q in queue["items"]] == [
        ("post", post_id, "appeal")
    ]
    restored = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "restore", "reason_code": "other"},
        headers=basic("mod-b"),
    )
    assert restored.status_code == 200
    thread = api.get(f"/api/v1/forums/{FORUM}/topics/{topic_id}").get_json()
    assert [p["id"] for p in thread["posts"]] == [post_id]
    topic_report = post(
        api,
        "/api/v1/reports",
        {
            "item": {"type": "topic", "id": topic_id},
            "reason": "off_topic",
            "token": TOKENS[6],
        },
    )
    assert topic_report.status_code == 201
    unknown = post(
        api,
        "/api/v1/reports",
        {"item": {"type": "topic", "id": "t404"}, "reason": "spam", "token": TOKENS[6]},
    )
    assert unknown.status_code == 404


def _codes(forum_app, forum_id, count):
    """`count` voting codes for a forum, as a resident receives them."""
    from budgetschuiver.kernel import codes
    from budgetschuiver.kernel.context import EXTENSION

    issued = [codes.new_code() for _ in range(count)]
    forum_app.server.extensions[EXTENSION].store.add_codes(
        codes.scope("forums", forum_id), [codes.normalize(c) for c in issued]
    )
    return issued


def test_fapi010_a_code_forum_keys_topics_and_posts_by_code(forum_app, api, store):
    """`integrity: code`: no topic or post without a valid voting code of this
    forum (a token alone, a wrong code and an idea round's code are refused,
    nothing stored); with one, both are keyed by the code (the author's list
    for the code's token holds them)."""
    from budgetschuiver.kernel import codes

    [code] = _codes(forum_app, "forum-codes", 1)
    [other] = _codes(forum_app, "forum-codes", 1)
    [round_code] = _idea_round_codes(forum_app)
    for refused in (
        {"token": TOKENS[0]},
        {"code": "ABCD-EFGH-JKLM"},
        {"code": round_code},
    ):
        answer = new_topic(api, forum="forum-codes", **({"token": None} | refused))
        assert answer.status_code == 422, refused
        assert answer.get_json()["error"]["field"] == "code"
    assert store.topic_keys("forum-codes") == []
    made = new_topic(api, forum="forum-codes", token=None, code=code)
    assert made.status_code == 201
    topic_id = made.get_json()["id"]
    no_code = new_post(api, topic_id, forum="forum-codes")
    assert no_code.status_code == 422
    assert no_code.get_json()["error"]["field"] == "code"
    answer = new_post(api, topic_id, forum="forum-codes", token=None, code=other)
    assert answer.status_code == 201
    keyed = codes.ballot_token(codes.normalize(code))
    mine = api.get(f"/api/v1/my-contributions?token={keyed}").get_json()["items"]
    assert [(m["type"], m["id"], m["kind"]) for m in mine] == [
        ("topic", topic_id, "forums")
    ]


def _idea_round_codes(forum_app):
    """A voting code of the demo idea round: a code of another trajectory."""
    from budgetschuiver.kernel import codes
    from budgetschuiver.kernel.context import EXTENSION

    issued = codes.new_code()
    forum_app.server.extensions[EXTENSION].store.add_codes(
        codes.scope("ideas", "forum-codes"), [codes.normalize(issued)]
    )
    return [issued]


def test_fapi011_reports_and_appeals_are_the_forums_own(forum_app, api):
    """Class: reports and appeals on topics and posts went through the ideas
    kind, so an appeal in a forum with `integrity: code` redeemed the code as
    an idea round's (refused). Now they are the forum's parts: the author
    appeals with the forum's code; anyone reports without one."""
    [code] = _codes(forum_app, "forum-codes", 1)
    made = new_topic(api, forum="forum-codes", token=None, code=code)
    item = {"type": "topic", "id": made.get_json()["id"]}
    report = {"item": item, "reason": "spam", "token": TOKENS[3]}
    assert post(api, "/api/v1/reports", report).status_code == 201
    hide = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "hide", "reason_code": "spam"},
        headers=basic("mod-a"),
    )
    assert hide.status_code == 200
    by_token = post(api, "/api/v1/appeals", {"item": item, "token": TOKENS[0]})
    assert by_token.status_code == 422
    assert by_token.get_json()["error"]["field"] == "code"
    appeal = post(
        api, "/api/v1/appeals", {"item": item, "text": "Geen spam", "code": code}
    )
    assert appeal.status_code == 201, appeal.get_json()
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod-b")).get_json()
    assert [(q["id"], q["reason_queued"]) for q in queue["items"]] == [
        (item["id"], "appeal")
    ]


def _feed(client, url):
    answer = client.get(url)
    assert answer.status_code == 200, url
    assert answer.mimetype == "application/atom+xml"
    return etree.fromstring(answer.data)


def _valid(feed, self_url):
    """RFC 4287: one id, title and updated; an author; a self link; entries with
    one id, title and updated (not after the feed's), an alternate link; ids
    unique; RFC 3339 dates."""
    assert feed.tag == ATOM + "feed"
    assert _one(feed, "id").text == self_url
    assert _one(feed, "title").text
    updated = _rfc3339(_one(feed, "updated").text)
    assert _one(_one(feed, "author"), "name").text
    rels = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert rels["self"] == self_url
    ids = []
    for entry in feed.findall(ATOM + "entry"):
        ids.append(_one(entry, "id").text)
        assert ids[-1].startswith("tag:localhost,2026:forums/")
        assert _one(entry, "title").text
        assert _rfc3339(_one(entry, "updated").text) <= updated
        assert any(
            link.get("rel", "alternate") == "alternate"
            and link.get("href").startswith("http://localhost/forum/")
            for link in entry.findall(ATOM + "link")
        )
    assert len(set(ids)) == len(ids)
    return feed.findall(ATOM + "entry")


def test_fapi008_feeds_are_valid_atom_with_topics_and_published_posts(api):
    empty = _feed(api, f"/forum/{FORUM}/feed.atom")
    assert _valid(empty, f"http://localhost/forum/{FORUM}/feed.atom") == []
    topic_id = new_topic(api, title="Bomen <en> bankjes").get_json()["id"]
    new_topic(api, token=TOKENS[3], title="Tweede onderwerp", text="Iets anders.")
    new_post(api, topic_id, text="Eerste bericht")
    new_post(api, topic_id, token=TOKENS[2], text="Wat een klootzak")
    entries = _valid(
        _feed(api, f"/forum/{FORUM}/feed.atom"),
        f"http://localhost/forum/{FORUM}/feed.atom",
    )
    assert [e.findtext(ATOM + "title") for e in entries] == [
        "Bomen <en> bankjes",
        "Tweede onderwerp",
    ]
    url = f"/forum/{FORUM}/{topic_id}/feed.atom"
    entries = _valid(_feed(api, url), f"http://localhost{url}")
    # The held post is not in it.
    assert [e.findtext(ATOM + "content") for e in entries] == ["Eerste bericht"]
    assert api.get(f"/forum/{FORUM}/t404/feed.atom").status_code == 404
    assert api.get("/forum/nergens/feed.atom").status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("delete", "/api/v1/forums"),
        ("put", f"/api/v1/forums/{FORUM}/topics"),
        ("get", f"/api/v1/forums/{FORUM}/topics/t1/posts"),
    ],
)
def test_fapi009_wrong_methods_answer_405(api, method, url):
    assert getattr(api, method)(url).status_code == 405

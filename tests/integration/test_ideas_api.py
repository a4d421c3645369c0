"""Idea rounds over HTTP on SQLite and PostgreSQL: the API contract, personal data
refused, moderation with queue, reports, decisions, an appeal decided by a second
account, the log as CSV, wrong methods."""

from __future__ import annotations

import base64
import csv
import dataclasses
import io
import json
import os
import random
import string
import subprocess
import sys

import pytest

from budgetschuiver.kernel.settings import REPO_ROOT
from dashboards.kernel import auth
from tests.conftest import write_variant
from tests.integration.conftest import _drop_everything, _pg_url

PASSWORD = "correct horse battery staple"
ROUND = "brieven-beter"
TOKENS = [f"idea-token-{n:02d}-" + "z" * 16 for n in range(10)]


@pytest.fixture
def idea_data(data_dir):
    write_variant(
        data_dir, "brieven-beter.yaml", "brieven-pre", kind="ideas", moderation="pre"
    )
    write_variant(
        data_dir,
        "brieven-beter.yaml",
        "brieven-open",
        kind="ideas",
        show_counts="always",
        demo_ideas=[],
    )
    write_variant(
        data_dir,
        "brieven-beter.yaml",
        "brieven-codes",
        kind="ideas",
        integrity="code",
        show_counts="always",
        demo_ideas=[],
    )
    return data_dir


@pytest.fixture(params=["sqlite", "postgresql"])
def idea_app(request, settings, idea_data):
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
        auth.create_user("adviseur", PASSWORD, "advisor")
    yield dash_app
    store = dash_app.server.extensions[EXTENSION].store
    if request.param == "postgresql":
        _drop_everything(store)
    store.dispose()


@pytest.fixture
def api(idea_app):
    return idea_app.server.test_client()


def basic(name):
    return {"Authorization": auth.basic_header(name, PASSWORD)}


def post(client, url, body, **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


def new_idea(client, round_id=ROUND, token=TOKENS[0], **fields):
    body = {"title": "Brieven in gewone taal", "text": "Schrijf in B1.", "token": token}
    return post(client, f"/api/v1/idea-rounds/{round_id}/ideas", body | fields)


def test_iapi001_rounds_listed(api):
    rounds = {
        r["id"]: r for r in api.get("/api/v1/idea-rounds").get_json()["idea_rounds"]
    }
    letters = rounds[ROUND]
    assert letters == {
        "id": ROUND,
        "title": "Hoe maken we brieven van de gemeente beter?",
        "status": "open",
        "phase": "collect",
        "moderation": "post",
        "show_counts": "after_rating",
        "themes": letters["themes"],
        "limits": {"title": 100, "text": 2000, "reaction": 1000},
    }
    assert letters["themes"][0] == {"id": "taal", "label": "Taal en uitleg"}
    assert rounds["speelplekken-2025"]["phase"] == "closed"


def test_iapi002_post_list_rate_counts_follow_show_counts(api):
    made = new_idea(api, theme="taal", district="centrum", display_name="An 🌷")
    assert made.status_code == 201
    idea_id = made.get_json()["id"]
    assert made.get_json()["state"] == "published"
    listed = api.get(f"/api/v1/idea-rounds/{ROUND}/ideas?token={TOKENS[1]}").get_json()
    [item] = listed["ideas"]
    assert (listed["page"], listed["pages"]) == (1, 1)
    assert item["display_name"] == "An 🌷" and item["theme"] == "taal"
    assert "support" not in item and "oppose" not in item  # absent, not null
    rating = post(
        api,
        f"/api/v1/ideas/{idea_id}/ratings",
        {"value": "support", "token": TOKENS[1], "position": 1},
    )
    assert rating.status_code == 201
    again = post(
        api,
        f"/api/v1/ideas/{idea_id}/ratings",
        {"value": "oppose", "token": TOKENS[1], "position": 2},
    )
    assert again.status_code == 200
    [item] = api.get(f"/api/v1/idea-rounds/{ROUND}/ideas?token={TOKENS[1]}").get_json()[
        "ideas"
    ]
    assert (item["support"], item["oppose"], item["neutral"]) == (0, 1, 0)
    assert item["my_rating"] == "oppose"
    # Another visitor still does not see them.
    [other] = api.get(
        f"/api/v1/idea-rounds/{ROUND}/ideas?token={TOKENS[2]}"
    ).get_json()["ideas"]
    assert "support" not in other
    results = api.get(f"/api/v1/idea-rounds/{ROUND}/results", headers=basic("adviseur"))
    body = results.get_json()
    assert body["n_ideas"] == 1 and body["n_raters"] == 1
    assert body["ideas"][0] | {"wilson_lower": 0} == {
        "id": idea_id,
        "support": 0,
        "oppose": 1,
        "neutral": 0,
        "wilson_lower": 0,
        "rank": 1,
        "tied": False,
    }
    assert body["position_audit"][0]["oppose"] == 1
    assert api.get(f"/api/v1/idea-rounds/{ROUND}/results").status_code == 401


@pytest.mark.parametrize(
    ("fields", "field", "code", "words"),
    [
        ({"text": "Mail me: an@example.nl"}, "text", "personal_data", "e-mailadres"),
        ({"title": "Bel 06-12345678"}, "title", "personal_data", "telefoonnummer"),
        (
            {"text": "IBAN NL91 ABNA 0417 1643 00 en 2511 BT 70"},
            "text",
            "personal_data",
            "rekeningnummer (IBAN) en een postcode met huisnummer",
        ),
        ({"display_name": "bsn 111222333"}, "display_name", "personal_data", "burger"),
        ({"title": "x" * 101}, "title", "too_long", "100"),
        ({"text": "   "}, "text", "empty", "Vul"),
        ({"theme": "geld"}, "theme", "invalid_theme", "thema"),
        ({"district": "mars"}, "district", "invalid_district", "stadsdeel"),
        ({"email": "a@b.nl"}, "email", "unknown_field", "email"),
        ({"token": "short"}, "token", "invalid_token", "sleutel"),
    ],
)
def test_iapi003_refusals_name_the_field_and_store_nothing(
    api, fields, field, code, words
):
    response = new_idea(api, **fields)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert (error["field"], error["code"]) == (field, code)
    assert words in error["message"]
    listed = api.get(f"/api/v1/idea-rounds/{ROUND}/ideas").get_json()
    assert listed["total"] == 0


def test_iapi004_html_kept_as_written_and_english_errors(api):
    made = new_idea(api, title="<b>Vet</b> & <script>x</script>")
    idea = api.get(f"/api/v1/ideas/{made.get_json()['id']}").get_json()["idea"]
    assert idea["title"] == "<b>Vet</b> & <script>x</script>"
    english = post(
        api,
        f"/api/v1/idea-rounds/{ROUND}/ideas?lang=en",
        {"title": "Mail", "text": "mail an@example.nl", "token": TOKENS[0]},
    )
    assert "an e-mail address" in english.get_json()["error"]["message"]


def test_iapi005_phases_give_409(api):
    closed = new_idea(api, round_id="speelplekken-2025")
    assert closed.status_code == 409
    assert api.get("/api/v1/idea-rounds/nope/ideas").status_code == 404
    assert new_idea(api, round_id="nope").status_code == 404
    assert post(api, "/api/v1/ideas/inope/ratings", {}).status_code == 404


def test_iapi006_checks_queue_and_moderator_approves(api):
    rude = new_idea(api, text="Wat een klootzak schreef deze brief")
    assert rude.get_json()["state"] == "pending"
    pre = new_idea(api, round_id="brieven-pre", token=TOKENS[1])
    assert pre.get_json()["state"] == "pending"
    assert api.get(f"/api/v1/idea-rounds/{ROUND}/ideas").get_json()["total"] == 0
    assert api.get(f"/api/v1/ideas/{rude.get_json()['id']}").status_code == 404
    assert api.get("/api/v1/moderation/queue").status_code == 401
    assert (
        api.get("/api/v1/moderation/queue", headers=basic("adviseur")).status_code
        == 403
    )
    items = api.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()[
        "items"
    ]
    assert [(i["id"], i["reason_queued"]) for i in items] == [
        (rude.get_json()["id"], "profanity"),
        (pre.get_json()["id"], "pre"),
    ]
    assert set(items[0]) >= {
        "type",
        "id",
        "text",
        "reason_queued",
        "reports",
        "created_at",
    }
    decided = post(
        api,
        "/api/v1/moderation/decisions",
        {
            "item": {"type": "idea", "id": pre.get_json()["id"]},
            "action": "approve",
            "reason_code": "other",
        },
        headers=basic("mod-a"),
    )
    assert decided.status_code == 200
    assert api.get("/api/v1/idea-rounds/brieven-pre/ideas").get_json()["total"] == 1
    missing_reason = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": {"type": "idea", "id": rude.get_json()["id"]}, "action": "hide"},
        headers=basic("mod-a"),
    )
    assert missing_reason.status_code == 422
    assert missing_reason.get_json()["error"]["field"] == "reason_code"


def test_iapi007_near_duplicate_queued_and_shown_before_posting(api):
    first = new_idea(api, round_id="brieven-open")
    similar = api.get(
        "/api/v1/idea-rounds/brieven-open/similar?title=Gewone taal in brieven&text=B1"
    ).get_json()["similar"]
    assert [s["id"] for s in similar] == [first.get_json()["id"]]
    assert similar[0]["title"] == "Brieven in gewone taal"
    second = new_idea(api, round_id="brieven-open", token=TOKENS[1])
    assert second.get_json()["state"] == "pending"


def test_iapi008_reports_hide_and_approval_restores(api):
    idea_id = new_idea(api).get_json()["id"]
    item = {"type": "idea", "id": idea_id}
    for n, token in enumerate(TOKENS[1:4]):
        response = post(
            api, "/api/v1/reports", {"item": item, "reason": "spam", "token": token}
        )
        assert response.status_code == 201
        if n == 0:
            repeat = post(
                api, "/api/v1/reports", {"item": item, "reason": "spam", "token": token}
            )
            assert repeat.status_code == 200
    assert api.get(f"/api/v1/ideas/{idea_id}").status_code == 404
    bad = post(
        api, "/api/v1/reports", {"item": item, "reason": "boring", "token": TOKENS[5]}
    )
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "reason"
    [queued] = api.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()[
        "items"
    ]
    assert (queued["reason_queued"], queued["reports"]) == ("reports", 3)
    post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "approve", "reason_code": "other"},
        headers=basic("mod-a"),
    )
    assert api.get(f"/api/v1/ideas/{idea_id}").status_code == 200
    assert (
        api.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()["items"]
        == []
    )


def test_iapi009_appeal_decided_by_a_second_account_and_logged(api):
    idea_id = new_idea(api, token=TOKENS[0]).get_json()["id"]
    item = {"type": "idea", "id": idea_id}
    post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "reject", "reason_code": "off_topic", "note": "=1+2"},
        headers=basic("mod-a"),
    )
    mine = api.get(f"/api/v1/my-contributions?token={TOKENS[0]}").get_json()["items"]
    assert [(m["id"], m["state"], m["reason"], m["appeal"]) for m in mine] == [
        (idea_id, "rejected", "off_topic", True)
    ]
    stranger = post(
        api, "/api/v1/appeals", {"item": item, "text": "x", "token": TOKENS[1]}
    )
    assert stranger.status_code == 404
    appeal = post(
        api,
        "/api/v1/appeals",
        {"item": item, "text": "Het gaat over brieven", "token": TOKENS[0]},
    )
    assert appeal.status_code == 201
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod-b")).get_json()[
        "items"
    ]
    assert [(q["id"], q["reason_queued"]) for q in queue] == [(idea_id, "appeal")]
    same = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "restore", "reason_code": "other"},
        headers=basic("mod-a"),
    )
    assert same.status_code == 409
    assert same.get_json()["error"]["code"] == "same_moderator"
    other = post(
        api,
        "/api/v1/moderation/decisions",
        {"item": item, "action": "restore", "reason_code": "other", "note": "Past wel"},
        headers=basic("mod-b"),
    )
    assert other.status_code == 200
    assert api.get(f"/api/v1/ideas/{idea_id}").status_code == 200
    log = api.get("/api/v1/moderation/log.csv", headers=basic("mod-b"))
    assert log.status_code == 200 and log.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(log.data.decode("utf-8-sig"))))
    assert rows[0] == [
        "time",
        "moderator",
        "item_type",
        "item_id",
        "action",
        "reason_code",
        "note",
    ]
    assert [r[1:] for r in rows[1:]] == [
        ["mod-a", "idea", idea_id, "reject", "off_topic", "'=1+2"],
        ["mod-b", "idea", idea_id, "restore", "other", "Past wel"],
    ]
    assert api.get("/api/v1/moderation/log.csv").status_code == 401


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/moderation/decisions"),
        ("put", "/api/v1/reports"),
        ("delete", "/api/v1/idea-rounds"),
        ("post", "/api/v1/moderation/queue"),
        ("post", "/api/v1/moderation/log.csv"),
        ("get", "/api/v1/appeals"),
    ],
)
def test_iapi010_wrong_methods_answer_405(api, method, url):
    response = getattr(api, method)(url)
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_iapi011_reasons_fixed_list(api):
    reasons = api.get("/api/v1/moderation/reasons?lang=en").get_json()["reasons"]
    assert [r["code"] for r in reasons] == [
        "spam",
        "offensive",
        "discrimination",
        "personal_data",
        "off_topic",
        "duplicate",
        "other",
    ]
    assert reasons[1]["label"] == "Offensive"


def _letters(count: int, seed: int) -> str:
    # Letters only: runs of random digits could look like a phone number or BSN.
    # Seeded, so the same texts every run: random words may spell a word on the
    # profanity lists now and then, which would send an idea to the queue.
    chooser = random.Random(seed)
    return "".join(chooser.choice(string.ascii_lowercase + " ") for _ in range(count))


def test_iapi012_random_order_stable_per_seed_and_paged(api):
    # Texts unlike each other, so none waits as a near-duplicate.
    ids = [
        new_idea(
            api,
            round_id="brieven-open",
            token=TOKENS[n % 10],
            title="Idee " + _letters(12, 2 * n),
            text=_letters(60, 2 * n + 1),
        ).get_json()["id"]
        for n in range(25)
    ]
    url = "/api/v1/idea-rounds/brieven-open/ideas?seed=abc"
    first = api.get(url + "&page=1").get_json()
    second = api.get(url + "&page=2").get_json()
    assert (first["pages"], len(first["ideas"]), len(second["ideas"])) == (2, 20, 5)
    seen = [i["id"] for i in first["ideas"] + second["ideas"]]
    assert sorted(seen) == sorted(ids)
    assert [i["id"] for i in api.get(url + "&page=1").get_json()["ideas"]] == seen[:20]
    other = api.get("/api/v1/idea-rounds/brieven-open/ideas?seed=xyz").get_json()
    assert [i["id"] for i in other["ideas"]] != seen[:20]
    newest = api.get("/api/v1/idea-rounds/brieven-open/ideas?order=new").get_json()
    assert newest["ideas"][0]["id"] == ids[-1]
    for bad in ("seed=" + "s" * 65, "page=3", "page=0", "order=best", "theme=geld"):
        assert (
            api.get(f"/api/v1/idea-rounds/brieven-open/ideas?{bad}").status_code == 400
        )
    # Sorting by support only where counts are visible to everyone.
    assert (
        api.get("/api/v1/idea-rounds/brieven-open/ideas?order=top").status_code == 200
    )
    hidden = api.get(f"/api/v1/idea-rounds/{ROUND}/ideas?order=top")
    assert hidden.status_code == 400 and hidden.get_json()["error"]["field"] == "order"


def test_iapi013_reactions_replies_edit_delete(api):
    idea_id = new_idea(api).get_json()["id"]
    url = f"/api/v1/ideas/{idea_id}/reactions"
    top = post(api, url, {"text": "Goed idee", "stance": "for", "token": TOKENS[1]})
    assert top.status_code == 201 and top.get_json()["state"] == "published"
    top_id = top.get_json()["id"]
    reply = post(
        api,
        url,
        {"text": "Hoe?", "stance": "question", "parent": top_id, "token": TOKENS[2]},
    )
    reply_id = reply.get_json()["id"]
    deeper = post(
        api, url, {"text": "x", "stance": "for", "parent": reply_id, "token": TOKENS[3]}
    )
    assert deeper.status_code == 422 and deeper.get_json()["error"]["field"] == "parent"
    vote = post(api, url, {"text": "x", "stance": "vote", "token": TOKENS[3]})
    assert vote.get_json()["error"]["field"] == "stance"
    assert (
        api.patch(
            f"/api/v1/reactions/{top_id}",
            json={"text": "Heel goed idee", "token": TOKENS[2]},
        ).status_code
        == 404
    )
    edited = api.patch(
        f"/api/v1/reactions/{top_id}",
        json={"text": "Heel goed idee", "token": TOKENS[1]},
    )
    assert edited.status_code == 200
    assert (
        api.delete(
            f"/api/v1/reactions/{reply_id}", json={"token": TOKENS[2]}
        ).status_code
        == 200
    )
    body = api.get(f"/api/v1/ideas/{idea_id}").get_json()
    assert body["idea"]["reactions"] == 1
    assert [
        (r["id"], r["parent"], r["text"], r["edited"], r["deleted"])
        for r in body["reactions"]
    ] == [
        (top_id, None, "Heel goed idee", True, False),
        (reply_id, top_id, "", False, True),
    ]
    assert set(body["reactions"][0]) >= {
        "id",
        "parent",
        "stance",
        "text",
        "display_name",
        "created_at",
        "edited",
    }


def test_iapi014_rate_limit_on_ideas(api):
    statuses = [
        new_idea(
            api,
            round_id="brieven-open",
            token=TOKENS[0],
            title=f"Nummer {n} {n * 104729}",
        ).status_code
        for n in range(6)
    ]
    assert statuses == [201] * 5 + [429]
    assert api.get("/api/v1/idea-rounds/brieven-open/ideas").get_json()["total"] == 5


def test_iapi015_body_cap_and_bad_json(api):
    from budgetschuiver.ideas.files import BODY_BYTES

    # The idea route takes a picture, so its cap is the picture's, not 64 KB: a
    # long text is the text's own problem.
    long_text = new_idea(api, text="x" * 70_000)
    assert long_text.status_code == 422
    assert long_text.get_json()["error"]["field"] == "text"
    big = new_idea(api, token=TOKENS[1], picture="A" * BODY_BYTES)
    assert big.status_code == 413
    assert big.get_json()["error"]["code"] == "too_large"
    assert api.get(f"/api/v1/idea-rounds/{ROUND}/ideas").get_json()["total"] == 0
    assert (
        post(api, f"/api/v1/idea-rounds/{ROUND}/ideas", b"{not json").status_code == 400
    )


def test_iapi016_status_and_answer_by_admin(api, idea_app):
    with idea_app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    idea_id = new_idea(api).get_json()["id"]
    url = f"/api/v1/ideas/{idea_id}/status"
    assert (
        post(api, url, {"status": "overgenomen"}, headers=basic("mod-a")).status_code
        == 403
    )
    refused = post(api, url, {"status": "niet_overgenomen"}, headers=basic("beheer"))
    assert refused.status_code == 422
    done = post(
        api,
        url,
        {"status": "niet_overgenomen", "answer": "Te duur."},
        headers=basic("beheer"),
    )
    assert done.status_code == 200
    idea = api.get(f"/api/v1/ideas/{idea_id}").get_json()["idea"]
    assert (idea["status"], idea["answer"]) == ("niet_overgenomen", "Te duur.")


def test_iapi017_create_moderator_from_the_command_line(tmp_path):
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path / "instance"),
        "BUDGETSCHUIVER_SECRET_KEY": "cli-test-secret-" + "x" * 20,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetschuiver",
            "create-user",
            "mod",
            "--role",
            "moderator",
            "--password-stdin",
        ],
        cwd=REPO_ROOT,
        env=os.environ | env,
        input="a long enough password\n",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    from budgetschuiver.store import Store

    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    assert store.find_user("mod").role == "moderator"
    store.dispose()


def _codes(app, round_id, count):
    """`count` voting codes for an idea round, as a resident receives them."""
    from budgetschuiver.kernel import codes
    from budgetschuiver.kernel.context import EXTENSION

    issued = [codes.new_code() for _ in range(count)]
    app.server.extensions[EXTENSION].store.add_codes(
        codes.scope("ideas", round_id), [codes.normalize(c) for c in issued]
    )
    return issued


def test_iapi020_a_code_round_keys_ideas_ratings_reactions_by_code(idea_app, api):
    """Ratings and reactions go through the same pipeline as ideas, so a round
    with `integrity: code` keys them by the voting code: none without a valid
    code, one rating per code (changed, not added, when the code rates again)."""
    first, second = _codes(idea_app, "brieven-codes", 2)
    url = "/api/v1/idea-rounds/brieven-codes/ideas"
    body = {"title": "Brieven in gewone taal", "text": "Schrijf in B1."}
    assert post(api, url, body | {"token": TOKENS[0]}).status_code == 422
    made = post(api, url, body | {"code": first})
    assert made.status_code == 201
    rate_url = f"/api/v1/ideas/{made.get_json()['id']}/ratings"
    refused = post(api, rate_url, {"value": "support", "token": TOKENS[1]})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["field"] == "code"
    assert post(api, rate_url, {"value": "support", "code": first}).status_code == 201
    assert post(api, rate_url, {"value": "oppose", "code": first}).status_code == 200
    assert post(api, rate_url, {"value": "support", "code": second}).status_code == 201
    react_url = f"/api/v1/ideas/{made.get_json()['id']}/reactions"
    reaction = {"text": "Graag ook in het Engels.", "stance": "for"}
    assert post(api, react_url, reaction | {"token": TOKENS[2]}).status_code == 422
    assert post(api, react_url, reaction | {"code": second}).status_code == 201
    idea = api.get(f"/api/v1/ideas/{made.get_json()['id']}").get_json()
    counts = idea["idea"]
    assert (counts["support"], counts["oppose"], counts["neutral"]) == (1, 1, 0)
    assert len(idea["reactions"]) == 1
    # Reporting abuse needs no code: anyone who reads may report.
    item = {"type": "idea", "id": made.get_json()["id"]}
    report = {"item": item, "reason": "spam", "token": TOKENS[3]}
    assert post(api, "/api/v1/reports", report).status_code == 201


def test_iapi021_reports_and_appeals_refuse_malformed_and_unknown_items(api):
    for body, status, field in (
        ([], 422, ""),
        ({"item": {"type": "idea"}, "reason": "spam", "token": TOKENS[0]}, 422, "item"),
        ({"item": {"type": "idea", "id": "inope"}, "reason": "spam"}, 404, None),
    ):
        response = post(api, "/api/v1/reports", body)
        assert response.status_code == status
        if field is not None:
            assert response.get_json()["error"]["field"] == field
    unknown = {"item": {"type": "reaction", "id": "rnope"}, "token": TOKENS[0]}
    assert post(api, "/api/v1/appeals", unknown).status_code == 404


def test_iapi022_an_edit_is_checked_like_a_new_text(api):
    """Class: an author posts something harmless and then edits it into what the
    checks would have held. The edit goes through the same checks: personal data
    refused (nothing changed), a tripped check sends the item back to the queue
    (off the page, out of the idea's reaction count)."""
    idea_id = new_idea(api).get_json()["id"]
    url = f"/api/v1/ideas/{idea_id}/reactions"
    made = post(api, url, {"text": "Goed idee", "stance": "for", "token": TOKENS[1]})
    reaction_id = made.get_json()["id"]
    edit_url = f"/api/v1/reactions/{reaction_id}"
    refused = api.patch(edit_url, json={"text": "Bel 06-12345678", "token": TOKENS[1]})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "personal_data"
    assert api.get(f"/api/v1/ideas/{idea_id}").get_json()["idea"]["reactions"] == 1
    rude = api.patch(edit_url, json={"text": "Wat een klootzak", "token": TOKENS[1]})
    assert rude.status_code == 200 and rude.get_json()["state"] == "pending"
    body = api.get(f"/api/v1/ideas/{idea_id}").get_json()
    assert body["idea"]["reactions"] == 0 and body["reactions"] == []
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod-a")).get_json()
    assert [(q["id"], q["reason_queued"]) for q in queue["items"]] == [
        (reaction_id, "profanity")
    ]
    idea_edit = api.patch(
        f"/api/v1/ideas/{idea_id}",
        json={"title": "Brieven in B1", "colour": "red", "token": TOKENS[0]},
    )
    assert idea_edit.status_code == 422
    assert idea_edit.get_json()["error"]["field"] == "colour"


def test_iapi023_in_a_code_round_the_code_edits_and_deletes(idea_app, api):
    [code] = _codes(idea_app, "brieven-codes", 1)
    made = post(
        api,
        "/api/v1/idea-rounds/brieven-codes/ideas",
        {"title": "Brieven in gewone taal", "text": "Schrijf in B1.", "code": code},
    )
    idea_url = f"/api/v1/ideas/{made.get_json()['id']}"
    assert api.patch(
        idea_url, json={"text": "B1!", "token": TOKENS[0]}
    ).status_code == (422)
    assert api.patch(
        idea_url, json={"text": "Schrijf in B1!", "code": code}
    ).status_code == (200)
    assert api.delete(idea_url, json={"code": code}).status_code == 200


# -- pictures on ideas ----------------------------------------------------------------


def camera_jpeg(size=(1200, 900)) -> bytes:
    """A JPEG as a phone makes it: EXIF with the place it was taken (GPS) and the
    owner's name; noise, so it is as large as a photo (far over 64 KB)."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = "Jan Jansen"  # Artist
    exif[0x8825] = {1: "N", 2: (52.0, 4.0, 40.0), 3: "E", 4: (4.0, 18.0, 0.0)}
    noise = random.Random(size[0]).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, noise).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def encoded(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def metadata_of(data: bytes) -> tuple[dict, dict]:
    """(EXIF tags, GPS tags) Pillow reads from picture bytes."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return dict(exif), dict(exif.get_ifd(0x8825))


def test_iapi024_a_pictures_gps_and_name_are_gone_stored_and_served(idea_app, api):
    from budgetschuiver.kernel.context import EXTENSION

    raw = camera_jpeg()
    tags, gps = metadata_of(raw)
    assert gps and tags[0x013B] == "Jan Jansen"  # the test's JPEG has both
    assert len(raw) > 500 * 1024
    made = new_idea(
        api,
        round_id="brieven-open",
        picture="data:image/jpeg;base64," + encoded(raw),
        picture_alt="Een brief met 🌷 op de mat",
    )
    assert made.status_code == 201 and made.get_json()["state"] == "published"
    idea_id = made.get_json()["id"]
    stored = idea_app.server.extensions[EXTENSION].store.idea_picture(idea_id)
    served = api.get(f"/media/ideas/{idea_id}-960.webp")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    assert served.headers["Cache-Control"] == "public, max-age=600"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    for data in (stored, served.data):
        assert metadata_of(data) == ({}, {})
        assert b"Jansen" not in data and b"Exif" not in data
    again = api.get(
        f"/media/ideas/{idea_id}-960.webp",
        headers={"If-None-Match": served.headers["ETag"]},
    )
    assert again.status_code == 304
    assert api.get(f"/media/ideas/{idea_id}-700.webp").status_code == 404
    idea = api.get(f"/api/v1/ideas/{idea_id}").get_json()["idea"]
    assert idea["picture"] == {
        "url": f"/media/ideas/{idea_id}-960.webp",
        "thumbnail_url": f"/media/ideas/{idea_id}-480.webp",
        "alt": "Een brief met 🌷 op de mat",
        "width": 960,
        "height": 720,
    }
    listed = api.get("/api/v1/idea-rounds/brieven-open/ideas").get_json()["ideas"]
    assert listed[0]["picture"] == idea["picture"]
    plain = new_idea(api, round_id="brieven-open", token=TOKENS[1], title="Ander")
    assert (
        "picture"
        not in api.get(f"/api/v1/ideas/{plain.get_json()['id']}").get_json()["idea"]
    )


def test_iapi025_refused_pictures_store_nothing_and_say_why(api):
    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (20, 20)).save(gif, "GIF")
    cases = [
        (
            {"picture": encoded(gif.getvalue()), "picture_alt": "Plaatje"},
            "picture",
            "Only PNG, JPEG and WebP pictures are accepted.",
        ),
        (
            {"picture": encoded(b"%PDF-1.4 not a picture"), "picture_alt": "Plaatje"},
            "picture",
            "This file is not a picture we can read.",
        ),
        (
            {"picture": "@@ no base64 @@", "picture_alt": "Plaatje"},
            "picture",
            "This file is not a picture we can read.",
        ),
        (
            {"picture": 12, "picture_alt": "Plaatje"},
            "picture",
            "This file is not a picture we can read.",
        ),
        (
            {"picture": encoded(camera_jpeg((40, 30)))},
            "picture_alt",
            "Write in a few words what the picture shows.",
        ),
        (
            {"picture_alt": "Een brief"},
            "picture_alt",
            "You wrote a description but chose no picture.",
        ),
    ]
    for n, (fields, field, message) in enumerate(cases):
        # One browser each: the idea limit counts refused attempts too.
        body = {"title": "Brief", "text": "Met foto.", "token": TOKENS[n]}
        refused = post(
            api,
            "/api/v1/idea-rounds/brieven-open/ideas",
            body | fields,
            headers={"Accept-Language": "en"},
        )
        assert refused.status_code == 422, fields
        error = refused.get_json()["error"]
        assert (error["field"], error["message"]) == (field, message), fields

    def with_alt(token, alt):
        picture = encoded(camera_jpeg((40, 30)))
        return new_idea(
            api, round_id="brieven-open", token=token, picture=picture, picture_alt=alt
        )

    personal = with_alt(TOKENS[7], "Mijn huis, bel 06-12345678")
    assert personal.status_code == 422
    assert personal.get_json()["error"]["field"] == "picture_alt"
    assert api.get("/api/v1/idea-rounds/brieven-open/ideas").get_json()["total"] == 0
    rude = with_alt(TOKENS[8], "Wat een klootzak")
    assert rude.get_json()["state"] == "pending"


def test_iapi026_a_picture_is_public_only_while_its_idea_is(idea_app, api):
    from budgetschuiver.kernel.context import EXTENSION

    store = idea_app.server.extensions[EXTENSION].store
    made = new_idea(
        api,
        round_id="brieven-pre",
        picture=encoded(camera_jpeg()),
        picture_alt="Een stapel brieven",
    )
    idea_id = made.get_json()["state"] and made.get_json()["id"]
    assert made.get_json()["state"] == "pending"
    url = f"/media/ideas/{idea_id}-480.webp"
    assert api.get(url).status_code == 404
    assert store.idea_picture(idea_id) is None
    assert store.idea_picture(idea_id, states=("pending",)) is not None

    def decide(action):
        post(
            api,
            "/api/v1/moderation/decisions",
            {
                "item": {"type": "idea", "id": idea_id},
                "action": action,
                "reason_code": "other",
            },
            headers=basic("mod-a"),
        )

    decide("approve")
    assert api.get(url).status_code == 200
    decide("hide")
    assert api.get(url).status_code == 404
    decide("approve")
    item = {"type": "idea", "id": idea_id}
    for token in TOKENS[1:4]:
        post(api, "/api/v1/reports", {"item": item, "reason": "spam", "token": token})
    assert api.get(url).status_code == 404
    decide("approve")
    assert api.get(url).status_code == 200
    deleted = api.delete(f"/api/v1/ideas/{idea_id}", json={"token": TOKENS[0]})
    assert deleted.status_code == 200
    assert api.get(url).status_code == 404
    assert store.idea_picture(idea_id, states=("deleted",)) is None


def test_iapi027_the_author_may_remove_the_picture_not_replace_it(idea_app, api):
    from budgetschuiver.kernel.context import EXTENSION

    made = new_idea(
        api,
        round_id="brieven-open",
        picture=encoded(camera_jpeg((60, 40))),
        picture_alt="Een envelop",
    )
    idea_id = made.get_json()["id"]
    edit_url = f"/api/v1/ideas/{idea_id}"
    replaced = api.patch(
        edit_url, json={"picture": encoded(camera_jpeg((60, 40))), "token": TOKENS[0]}
    )
    assert replaced.status_code == 422
    assert replaced.get_json()["error"]["field"] == "picture"
    other = api.patch(edit_url, json={"picture": None, "token": TOKENS[1]})
    assert other.status_code == 404
    assert api.get(f"/media/ideas/{idea_id}-480.webp").status_code == 200
    removed = api.patch(edit_url, json={"picture": None, "token": TOKENS[0]})
    assert removed.status_code == 200
    assert "picture" not in api.get(edit_url).get_json()["idea"]
    assert api.get(f"/media/ideas/{idea_id}-480.webp").status_code == 404
    store = idea_app.server.extensions[EXTENSION].store
    assert store.idea_picture(idea_id) is None

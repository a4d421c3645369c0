"""The live Q&A over HTTP on SQLite and PostgreSQL: the API contract, ETags for
polling, questions through moderation, votes once per token (and the device
window), host actions (approve, hide with a reason, merge keeping each voter once,
pin, answer, follow up), transparency, the transcript as CSV, the pages."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pytest

from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.kernel import auth
from tests.conftest import write_variant
from tests.integration.conftest import _drop_everything, _pg_url

PASSWORD = "correct horse battery staple"
LIVE, POST, ENDED, UPCOMING = (
    "avond-live",
    "avond-post",
    "vragenuur-afvalinzameling",
    "vragenuur-zuiderpark",
)
TOKENS = [f"qa-token-{n:02d}-" + "z" * 16 for n in range(12)]
CODES = "avond-codes"


def _local(delta: dt.timedelta) -> str:
    return (dt.datetime.now(TIMEZONE) + delta).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def qa_data(data_dir):
    hour = dt.timedelta(hours=1)
    for session_id, moderation in ((LIVE, "pre"), (POST, "post"), (CODES, "post")):
        write_variant(
            data_dir,
            "vragenuur-zuiderpark.yaml",
            session_id,
            kind="qa",
            starts=_local(-hour),
            ends=_local(hour),
            moderation=moderation,
            integrity="code" if session_id == CODES else "open",
            demo_questions=[],
        )
    return data_dir


def _app(request, settings, **changes):
    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from budgetschuiver.store import Store

    settings = dataclasses.replace(settings, **changes)
    if request.param == "postgresql":
        url = _pg_url()
        settings = dataclasses.replace(settings, database_url=url)
        _drop_everything(Store(url, settings.secret_key))
    dash_app = create_app(settings)
    with dash_app.server.app_context():
        auth.create_user("host", PASSWORD, "advisor")
        auth.create_user("mod", PASSWORD, "moderator")
    return dash_app, dash_app.server.extensions[EXTENSION].store


@pytest.fixture(params=["sqlite", "postgresql"])
def qa_app(request, settings, qa_data):
    dash_app, store = _app(request, settings)
    yield dash_app
    if request.param == "postgresql":
        _drop_everything(store)
    store.dispose()


@pytest.fixture
def api(qa_app):
    return qa_app.server.test_client()


def basic(name="host"):
    return {"Authorization": auth.basic_header(name, PASSWORD)}


def send(client, method, url, body, **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.open(
        url, method=method, data=data, content_type="application/json", **kwargs
    )


def ask(client, session=POST, text="Komen er meer bomen?", token=TOKENS[0], **more):
    body = {"text": text, "token": token} | more
    return send(client, "POST", f"/api/v1/qa/{session}/questions", body)


def vote(client, qid, token, session=POST, method="POST", agent="phone-1"):
    return send(
        client,
        method,
        f"/api/v1/qa/{session}/questions/{qid}/votes",
        {"token": token},
        headers={"User-Agent": agent},
    )


def host(client, session, **body):
    return send(client, "POST", f"/api/v1/qa/{session}/host", body, headers=basic())


def session(client, session_id=POST, **headers):
    return client.get(f"/api/v1/qa/{session_id}", headers=headers)


def test_qapi001_session_shape_and_etag(api):
    first = session(api)
    assert first.status_code == 200
    data = first.get_json()
    assert set(data) >= {
        "id",
        "title",
        "status",
        "starts",
        "ends",
        "questions",
        "hidden_by_reason",
        "merged",
    }
    assert data["status"] == "live" and "now_answering" not in data
    assert data["questions"] == [] and data["merged"] == 0
    etag = first.headers["ETag"]
    assert session(api, **{"If-None-Match": etag}).status_code == 304
    made = ask(api, display_name="Ayşe 🌳")
    assert made.status_code == 201
    assert made.get_json()["state"] == "published"
    fresh = session(api, **{"If-None-Match": etag})
    assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
    [question] = fresh.get_json()["questions"]
    assert question["display_name"] == "Ayşe 🌳"
    assert (question["votes"], question["state"]) == (0, "waiting")
    assert session(api, "onbekend").status_code == 404
    assert {s["id"]: s["status"] for s in api.get("/api/v1/qa").get_json()["sessions"]}[
        ENDED
    ] == "ended"


def test_qapi002_questions_checked_and_moderated(api):
    pending = ask(api, session=LIVE)
    assert pending.get_json()["state"] == "pending"
    assert session(api, LIVE).get_json()["questions"] == []
    assert ask(api, text="Bel 06 12345678").status_code == 422
    too_long = ask(api, text="x" * 301)
    assert too_long.status_code == 422
    assert too_long.get_json()["error"]["code"] == "too_long"
    assert ask(api, text="Vraag", extra=1).status_code == 422
    assert (
        send(api, "POST", f"/api/v1/qa/{POST}/questions", b"{nope").status_code == 400
    )
    assert ask(api, session="onbekend").status_code == 404
    ended = ask(api, session=ENDED)
    assert ended.status_code == 409
    assert ask(api, session=UPCOMING).get_json()["state"] == "pending"
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod")).get_json()
    assert {item["type"] for item in queue["items"]} == {"question"}


def test_qapi003_votes_once_per_token_withdraw_and_device_window(api):
    qid = ask(api).get_json()["id"]
    assert vote(api, qid, TOKENS[1]).status_code == 201
    again = vote(api, qid, TOKENS[1])
    assert again.status_code == 200 and again.get_json()["votes"] == 1
    # A cleared cookie (a new token) on the same device, within the window:
    cleared = vote(api, qid, TOKENS[2])
    assert cleared.status_code == 429
    assert vote(api, qid, TOKENS[2], agent="phone-2").status_code == 201
    gone = vote(api, qid, TOKENS[1], method="DELETE")
    assert gone.status_code == 200
    assert gone.get_json() == {"id": qid, "votes": 1, "withdrawn": True}
    assert vote(api, qid, TOKENS[1], method="DELETE").get_json()["withdrawn"] is False
    assert vote(api, "q-unknown", TOKENS[3]).status_code == 404
    assert (
        send(api, "POST", f"/api/v1/qa/{POST}/questions/{qid}/votes", {}).status_code
        == 422
    )


def test_qapi004_rate_limits_off_switch_off_the_device_window(
    request, settings, qa_data
):
    request.param = "sqlite"
    dash_app, store = _app(request, settings, rate_limits_enabled=False)
    client = dash_app.server.test_client()
    qid = ask(client).get_json()["id"]
    for token in TOKENS[:5]:
        assert vote(client, qid, token).status_code == 201
    store.dispose()


def test_qapi005_host_actions(api):
    assert host(api, LIVE, action="approve", question="x").status_code == 404
    anonymous = send(
        api, "POST", f"/api/v1/qa/{LIVE}/host", {"action": "pin", "question": "x"}
    )
    assert anonymous.status_code == 401
    qid = ask(api, session=LIVE).get_json()["id"]
    assert host(api, LIVE, action="approve", question=qid).status_code == 200
    assert host(api, LIVE, action="hide", question=qid).status_code == 422
    pinned = host(api, LIVE, action="pin", question=qid)
    assert pinned.get_json()["stage"] == "answering"
    data = session(api, LIVE).get_json()
    assert data["now_answering"]["id"] == qid
    other = ask(api, session=LIVE, text="En de fietsen?").get_json()["id"]
    host(api, LIVE, action="approve", question=other)
    host(api, LIVE, action="pin", question=other)
    stages = {q["id"]: q["state"] for q in session(api, LIVE).get_json()["questions"]}
    assert stages == {qid: "waiting", other: "answering"}
    answered = host(api, LIVE, action="answer", question=other, answer="Ja, 40 rekken.")
    assert answered.status_code == 200
    host(api, LIVE, action="follow_up", question=qid)
    data = session(api, LIVE).get_json()
    assert "now_answering" not in data
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id[other]["answer"] == "Ja, 40 rekken."
    assert by_id[other]["answered_live"] is False
    assert by_id[qid]["state"] == "follow_up"
    host(api, LIVE, action="answer", question=qid)
    by_id = {q["id"]: q for q in session(api, LIVE).get_json()["questions"]}
    assert by_id[qid]["answered_live"] is True and by_id[qid]["answer"] is None
    assert host(api, LIVE, action="pin", question=qid).status_code == 409
    hidden = host(api, LIVE, action="hide", question=qid, reason_code="off_topic")
    assert hidden.status_code == 200 and hidden.get_json()["state"] == "hidden"
    data = session(api, LIVE).get_json()
    assert data["hidden_by_reason"] == {"off_topic": 1}
    assert [q["id"] for q in data["questions"]] == [other]
    log = api.get("/api/v1/moderation/log.csv", headers=basic("mod")).get_data(
        as_text=True
    )
    assert f"question,{qid},hide,off_topic" in log


def test_qapi006_merge_combines_votes_each_token_once(api):
    first = ask(api, text="Waar komen de bankjes?").get_json()["id"]
    second = ask(api, text="Waar komen nieuwe bankjes?").get_json()["id"]
    for n, token in enumerate(TOKENS[:3]):
        vote(api, first, token, agent=f"a{n}")
    for n, token in enumerate(TOKENS[2:6]):
        vote(api, second, token, agent=f"b{n}")
    merged = host(api, POST, action="merge", question=second, into=first)
    assert merged.status_code == 200 and merged.get_json()["state"] == "merged"
    data = session(api).get_json()
    assert data["merged"] == 1
    [left] = data["questions"]
    assert (left["id"], left["votes"]) == (first, 6)
    # The merged voters' votes are on the question now: voting again is no new vote.
    assert vote(api, first, TOKENS[5], agent="b3").status_code == 200
    assert (
        host(api, POST, action="merge", question=first, into=first).status_code == 422
    )
    assert (
        host(api, POST, action="merge", question=first, into=second).status_code == 422
    )
    # A question waiting for approval merged away leaves the moderation queue.
    pending = ask(api, session=LIVE, text="Waar komen de bankjes precies?")
    target = ask(api, session=LIVE, text="Bankjes bij de vijver?").get_json()["id"]
    host(api, LIVE, action="approve", question=target)
    merged = host(
        api, LIVE, action="merge", question=pending.get_json()["id"], into=target
    )
    assert merged.status_code == 200
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod")).get_json()
    assert queue["items"] == []


def test_qapi007_transcript_csv(api):
    assert api.get(f"/api/v1/qa/{UPCOMING}/transcript.csv").status_code == 409
    qid = ask(api, text="=SUM(A1) mag dat?").get_json()["id"]
    host(api, POST, action="answer", question=qid, answer="Nee.")
    answer = api.get(f"/api/v1/qa/{POST}/transcript.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(
        csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff")))
    )
    assert rows[0]["question"] == "'=SUM(A1) mag dat?"
    assert (rows[0]["state"], rows[0]["answer"], rows[0]["answered_live"]) == (
        "answered",
        "Nee.",
        "no",
    )


def test_qapi008_demo_seeded_and_pages_served(qa_app, api):
    from budgetschuiver.qa.demo import seed_demo_questions

    services = qa_app.server.extensions["budgetschuiver"]
    added = seed_demo_questions(services.catalog, services.store)
    assert added == {ENDED: 4, UPCOMING: 2}
    assert seed_demo_questions(services.catalog, services.store) == {}
    data = session(api, ENDED).get_json()
    states = [q["state"] for q in data["questions"]]
    assert states == ["waiting", "follow_up", "answered", "answered"]
    rows = api.get(f"/api/v1/qa/{ENDED}/transcript.csv").get_data(as_text=True)
    assert "Eén keer per week" in rows
    assert api.get(f"/vragenuur/{ENDED}").status_code == 200
    assert api.get("/vragenuur/onbekend").status_code == 404
    for path in (
        f"/dashboard/vragenuur/{ENDED}",
        f"/dashboard/vragenuur/{ENDED}/scherm",
    ):
        assert api.get(path, headers=basic()).status_code == 200
    from budgetschuiver.qa import pages
    from dashboards.qa import page

    with qa_app.server.test_request_context(f"/vragenuur/{ENDED}"):
        resident = str(pages.layout(ENDED, "nl"))
        assert "Hoe vaak wordt het gft-afval" in resident
        assert "qa-question" in resident
        assert "dqa-screen" in str(page.screen_layout(ENDED, "nl"))
        assert "dqa-content" in str(page.console_layout(ENDED, "nl"))


def test_qapi009_voting_codes_key_questions_and_votes(qa_app, api):
    from budgetschuiver.kernel import codes
    from budgetschuiver.qa import pages

    store = qa_app.server.extensions["budgetschuiver"].store
    issued = [codes.new_code() for _ in range(2)]
    store.add_codes(codes.scope("qa", CODES), [codes.normalize(c) for c in issued])
    url = f"/api/v1/qa/{CODES}/questions"
    made = send(api, "POST", url, {"text": "Mag ik meepraten?", "code": issued[0]})
    assert made.status_code == 201
    qid = made.get_json()["id"]
    votes = f"{url}/{qid}/votes"
    assert send(api, "POST", votes, {"code": issued[1]}).status_code == 201
    assert send(api, "POST", votes, {"code": issued[1]}).status_code == 200
    assert send(api, "POST", votes, {"code": "ACDEFGHJKMN"}).status_code == 422
    assert send(api, "POST", votes, {"token": TOKENS[0]}).status_code == 422
    # The page sends the code field with the question.
    with qa_app.server.test_request_context("/_dash-update-component", method="POST"):
        said, cleared = pages.ask(1, CODES, "Nog een vraag?", None, issued[0], "nl")
    assert said == "Uw vraag staat in de lijst." and cleared == ""
    with qa_app.server.test_request_context("/_dash-update-component", method="POST"):
        said, _same = pages.ask(1, CODES, "Zonder code?", None, "", "nl")
    assert "code" in str(said).lower()
    assert len(session(api, CODES).get_json()["questions"]) == 2


def test_qapi010_questions_reported_and_appealed_like_ideas(api):
    qid = ask(api, token=TOKENS[0]).get_json()["id"]
    item = {"type": "question", "id": qid}
    etag = session(api).headers["ETag"]
    first = send(
        api,
        "POST",
        "/api/v1/reports",
        {"item": item, "reason": "spam", "token": TOKENS[1]},
    )
    assert first.status_code == 201
    for token in TOKENS[2:5]:
        body = {"item": item, "reason": "offensive", "token": token}
        send(api, "POST", "/api/v1/reports", body)
    # Hidden by reports: off the public list, counted under "reports"; pollers
    # are told (the session's ETag changed).
    assert session(api, **{"If-None-Match": etag}).status_code == 200
    etag = session(api).headers["ETag"]
    data = session(api).get_json()
    assert data["questions"] == [] and data["hidden_by_reason"] == {"reports": 1}
    decided = send(
        api,
        "POST",
        "/api/v1/moderation/decisions",
        {"item": item, "action": "hide", "reason_code": "spam"},
        headers=basic("mod"),
    )
    assert decided.status_code == 200
    assert session(api, **{"If-None-Match": etag}).status_code == 200
    stranger = {"item": item, "text": "Dit was geen spam.", "token": TOKENS[6]}
    assert send(api, "POST", "/api/v1/appeals", stranger).status_code == 404
    author = {"item": item, "text": "Dit was geen spam.", "token": TOKENS[0]}
    assert send(api, "POST", "/api/v1/appeals", author).status_code == 201
    queue = api.get("/api/v1/moderation/queue", headers=basic("mod")).get_json()
    assert [(i["type"], i["reason_queued"]) for i in queue["items"]] == [
        ("question", "appeal")
    ]
    unknown = {
        "item": {"type": "question", "id": "q0"},
        "reason": "spam",
        "token": TOKENS[1],
    }
    assert send(api, "POST", "/api/v1/reports", unknown).status_code == 404

"""Live Q&A sessions in the loop back, on SQLite and PostgreSQL: /resultaten/<id>
and GET /api/v1/qa/<id>/public-results (404 before the session ends, afterwards
the transcript: questions ranked by residents' votes with support and interval,
answered or not, the answers; hidden by reason, merged), small sessions
suppressed, the preview picture, the embed, the feed, the report PDF, and the
share links and video on the session's own page."""

from __future__ import annotations

import pytest
from lxml import etree

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import EXTENSION
from tests.conftest import write_variant
from tests.integration.test_loopback_api import _basic, _png, page_text
from tests.integration.test_loopback_outputs import ATOM, _pdf_text
from tests.integration.test_tally_service import backend_app  # noqa: F401

ENDED = "qa-ended"
UPCOMING = "vragenuur-zuiderpark"
ANSWER = {
    "status": "published",
    "date": "2021-02-01",
    "summary": {"nl": "We legen **twee** routes aan.", "en": "Two routes."},
}
VIDEO = "dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def variants(data_dir):
    write_variant(
        data_dir,
        "vragenuur-zuiderpark.yaml",
        ENDED,
        kind="qa",
        starts="2020-03-04T19:30",
        ends="2020-03-04T21:00",
        demo_questions=[],
        illustrative=False,
        response=ANSWER,
        video=VIDEO,
    )


def _session(
    app,
    session_id,
    voters,
    synthetic=0,
    texts=("Komen er bankjes?", "Blijft de vijver?", "Wanneer begint het?"),
):
    """Questions asked by residents; each of `voters` residents (and
    `synthetic` synthetic voters) votes for the first, every other one for the
    second, nobody for the rest."""
    store = app.server.extensions[EXTENSION].store
    questions = [
        store.add_question(session_id, f"asker-{j:02d}-" + "a" * 20, text=t)
        for j, t in enumerate(texts)
    ]
    for v in range(voters + synthetic):
        token = f"voter-{v:04d}-" + "b" * 20
        fake = v >= voters
        store.vote_question(questions[0], token, synthetic=fake)
        if v % 2 == 0:
            store.vote_question(questions[1], token, synthetic=fake)
    return questions


def test_lbq001_not_public_before_the_end_and_unknown_is_404(app, client):
    answer = client.get(f"/api/v1/qa/{UPCOMING}/public-results")
    assert answer.status_code == 404
    body = answer.get_json()["error"]
    assert body["code"] == "not_public"
    session = app.server.extensions[EXTENSION].catalog.find("qa", UPCOMING)
    assert i18n.format_date(session.closes, "nl") in body["message"]
    assert body["message"] in page_text(app, f"/resultaten/{UPCOMING}")
    missing = client.get("/api/v1/qa/nope/public-results")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_lbq002_the_transcript_ranked_by_residents_votes(backend_app):  # noqa: F811
    """Class: a public number that counts demo votes as residents', a hidden
    question that shows, or an answer lost. The page lists every published
    question by residents' votes with support and interval, where it stands
    and its answer; hidden by reason and merged are counted in words."""
    app = backend_app
    client = app.server.test_client()
    texts = ("Komen er bankjes?", "Blijft de vijver?", "Wanneer?", "Hoe laat?")
    questions = _session(app, ENDED, 14, synthetic=6, texts=texts)
    store = app.server.extensions[EXTENSION].store
    store.set_stage(store.find_question(questions[0].id), "answered", "Ja, tien 🌳.")
    store.set_stage(store.find_question(questions[1].id), "answered", None, live=True)
    store.set_stage(store.find_question(questions[2].id), "follow_up")
    hidden = store.add_question(ENDED, "asker-hid-" + "c" * 20, text="Weg ermee.")
    store.decide("question", hidden.id, "hide", "off_topic", None, "mod-a")
    twin = store.add_question(ENDED, "asker-twin-" + "c" * 20, text="Bankjes?")
    store.vote_question(twin, "voter-0000-" + "b" * 20)
    store.merge_questions(store.find_question(twin.id), questions[0])
    answer = client.get(f"/api/v1/qa/{ENDED}/public-results")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["n"] == 14 and body["synthetic_excluded"] == 6
    # Four askers of shown questions plus the asker of the merged one.
    assert body["n_askers"] == 5
    assert body["hidden_by_reason"] == {"off_topic": 1} and body["merged"] == 1
    ids = [q["id"] for q in body["questions"]]
    assert ids == [q.id for q in questions[:2]] + sorted(q.id for q in questions[2:])
    assert hidden.id not in ids and twin.id not in ids
    first, second, third, fourth = body["questions"]
    assert (first["votes"], first["place"], first["share"]) == (14, 1, 1.0)
    assert first["answer"] == "Ja, tien 🌳." and first["stage"] == "answered"
    assert (second["votes"], second["answered_live"]) == (7, True)
    assert second["low"] < 0.5 < second["high"]
    assert (third["place"], third["tied"], fourth["place"]) == (3, True, 3)
    text = page_text(app, f"/resultaten/{ENDED}")
    assert "14 inwoners deden mee." in text
    assert "6 test- of demo-inzendingen tellen niet mee." in text
    assert "4 vragen staan in de lijst." in text
    assert "5 inwoners stelden een vraag die te zien is." in text
    assert "1 vraag is verborgen" in text and "1 vraag is samengevoegd" in text
    assert text.index("Komen er bankjes?") < text.index("Blijft de vijver?")
    assert "Ja, tien 🌳." in text and "Live beantwoord" in text
    assert "Volgt later" in text and "Nog niet beantwoord" in text
    assert "Weg ermee." not in text and "3 (=)" in text
    assert "We legen **twee** routes aan." in text


def test_lbq003_a_small_session_stays_suppressed(app, client):
    _session(app, ENDED, 4, synthetic=30)
    body = client.get(f"/api/v1/qa/{ENDED}/public-results").get_json()
    assert body == {"suppressed": True}
    text = page_text(app, f"/resultaten/{ENDED}")
    assert i18n.t("loop.suppressed", "nl") in text and "Komen er" not in text


def test_lbq004_preview_picture_and_its_words_follow_the_ranking(app, client):
    empty = _png(client, f"/resultaten/{ENDED}/preview.png")
    _session(app, ENDED, 12)
    html = client.get(f"/resultaten/{ENDED}").get_data(as_text=True)
    found = html.split('property="og:image" content="')[1].split('"')[0]
    assert _png(client, found.removeprefix("http://localhost")) != empty
    alt = html.split('property="og:image:alt" content="')[1].split('"')[0]
    assert alt.index("Komen er bankjes?") < alt.index("Blijft de vijver?")
    assert "100%" in alt and "50%" in alt


def test_lbq005_embed_feed_and_report(app, client):
    """The embed lists the top questions; the feed has the session's events;
    the report PDF has the title, n, the questions with their answers, the
    moderation sentences and the answer."""
    questions = _session(app, ENDED, 12)
    store = app.server.extensions[EXTENSION].store
    store.set_stage(store.find_question(questions[0].id), "answered", "Ja, tien.")
    embed = client.get(f"/embed/{ENDED}")
    assert embed.status_code == 200
    page = embed.get_data(as_text=True)
    assert "Komen er bankjes?" in page and "12 inwoners deden mee." in page
    feed = etree.fromstring(client.get("/feed.atom").data)
    ids = {e.findtext(ATOM + "id").rsplit(":", 1)[1] for e in feed.iter(ATOM + "entry")}
    assert {f"qa/{ENDED}/closed", f"qa/{ENDED}/results", f"qa/{ENDED}/answer"} <= ids
    assert f"qa/{UPCOMING}/results" not in ids
    pdf = client.get(f"/dashboard/verslag/{ENDED}.pdf", headers=_basic(app))
    assert pdf.status_code == 200
    text = _pdf_text(pdf.data)
    session = app.server.extensions[EXTENSION].catalog.find("qa", ENDED)
    assert session.title.get("nl") in text
    assert "12 inwoners deden mee." in text and "Stemmen van inwoners" in text
    assert "Komen er bankjes?" in text and "Ja, tien." in text
    assert "inwoners stelden een vraag" in text
    assert "We legen twee routes aan." in text


def test_lbq006_session_page_shares_shows_the_video_and_links_results(app, client):
    """The session's own page shares itself (plain links), shows the video
    placeholder and, once public, links to its results; the dashboard's console
    states the answer and links results, report and embed."""
    text = page_text(app, f"/vragenuur/{ENDED}")
    assert f"/resultaten/{ENDED}" in text
    assert "wa.me" in text and "linkedin.com" in text and "mailto:" in text
    assert i18n.t("video.load", "nl") in text
    upcoming = page_text(app, f"/vragenuur/{UPCOMING}")
    assert "wa.me" in upcoming and f"/resultaten/{UPCOMING}" not in upcoming
    with_video = client.get(f"/vragenuur/{ENDED}").headers["Content-Security-Policy"]
    without = client.get(f"/vragenuur/{UPCOMING}").headers["Content-Security-Policy"]
    assert "youtube-nocookie.com" in with_video
    assert "youtube-nocookie.com" not in without
    console = page_text(app, f"/dashboard/vragenuur/{ENDED}")
    assert "Antwoord: gepubliceerd" in console
    assert f"/dashboard/verslag/{ENDED}.pdf" in console
    assert "Antwoord: ontbreekt" in page_text(app, f"/dashboard/vragenuur/{UPCOMING}")


def test_lbq007_the_demo_session_answers_but_counts_no_demo_votes(app, client):
    """Class: demo votes shown as residents'. The ended demo session, seeded
    with its made-up votes, stays suppressed (no resident voted) and shows the
    municipality's published answer."""
    from budgetschuiver.qa.demo import seed_demo_questions

    services = app.server.extensions[EXTENSION]
    assert seed_demo_questions(services.catalog, services.store)
    demo = "vragenuur-afvalinzameling"
    body = client.get(f"/api/v1/qa/{demo}/public-results").get_json()
    assert body == {"suppressed": True}
    text = page_text(app, f"/resultaten/{demo}")
    assert i18n.t("loop.suppressed", "nl") in text
    assert "Wat we met uw vragen doen." in text

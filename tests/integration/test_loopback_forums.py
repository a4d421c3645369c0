"""Forums in the loop back, on SQLite and PostgreSQL: /resultaten/<id> and
GET /api/v1/forums/<id>/public-results (404 while not public, afterwards the
topics ranked by residents' posts without synthetic or municipality posts), the
forum's conclusion and each topic's, small forums suppressed, the preview
picture, the embed, the feed, the report PDF, and the share links and video on
the forum's own page."""

from __future__ import annotations

import pytest
from lxml import etree

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import EXTENSION
from tests.conftest import write_variant
from tests.integration.test_loopback_api import _basic, _png, page_text
from tests.integration.test_loopback_outputs import ATOM, _pdf_text
from tests.integration.test_tally_service import backend_app  # noqa: F401

CLOSED = "forum-closed"
OPEN = "pleinen-centrum"
ANSWER = {
    "status": "published",
    "date": "2021-02-01",
    "summary": {"nl": "We zetten **twintig** bankjes neer.", "en": "Twenty."},
}
VIDEO = "dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def variants(data_dir):
    write_variant(
        data_dir,
        "pleinen-centrum.yaml",
        CLOSED,
        kind="forums",
        opens="2020-01-01",
        closes="2020-12-31",
        response=ANSWER,
        video=VIDEO,
    )


def _forum(
    app, forum_id, residents, synthetic=0, titles=("Bankjes", "Bomen", "Fietsen")
):
    """Topics started by the first resident; each of `residents` residents (and
    `synthetic` synthetic ones) posts three times in the first topic and once
    in the second, the municipality posts twice in the third."""
    store = app.server.extensions[EXTENSION].store
    topics = [
        store.add_topic(forum_id, "starter-" + "a" * 24, title=t, text="Tekst")
        for t in titles
    ]
    for r in range(residents + synthetic):
        token = f"poster-{r:04d}-" + "b" * 20
        fake = r >= residents
        for _ in range(3):
            store.add_post(topics[0], token, text="Ja, graag.", synthetic=fake)
        store.add_post(topics[1], token, text="Ook goed 🌳.", synthetic=fake)
    for _ in range(2):
        store.add_post(
            topics[2], "gemeente-" + "c" * 20, text="Wij.", municipality=True
        )
    return topics


def test_lbf001_not_public_while_open_and_unknown_is_404(app, client):
    _forum(app, OPEN, 12)
    answer = client.get(f"/api/v1/forums/{OPEN}/public-results")
    assert answer.status_code == 404
    body = answer.get_json()["error"]
    assert body["code"] == "not_public"
    forum = app.server.extensions[EXTENSION].catalog.find("forums", OPEN)
    assert i18n.format_date(forum.closes, "nl") in body["message"]
    assert body["message"] in page_text(app, f"/resultaten/{OPEN}")
    missing = client.get("/api/v1/forums/nope/public-results")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_lbf002_topics_ranked_by_residents_posts_without_synthetic(
    backend_app,  # noqa: F811
):
    """Class: a public number that counts demo or municipality posts as
    residents', or loses a conclusion. The page lists every topic by residents'
    posts with share, place (shared places marked), open or closed and the
    topic's conclusion, the forum's conclusion and the answer."""
    app = backend_app
    client = app.server.test_client()
    titles = ("Bankjes", "Bomen", "Fietsen", "Water")
    topics = _forum(app, CLOSED, 14, synthetic=6, titles=titles)
    store = app.server.extensions[EXTENSION].store
    store.close_topic(topics[0].id, "Er komen bankjes in de schaduw 😊.", "adviseur")
    store.close_forum(CLOSED, "Wij nemen de schaduw mee in het ontwerp.", "adviseur")
    # A post waiting for a moderator is not public: neither it nor its author
    # counts.
    store.add_post(topics[3], "waiting-" + "d" * 24, text="Wacht.", queue_reason="pre")
    answer = client.get(f"/api/v1/forums/{CLOSED}/public-results")
    assert answer.status_code == 200
    body = answer.get_json()
    # 14 posters plus the resident who started the topics; 6 synthetic left out.
    assert body["n"] == 15 and body["synthetic_excluded"] == 6
    assert body["conclusion"] == "Wij nemen de schaduw mee in het ontwerp."
    assert [t["id"] for t in body["topics"]] == [t.id for t in topics[:2]] + sorted(
        t.id for t in topics[2:]
    )
    first, second, *rest = body["topics"]
    assert (first["posts"], first["place"], first["tied"]) == (42, 1, False)
    assert first["closed"] and first["conclusion"].endswith("😊.")
    assert (second["posts"], second["place"]) == (14, 2)
    assert first["share"] == pytest.approx(42 / 56)
    # Municipality posts do not count: the last two share third place at 0.
    assert [(t["posts"], t["place"], t["tied"]) for t in rest] == [(0, 3, True)] * 2
    text = page_text(app, f"/resultaten/{CLOSED}")
    assert "15 inwoners deden mee." in text
    assert "6 test- of demo-inzendingen tellen niet mee." in text
    assert "4 onderwerpen staan in de lijst." in text
    assert text.index("Bankjes") < text.index("Bomen") < text.index("Fietsen")
    assert "Gesloten" in text and "3 (=)" in text and "75%" in text
    assert "Er komen bankjes in de schaduw" in text
    assert "Wij nemen de schaduw mee in het ontwerp." in text
    assert "We zetten **twintig** bankjes neer." in text
    assert "Wat we hiervan meenemen" in text


def test_lbf003_a_small_forum_stays_suppressed(app, client):
    _forum(app, CLOSED, 3, synthetic=30)
    body = client.get(f"/api/v1/forums/{CLOSED}/public-results").get_json()
    assert body == {"suppressed": True}
    text = page_text(app, f"/resultaten/{CLOSED}")
    assert i18n.t("loop.suppressed", "nl") in text and "Bankjes" not in text


def test_lbf004_preview_picture_and_its_words_follow_the_ranking(app, client):
    empty = _png(client, f"/resultaten/{CLOSED}/preview.png")
    _forum(app, CLOSED, 12)
    html = client.get(f"/resultaten/{CLOSED}").get_data(as_text=True)
    found = html.split('property="og:image" content="')[1].split('"')[0]
    assert _png(client, found.removeprefix("http://localhost")) != empty
    alt = html.split('property="og:image:alt" content="')[1].split('"')[0]
    assert alt.index("Bankjes") < alt.index("Bomen") < alt.index("Fietsen")
    assert "75%" in alt


def test_lbf005_embed_feed_and_report(app, client):
    """The embed lists the top topics and the forum's conclusion; the feed has
    the forum's events; the report PDF has the title, n, the ranking with the
    topics' conclusions, the forum's conclusion and the answer."""
    topics = _forum(app, CLOSED, 12)
    store = app.server.extensions[EXTENSION].store
    store.close_topic(topics[1].id, "Meer bomen aan de zuidkant.", "adviseur")
    store.close_forum(CLOSED, "Schaduw gaat voor.", "adviseur")
    embed = client.get(f"/embed/{CLOSED}")
    assert embed.status_code == 200
    page = embed.get_data(as_text=True)
    assert "Bankjes" in page and "13 inwoners deden mee." in page
    assert "Schaduw gaat voor." in page
    feed = etree.fromstring(client.get("/feed.atom").data)
    ids = {e.findtext(ATOM + "id").rsplit(":", 1)[1] for e in feed.iter(ATOM + "entry")}
    assert {f"forums/{CLOSED}/closed", f"forums/{CLOSED}/results"} <= ids
    assert f"forums/{CLOSED}/answer" in ids
    assert f"forums/{OPEN}/opened" in ids and f"forums/{OPEN}/results" not in ids
    pdf = client.get(f"/dashboard/verslag/{CLOSED}.pdf", headers=_basic(app))
    assert pdf.status_code == 200
    text = _pdf_text(pdf.data)
    forum = app.server.extensions[EXTENSION].catalog.find("forums", CLOSED)
    assert forum.title.get("nl") in text
    assert "13 inwoners deden mee." in text and "Berichten van inwoners" in text
    assert "Bankjes" in text and "Meer bomen aan de zuidkant." in text
    assert "Schaduw gaat voor." in text and "We zetten twintig bankjes neer." in text


def test_lbf006_forum_page_has_share_links_video_and_results_link(app, client):
    """The forum's own page shares itself (plain links), shows the video
    placeholder and, once public, links to its results; the player's frame is
    allowed only on the page with a video."""
    text = page_text(app, f"/forum/{CLOSED}")
    assert "/resultaten/forum-closed" in text
    assert "wa.me" in text and "linkedin.com" in text and "mailto:" in text
    assert i18n.t("video.load", "nl") in text
    store = app.server.extensions[EXTENSION].store
    topic = store.add_topic(CLOSED, "starter-" + "a" * 24, title="Bankjes", text="Ja")
    thread = page_text(app, f"/forum/{CLOSED}/{topic.id}")
    assert "wa.me" in thread and f"/forum/{CLOSED}/{topic.id}" in thread
    open_text = page_text(app, f"/forum/{OPEN}")
    assert "wa.me" in open_text and "/resultaten/pleinen-centrum" not in open_text
    with_video = client.get(f"/forum/{CLOSED}").headers["Content-Security-Policy"]
    without = client.get(f"/forum/{OPEN}").headers["Content-Security-Policy"]
    assert "youtube-nocookie.com" in with_video
    assert "youtube-nocookie.com" not in without


def test_lbf007_the_forums_dashboard_page_states_the_answer(app):
    """The forums' dashboard page (forums have no overview card) says the
    answer's status and links the public results, the report and the embed."""
    closed = page_text(app, f"/dashboard/forum/{CLOSED}")
    assert "Antwoord: gepubliceerd" in closed
    assert f"/dashboard/verslag/{CLOSED}.pdf" in closed
    assert f"/embed/{CLOSED}" in closed and f"/resultaten/{CLOSED}" in closed
    assert "Antwoord: ontbreekt" in page_text(app, f"/dashboard/forum/{OPEN}")

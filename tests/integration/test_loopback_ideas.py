"""Idea rounds in the loop back, on SQLite and PostgreSQL: /resultaten/<id> and
GET /api/v1/idea-rounds/<id>/public-results (404 while not public, afterwards the
dashboard's own ranking without synthetic ratings), the ranking with status and
answer, small rounds suppressed, the preview picture, the embed, the feed and the
report PDF."""

from __future__ import annotations

import pytest
from lxml import etree

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import EXTENSION
from tests.conftest import write_variant
from tests.integration.test_loopback_api import _basic, _png, page_text
from tests.integration.test_loopback_outputs import ATOM, _pdf_text
from tests.integration.test_tally_service import backend_app  # noqa: F401

CLOSED = "ideas-closed"
OPEN = "brieven-beter"
ANSWER = {
    "status": "published",
    "date": "2021-02-01",
    "summary": {"nl": "We knappen **drie** speelplekken op.", "en": "Three."},
}


@pytest.fixture(autouse=True)
def variants(data_dir):
    write_variant(
        data_dir,
        "speelplekken-2025.yaml",
        CLOSED,
        kind="ideas",
        opens="2020-01-01",
        closes="2020-12-31",
        response=ANSWER,
        video="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )


def _round(
    app, item_id, raters, synthetic=0, titles=("Schommel", "Zandbak", "Glijbaan")
):
    """Ideas with `raters` residents (and `synthetic` synthetic raters) rating
    them: everyone supports the first, half the second, nobody the third."""
    store = app.server.extensions[EXTENSION].store
    ideas = [
        store.add_idea(item_id, f"author-{j:02d}-" + "a" * 20, title=t, text="Tekst")
        for j, t in enumerate(titles)
    ]
    for r in range(raters + synthetic):
        token = f"rater-{r:04d}-" + "b" * 20
        fake = r >= raters
        for j, idea in enumerate(ideas):
            value = "support" if j == 0 or (j == 1 and r % 2) else "oppose"
            store.rate_idea(idea, token, value, j + 1, synthetic=fake)
    return ideas


def test_lbi001_not_public_while_open_and_unknown_is_404(app, client):
    _round(app, OPEN, 12)
    answer = client.get(f"/api/v1/idea-rounds/{OPEN}/public-results")
    assert answer.status_code == 404
    body = answer.get_json()["error"]
    assert body["code"] == "not_public" and "n" not in answer.get_json()
    round_ = app.server.extensions[EXTENSION].catalog.find("ideas", OPEN)
    assert i18n.format_date(round_.closes, "nl") in body["message"]
    assert body["message"] in page_text(app, f"/resultaten/{OPEN}")
    missing = client.get("/api/v1/idea-rounds/nope/public-results")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_lbi002_public_ranking_equals_the_dashboards_without_synthetic(
    backend_app,  # noqa: F811
):
    """Class: a public number that differs from the dashboard's, or counts
    synthetic ratings as residents. The page lists every idea in rank order
    with its share and interval, n, status and the municipality's answer."""
    app = backend_app
    client = app.server.test_client()
    ideas = _round(app, CLOSED, 14, synthetic=6)
    store = app.server.extensions[EXTENSION].store
    store.set_idea_status(
        ideas[0].id, "overgenomen", "Komt in het plan voor 2026.", None
    )
    public = client.get(f"/api/v1/idea-rounds/{CLOSED}/public-results")
    assert public.status_code == 200
    dashboard = client.get(
        f"/api/v1/idea-rounds/{CLOSED}/results?synthetic=0", headers=_basic(app)
    ).get_json()
    body = public.get_json()
    # The dashboard's answer also says its filter and the synthetic raters in it.
    assert (dashboard.pop("filters"), dashboard.pop("synthetic")) == ({}, 0)
    assert body == dashboard | {"n": 14}
    assert dashboard["synthetic_excluded"] == 6
    assert [i["id"] for i in body["ideas"]] == [idea.id for idea in ideas]
    assert body["ideas"][0]["support"] == 14 and body["ideas"][2]["support"] == 0
    text = page_text(app, f"/resultaten/{CLOSED}")
    assert "14 inwoners deden mee." in text
    assert "6 test- of demo-inzendingen tellen niet mee." in text
    assert "3 ideeën staan in de lijst." in text
    assert text.index("Schommel") < text.index("Zandbak") < text.index("Glijbaan")
    assert "Overgenomen" in text and "Komt in het plan voor 2026." in text
    assert "We knappen **drie** speelplekken op." in text
    assert "100% (78% – 100%)" in text


def test_lbi003_a_small_round_stays_suppressed(app, client):
    _round(app, CLOSED, 4, synthetic=30)
    body = client.get(f"/api/v1/idea-rounds/{CLOSED}/public-results").get_json()
    assert body == {"suppressed": True}
    text = page_text(app, f"/resultaten/{CLOSED}")
    assert i18n.t("loop.suppressed", "nl") in text and "Schommel" not in text


def test_lbi004_preview_picture_and_its_words_follow_the_ranking(app, client):
    """Class: a link preview that shows nothing or a different order than the
    page. The picture changes once ratings count; its alt text names the ideas
    in rank order with their support."""
    empty = _png(client, f"/resultaten/{CLOSED}/preview.png")
    _round(app, CLOSED, 12)
    html = client.get(f"/resultaten/{CLOSED}").get_data(as_text=True)
    found = html.split('property="og:image" content="')[1].split('"')[0]
    assert _png(client, found.removeprefix("http://localhost")) != empty
    alt = html.split('property="og:image:alt" content="')[1].split('"')[0]
    assert alt.index("Schommel") < alt.index("Zandbak") < alt.index("Glijbaan")
    assert "100%" in alt


def test_lbi005_embed_feed_and_report(app, client):
    """The embed lists the top ideas; the feed has the round's events; the
    report PDF has the title, n, the ranking and the answer."""
    _round(app, CLOSED, 12)
    embed = client.get(f"/embed/{CLOSED}")
    assert embed.status_code == 200
    page = embed.get_data(as_text=True)
    assert "Schommel" in page and "12 inwoners deden mee." in page
    feed = etree.fromstring(client.get("/feed.atom").data)
    ids = {e.findtext(ATOM + "id").rsplit(":", 1)[1] for e in feed.iter(ATOM + "entry")}
    assert {f"ideas/{CLOSED}/closed", f"ideas/{CLOSED}/answer"} <= ids
    assert f"ideas/{OPEN}/opened" in ids and f"ideas/{OPEN}/results" not in ids
    pdf = client.get(f"/dashboard/verslag/{CLOSED}.pdf", headers=_basic(app))
    assert pdf.status_code == 200
    text = _pdf_text(pdf.data)
    assert "Welke speelplek moet als eerste worden opgeknapt?" in text
    assert "12 inwoners deden mee." in text
    assert "Schommel" in text and "We knappen drie speelplekken op." in text


def test_lbi006_idea_pages_share_themselves_show_the_video_and_the_results(app, client):
    """Class: a kind whose pages the loop back missed. The round's page and each
    idea's page carry the plain share links; the round's page shows the video
    placeholder (its player's frame allowed only there) and, once public, the
    link to its results."""
    text = page_text(app, f"/ideeen/{CLOSED}")
    assert f"/resultaten/{CLOSED}" in text
    assert "wa.me" in text and "linkedin.com" in text and "mailto:" in text
    assert i18n.t("video.load", "nl") in text
    store = app.server.extensions[EXTENSION].store
    idea = store.add_idea(CLOSED, "author-" + "a" * 24, title="Bankjes", text="Ja")
    one = page_text(app, f"/ideeen/{CLOSED}/{idea.id}")
    assert "wa.me" in one and f"/ideeen/{CLOSED}/{idea.id}" in one
    open_round = page_text(app, "/ideeen/brieven-beter")
    assert "wa.me" in open_round and "/resultaten/brieven-beter" not in open_round
    with_video = client.get(f"/ideeen/{CLOSED}").headers["Content-Security-Policy"]
    without = client.get("/ideeen/brieven-beter").headers["Content-Security-Policy"]
    assert "youtube-nocookie.com" in with_video
    assert "youtube-nocookie.com" not in without

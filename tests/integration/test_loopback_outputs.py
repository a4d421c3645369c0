"""The loop back's other outputs over HTTP: the embed and its framing headers,
the video's frame permission, the Atom feed, the participation report PDF and
the overview's answer status."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

import pytest
from lxml import etree
from pypdf import PdfReader

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import EXTENSION
from dashboards.kernel import auth
from tests.conftest import write_variant
from tests.integration.test_dashboard import accounts  # noqa: F401
from tests.integration.test_loopback_api import (  # noqa: F401
    _ballots,
    backend_app,
    page_text,
    variants,
)

PASSWORD = "correct horse battery staple"
ATOM = "{http://www.w3.org/2005/Atom}"
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture(autouse=True)
def more_variants(data_dir):
    write_variant(
        data_dir, "fietsparkeren-centrum.yaml", "poll-video", kind="polls", video=VIDEO
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "poll-draft",
        kind="polls",
        opens="2020-01-01",
        closes="2020-12-31",
        response={"status": "draft", "date": "2021-01-05", "summary": "Concept."},
    )


def _csp(response) -> dict[str, str]:
    return dict(
        part.split(" ", 1)
        for part in response.headers["Content-Security-Policy"].split("; ")
    )


def test_lbo001_embed_is_compact_frameable_and_tells_its_height(app, client):
    _ballots(app, "poll", "poll-closed", ("spui",), 12)
    answer = client.get("/embed/poll-closed")
    assert answer.status_code == 200 and answer.mimetype == "text/html"
    assert "X-Frame-Options" not in answer.headers
    assert _csp(answer)["frame-ancestors"] == "'self'"
    html = answer.get_data(as_text=True)
    assert 'src="/embed-static/embed.js"' in html and "site-header" not in html
    assert "12 inwoners deden mee." in html and "Spui: 100% (12)" in html
    script = client.get("/embed-static/embed.js").get_data(as_text=True)
    assert '"budgetschuiver:height"' in script and "postMessage" in script
    open_one = client.get("/embed/fietsparkeren-centrum").get_data(as_text=True)
    assert 'href="/peiling/fietsparkeren-centrum"' in open_one
    assert "deden mee" not in open_one
    assert client.get("/embed/nope").status_code == 404
    # Other pages keep refusing frames from elsewhere.
    assert client.get("/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_lbo002_several_frame_ancestors_and_bad_ones_refused(settings):
    from app import create_app

    sources = "'self'  https://www.denhaag.nl https://*.denhaag.nl"
    good = create_app(dataclasses.replace(settings, frame_ancestors=sources))
    client = good.server.test_client()
    for path in ("/embed/poll-closed", "/resultaten/poll-closed"):
        answer = client.get(path)
        assert _csp(answer)["frame-ancestors"] == (
            "'self' https://www.denhaag.nl https://*.denhaag.nl"
        )
        assert "X-Frame-Options" not in answer.headers
    good.server.extensions[EXTENSION].store.dispose()
    for bad in ("'self'; script-src *", "https://a.nl,https://b.nl", "   "):
        with pytest.raises(ValueError, match="FRAME_ANCESTORS"):
            create_app(dataclasses.replace(settings, frame_ancestors=bad))


def test_lbo003_video_frame_only_on_pages_with_a_video_and_only_after_a_click(
    app, client
):
    for path in ("/peiling/poll-video", "/resultaten/poll-video"):
        answer = client.get(path)
        assert _csp(answer)["frame-src"] == "'self' https://www.youtube-nocookie.com"
        assert '<meta name="bs-video-frames" content="1">' in answer.get_data(
            as_text=True
        )
        text = page_text(app, path)
        assert "Video laden (YouTube plaatst dan cookies)" in text
        assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in text
        # A placeholder: nothing in the page loads the player by itself.
        assert '"Iframe"' not in text and "youtube.com/watch" not in text
    for path in ("/peiling/fietsparkeren-centrum", "/", "/resultaten/poll-closed"):
        answer = client.get(path)
        assert "frame-src" not in _csp(answer)
        assert "bs-video-frames" not in answer.get_data(as_text=True)
    assert "frame-src" not in _csp(client.get("/api/v1/polls"))


def _feed(client, lang="nl"):
    answer = client.get(f"/feed.atom?lang={lang}")
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    return etree.fromstring(answer.data)


def _one(element, name):
    found = element.findall(ATOM + name)
    assert len(found) == 1, (name, len(found))
    return found[0]


def _rfc3339(text):
    assert "T" in text and (text.endswith("Z") or text[-6] in "+-"), text
    return dt.datetime.fromisoformat(text)


def test_lbo004_feed_is_valid_atom(client):
    """RFC 4287's rules for a feed: atom:feed with exactly one id, title and
    updated, an author (or one in every entry), a self link; every entry with
    exactly one id, title and updated, an alternate link; ids are IRIs and
    unique; dates are RFC 3339."""
    feed = _feed(client)
    assert feed.tag == ATOM + "feed"
    assert _one(feed, "id").text.startswith("http://localhost/")
    assert _one(feed, "title").text
    updated = _rfc3339(_one(feed, "updated").text)
    assert _one(_one(feed, "author"), "name").text
    rels = {link.get("rel"): link.get("href") for link in feed.findall(ATOM + "link")}
    assert rels["self"] == "http://localhost/feed.atom"
    entries = feed.findall(ATOM + "entry")
    assert entries
    ids = []
    for entry in entries:
        ids.append(_one(entry, "id").text)
        assert ids[-1].startswith("tag:localhost,2026:")
        assert _one(entry, "title").text
        assert _rfc3339(_one(entry, "updated").text) <= updated
        links = [link for link in entry.findall(ATOM + "link")]
        assert any(
            link.get("rel", "alternate") == "alternate"
            and link.get("href").startswith("http://localhost/")
            for link in links
        )
    assert len(set(ids)) == len(ids)
    # Nothing in it points to another host (feedgen's own address included).
    assert b"github" not in etree.tostring(feed)


def test_lbo005_feed_names_each_event_once_it_happened(client):
    feed = _feed(client)
    ids = {
        entry.findtext(ATOM + "id").rsplit(":", 1)[1]
        for entry in feed.iter(ATOM + "entry")
    }
    assert "poll/naam-nieuw-park/answer" in ids
    assert {"poll/poll-closed/opened", "poll/poll-closed/closed"} <= ids
    assert "poll/poll-closed/results" in ids
    assert "poll/poll-never/closed" in ids and "poll/poll-never/results" not in ids
    assert "poll/poll-always/results" in ids
    assert "poll/poll-draft/answer" not in ids
    assert not any(i.startswith("budget/park-upcoming/") for i in ids)
    assert "budget/park-zuiderpark/opened" in ids
    assert "budget/park-zuiderpark/closed" not in ids
    english = _feed(client, "en").findtext(ATOM + "title")
    assert english == i18n.t("feed.title", "en")


def _basic(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    return {"Authorization": auth.basic_header("adviseur", PASSWORD)}


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in reader.pages
    )


def test_lbo006_report_pdf_has_title_n_and_answer(backend_app):  # noqa: F811
    app = backend_app
    client = app.server.test_client()
    _ballots(app, "poll", "naam-nieuw-park", ("binckpark",), 30)
    _ballots(
        app, "poll", "naam-nieuw-park", ("havenpark",), 4, synthetic=True, start=99
    )
    url = "/dashboard/verslag/naam-nieuw-park.pdf"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    headers = _basic(app)
    answer = client.get(url, headers=headers)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert "attachment" in answer.headers["Content-Disposition"]
    text = _pdf_text(answer.data)
    assert "Welke naam krijgt het nieuwe park in Binckhorst?" in text
    assert "30 inwoners deden mee." in text
    assert "4 test- of demo-inzendingen tellen niet mee." in text
    assert "Het park heet Binckpark." in text and "**" not in text
    assert "Antwoord van 20 november 2026." in text
    assert "Meebeslissen: de keuze van de inwoners is het besluit." in text
    assert "1 september 2026 tot en met 31 oktober 2026" in text
    missing = _pdf_text(
        client.get("/dashboard/verslag/poll-closed.pdf", headers=headers).data
    )
    assert "Het antwoord van de gemeente volgt nog." in missing
    draft = _pdf_text(
        client.get("/dashboard/verslag/poll-draft.pdf", headers=headers).data
    )
    assert "Concept (nog niet gepubliceerd)" in draft
    wrong = {"Authorization": auth.basic_header("adviseur", "wrong password here")}
    assert client.get(url, headers=wrong).status_code in (302, 401)
    assert client.get("/dashboard/verslag/nope.pdf", headers=headers).status_code == 404


def test_lbo007_report_for_a_budget_counts_comments_and_hidden_ones(app, client):
    services = app.server.extensions[EXTENSION]
    _ballots(app, "budget", "park-closed", None, 12)
    plan = services.catalog.find("budget", "park-closed").plan_allocation()
    services.store.submit_budget(
        "park-closed", plan, "token-with-comment-000000000001", comment="Meer bomen"
    )
    text = _pdf_text(
        client.get("/dashboard/verslag/park-closed.pdf", headers=_basic(app)).data
    )
    assert "Toelichtingen bij begrotingen: 1, waarvan 0 verborgen" in text
    assert "13 inwoners deden mee." in text


def test_lbo008_overview_states_each_answer(app):
    from dashboards.kernel.public.status import answer_line, loop_parts

    catalog = app.server.extensions[EXTENSION].catalog
    today = dt.date(2026, 11, 29)
    assert answer_line(catalog.find("poll", "naam-nieuw-park"), "nl", today) == (
        "Antwoord: gepubliceerd"
    )
    assert answer_line(catalog.find("poll", "bankjes-escamp"), "nl", today) == (
        "Antwoord: ontbreekt · 14 dagen gesloten"
    )
    assert answer_line(catalog.find("poll", "poll-draft"), "en", today).startswith(
        "Answer: draft · closed "
    )
    assert answer_line(catalog.find("poll", "fietsparkeren-centrum"), "nl", today) == (
        "Antwoord: ontbreekt"
    )
    with app.server.test_request_context("/dashboard"):
        parts = json.dumps(
            loop_parts(catalog.find("poll", "poll-closed"), "nl"),
            default=lambda c: c.to_plotly_json(),
        )
    assert "/dashboard/verslag/poll-closed.pdf" in parts
    assert "http://localhost/embed/poll-closed" in parts
    assert "budgetschuiver:height" in parts


def test_lbo012_the_overview_says_every_trajectorys_answer_status(
    app,
    client,
    accounts,  # noqa: F811
):
    """Class: answers missing unnoticed for kinds without an overview card. The
    overview lists idea rounds, forums and question hours with their answer's
    status beside the cards of the others."""
    from tests.integration.test_stale_answers import _signed_in_payload

    payload = _signed_in_payload(client)
    text = client.post("/_dash-update-component", json=payload).get_data(as_text=True)
    catalog = app.server.extensions[EXTENSION].catalog
    elsewhere = [
        base
        for kind, base in catalog.everything()
        if kind.name in ("ideas", "forums", "qa")
    ]
    assert len(elsewhere) >= 3
    for base in elsewhere:
        assert base.title.get("nl") in text
    assert text.count('"data-answer"') >= len(elsewhere) + 1
    assert "vragenuren" in text

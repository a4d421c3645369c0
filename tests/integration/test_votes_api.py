"""Polls and moodboards over HTTP: the API contract, pictures, share tags, home."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image

TOKEN = "browser-token-0123456789abcdef"
POLL = "/api/v1/polls/fietsparkeren-centrum/votes"
BOARD = "/api/v1/moodboards/speeltuin-transvaal/votes"


def post(client, url, body, **kwargs):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", **kwargs)


def test_vapi001_list_polls(client):
    polls = {p["id"]: p for p in client.get("/api/v1/polls").get_json()["polls"]}
    bikes = polls["fietsparkeren-centrum"]
    assert {"id", "question", "options", "min_choices", "max_choices", "status"} <= set(
        bikes
    )
    assert bikes["options"][0] == {"id": "grote-markt", "label": "Onder de Grote Markt"}
    assert (bikes["min_choices"], bikes["max_choices"], bikes["status"]) == (
        1,
        2,
        "open",
    )
    assert polls["naam-nieuw-park"]["status"] == "closed"


def test_vapi002_list_moodboards_with_pictures(client):
    boards = client.get("/api/v1/moodboards?lang=en").get_json()["moodboards"]
    board = next(b for b in boards if b["id"] == "speeltuin-transvaal")
    assert board["max_choices"] == 3 and board["status"] == "open"
    assert len(board["images"]) >= 8
    first = board["images"][0]
    assert set(first) == {"id", "title", "alt", "url"}
    assert first["title"] == "Nature playground"
    response = client.get(first["url"])
    assert response.status_code == 200 and response.mimetype == "image/webp"
    assert len(response.data) < 150 * 1024
    assert "max-age" in response.headers["Cache-Control"]
    assert (
        client.get(
            first["url"], headers={"If-None-Match": response.headers["ETag"]}
        ).status_code
        == 304
    )


def test_vapi003_poll_vote_and_change_counts_once(client, store):
    first = post(
        client, POLL, {"options": ["spui"], "token": TOKEN, "district": "centrum"}
    )
    assert first.status_code == 201 and set(first.get_json()) == {"id", "receipt"}
    second = post(
        client, POLL, {"options": ["grote-markt", "hollands-spoor"], "token": TOKEN}
    )
    assert second.status_code == 200
    assert second.get_json()["id"] == first.get_json()["id"]
    tally = store.tally("poll", "fietsparkeren-centrum")
    assert tally.voters == 1 and tally.counts == {"grote-markt": 1, "hollands-spoor": 1}


def test_vapi004_moodboard_vote_and_change_counts_once(client, store):
    assert post(client, BOARD, {"images": ["water"], "token": TOKEN}).status_code == 201
    again = post(client, BOARD, {"images": ["natuur", "sport"], "token": TOKEN})
    assert again.status_code == 200
    tally = store.tally("moodboard", "speeltuin-transvaal")
    assert tally.voters == 1 and tally.counts == {"natuur": 1, "sport": 1}


BAD_POLL = [
    ({"options": ["schiphol"], "token": TOKEN}, 422, "unknown_choice"),
    ({"options": ["spui", "spui"], "token": TOKEN}, 422, "duplicate_choice"),
    (
        {"options": ["spui", "grote-markt", "hollands-spoor"], "token": TOKEN},
        422,
        "too_many_choices",
    ),
    ({"options": [], "token": TOKEN}, 422, "too_few_choices"),
    ({"options": ["spui"], "other_text": "x" * 201, "token": TOKEN}, 422, "too_long"),
    ({"options": ["spui"]}, 422, "invalid_token"),
    ({"options": ["spui"], "token": TOKEN, "email": "a@b.nl"}, 422, "unknown_field"),
    ({"options": "spui", "token": TOKEN}, 422, "invalid_type"),
    (b"{broken", 400, "not_json"),
]


@pytest.mark.parametrize(("body", "status", "code"), BAD_POLL)
def test_vapi005_bad_poll_votes_refused_nothing_stored(
    client, store, body, status, code
):
    response = post(client, POLL, body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert store.count_votes() == 0


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (
            {"images": ["natuur", "water", "sport", "kleur"], "token": TOKEN},
            "too_many_choices",
        ),
        ({"images": ["nope"], "token": TOKEN}, "unknown_choice"),
        ({"images": ["natuur", "natuur"], "token": TOKEN}, "duplicate_choice"),
        ({"images": [], "token": TOKEN}, "too_few_choices"),
        ({"images": ["natuur"], "token": TOKEN, "other_text": "x"}, "unknown_field"),
    ],
)
def test_vapi006_bad_moodboard_votes_refused(client, store, body, code):
    response = post(client, BOARD, body)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == code
    assert store.count_votes() == 0


def test_vapi007_unknown_and_closed(client, store):
    body = {"options": ["spui"], "token": TOKEN}
    assert post(client, "/api/v1/polls/nope/votes", body).status_code == 404
    closed = post(client, "/api/v1/polls/poll-closed/votes", body)
    assert (
        closed.status_code == 409
        and "gesloten" in closed.get_json()["error"]["message"]
    )
    board = post(
        client,
        "/api/v1/moodboards/board-closed/votes",
        {"images": ["water"], "token": TOKEN},
    )
    assert board.status_code == 409
    assert post(client, "/api/v1/moodboards/nope/votes", body).status_code == 404
    assert store.count_votes() == 0


def test_vapi008_vote_size_cap(client, store):
    response = post(
        client,
        POLL,
        {"options": ["spui"], "token": TOKEN, "other_text": "x" * (70 * 1024)},
    )
    assert response.status_code == 413 and store.count_votes() == 0


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/begroting/park-zuiderpark", "Een nieuw ontwerp voor het Zuiderpark-Oost"),
        (
            "/peiling/fietsparkeren-centrum",
            "Waar wilt u extra fietsenstallingen in het",
        ),
        ("/moodboard/speeltuin-transvaal", "Hoe moet de nieuwe speeltuin in Transvaal"),
    ],
)
def test_vapi009_open_graph_tags_in_the_served_html(client, path, title):
    html = client.get(path + "?lang=nl").get_data(as_text=True)
    og_title = re.search(r'<meta property="og:title" content="([^"]*)"', html).group(1)
    assert og_title.startswith(title)
    description = re.search(r'<meta property="og:description" content="([^"]*)"', html)
    assert description and len(description.group(1)) > 20
    if path.startswith("/moodboard"):
        image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
        assert image.startswith(
            "http://localhost/media/moodboards/speeltuin-transvaal/"
        )
    assert '<html lang="nl">' in html


def test_vapi010_pictures_404_for_unknown_or_odd_sizes(client):
    assert (
        client.get("/media/moodboards/speeltuin-transvaal/natuur-333.webp").status_code
        == 404
    )
    assert (
        client.get("/media/moodboards/speeltuin-transvaal/nope-480.webp").status_code
        == 404
    )
    assert client.get("/media/moodboards/nope/natuur-480.webp").status_code == 404


def test_vapi011_uploaded_picture_is_served_and_listed(client, services):
    from budgetschuiver.kernel import media
    from budgetschuiver.moodboards.store import UploadedImage

    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1200), (200, 40, 40)).save(buffer, format="PNG")
    services.store.add_image(
        UploadedImage(
            "speeltuin-transvaal",
            "schommels",
            {"nl": "Schommels", "en": None},
            {"nl": "Drie rode schommels", "en": None},
            {"nl": None, "en": None},
        ),
        media.prepare_upload(buffer.getvalue()),
    )
    boards = client.get("/api/v1/moodboards").get_json()["moodboards"]
    images = next(b for b in boards if b["id"] == "speeltuin-transvaal")["images"]
    assert (
        images[-1]["id"] == "schommels" and images[-1]["alt"] == "Drie rode schommels"
    )
    served = client.get(images[-1]["url"])
    assert served.status_code == 200
    with Image.open(io.BytesIO(served.data)) as image:
        assert image.width == 960
    vote = post(client, BOARD, {"images": ["schommels"], "token": TOKEN})
    assert vote.status_code == 201

"""The administrators' upload page: CSRF, roles, decoding, its own size cap."""

from __future__ import annotations

import io
import os
import re

import pytest
from PIL import Image

from budgetschuiver.kernel import media
from dashboards.kernel import auth

PASSWORD = "correct horse battery staple"


@pytest.fixture
def admin_client(app, client):
    with app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
        auth.create_user("adviseur", PASSWORD, "advisor")
    return client


def login(client, name):
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    client.post(
        "/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
    )


def form_token(client):
    html = client.get("/dashboard/afbeeldingen").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def noisy_png(size=(700, 500)) -> bytes:
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def send(client, data: bytes, token: str, image_id="schommels", name="x.png"):
    return client.post(
        "/dashboard/afbeeldingen",
        data={
            "csrf_token": token,
            "moodboard": "speeltuin-transvaal",
            "image_id": image_id,
            "title_nl": "Schommels",
            "alt_nl": "Drie schommels naast elkaar",
            "picture": (io.BytesIO(data), name),
        },
        content_type="multipart/form-data",
    )


def test_upl001_admin_adds_a_picture_larger_than_the_general_cap(admin_client, store):
    login(admin_client, "beheer")
    data = noisy_png()
    assert len(data) > 64 * 1024
    response = send(admin_client, data, form_token(admin_client))
    assert response.status_code == 201
    assert [i.image_id for i in store.uploaded_images("speeltuin-transvaal")] == [
        "schommels"
    ]
    served = admin_client.get(
        "/media/moodboards/speeltuin-transvaal/schommels-480.webp"
    )
    assert served.status_code == 200 and len(served.data) < media.MAX_SERVED_BYTES


def test_upl002_refusals_store_nothing(admin_client, store):
    login(admin_client, "beheer")
    token = form_token(admin_client)
    assert send(admin_client, noisy_png(), "forged").status_code == 400
    fake = b"<script>alert(1)</script>"
    assert send(admin_client, fake, token, name="evil.png").status_code == 422
    assert send(admin_client, noisy_png(), token, image_id="../x").status_code == 422
    assert send(admin_client, noisy_png(), token, image_id="natuur").status_code == 422
    huge = b"\x89PNG" + b"\x00" * (media.MAX_UPLOAD_BYTES + 80 * 1024)
    assert send(admin_client, huge, token).status_code == 413
    assert store.uploaded_images("speeltuin-transvaal") == []


def test_upl003_only_administrators(admin_client, client, store):
    assert client.get("/dashboard/afbeeldingen").status_code == 302
    login(admin_client, "adviseur")
    assert admin_client.get("/dashboard/afbeeldingen").status_code == 403
    assert send(admin_client, noisy_png(), "x").status_code == 403
    assert store.uploaded_images("speeltuin-transvaal") == []

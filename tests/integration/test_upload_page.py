"""Adding moodboard pictures never replaces one silently, keeps what was typed
after a refusal, warns when votes exist, and the page has the dashboard frame."""

from __future__ import annotations

import io
import re

from tests.integration.test_cli import _env, run_cli
from tests.integration.test_uploads import admin_client, form_token, login, noisy_png

__all__ = ["admin_client"]
BOARD = "speeltuin-transvaal"


def post(client, token, data=None, **fields):
    form = {
        "csrf_token": token,
        "moodboard": BOARD,
        "image_id": "schommels",
        "title_nl": "Schommels <b>groot</b>",
        "alt_nl": "Drie schommels naast elkaar",
        "title_en": "Swings",
        "picture": (io.BytesIO(noisy_png() if data is None else data), "x.png"),
    } | fields
    return client.post(
        "/dashboard/afbeeldingen", data=form, content_type="multipart/form-data"
    )


def test_uppg001_an_existing_id_is_never_replaced(tmp_path, data_dir):
    """Class: every way of adding a picture under an id the moodboard already has
    (in its definition or uploaded; from the command line or the page, including
    two at the same moment, which the store settles) is refused, nothing changed."""
    from budgetschuiver.store import Store

    env = _env(tmp_path, data_dir)
    picture = tmp_path / "a.png"
    picture.write_bytes(noisy_png())
    other = tmp_path / "b.png"
    other.write_bytes(noisy_png((640, 480)))
    base = ["add-picture", "--moodboard", BOARD, "--title-nl", "S", "--alt-nl", "S"]
    first = run_cli(*base, "--id", "schommel", "--file", str(picture), env=env)
    assert first.returncode == 0, first.stderr
    store = Store(env["BUDGETSCHUIVER_DATABASE_URL"], env["BUDGETSCHUIVER_SECRET_KEY"])
    kept = store.image_data(BOARD, "schommel")
    again = run_cli(*base, "--id", "schommel", "--file", str(other), env=env)
    assert again.returncode == 2
    assert "already has a picture 'schommel'" in again.stderr
    assert "nothing was changed" in again.stderr
    assert store.image_data(BOARD, "schommel") == kept
    image = store.uploaded_images(BOARD)[0]
    assert store.add_image(image, b"other bytes") is False
    assert store.image_data(BOARD, "schommel") == kept
    store.dispose()


def test_uppg002_page_refuses_taken_ids_and_keeps_typed_fields(admin_client, store):
    """Class: every refusal of the upload form (a taken id from the definition or
    an earlier upload, a file that is not a picture, a missing confirmation) shows
    the form again with what was typed (escaped), and asks for the file again."""
    login(admin_client, "beheer")
    token = form_token(admin_client)
    assert post(admin_client, token).status_code == 201
    kept = store.image_data(BOARD, "schommels")
    for answer in (
        post(admin_client, token),
        post(admin_client, token, image_id="natuur"),
        post(admin_client, token, data=b"not a picture", image_id="nieuw"),
    ):
        assert answer.status_code == 422
        html = answer.get_data(as_text=True)
        assert 'value="Schommels &lt;b&gt;groot&lt;/b&gt;"' in html
        assert 'value="Drie schommels naast elkaar"' in html
        assert 'value="Swings"' in html
        assert f'<option value="{BOARD}" selected>' in html
        assert "Kies het bestand opnieuw" in html
    assert store.image_data(BOARD, "schommels") == kept
    assert [i.image_id for i in store.uploaded_images(BOARD)] == ["schommels"]
    done = post(admin_client, token, image_id="glijbaan").get_data(as_text=True)
    assert 'value="Schommels' not in done


def test_uppg003_page_has_menu_language_switch_and_logout(admin_client):
    """Class: the upload page is a dashboard page like the others: menu to every
    view, a language switch and a working logout."""
    login(admin_client, "beheer")
    html = admin_client.get("/dashboard/afbeeldingen").get_data(as_text=True)
    for href in ("/dashboard", "/dashboard/peilingen", "/dashboard/moodboards"):
        assert f'href="{href}"' in html
    assert 'aria-current="page" href="/dashboard/afbeeldingen"' in html
    assert 'href="/dashboard/afbeeldingen?lang=en"' in html and ">English<" in html
    english = admin_client.get("/dashboard/afbeeldingen?lang=en").get_data(as_text=True)
    assert "Add a picture to a moodboard" in english and ">Nederlands<" in english
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert 'action="/logout"' in html
    out = admin_client.post("/logout", data={"csrf_token": token})
    assert out.status_code in (302, 303)
    assert admin_client.get("/dashboard/afbeeldingen").status_code == 302


def test_uppg004_votes_need_a_confirmation(admin_client, store):
    """Class: adding a picture to a moodboard that already has votes (which were
    cast without it) is announced on the page and needs a confirmation."""
    login(admin_client, "beheer")
    token = form_token(admin_client)
    html = admin_client.get("/dashboard/afbeeldingen").get_data(as_text=True)
    assert "upload-votes" not in html and "despite_votes" not in html
    store.submit_vote("moodboard", BOARD, ("natuur",), "board-voter-token-0001")
    html = admin_client.get("/dashboard/afbeeldingen").get_data(as_text=True)
    assert "heeft al stemmen: 1" in html and 'name="despite_votes"' in html
    refused = post(admin_client, token)
    assert refused.status_code == 409
    assert "Vink het vakje" in refused.get_data(as_text=True)
    assert store.uploaded_images(BOARD) == []
    assert post(admin_client, token, despite_votes="1").status_code == 201
    assert [i.image_id for i in store.uploaded_images(BOARD)] == ["schommels"]

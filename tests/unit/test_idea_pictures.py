"""The rules of an idea's picture fields (`ideas.validate.check_picture` and the
picture in `validate_idea` / `validate_edit`): decoded and re-encoded, alternative
text required with a picture and checked like any text, removal only on edit."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from budgetschuiver.ideas import validate
from budgetschuiver.kernel import media
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog

ROUND = load_catalog(REPO_ROOT / "data").of("ideas")["brieven-beter"]


def picture(fmt: str = "PNG", size: tuple[int, int] = (64, 48)) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(buffer, fmt)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def codes(problems) -> list[tuple[str, str, str]]:
    return [(p.field, p.code, p.key) for p in problems]


def test_idp001_a_picture_with_alt_text_is_re_encoded_with_its_size():
    found, problems = validate.check_picture(picture(), "  Een groen vlak 🌳  ")
    assert problems == []
    assert found.alt == "Een groen vlak 🌳"
    assert (found.width, found.height) == (64, 48)
    with Image.open(io.BytesIO(found.data)) as image:
        assert image.format == "WEBP"


def test_idp002_a_data_url_prefix_is_allowed():
    found, problems = validate.check_picture(
        "data:image/png;base64," + picture(), "Groen"
    )
    assert problems == [] and found is not None


def test_idp003_no_picture_and_no_alt_is_fine():
    assert validate.check_picture(None, None) == (None, [])
    assert validate.check_picture("", "   ") == (None, [])


@pytest.mark.parametrize(
    ("raw", "alt", "expected"),
    [
        (picture(), None, [("picture_alt", "empty", "error.idea_picture_alt")]),
        (picture(), "", [("picture_alt", "empty", "error.idea_picture_alt")]),
        (
            None,
            "Een brief",
            [("picture_alt", "no_picture", "error.idea_alt_without_picture")],
        ),
        (picture("GIF"), "x", [("picture", "invalid_picture", "upload.bad_format")]),
        ("!!!", "x", [("picture", "invalid_picture", "upload.not_an_image")]),
        (
            base64.b64encode(b"just text").decode(),
            "x",
            [("picture", "invalid_picture", "upload.not_an_image")],
        ),
        (["list"], "x", [("picture", "invalid_picture", "upload.not_an_image")]),
        (
            "A" * (validate.PICTURE_BASE64_MAX + 4),
            "x",
            [("picture", "too_large", "upload.too_large")],
        ),
        (
            picture(),
            12,
            [("picture_alt", "invalid_picture_alt", "error.idea_not_text")],
        ),
        (
            picture(),
            "x" * (validate.PICTURE_ALT_MAX + 1),
            [("picture_alt", "too_long", "error.idea_too_long")],
        ),
        (
            picture(),
            "Mail mij: an@example.nl",
            [("picture_alt", "personal_data", "error.personal_data")],
        ),
    ],
)
def test_idp004_refused_picture_fields(raw, alt, expected):
    found, problems = validate.check_picture(raw, alt)
    assert found is None
    assert codes(problems) == expected


def test_idp005_too_many_pixels_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(media, "MAX_PIXELS", 100)
    _found, problems = validate.check_picture(picture(size=(20, 20)), "Groen")
    assert codes(problems) == [("picture", "invalid_picture", "upload.too_many_pixels")]


def test_idp006_validate_idea_carries_the_picture():
    body = {
        "title": "Meer groen",
        "text": "Een park.",
        "token": "t" * 24,
        "picture": picture(),
        "picture_alt": "Groen",
    }
    draft, problems = validate.validate_idea(ROUND, body)
    assert problems == [] and draft.picture.alt == "Groen"
    draft, problems = validate.validate_idea(ROUND, body | {"picture_alt": None})
    assert draft is None and codes(problems)[0][0] == "picture_alt"
    draft, _ = validate.validate_idea(
        ROUND, {k: body[k] for k in body if "pic" not in k}
    )
    assert draft.picture is None


def test_idp007_an_edit_may_remove_the_picture_only():
    token = "t" * 24
    edit, problems = validate.validate_edit(
        ROUND, "idea", {"picture": None, "token": token}
    )
    assert problems == [] and edit.remove_picture and edit.texts == {}
    edit, _ = validate.validate_edit(ROUND, "idea", {"text": "Nieuw", "token": token})
    assert not edit.remove_picture
    edit, problems = validate.validate_edit(
        ROUND, "idea", {"picture": picture(), "token": token}
    )
    assert edit is None
    assert codes(problems) == [
        ("picture", "invalid_picture", "error.idea_picture_remove_only")
    ]
    edit, problems = validate.validate_edit(
        ROUND, "reaction", {"picture": None, "token": token}
    )
    assert edit is None and codes(problems)[0][1] == "unknown_field"

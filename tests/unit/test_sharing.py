"""Share links are plain, encoded addresses of the networks' share pages; the
preview picture is a real PNG of the stated size that changes with the data."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image

from budgetschuiver.kernel.sharing.links import NETWORKS, SHARE_HOSTS, share_links
from budgetschuiver.kernel.sharing.picture import Bar, draw_preview

URL = "https://doemee.denhaag.nl/resultaten/park?x=1&y=2"
TEXT = "De uitkomst: Zuiderpark & co 🌳 #1"


def test_share001_every_network_once_in_order_with_the_url_intact():
    links = dict(share_links(URL, TEXT))
    assert list(links) == list(NETWORKS)
    whatsapp = parse_qs(urlsplit(links["whatsapp"]).query)
    assert whatsapp == {"text": [f"{TEXT} {URL}"]}
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [URL]}
    assert parse_qs(urlsplit(links["x"]).query) == {"text": [TEXT], "url": [URL]}
    assert parse_qs(urlsplit(links["linkedin"]).query) == {"url": [URL]}
    mail = urlsplit(links["email"])
    assert mail.scheme == "mailto"
    fields = dict(part.split("=", 1) for part in mail.query.split("&"))
    assert unquote(fields["subject"]) == TEXT
    assert unquote(fields["body"]) == f"{TEXT}\n\n{URL}"


def test_share002_only_https_share_pages_of_the_listed_hosts():
    for network, href in share_links(URL, TEXT):
        parts = urlsplit(href)
        if network == "email":
            continue
        assert parts.scheme == "https" and parts.hostname in SHARE_HOSTS
        # Nothing a resident wrote can break out of the query: one '?' and the
        # text's '&' and '#' are encoded.
        assert href.count("?") == 1 and "#" not in href


@pytest.mark.parametrize("bad", ["/resultaten/x", "javascript:alert(1)", "ftp://x/y"])
def test_share003_relative_or_odd_addresses_are_refused(bad):
    with pytest.raises(ValueError):
        share_links(bad, TEXT)


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(data) < 300 * 1024
    return image


def test_share004_preview_is_a_png_that_differs_with_the_data():
    one = draw_preview("Titel", "12 inwoners", [Bar("Ja", 0.7, "70%")])
    two = draw_preview("Titel", "12 inwoners", [Bar("Ja", 0.3, "30%")])
    budget = draw_preview(
        "Begroting " * 12,
        "n",
        [Bar(f"Lijn {k} met een lange naam", 0.5, "€ 1.234", 0.6) for k in range(9)],
        ("Inwoners", "Plan"),
    )
    empty = draw_preview("Titel", "site", [])
    assert len({one, two, budget, empty}) == 4
    for data in (one, two, budget, empty):
        _image(data)


def test_share005_pictures_with_their_shares():
    tile = io.BytesIO()
    Image.new("RGB", (960, 640), (0, 120, 200)).save(tile, "WEBP")
    data = draw_preview(
        "Speeltuin", "60 inwoners", [], pictures=[(tile.getvalue(), "58%", "Water")] * 3
    )
    image = _image(data).convert("RGB")
    # The tiles are drawn: the picture's blue is in the middle band.
    red, green, blue = image.getpixel((200, 300))
    assert red < 8 and abs(green - 120) < 8 and abs(blue - 200) < 8


def _ink(font, text: str) -> bytes:
    """`text` drawn in `font` on a small grey canvas, as raw pixels."""
    from PIL import ImageDraw

    canvas = Image.new("L", (240, 80), 0)
    ImageDraw.Draw(canvas).text((10, 10), text, font=font, fill=255)
    return canvas.tobytes()


# A code point no font maps: drawn as the font's "missing glyph" box.
UNMAPPED = "\U0010fffd"


@pytest.mark.parametrize("weight", ["regular", "bold"])
@pytest.mark.parametrize("char", ["€", "ë", "é", "ï", "–", "\u2212"])
def test_share006_the_preview_font_has_the_euro_sign_and_dutch_letters(weight, char):
    """Class: "€" (or "ë", "–") drawn as an empty box. The character drawn in
    the preview's font differs from the missing-glyph box, while Pillow's
    built-in font (the one used before) draws the euro sign as that box: the
    check can fail."""
    from PIL import ImageFont

    from budgetschuiver.kernel.sharing.picture import _font

    font = _font(40, weight)
    assert _ink(font, char) != _ink(font, UNMAPPED)
    builtin = ImageFont.load_default(size=40)
    assert _ink(builtin, "€") == _ink(builtin, UNMAPPED)


def test_share007_amounts_keep_their_euro_sign_in_the_picture():
    """Class: amounts rewritten as "EUR". A bar's text "€ 540.000" is drawn
    with the euro glyph: the picture differs from one with "EUR 540.000" and
    from one with the missing-glyph box in its place."""
    pictures = {
        text: draw_preview("Park", "n = 12", [Bar("Bomen", 0.5, text, 0.4)])
        for text in ("€ 540.000", "EUR 540.000", f"{UNMAPPED} 540.000")
    }
    assert len(set(pictures.values())) == 3

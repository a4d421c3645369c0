"""Uploaded pictures are decoded, capped, re-encoded and stripped of metadata."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from budgetschuiver.kernel import media
from budgetschuiver.kernel.settings import REPO_ROOT


def picture(fmt: str, size=(640, 480), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_med001_accepts_png_jpeg_webp_and_makes_webp(fmt):
    out = media.prepare_upload(picture(fmt))
    with Image.open(io.BytesIO(out)) as image:
        assert image.format == "WEBP" and image.size == (640, 480)


def test_med002_strips_exif_and_large_pictures_shrink():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (52.0, 4.0, 30.0)}  # GPS info
    raw = picture("JPEG", size=(3000, 2000), exif=exif.tobytes())
    assert b"Camera maker" in raw
    out = media.prepare_upload(raw)
    assert b"Camera maker" not in out
    with Image.open(io.BytesIO(out)) as image:
        assert image.width == media.STORED_WIDTH
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info


def _png_header_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "upload.not_an_image"),
        (b"GIF89a" + b"\x00" * 100, "upload.not_an_image"),
        (picture("GIF"), "upload.bad_format"),
        (picture("BMP"), "upload.bad_format"),
        (picture("PNG")[:200], "upload.not_an_image"),
        (b"%PDF-1.4 not a picture", "upload.not_an_image"),
        (_png_header_claiming(50_000, 50_000), "upload.too_many_pixels"),
        (b"\x00" * (media.MAX_UPLOAD_BYTES + 1), "upload.too_large"),
    ],
)
def test_med003_refuses_what_is_not_an_accepted_picture(raw, key):
    with pytest.raises(media.ImageRejected) as info:
        media.prepare_upload(raw)
    assert info.value.key == key


def test_med004_served_versions_of_the_demo_pictures_are_small():
    folder = REPO_ROOT / "data" / "moodboards" / "images" / "speeltuin-transvaal"
    files = sorted(folder.glob("*.webp"))
    assert len(files) >= 8
    for path in files:
        assert path.stat().st_size < media.MAX_SERVED_BYTES
        for width in media.SIZES:
            out = media.resized(path.read_bytes(), width)
            assert len(out) < media.MAX_SERVED_BYTES
            with Image.open(io.BytesIO(out)) as image:
                assert image.width == width

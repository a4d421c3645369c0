"""Pictures: verify an upload by decoding it, re-encode it without metadata, and make
the phone-sized versions the pages serve. Pillow only; no Dash, no database."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps

ALLOWED_FORMATS = frozenset({"PNG", "JPEG", "WEBP"})
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000
STORED_WIDTH = 1600
SIZES = (480, 960)
MAX_SERVED_BYTES = 150 * 1024


class ImageRejected(ValueError):
    """Why an upload is not a picture we accept; `key` is the message in i18n."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def prepare_upload(raw: bytes) -> bytes:
    """A stored picture from uploaded bytes: decoded (never trusting the name),
    size-capped, upright, RGB, at most STORED_WIDTH wide, WebP, no metadata."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise ImageRejected("upload.too_large")
    try:
        with warnings.catch_warnings():
            # A decompression bomb must be refused, not merely warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in ALLOWED_FORMATS:
                    raise ImageRejected("upload.bad_format")
                width, height = probe.size
                if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
                    raise ImageRejected("upload.too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(raw)) as image:
                image.load()
                picture = ImageOps.exif_transpose(image).convert("RGB")
    except ImageRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected("upload.too_many_pixels") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected("upload.not_an_image") from exc
    if picture.width > STORED_WIDTH:
        picture = picture.resize(
            (STORED_WIDTH, round(picture.height * STORED_WIDTH / picture.width)),
            Image.Resampling.LANCZOS,
        )
    return _webp(picture, quality=85)


def dimensions(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a picture `prepare_upload` made."""
    with Image.open(io.BytesIO(data)) as image:
        return image.size


def resized(data: bytes, width: int) -> bytes:
    """A served version at most `width` wide, under MAX_SERVED_BYTES."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        picture = image.convert("RGB")
    if picture.width > width:
        picture = picture.resize(
            (width, round(picture.height * width / picture.width)),
            Image.Resampling.LANCZOS,
        )
    for quality in (80, 70, 60, 50, 40):
        out = _webp(picture, quality)
        if len(out) <= MAX_SERVED_BYTES:
            return out
    return out


def _webp(picture: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    # A fresh image carries no EXIF, XMP or ICC data: nothing from the camera leaks.
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    clean.save(buffer, format="WEBP", quality=quality, method=6)
    return buffer.getvalue()

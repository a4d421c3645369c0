"""Serving stored pictures over HTTP: the phone-sized WebP versions `media` makes,
with cache headers and an ETag. Shared by every feature that shows pictures
(moodboards, ideas) so there is one way to answer a picture request."""

from __future__ import annotations

import functools

from flask import Response, abort, request

from budgetschuiver.kernel import media


@functools.lru_cache(maxsize=128)
def resized(data: bytes, width: int) -> bytes:
    """`media.resized`, kept per process for the 128 latest (picture, width) pairs:
    every request for a picture would otherwise re-encode it."""
    return media.resized(data, width)


def webp_response(data: bytes | None, width: int, max_age: int) -> Response:
    """The version of `data` (a stored picture, see `media.prepare_upload`) at most
    `width` pixels wide, kept by browsers for `max_age` seconds and answered with
    304 when unchanged. Aborts with 404 when there is no picture or `width` is
    not one of `media.SIZES`."""
    if data is None or width not in media.SIZES:
        abort(404)
    response = Response(resized(data, width), mimetype="image/webp")
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.add_etag()
    return response.make_conditional(request)

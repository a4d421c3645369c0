"""Pure checks for the parts every ballot shares: token, demographics, free text."""

from __future__ import annotations

import unicodedata

from budgetschuiver.demographics import AGE_BAND_IDS, DISTRICT_IDS
from budgetschuiver.problems import Problem

TOKEN_MIN, TOKEN_MAX = 16, 128


def check_token(raw: object) -> tuple[str | None, list[Problem]]:
    if (
        not isinstance(raw, str)
        or not TOKEN_MIN <= len(raw) <= TOKEN_MAX
        or not raw.isprintable()
        or not raw.isascii()
    ):
        return None, [Problem("invalid_token", "token", "error.bad_token")]
    return raw, []


def check_choice(raw: object, allowed: frozenset[str], field: str, key: str):
    """An optional value from a fixed list; None and "" mean 'not given'."""
    if raw is None or raw == "":
        return None, []
    if isinstance(raw, str) and raw in allowed:
        return raw, []
    return None, [Problem(f"invalid_{field}", field, key)]


def check_district(raw: object):
    return check_choice(raw, DISTRICT_IDS, "district", "error.bad_district")


def check_age_band(raw: object):
    return check_choice(raw, AGE_BAND_IDS, "age_band", "error.bad_age_band")


def clean_text(raw: str) -> str:
    """Free text as stored: NFC, no control characters except newlines, trimmed."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n"))
    text = "".join(
        ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C"
    )
    return text.strip()


def check_text(
    raw: object, field: str, max_chars: int
) -> tuple[str | None, list[Problem]]:
    """Optional free text, bounded; stored as text and always rendered as text."""
    if raw is None:
        return None, []
    if not isinstance(raw, str):
        return None, [Problem(f"invalid_{field}", field, "error.bad_comment")]
    text = clean_text(raw)
    if len(text) > max_chars:
        return None, [
            Problem("too_long", field, "error.comment_too_long", {"max": max_chars})
        ]
    return text or None, []


def check_common(body: dict, allowed: frozenset[str]):
    """What every ballot body shares: no unknown fields (a name or e-mail address is
    refused, not silently dropped), a valid token, optional district and age band."""
    problems = [
        Problem(
            "unknown_field",
            str(key)[:40],
            "error.unknown_field",
            {"field": str(key)[:40]},
        )
        for key in body
        if key not in allowed
    ]
    token, found = check_token(body.get("token"))
    problems += found
    district, found = check_district(body.get("district"))
    problems += found
    age_band, found = check_age_band(body.get("age_band"))
    problems += found
    return token, district, age_band, problems

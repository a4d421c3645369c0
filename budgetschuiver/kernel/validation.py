"""Pure checks for the parts every ballot shares: token, demographics, free text."""

from __future__ import annotations

import re
import unicodedata

from budgetschuiver.kernel.demographics import AGE_BAND_IDS, DISTRICT_IDS
from budgetschuiver.kernel.problems import Problem

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


# Code points removed from residents' text, and why (README, "Text handling"). All
# are invisible; everything a person can write stays, in any script: letters, marks,
# emoji newer than this Python's Unicode tables (category Cn), zero-width joiners and
# non-joiners, variation selectors, emoji tag sequences, RLM/LRM, soft hyphens,
# private-use characters.
_STRIPPED_RE = re.compile(
    # C0/C1 controls and DEL, except tab and newline: they can break exports and
    # terminals and carry nothing a reader sees.
    "[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    # Bidirectional embeddings, overrides and isolates: they reorder the text that
    # follows them, so a comment could read differently than it was written.
    "|[\u202a-\u202e\u2066-\u2069]"
    # Byte order mark / zero-width no-break space: an encoding artefact.
    "|\ufeff"
    # Interlinear annotation controls and the object replacement character.
    "|[\ufff9-\ufffc]"
    # Lone surrogates (cannot be stored as UTF-8) and noncharacters.
    "|[\ud800-\udfff\ufdd0-\ufdef]"
    "|[\ufffe\uffff\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe"
    "\U0003ffff\U0004fffe\U0004ffff\U0005fffe\U0005ffff\U0006fffe\U0006ffff"
    "\U0007fffe\U0007ffff\U0008fffe\U0008ffff\U0009fffe\U0009ffff\U000afffe"
    "\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff\U000dfffe\U000dffff"
    "\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def _line_ends(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(raw: str) -> str:
    """Free text as stored: line ends as "\\n", the invisible code points in
    `_STRIPPED_RE` removed, NFC, outer white space trimmed. Nothing visible changes;
    `removed_count` says how many code points went, so a page can say so."""
    return unicodedata.normalize("NFC", _STRIPPED_RE.sub("", _line_ends(raw))).strip()


def removed_count(raw: object) -> int:
    """How many code points `clean_text` removes from `raw` (0 for non-text), not
    counting line ends, normalisation and outer white space."""
    if not isinstance(raw, str):
        return 0
    return len(_STRIPPED_RE.findall(_line_ends(raw)))


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

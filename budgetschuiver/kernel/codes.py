"""Voting codes: random, easy to type, no look-alike characters, checked on the server.

A trajectory with `integrity: code` takes one ballot per code (the model Dutch
municipalities use with a letter to every address). The code then plays the part of
the browser token: sending again with the same code replaces that ballot.
"""

from __future__ import annotations

import math
import secrets

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read off paper is typed right.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
LENGTH = 11  # 25**11 is about 2**51 possible codes
BITS = LENGTH * math.log2(len(ALPHABET))
# Wrong codes from one address before it has to wait (guessing stays hopeless).
GUESS_LIMIT = (10, 10 * 60)


def new_code() -> str:
    """'K7QM-4TZD-P9X': 11 random characters in groups of four."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalize(raw: object) -> str | None:
    """The code as stored: upper case, without spaces or dashes; None if it cannot
    be a code at all."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = "".join(ch for ch in raw.upper() if ch not in " -\t")
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def scope(kind: str, item_id: str) -> str:
    return f"{kind}:{item_id}"


def ballot_token(code: str) -> str:
    """The token a code-based ballot is keyed by (16+ characters, like a browser's)."""
    return "code:" + code

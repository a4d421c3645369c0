"""Who may cast a ballot: the browser token for `integrity: open`, a voting code for
`integrity: code` (checked, rate-limited against guessing, then used as the key)."""

from __future__ import annotations

from flask import request

from budgetschuiver.kernel import codes, ratelimit
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.problems import Problem


def code_token(
    kind: str, item_id: str, raw_code: object
) -> tuple[str | None, Problem | None]:
    """The ballot token for a voting code, or why the code is refused."""
    limiter = services().limiter
    key = ratelimit.key("code-guess", request.remote_addr or "")
    if limiter.blocked(key, *codes.GUESS_LIMIT):
        return None, Problem("rate_limited", "code", "error.code_rate_limited")
    code = codes.normalize(raw_code)
    if code is None or not services().store.redeem_code(
        codes.scope(kind, item_id), code
    ):
        limiter.record(key, *codes.GUESS_LIMIT)
        return None, Problem("invalid_code", "code", "error.bad_code")
    return codes.ballot_token(code), None

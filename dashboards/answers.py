"""Whole callback answers of the dashboard overview, kept in the shared cache.

When a council meeting opens the dashboard on 200 screens at once, every screen asks
for the same overview: same filters, same language, same data. Computing the cards
is cheap (`dashboards.service` keeps counts), but building and serialising the figures
for each request is not. The first request's answer is kept, byte for byte, under a
key made of the data version and the request; the others get those bytes.

Only views whose answer is the same for every signed-in user are kept (the overview:
no admin-only parts), and only for signed-in users: the access guard runs first, and
this hook checks again. The data version in the key means a new ballot is never
hidden behind a kept answer; without Redis the version is per process, so answers
then live only as long as cached results do.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from flask import Response, g, request

from budgetschuiver import auth
from budgetschuiver.context import services
from dashboards.service import RESULTS_SECONDS, cache

KEPT_OUTPUTS = frozenset({"db-overview.children"})

# With a shared data version (Redis) a kept answer is exact until the next ballot;
# it is dropped after this long anyway, to bound the cache.
SHARED_SECONDS = 60


def _key(body: dict) -> str:
    request_part = json.dumps(
        [body.get("output"), body.get("inputs"), body.get("state")],
        sort_keys=True,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(request_part.encode()).hexdigest()
    return f"answer:{services().data_version.current()}:{digest}"


def install(server: Any, shared: bool) -> None:
    """Register the hooks; after Dash, so the kept bytes are the uncompressed ones
    (Flask runs the last registered `after_request` first)."""
    seconds = SHARED_SECONDS if shared else RESULTS_SECONDS

    @server.before_request
    def _kept_answer() -> Response | None:
        if request.method != "POST" or not request.path.endswith(
            "_dash-update-component"
        ):
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or body.get("output") not in KEPT_OUTPUTS:
            return None
        if auth.current_account() is None:
            return None
        key = _key(body)
        found = cache.get(key)
        if found is not None:
            return Response(found, mimetype="application/json")
        g.answer_key = key
        return None

    @server.after_request
    def _keep_answer(response: Response) -> Response:
        key = g.pop("answer_key", None)
        if key and response.status_code == 200 and not response.direct_passthrough:
            cache.set(key, response.get_data(), timeout=seconds)
        return response

"""Whole callback answers of the dashboard overview, kept in the shared cache.

When a council meeting opens the dashboard on 200 screens at once, every screen asks
for the same overview: same filters, same language, same data. Computing the cards
is cheap (`dashboards.kernel.service` keeps counts), but building and serialising the
figures for each request is not. The first request's answer is kept, byte for byte,
under a key made of the data version and the request; the others get those bytes.

Only views whose answer is the same for every signed-in user are kept (the overview:
no admin-only parts), and only for signed-in users: the access guard runs first, and
this hook checks again. The data version in the key means a new ballot is never
hidden behind a kept answer for longer than the `stale_seconds` setting (5 s): while
one request makes the answer for a new version, the others get the previous answer
if the data changed at most that long ago, instead of waiting. Without Redis the
version is per process, so answers then live only as long as cached results do.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from flask import Response, current_app, g, request
from werkzeug.http import parse_cookie
from werkzeug.wrappers import Request as BaseRequest

from budgetschuiver.kernel import front_door, web
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.recent import MISSING, Recent
from dashboards.kernel import auth
from dashboards.kernel.service import RESULTS_SECONDS, cache

KEPT_OUTPUTS = frozenset({"db-overview.children"})

# How long a request waits for an answer another one is making, and how often it
# looks; past the wait it makes the answer itself.
WAIT_SECONDS = 3
POLL_SECONDS = 0.01

# With a shared data version (Redis) a kept answer is exact until the next ballot;
# it is dropped after this long anyway, to bound the cache.
SHARED_SECONDS = 60

# Kept answers (plain and compressed) also held in each process: their key names the
# data version, so the bytes under a key never change, and a room of screens then
# costs one Redis read each (the data version), not three reads and a write of
# answer-sized values.
LOCAL_EXTENSION = "budgetschuiver.kept_answers"
LOCAL_ANSWERS = 64
# The data version this process saw last. A version lower than that means the
# numbering started again (Redis emptied or restarted): the same version number may
# then stand for other data, so what this process holds is dropped.
LAST_VERSION_EXTENSION = "budgetschuiver.kept_answers_version"
# With a shared data version, the version this process read last and when
# (monotonic seconds); read again after VERSION_SECONDS.
VERSION_MEMO_EXTENSION = "budgetschuiver.kept_answers_version_read"
VERSION_SECONDS = 0.5
# Monotonic seconds for that window (a test moves it on).
clock = time.monotonic


def _current_version() -> int:
    """The data version now (read through `_shared_version`); empties this
    process's kept answers when it went back."""
    version = _shared_version()
    last = current_app.extensions[LAST_VERSION_EXTENSION]
    if version < last[0]:
        current_app.extensions[LOCAL_EXTENSION].clear()
        front_door.forget(current_app)
    last[0] = version
    return version


def _shared_version() -> int:
    """The data version, asked of Redis at most once per `VERSION_SECONDS` per
    process when it is shared (and `stale_seconds` allows screens to be behind):
    a room of 200 screens then costs each worker one Redis round trip, not 200.
    A kept answer is then at most `VERSION_SECONDS` behind the data, well inside
    the `stale_seconds` a council screen may be. Per process it is memory, read
    as it is."""
    versions = services().data_version
    memo = current_app.extensions.get(VERSION_MEMO_EXTENSION)
    if memo is None or not services().settings.stale_seconds:
        return versions.current()
    now = clock()
    value, read_at = memo
    if now - read_at < VERSION_SECONDS:
        return value
    value = versions.current()
    current_app.extensions[VERSION_MEMO_EXTENSION] = (value, now)
    return value


def _keep(key: str, value: bytes, seconds: int) -> None:
    """Keep `value` under `key` in the shared cache and in this process."""
    cache.set(key, value, timeout=seconds)
    current_app.extensions[LOCAL_EXTENSION].put(key, value)


def _kept(key: str) -> bytes | None:
    """The bytes kept under `key`: from this process, else from the shared cache
    (then held here too)."""
    local: Recent = current_app.extensions[LOCAL_EXTENSION]
    found = local.get(key)
    if found is not MISSING:
        return found
    found = cache.get(key)
    if found is not None:
        local.put(key, found)
    return found


def _digest(body: dict) -> str:
    request_part = json.dumps(
        [body.get("output"), body.get("inputs"), body.get("state")],
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(request_part.encode()).hexdigest()


def _recent(digest: str, version: int) -> tuple[str, bytes] | None:
    """The kept answer of an earlier data version, with its key, if the data moved
    on from it at most the `stale_seconds` setting ago (a council screen may show
    figures that far behind); else None."""
    key = _recent_key(digest, version)
    found = _kept(key) if key is not None else None
    return (key, found) if found is not None else None


def _recent_key(digest: str, version: int) -> str | None:
    """The key of the kept answer of an earlier data version that may still be
    sent (`_recent`), or None."""
    limit = services().settings.stale_seconds
    if not limit:
        return None
    # Which earlier answer, and since when it is behind, is the same for every
    # request of this version: asked of Redis once per process, not per screen.
    local: Recent = current_app.extensions[LOCAL_EXTENSION]
    found = local.get(("recent", digest, version))
    if found is MISSING:
        previous = cache.get(f"latest:{digest}")
        if previous is None or previous >= version:
            return None
        # The answer stopped being exact when the version after it began.
        found = (previous, services().data_version.began(previous + 1))
        local.put(("recent", digest, version), found)
    previous, moved_on = found
    if moved_on is None or time.time() - moved_on > limit:
        return None
    return f"answer:{previous}:{digest}"


def install(server: Any, shared: bool) -> None:
    """Register the hooks; after Dash, so the kept bytes are the uncompressed ones
    (Flask runs the last registered `after_request` first)."""
    seconds = SHARED_SECONDS if shared else RESULTS_SECONDS
    server.config["ANSWER_SECONDS"] = seconds
    server.extensions[LOCAL_EXTENSION] = Recent(seconds, size=LOCAL_ANSWERS)
    server.extensions[LAST_VERSION_EXTENSION] = [0]
    if shared:
        server.extensions[VERSION_MEMO_EXTENSION] = (0, float("-inf"))

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
        digest = _digest(body)
        version = _current_version()
        key = f"answer:{version}:{digest}"
        found = _kept(key)
        if found is None and not cache.add(f"busy:{key}", 1, timeout=WAIT_SECONDS):
            # Another request is making this very answer. The previous one, if
            # only seconds behind, goes out now; otherwise wait for the new one
            # rather than make it again (a room of screens asks at once).
            recent = _recent(digest, version)
            if recent is not None:
                g.compressed_answer = recent[0]
                front_door.mark(recent[0])
                return Response(recent[1], mimetype="application/json")
            deadline = time.monotonic() + WAIT_SECONDS
            while found is None and time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                found = _kept(key)
        g.compressed_answer = key
        if found is not None:
            front_door.mark(key)
            return Response(found, mimetype="application/json")
        g.answer_key = (key, digest, version)
        return None

    @server.after_request
    def _keep_answer(response: Response) -> Response:
        made = g.pop("answer_key", None)
        if made is None:
            return response
        key, digest, version = made
        if response.status_code == 200 and not response.direct_passthrough:
            _keep(key, response.get_data(), seconds)
            front_door.mark(key)
            cache.set(f"latest:{digest}", version, timeout=seconds)
        cache.delete(f"busy:{key}")
        return response


def compressed_key(_request: Any) -> str:
    """Flask-Compress's cache key (it prefixes the encoding): the kept answer's key,
    or "" for every other response, which `CompressedAnswers` never keeps."""
    return g.get("compressed_answer", "")


class CompressedAnswers:
    """Flask-Compress's cache: compressed kept answers, so a room full of screens
    costs one compression per encoding, not one per screen. Flask-Compress writes
    back what it found on every request; a value found is not written again."""

    def get(self, key: str) -> bytes | None:
        if ";answer:" not in key:
            return None
        found = _kept(f"zip:{key}")
        if found is not None:
            g.compressed_found = key
        return found

    def set(self, key: str, value: bytes) -> None:
        if ";answer:" in key and g.get("compressed_found") != key:
            _keep(f"zip:{key}", value, current_app.config["ANSWER_SECONDS"])


def _front_door_answer(environ: dict, raw: bytes, lookup: front_door.Lookup):
    """The overview's kept answer before Flask (`front_door`), only with every
    check Flask's hooks make for it: a JSON body of a known callback's shape
    (`web`; its size is checked by the front door), a session cookie that
    verifies and need not be signed again (`security.TlsAwareSessions`), an
    account that still exists (`auth.session_account`, the same 5 s rule), and
    the answer of the current data version, or of the previous one while
    another request makes the new one (`_recent_key`, as `install` does).
    Otherwise None: Flask answers."""
    sessions = current_app.session_interface
    value = parse_cookie(environ.get("HTTP_COOKIE")).get(
        sessions.get_cookie_name(current_app)
    )
    found = sessions.signed(current_app, value) if value else None
    if found is None or sessions.needs_signing(found[1]):
        return None
    name = found[0].get("user")
    if not isinstance(name, str) or auth.session_account(name) is None:
        return None
    if not BaseRequest(environ, populate_request=False, shallow=True).is_json:
        # Flask's get_json (the guard, Dash) refuses any other content type.
        return None
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    known = current_app.extensions[web.DASH_EXTENSION].callback_map
    if not web.callback_shape_ok(body, known) or body["output"] not in KEPT_OUTPUTS:
        return None
    digest = _digest(body)
    version = _current_version()
    key = f"answer:{version}:{digest}"
    kept = lookup(key)
    if kept is None and cache.has(f"busy:{key}"):
        previous = _recent_key(digest, version)
        kept = lookup(previous) if previous is not None else None
    return kept


# The overview's callback in the front door (app.py registers it).
FRONT_DOOR = front_door.Route(
    "POST",
    lambda path: path == "/_dash-update-component",
    _front_door_answer,
)

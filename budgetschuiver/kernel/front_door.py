"""The front door: kept answers sent before Flask, for the two kinds of request that
come in rooms full at once (issue 13: 200 council screens reloading the dashboard
overview; issue 15: 1,000 viewers polling a live Q&A session every second).

Why it exists: for those requests the application's own work is already a lookup
of bytes kept per data version, but every request still paid 0.5-2 ms of CPU for
Werkzeug's request object, Flask's dispatch and the hooks every request passes
(session, body cap, guard, security headers, compression). On two cores that, not
the application, decided the tail latency (bench/README.md, "Council burst" and
"Live Q&A").

How it stays safe: each fast `Route` decides, from the WSGI environ alone, which
kept answer a request would get from Flask (its *identity*, e.g. the data version
and request digest), doing the same checks Flask's hooks do for it (the session
signature, the account, the body's shape). Anything it cannot decide, or any
answer it does not hold, goes to Flask untouched. What it sends is never built
here: it is exactly what Flask sent for the same identity before (status, every
header but Set-Cookie and Date, the body as compressed), caught on its way out
and kept per *variant* of the request that can change those headers (the raw
Accept-Encoding for the compression, the URL scheme for HSTS). The Flask view
that sends a keepable answer names its identity in the environ (`mark`).

WSGI: PEP 3333. Installed inside the proxy fix (`security.install`), so the scheme
it sees is the one Flask sees.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from flask import Flask, request
from werkzeug.wrappers import Request as BaseRequest

from budgetschuiver.kernel import web
from budgetschuiver.kernel.recent import MISSING, Recent

# The environ entry in which a Flask view names the identity of the kept answer
# it sends (`mark`).
KEEP = "budgetschuiver.front_door.keep"
EXTENSION = "budgetschuiver.front_door"
# Never kept from Flask's answer: they belong to one request.
PER_REQUEST_HEADERS = frozenset({"set-cookie", "date"})
# How many answers a process keeps, and how long: identities name data versions,
# so an answer kept under one never goes stale; these only bound the memory
# (a dashboard overview answer is about 100 KB, a Q&A session a few KB).
KEPT_ANSWERS = 128
KEPT_SECONDS = 60


@dataclasses.dataclass(frozen=True)
class Kept:
    """One answer as Flask sent it: WSGI status line, headers, body bytes."""

    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


# A route's lookup: the kept answer for an identity, or None.
Lookup = Callable[[Hashable], Kept | None]


@dataclasses.dataclass(frozen=True)
class Route:
    """A fast route: requests with `method` whose path `matches` are offered to
    `find(environ, body, lookup)` (inside an app context; `body` is the request
    body for POST, else b""), which returns the kept answer to send, found with
    `lookup`, or None to let Flask answer. `find` must make every check Flask
    makes before it would send that answer. Bodies over Flask's cap
    (`web.install`), and POST bodies without a declared length, always go to
    Flask."""

    method: str
    matches: Callable[[str], bool]
    find: Callable[[dict, bytes, Lookup], Kept | None]


def mark(identity: Hashable) -> None:
    """Called by a Flask view (or hook) as it sends an answer that the front
    door may send again to a request of the same `identity` and variant."""
    request.environ[KEEP] = identity


def variant(environ: dict) -> tuple[str, str]:
    """What, beside the identity, can change Flask's headers or bytes for a kept
    answer: the compression the client takes (raw Accept-Encoding) and whether
    it came over TLS (Strict-Transport-Security)."""
    return environ.get("HTTP_ACCEPT_ENCODING", ""), environ.get("wsgi.url_scheme", "")


class FrontDoor:
    """WSGI middleware in front of `app.wsgi_app` answering `routes` from kept
    answers (`Route`); everything else passes through untouched."""

    def __init__(self, app: Flask, routes: Iterable[Route]) -> None:
        self.app = app
        self.inner = app.wsgi_app
        self.routes = tuple(routes)
        self.kept = Recent(KEPT_SECONDS, size=KEPT_ANSWERS)

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        route = self._route(environ)
        if route is None:
            return self.inner(environ, start_response)
        body = b""
        length = environ.get("CONTENT_LENGTH") or ("0" if route.method == "GET" else "")
        cap = web.body_limit(
            environ.get("PATH_INFO", ""), self.app.config["MAX_CONTENT_LENGTH"]
        )
        if not length.isdigit() or int(length) > cap:
            # Flask refuses a body over its cap; one of unknown length is read
            # by Flask alone.
            return self.inner(environ, start_response)
        if route.method == "POST":
            body = environ["wsgi.input"].read(int(length))
            # Flask reads the body again when it answers.
            environ["wsgi.input"] = io.BytesIO(body)
        shape = variant(environ)

        def lookup(identity: Hashable) -> Kept | None:
            found = self.kept.get((identity, shape))
            return None if found is MISSING else found

        with self.app.app_context():
            found = route.find(environ, body, lookup)
        if found is not None:
            start_response(found.status, list(found.headers))
            return [found.body]
        return self._through(environ, start_response, shape)

    def _route(self, environ: dict) -> Route | None:
        method, path = environ.get("REQUEST_METHOD"), environ.get("PATH_INFO", "")
        return next(
            (r for r in self.routes if r.method == method and r.matches(path)), None
        )

    def _through(
        self, environ: dict, start_response: Callable, shape: tuple[str, str]
    ) -> Iterable[bytes]:
        """Flask's answer, kept when Flask marked it (`mark`) and it is whole."""
        sent: dict[str, Any] = {}

        def catch(status: str, headers: list, exc_info: Any = None) -> Callable:
            sent.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        answer = self.inner(environ, catch)
        identity = environ.get(KEEP)
        if identity is None or sent.get("status", "")[:3] not in ("200", "304"):
            return answer
        try:
            body = b"".join(answer)
        finally:
            if hasattr(answer, "close"):
                answer.close()
        headers = tuple(
            (name, value)
            for name, value in sent["headers"]
            if name.lower() not in PER_REQUEST_HEADERS
        )
        declared = dict((n.lower(), v) for n, v in headers).get("content-length")
        # A 304 has no length (Werkzeug drops it with the other entity headers).
        whole = str(len(body)) if declared is not None or body else None
        if declared == whole:
            self.kept.put((identity, shape), Kept(sent["status"], headers, body))
        return [body]


def language(environ: dict) -> str:
    """`web.request_language` of the request in `environ` (app context)."""
    from budgetschuiver.kernel.context import services

    asking = BaseRequest(environ, populate_request=False, shallow=True)
    return web.language_of(asking, services().settings.default_language)


def install(server: Flask, routes: Iterable[Route]) -> None:
    """Put the front door in front of `server`'s WSGI app. Call before
    `security.install` (whose proxy fix must stay outside it)."""
    door = FrontDoor(server, routes)
    server.extensions[EXTENSION] = door
    server.wsgi_app = door


def forget(server: Flask) -> None:
    """Drop every kept answer (the data versions started again from 0)."""
    door = server.extensions.get(EXTENSION)
    if door is not None:
        door.kept.clear()

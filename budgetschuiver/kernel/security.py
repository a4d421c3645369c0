"""Response headers that keep other people's code and sites out: a Content Security
Policy allowing only our own scripts (Dash's inline ones by hash), no framing except
where configured, no MIME sniffing, a strict referrer policy, HSTS over TLS."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence

from flask import Flask, Request, Response, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature
from werkzeug.middleware.proxy_fix import ProxyFix

# A signed-in session lasts PERMANENT_SESSION_LIFETIME (8 hours, app.py) from the
# last request: a sliding window. Signing the cookie anew on every answer is work
# 200 council screens asking at once don't need, so it is signed again only once
# it is this old: the 8 hours then run from a request at most this much earlier
# than the last one.
SESSION_REFRESH_SECONDS = 60


class TlsAwareSessions(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over TLS, and is
    signed again at most every SESSION_REFRESH_SECONDS unless it changes."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(request and request.is_secure) or super().get_cookie_secure(app)

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        # As Flask's own, but keeping when the cookie was signed.
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        found = self.signed(app, value) if value else None
        if found is None:
            return self.session_class()
        session = self.session_class(found[0])
        session.signed_at = found[1]
        return session

    def signed(self, app: Flask, value: str) -> tuple[dict, dt.datetime] | None:
        """The session data in cookie `value` and when it was signed (aware UTC,
        to the second), or None when the signature is wrong or older than
        PERMANENT_SESSION_LIFETIME (itsdangerous, Flask's own serializer). The
        front door reads the cookie through this too (`front_door`)."""
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return None

    @staticmethod
    def needs_signing(signed_at: dt.datetime) -> bool:
        """Whether a cookie signed then is signed again on this answer."""
        # itsdangerous gives an aware UTC datetime, to the second.
        return time.time() - signed_at.timestamp() >= SESSION_REFRESH_SECONDS

    def should_set_cookie(self, app: Flask, session: SecureCookieSession) -> bool:
        if not super().should_set_cookie(app, session):
            return False
        if session.modified:
            return True
        signed_at = getattr(session, "signed_at", None)
        if signed_at is None:
            return True
        return self.needs_signing(signed_at)


def policy(script_hashes: Sequence[str], frame_ancestors: str) -> str:
    directives = {
        "default-src": "'self'",
        # Dash's one inline script, by hash; no 'unsafe-eval', no other host.
        "script-src": " ".join(["'self'", *script_hashes]),
        # Plotly and the slider set style attributes and <style> elements at run time.
        "style-src": "'self' 'unsafe-inline'",
        # data: for the presentation's QR code and plotly's own icons.
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


# One CSP source expression: a keyword, a scheme, or a host with optional scheme,
# port and path. Anything else (a ';' or ',' above all) could add directives.
_SOURCE = re.compile(
    r"^(?:'self'|'none'|https?:|(?:https?://)?(?:\*\.)?[A-Za-z0-9.-]+(?::\d+)?(?:/[\w./-]*)?)$"
)
# Pages that may be shown in another site's frame send no X-Frame-Options, which
# knows only one origin; frame-ancestors governs them (issue 16).
EMBED_PREFIX = "/embed/"


def frame_ancestors_sources(value: str) -> str:
    """`BUDGETSCHUIVER_FRAME_ANCESTORS` checked: one or more CSP source
    expressions separated by spaces ('self', https://www.denhaag.nl, ...),
    returned joined by single spaces. Raises ValueError naming a bad one."""
    sources = value.split()
    if not sources:
        raise ValueError("BUDGETSCHUIVER_FRAME_ANCESTORS is empty")
    for source in sources:
        if not _SOURCE.match(source):
            raise ValueError(
                f"BUDGETSCHUIVER_FRAME_ANCESTORS: {source!r} is not a CSP source"
            )
    return " ".join(sources)


def install(
    server: Flask,
    script_hashes: Callable[[], Sequence[str]],
    frame_ancestors: str,
    trusted_proxies: int,
    frame_sources: Callable[[], Sequence[str]] = tuple,
) -> None:
    """`frame_sources()` names, per request, the hosts the page may show in a
    frame (a video player), beside our own; none by default."""
    frame_ancestors = frame_ancestors_sources(frame_ancestors)
    if trusted_proxies > 0:
        # Behind a TLS-terminating proxy: believe its X-Forwarded-* headers only.
        server.wsgi_app = ProxyFix(
            server.wsgi_app,
            x_for=trusted_proxies,
            x_proto=trusted_proxies,
            x_host=trusted_proxies,
        )
    server.session_interface = TlsAwareSessions()
    cache: dict[str, str] = {}

    @server.after_request
    def _headers(response: Response) -> Response:
        if "csp" not in cache:
            # Dash registers its inline scripts while serving the first request.
            cache["csp"] = policy(script_hashes(), frame_ancestors)
        frames = frame_sources() if response.mimetype == "text/html" else ()
        response.headers["Content-Security-Policy"] = cache["csp"] + (
            f"; frame-src 'self' {' '.join(frames)}" if frames else ""
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = (
            "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        embed = request.path.startswith(EMBED_PREFIX)
        if frame_ancestors == "'self'" and not embed:
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

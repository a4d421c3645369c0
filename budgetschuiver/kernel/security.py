"""Response headers that keep other people's code and sites out: a Content Security
Policy allowing only our own scripts (Dash's inline ones by hash), no framing except
where configured, no MIME sniffing, a strict referrer policy, HSTS over TLS."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix


class TlsAwareSessions(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over TLS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(request and request.is_secure) or super().get_cookie_secure(app)


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


def install(
    server: Flask,
    script_hashes: Callable[[], Sequence[str]],
    frame_ancestors: str,
    trusted_proxies: int,
) -> None:
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
        response.headers["Content-Security-Policy"] = cache["csp"]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = (
            "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        )
        if frame_ancestors.strip() == "'self'":
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

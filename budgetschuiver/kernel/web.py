"""Flask plumbing shared by pages and API: language, token, size cap, errors."""

from __future__ import annotations

import json
import logging
import re
import secrets
import traceback
from collections.abc import Mapping

from flask import Flask, Response, has_request_context, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Request as BaseRequest

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.validation import TOKEN_MAX, TOKEN_MIN

LANG_COOKIE = "bs_lang"
TOKEN_COOKIE = "bs_token"
ONE_YEAR = 365 * 24 * 3600
# Routes allowed a bigger body than the general cap (uploads have their own cap):
# exact paths, and patterns for routes with a variable part.
LARGER_BODIES: dict[str, int] = {}
LARGER_BODY_PATTERNS: dict[re.Pattern[str], int] = {}
# Dash callbacks allowed a bigger body, by their first output ("<id>.<property>").
# Every callback shares one route, so the grant is checked per callback: any other
# callback keeps the general cap.
LARGER_CALLBACKS: dict[str, int] = {}
DASH_ROUTE_END = "_dash-update-component"

log = logging.getLogger(__name__)


def request_language() -> str:
    """?lang=, then the language cookie, then the browser's preference, then default."""
    from budgetschuiver.kernel.context import services

    if not has_request_context():
        # Dash calls layouts once at start-up, outside any request.
        return i18n.DEFAULT_LANGUAGE
    return language_of(request, services().settings.default_language)


def language_of(asking: BaseRequest, default: str) -> str:
    """The language of request `asking`: its ?lang=, its language cookie, its
    Accept-Language, else `default` (`request_language`; the front door asks it
    of a Werkzeug request on the WSGI environ, so both parse alike)."""
    for candidate in (asking.args.get("lang"), asking.cookies.get(LANG_COOKIE)):
        if candidate:
            return i18n.normalize_language(candidate, default)
    return asking.accept_languages.best_match(i18n.LANGUAGES) or default


def browser_token() -> str | None:
    """This browser's participation token from its cookie, if it looks valid."""
    token = request.cookies.get(TOKEN_COOKIE, "")
    if not TOKEN_MIN <= len(token) <= TOKEN_MAX:
        return None
    return (
        token
        if all(c.isascii() and (c.isalnum() or c in "-_") for c in token)
        else None
    )


def new_token() -> str:
    return secrets.token_urlsafe(32)


def set_token_cookie(response: Response, token: str) -> None:
    # HttpOnly: page scripts never see the token, so injected script cannot read it.
    response.set_cookie(
        TOKEN_COOKIE,
        token,
        max_age=ONE_YEAR,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )


# Ballots (budgets and votes): per browser token and per address. The address limit
# is generous: a library, an office or a mobile network puts many residents behind
# one address.
BALLOT_LIMIT_TOKEN = (20, 10 * 60)
BALLOT_LIMIT_ADDRESS = (300, 10 * 60)


def ballot_allowed(token: str | None) -> bool:
    """Count one ballot attempt; False when this browser or address sends too many."""
    return contribution_allowed(
        "ballot", token, BALLOT_LIMIT_TOKEN, BALLOT_LIMIT_ADDRESS
    )


def contribution_allowed(
    name: str,
    token: str | None,
    by_token: tuple[int, int],
    by_address: tuple[int, int],
) -> bool:
    """Count one attempt of contribution `name` for this browser `token` (when
    known) and this address; False when either is over its limit. Limits are
    (attempts, seconds) in a moving window (`ratelimit`)."""
    from budgetschuiver.kernel import ratelimit
    from budgetschuiver.kernel.context import services

    limiter = services().limiter
    address = request.remote_addr or ""
    ok_address = limiter.allow(ratelimit.key(f"{name}-ip", address), *by_address)
    ok_token = token is None or limiter.allow(
        ratelimit.key(f"{name}-token", token), *by_token
    )
    return ok_address and ok_token


DASH_EXTENSION = "budgetschuiver.dash"

ERROR_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{message}</title>
<link rel="stylesheet" href="/assets/01-vendor/bootstrap/bootstrap.min.css">
<link rel="stylesheet" href="/assets/02-theme/denhaag-bootstrap.css">
</head><body><main class="container py-5">
<h1>{message}</h1><p><a href="/">{home}</a></p>
</main></body></html>"""


def error_page(status: int, key: str, lang: str) -> Response:
    """An error outside the API and Dash, in the resident's language, without detail."""
    from markupsafe import escape

    html = ERROR_PAGE.format(
        lang=lang,
        message=escape(i18n.t(key, lang)),
        home=escape(i18n.t("budget.to_home", lang)),
    )
    return Response(html, status=status, mimetype="text/html")


# What happened, per status: only a fault on our side (5xx) is called one.
HTTP_ERROR_KEYS = {
    400: "error.not_json",
    401: "error.login_needed",
    403: "auth.forbidden",
    404: "error.not_found",
    405: "error.method",
    409: "error.conflict",
    413: "error.too_large",
    429: "error.rate_limited",
}


def http_error_key(status: int) -> str:
    """The message key for an HTTP error status: a specific one where we have it,
    else "your request could not be handled" (4xx) or the server fault (5xx)."""
    if status in HTTP_ERROR_KEYS:
        return HTTP_ERROR_KEYS[status]
    return "error.server" if status >= 500 else "error.request"


def _prop_ok(item: object) -> bool:
    if isinstance(item, list):  # a pattern-matching ALL input: one entry per match
        return len(item) <= 500 and all(_prop_ok(entry) for entry in item)
    return (
        isinstance(item, dict)
        and isinstance(item.get("property"), str)
        and isinstance(item.get("id"), (str, dict))
    )


def callback_shape_ok(body: object, known: Mapping) -> bool:
    """A callback request names a callback this app has (`known`: Dash's
    callback map), with well-formed props."""
    if not isinstance(body, dict) or body.get("output") not in known:
        return False
    outputs = body.get("outputs")
    if not _prop_ok(outputs):
        return False
    declared = known[body["output"]]
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list) or not all(_prop_ok(item) for item in items):
            return False
        # As many as the callback declares: a missing one would crash it.
        if len(items) != len(declared.get(key, [])):
            return False
    changed = body.get("changedPropIds", [])
    return isinstance(changed, list) and all(isinstance(c, str) for c in changed)


def _bad_callback() -> Response:
    response = jsonify(
        {
            "error": {
                "code": "bad_request",
                "field": "",
                "message": i18n.t("error.not_json", request_language()),
            }
        }
    )
    response.status_code = 400
    return response


def _too_large(lang: str) -> Response:
    response = jsonify(
        {
            "error": {
                "code": "too_large",
                "message": i18n.t("error.too_large", lang),
                "field": "",
            }
        }
    )
    response.status_code = 413
    return response


def body_limit(path: str, default: int) -> int:
    """The largest body in bytes a request to `path` may have: its entry in
    LARGER_BODIES, else the first of LARGER_BODY_PATTERNS it matches, else
    `default` (the `max_request_bytes` setting)."""
    if path in LARGER_BODIES:
        return LARGER_BODIES[path]
    for pattern, limit in LARGER_BODY_PATTERNS.items():
        if pattern.match(path):
            return limit
    return default


def _callback_limit(default: int) -> int:
    """The body cap of the Dash callback this request calls: its LARGER_CALLBACKS
    entry, else `default`; `default` too for a body that names no callback."""
    try:
        output = json.loads(request.get_data(cache=True))["output"]
        # "..a.children...b.value.." for several outputs; "@<hash>" for duplicates.
        first = output.strip(".").split("...")[0].split("@")[0]
    except (ValueError, RecursionError, KeyError, TypeError, AttributeError):
        return default
    return LARGER_CALLBACKS.get(first, default)


def install(server: Flask, max_request_bytes: int) -> None:
    """Hooks every request passes: body size cap, cookies, JSON errors for the API."""
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes

    @server.before_request
    def _cap_body() -> Response | None:
        # MAX_CONTENT_LENGTH alone does not stop Dash's callback route, which reads
        # the body itself; refusing on the declared length here does.
        # Bodies without a declared length are cut off by max_content_length.
        limit = body_limit(request.path, max_request_bytes)
        length = request.content_length
        if (
            length is not None
            and length > limit
            and request.path.endswith(DASH_ROUTE_END)
            and length <= max(LARGER_CALLBACKS.values(), default=0)
        ):
            # Read (at most the largest grant) to see which callback it is.
            request.max_content_length = length
            limit = _callback_limit(limit)
        request.max_content_length = limit
        if length is not None and length > limit:
            return _too_large(request_language())
        return None

    @server.before_request
    def _dash_request_shape() -> Response | None:
        # Dash assumes a well-formed callback request and answers a forged one with
        # a 500 and a stack trace in the log; refuse those here, before Dash or any
        # other hook reads the body.
        if request.method != "POST" or not request.path.endswith(DASH_ROUTE_END):
            return None
        try:
            body = json.loads(request.get_data(cache=True) or b"null")
        except (ValueError, RecursionError):
            return _bad_callback()
        app = server.extensions.get(DASH_EXTENSION)
        known = app.callback_map if app is not None else {}
        if not callback_shape_ok(body, known):
            return _bad_callback()
        return None

    @server.after_request
    def _cookies(response: Response) -> Response:
        if request.method == "GET" and response.mimetype == "text/html":
            lang = request.args.get("lang")
            if lang in i18n.LANGUAGES:
                response.set_cookie(
                    LANG_COOKIE,
                    lang,
                    max_age=ONE_YEAR,
                    samesite="Lax",
                    secure=request.is_secure,
                )
            if browser_token() is None:
                set_token_cookie(response, new_token())
        return response

    @server.errorhandler(RequestEntityTooLarge)
    def _entity_too_large(_exc: HTTPException) -> Response:
        return _too_large(request_language())

    @server.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response | HTTPException:
        lang = request_language()
        key = http_error_key(exc.code or 500)
        if not request.path.startswith("/api/") and not request.path.startswith(
            "/_dash"
        ):
            if exc.code in (301, 302, 303, 307, 308):
                return exc
            return error_page(exc.code or 500, key, lang)
        response = jsonify(
            {
                "error": {
                    "code": (exc.name or "error").lower().replace(" ", "_"),
                    "message": i18n.t(key, lang),
                    "field": "",
                }
            }
        )
        response.status_code = exc.code or 500
        return response

    @server.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # Log the type and where it happened, not the message: an exception's text
        # can quote a resident's comment or answer.
        frames = traceback.extract_tb(exc.__traceback__)
        where = " <- ".join(
            f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}"
            for f in reversed(frames[-6:])
        )
        log.error(
            "unhandled %s on %s %s at %s",
            type(exc).__name__,
            request.method,
            request.path,
            where,
        )
        lang = request_language()
        if not request.path.startswith("/api/") and not request.path.startswith(
            "/_dash"
        ):
            return error_page(500, "error.server", lang)
        response = jsonify(
            {
                "error": {
                    "code": "server_error",
                    "message": i18n.t("error.server", lang),
                    "field": "",
                }
            }
        )
        response.status_code = 500
        return response

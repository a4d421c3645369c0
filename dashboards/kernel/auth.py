"""Dashboard accounts: password hashing (argon2), sessions, login/logout, CSRF, and
the guard that keeps every dashboard page, callback and results endpoint private."""

from __future__ import annotations

import base64
import dataclasses
import functools
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_wtf.csrf import generate_csrf, validate_csrf
from wtforms.validators import ValidationError

from budgetschuiver.kernel import i18n, ratelimit
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.recent import MISSING, Recent
from budgetschuiver.kernel.web import request_language

ROLES = ("advisor", "admin", "moderator")
LOGIN_LIMIT = (5, 15 * 60)  # per account name and address: 5 tries in 15 minutes
LOGIN_LIMIT_ADDRESS = (20, 15 * 60)

_hasher = PasswordHasher()

auth = Blueprint("auth", __name__, template_folder="templates")


@dataclasses.dataclass(frozen=True)
class Account:
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_moderate(self) -> bool:
        """Moderators and admins decide on ideas and reactions."""
        return self.role in ("moderator", "admin")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_credentials(name: str, password: str) -> Account | None:
    """The account for these credentials, or None. Rehashes old-parameter hashes."""
    store = services().store
    user = store.find_user(name)
    if user is None:
        # Same work as a real check, so timing does not tell which names exist.
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        store.set_password(user.name, hash_password(password))
    return Account(user.name, user.role)


_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def create_user(name: str, password: str, role: str) -> bool:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 12:
        raise ValueError("a password needs at least 12 characters")
    return services().store.add_user(name, hash_password(password), role)


def current_account() -> Account | None:
    """The logged-in account of this request (session cookie or HTTP Basic),
    looked up once per request."""
    if "account" not in g:
        g.account = _account()
    return g.account


# A signed-in account as the database had it, kept per process this long: 200
# council screens asking at once would otherwise each ask the database who is
# signed in. So a demoted or removed account keeps what it had for at most this
# long in a process that looked it up just before (a login or logout in the same
# process forgets it at once).
ACCOUNT_SECONDS = 5.0
ACCOUNTS_EXTENSION = "budgetschuiver.accounts"


def session_account(name: str) -> Account | None:
    """The account named in the session cookie, or None if there is none (any
    more); from the store at most every ACCOUNT_SECONDS per name and process."""
    known: Recent = current_app.extensions[ACCOUNTS_EXTENSION]
    found = known.get(name)
    if found is MISSING:
        user = services().store.find_user(name)
        found = Account(user.name, user.role) if user is not None else None
        known.put(name, found)
    return found


def forget_account(name: object) -> None:
    """Ask the store again next time for `name` (after its login or logout)."""
    if isinstance(name, str):
        current_app.extensions[ACCOUNTS_EXTENSION].forget(name)


def _account() -> Account | None:
    name = session.get("user")
    if isinstance(name, str):
        account = session_account(name)
        if account is not None:
            return account
    basic = request.authorization
    if basic is not None and basic.type == "bearer":
        return _token_account(basic.token)
    if (
        basic is not None
        and basic.type == "basic"
        and basic.username
        and basic.password
    ):
        return attempt_login(basic.username, basic.password)
    return None


# -- personal API tokens (scripts reading the results API) ------------------------

API_TOKEN_PREFIX = "bs_"
# What a token of scope "read" may do: read under /api/ (results and exports, as its
# account's role allows), nothing else: no page, no Dash callback, no ballot.
READ_METHODS = frozenset({"GET", "HEAD"})


def create_api_token(user_name: str, label: str) -> tuple[str, str]:
    """A new read-only token for an account: (public id, token). The token is shown
    once; only its keyed hash is kept. Raises ValueError for an unknown account or
    a label over 100 characters."""
    if len(label) > 100:
        raise ValueError("a label has at most 100 characters")
    public_id = secrets.token_hex(6)
    token = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    if not services().store.add_api_token(user_name, public_id, token, "read", label):
        raise ValueError(f"no account '{user_name}'")
    return public_id, token


def _token_account(token: str | None) -> Account | None:
    """The account behind a live read token, for read requests to the API only.
    One indexed lookup of a keyed hash: no password hash is paid per request."""
    if (
        not token
        or not token.startswith(API_TOKEN_PREFIX)
        or len(token) > 200
        or request.method not in READ_METHODS
        or not request.path.startswith("/api/")
    ):
        return None
    found = services().store.find_api_token(token)
    if found is None or found.scope != "read":
        return None
    return Account(found.user_name, found.role)


def _login_keys(name: str) -> tuple[tuple[str, int, int], ...]:
    address = request.remote_addr or ""
    return (
        (ratelimit.key("login", name, address), *LOGIN_LIMIT),
        (ratelimit.key("login-ip", address), *LOGIN_LIMIT_ADDRESS),
    )


def login_blocked(name: str) -> bool:
    """Too many failed attempts for this name from this address, or from it at all."""
    limiter = services().limiter
    return any(limiter.blocked(*entry) for entry in _login_keys(name))


def attempt_login(name: str, password: str) -> Account | None:
    """Check credentials unless blocked; only failures count towards the limit."""
    if login_blocked(name):
        return None
    account = check_credentials(name, password)
    if account is None:
        for entry in _login_keys(name):
            services().limiter.record(*entry)
    return account


def api_login_required(role: str = "advisor") -> Callable:
    """For JSON endpoints: 401 (with a Basic challenge) or 403, never data."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            account = current_account()
            lang = request_language()
            if account is None:
                response = jsonify(
                    {
                        "error": {
                            "code": "unauthorized",
                            "field": "",
                            "message": i18n.t("auth.required", lang),
                        }
                    }
                )
                response.status_code = 401
                response.headers["WWW-Authenticate"] = (
                    'Basic realm="budgetschuiver", Bearer realm="budgetschuiver"'
                )
                return response
            if (role == "admin" and not account.is_admin) or (
                role == "moderator" and not account.can_moderate
            ):
                response = jsonify(
                    {
                        "error": {
                            "code": "forbidden",
                            "field": "",
                            "message": i18n.t("auth.forbidden", lang),
                        }
                    }
                )
                response.status_code = 403
                return response
            return view(*args, **kwargs)

        return wrapper

    return decorate


# -- CSRF for the non-Dash forms (login, logout, uploads) -----------------------------
# Flask-WTF's tokens: a random secret in the session, handed out signed and
# time-stamped, so a token copied from an old page expires, and a new session (at
# login) gets a new secret. Dash callbacks need none: they are same-origin JSON
# posts that a cross-site form cannot make (SameSite=Lax cookie, JSON body).

CSRF_SECONDS = 8 * 3600


def csrf_token() -> str:
    """A token for a form on this session's page (starts the session's secret)."""
    return generate_csrf()


def csrf_ok() -> bool:
    """Whether the posted `csrf_token` belongs to this session and has not expired."""
    try:
        validate_csrf(request.form.get("csrf_token", ""), time_limit=CSRF_SECONDS)
    except ValidationError:
        return False
    return True


# -- guard ------------------------------------------------------------------------


def _is_dashboard_path(path: str) -> bool:
    return path == "/dashboard" or path.startswith("/dashboard/")


# The Dash callback ids (as a callback request names them in "output") of every
# callback declared through `guard.dashboard_callback`; set by `guard.install`.
GUARDED_EXTENSION = "dashboards.guarded_callbacks"
# The ids of callbacks that run only in the browser (clientside); set by
# `guard.install`.
BROWSER_ONLY_EXTENSION = "dashboards.browser_only_callbacks"


def _guarded_callback(body: Any) -> bool:
    if not isinstance(body, dict):
        return False
    guarded = current_app.extensions.get(GUARDED_EXTENSION, frozenset())
    return body.get("output") in guarded


def install_guard(server: Any) -> None:
    server.extensions[ACCOUNTS_EXTENSION] = Recent(ACCOUNT_SECONDS, size=1024)

    @server.before_request
    def _guard() -> Response | None:
        anonymous_page = (
            request.method == "GET"
            and _is_dashboard_path(request.path)
            and current_account() is None
        )
        if anonymous_page:
            target = request.full_path if request.query_string else request.path
            return redirect(f"/login?next={target}", code=302)
        if (
            request.path.endswith("/_dash-update-component")
            and request.method == "POST"
        ):
            body = request.get_json(silent=True)
            # Refused before Dash reads the inputs; the callback's own guard
            # refuses it too (guard.dashboard_callback).
            browser_only = current_app.extensions.get(
                BROWSER_ONLY_EXTENSION, frozenset()
            )
            if isinstance(body, dict) and body.get("output") in browser_only:
                # Never sent by a browser: refused as a signed-out or a bad request.
                abort(401 if current_account() is None else 400)
            if _guarded_callback(body) and current_account() is None:
                abort(401)
        return None


def _safe_next(raw: str | None) -> str:
    """Only same-site paths: a login link must not bounce a user elsewhere."""
    if not raw or not raw.startswith("/") or raw.startswith("//"):
        return "/dashboard"
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or "\\" in raw:
        return "/dashboard"
    return raw


STYLESHEETS = (
    "/assets/01-vendor/bootstrap/bootstrap.min.css",
    "/assets/01-vendor/denhaag/design-tokens-components.css",
    "/assets/02-theme/denhaag-bootstrap.css",
    "/assets/03-app/app.css",
    "/assets/03-app/dashboard.css",
)


def safe_next_from_request() -> str:
    return _safe_next(request.values.get("next"))


def login_page_with_error(key: str, status: int) -> Response:
    return _login_page(status, i18n.t(key, request_language()))


def _login_page(status: int = 200, error: str = "", username: str = "") -> Response:
    lang = request_language()
    html = render_template(
        "login.html",
        lang=lang,
        other="en" if lang == "nl" else "nl",
        t=lambda key: i18n.t(key, lang),
        sheets=STYLESHEETS,
        error=error,
        username=username,
        csrf=csrf_token(),
        next_url=_safe_next(request.values.get("next")),
        account=current_account() if request.method == "GET" else None,
        sso=bool(
            services().settings.oidc_issuer and services().settings.oidc_client_id
        ),
    )
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@auth.get("/login")
def login_form() -> Response:
    return _login_page()


@auth.post("/login")
def login() -> Response:
    lang = request_language()
    if not csrf_ok():
        return _login_page(400, i18n.t("auth.csrf", lang))
    name = request.form.get("username", "")[:64]
    password = request.form.get("password", "")[:1024]
    if login_blocked(name):
        return _login_page(429, i18n.t("auth.too_many", lang), name)
    account = attempt_login(name, password)
    if account is None:
        return _login_page(401, i18n.t("auth.failed", lang), name)
    session.clear()  # a fresh session on login: no fixation
    session["user"] = account.name
    forget_account(account.name)
    g.pop("account", None)
    session.permanent = True
    return redirect(_safe_next(request.form.get("next")), code=303)


@auth.post("/logout")
def logout() -> Response:
    if not csrf_ok():
        return _login_page(400, i18n.t("auth.csrf", request_language()))
    forget_account(session.get("user"))
    session.clear()
    g.pop("account", None)
    return redirect("/login", code=303)


def bootstrap_admin(password: str | None) -> None:
    """With no accounts yet and a password configured, create 'admin'."""
    if password and services().store.count_users() == 0:
        services().store.add_user("admin", hash_password(password), "admin")


def basic_header(name: str, password: str) -> str:
    """An HTTP Basic Authorization value (for tests and scripts)."""
    raw = base64.b64encode(f"{name}:{password}".encode()).decode()
    return f"Basic {raw}"

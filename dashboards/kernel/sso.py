"""Single sign-on through the municipality's OpenID Connect provider (by settings).

Authlib does the protocol (discovery, state, nonce, code exchange, ID token
signature); this module maps the provider's groups onto our two roles and keeps an
account row without a usable password for each person who signed in this way.
"""

from __future__ import annotations

from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, Response, current_app, redirect, session, url_for

from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.settings import Settings
from dashboards.kernel import auth

# Not an argon2 hash: no password ever matches it, so these accounts log in by SSO only.
NO_PASSWORD = "!sso"

sso = Blueprint("sso", __name__)
EXTENSION = "dashboards.kernel.sso"


def enabled(settings: Settings) -> bool:
    return bool(settings.oidc_issuer and settings.oidc_client_id)


def install(server: Flask, settings: Settings) -> None:
    if not enabled(settings):
        return
    # One client per app (not a module global): tests run apps with other settings.
    oauth = OAuth(server)
    oauth.register(
        "municipality",
        client_id=settings.oidc_client_id,
        client_secret=settings.oidc_client_secret,
        server_metadata_url=settings.oidc_issuer.rstrip("/")
        + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid profile"},
    )
    server.extensions[EXTENSION] = oauth
    server.register_blueprint(sso)


def _provider():
    return current_app.extensions[EXTENSION].municipality


def role_for(claims: dict, settings: Settings) -> str | None:
    """admin, advisor, or None for someone in neither group (refused)."""
    groups = claims.get(settings.oidc_groups_claim) or []
    if isinstance(groups, str):
        groups = [groups]
    if settings.oidc_admin_group in groups:
        return "admin"
    if settings.oidc_advisor_group in groups:
        return "advisor"
    return None


@sso.get("/login/sso")
def start() -> Response:
    session["sso_next"] = auth.safe_next_from_request()
    return _provider().authorize_redirect(url_for("sso.finish", _external=True))


@sso.get("/login/sso/callback")
def finish() -> Response:
    settings = services().settings
    token = _provider().authorize_access_token()
    claims = token.get("userinfo") or {}
    role = role_for(claims, settings)
    name = str(claims.get("preferred_username") or claims.get("sub") or "")[:64]
    if role is None or not name:
        return auth.login_page_with_error("auth.sso_refused", 403)
    store = services().store
    name = f"sso:{name}"
    if not store.add_user(name, NO_PASSWORD, role):
        store.set_role(name, role)
    target = session.pop("sso_next", "/dashboard")
    session.clear()
    session["user"] = name
    auth.forget_account(name)  # the role just set counts at once
    session.permanent = True
    return redirect(target, code=303)

"""Composition root: `create_app(settings)` builds the Dash app.

`gunicorn app:server` serves it (the default app is built on first access, not at
import, so tests can import create_app without side effects); `python app.py` runs it
with the built-in server for local use.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import dash
from dash._pages import _path_to_page
from flask import Flask, jsonify, redirect, request
from markupsafe import escape

from budgetschuiver.ideas import files as idea_files
from budgetschuiver.ideas import pages as idea_pages
from budgetschuiver.kernel import (
    dash_callbacks,
    definitions,
    front_door,
    security,
    shell,
    web,
)
from budgetschuiver.kernel import loopback as loopback_rules
from budgetschuiver.kernel.api import api
from budgetschuiver.kernel.context import EXTENSION, Services, services
from budgetschuiver.kernel.pages import home, info, not_found_404, profile
from budgetschuiver.kernel.ratelimit import RateLimiter, RedisRateLimiter
from budgetschuiver.kernel.settings import Settings
from budgetschuiver.kernel.versions import DataVersion, RedisDataVersion
from budgetschuiver.kinds import KINDS, load_catalog
from budgetschuiver.moodboards.files import files
from budgetschuiver.qa import api as qa_api
from budgetschuiver.store import Store
from dashboards.kernel import answers, auth, guard, overview, sso, views
from dashboards.kernel.public import kinds as public_kinds
from dashboards.kernel.public import page as public_results
from dashboards.kernel.public.api import install as install_public_results
from dashboards.kernel.public.api import public_api
from dashboards.kernel.public.embed import embeds
from dashboards.kernel.public.feed import feeds
from dashboards.kernel.public.preview import previews
from dashboards.kernel.public.report import reports
from dashboards.kernel.service import cache, cache_config
from dashboards.moodboards import uploads
from dashboards.views import VIEWS

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("budgetschuiver")
PAGES = (
    home,
    *(page for kind in KINDS for page in kind.pages),
    overview,
    *(page for view in VIEWS for page in view.pages),
    info,
    public_results,
    not_found_404,
)
# Imported for its callbacks: the 'about you' fields several pages share.
SHARED = (profile,)
# plotly.js is the heaviest file by far (390 KB compressed). Only the dashboard pages
# draw plotly charts (a resident's budget chart is HTML), so Dash does not put it on
# every page with the other assets; the dashboard pages' HTML loads it first.
PLOTLY_ASSET = "01-vendor/plotly/plotly-basic.min.js"


class ParticipationDash(dash.Dash):
    """Dash with the page's language on <html>, as screen readers and axe need."""

    def interpolate_index(self, **kwargs: Any) -> str:
        kwargs["metas"] = _share_image(kwargs.get("metas", ""))
        if _video_frames():
            # sharing.js reads it: a page reached by a Dash link has the policy
            # of the page it started on and must reload to show the player.
            kwargs["metas"] += '<meta name="bs-video-frames" content="1">'
        if _draws_plotly_charts(request.path):
            kwargs["scripts"] = self._plotly_script() + kwargs["scripts"]
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{web.request_language()}">', 1)

    def index(self, *args: Any, **kwargs: Any) -> str | tuple[str, int]:
        """The page, with status 404 when the address names no page or an unknown
        trajectory (search engines and monitoring read the status, not the text)."""
        page = super().index(*args, **kwargs)
        return page if _page_exists(request.path) else (page, 404)

    def _plotly_script(self) -> str:
        """The script tag for plotly.js, cache-busted like Dash's own asset tags."""
        modified = Path(self.config.assets_folder, PLOTLY_ASSET).stat().st_mtime
        return (
            f'<script src="{self.get_asset_url(PLOTLY_ASSET)}?m={modified}"></script>'
        )


def _draws_plotly_charts(path: str) -> bool:
    return path == "/dashboard" or path.startswith("/dashboard/")


def _page_exists(path: str) -> bool:
    """False for an address no page serves, or one whose trajectory id (every
    variable in a page's path names one: a kind's `route_variable`) is unknown."""
    page, variables = _path_to_page(path.strip("/"))
    if not page or page["module"].endswith("not_found_404"):
        return False
    known = services()
    for name, value in (variables or {}).items():
        if name == public_kinds.ROUTE_VARIABLE:
            # The public results and the embed name a trajectory of any kind.
            if public_kinds.find(value)[1] is None:
                return False
            continue
        kind = known.catalog.kinds.by_route_variable(name)
        if kind is not None:
            if known.item(kind.name, value) is None:
                return False
            continue
        finder = next((k.finders[name] for k in KINDS if name in k.finders), None)
        if finder is None or finder(known, value) is None:
            return False
    return True


def _page_hook(name: str) -> Any:
    """What the registration hook `name` of the page at this request's address
    gives (None without a page or hook)."""
    page, variables = _path_to_page(request.path.strip("/"))
    hook = page.get(name) if page else None
    return hook(**(variables or {})) if callable(hook) else None


def _video_frames() -> tuple[str, ...]:
    """The video player's host, on pages that show a video (issue 16): the CSP
    lets only those pages frame it."""
    return (loopback_rules.VIDEO_HOST,) if _page_hook("video") else ()


def _share_image(metas: str) -> str:
    """Fill og:image / twitter:image for pages that name one (Dash pages only takes
    a fixed image per page; a moodboard shows its own first picture)."""
    page, variables = _path_to_page(request.path.strip("/"))
    hook = page.get("og_image") if page else None
    image = hook(**(variables or {})) if callable(hook) else None
    for name in ("og:image", "twitter:image"):
        # An empty image tag makes link previews show a broken picture: without a
        # picture of its own a page names none.
        metas = metas.replace(
            f'<meta property="{name}" content="">',
            f'<meta property="{name}" content="{escape(_absolute(image))}">'
            if image
            else "",
        )
    if not image:
        metas = metas.replace('content="summary_large_image"', 'content="summary"')
    alt_hook = page.get("og_image_alt") if page else None
    alt = alt_hook(**(variables or {})) if image and callable(alt_hook) else None
    if alt:
        # The picture in words, for screen readers in link previews (issue 16).
        metas += (
            f'<meta property="og:image:alt" content="{escape(alt)}">'
            f'<meta name="twitter:image:alt" content="{escape(alt)}">'
        )
    return metas


def _absolute(path: str) -> str:
    return request.host_url.rstrip("/") + path


def create_app(settings: Settings | None = None) -> dash.Dash:
    settings = settings or Settings.from_env()
    # Load and validate every definition first: a broken file stops the start-up.
    catalog = load_catalog(settings.data_dir)
    store = Store(settings.resolved_database_url(), settings.resolved_secret_key())
    store.init_db()

    server = Flask("budgetschuiver", root_path=str(ROOT))
    server.secret_key = settings.resolved_secret_key()
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="bs_session",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        # Flask-Compress (Dash's compress=True) answers zstd, br or gzip, whatever the
        # browser takes first. Its default zstd 3 and brotli 4 are no smaller than
        # gzip; zstd 9 and brotli 5 take a tenth off the scripts for about 50 ms more
        # work per first visit (bench/README.md, "Resident page").
        COMPRESS_ZSTD_LEVEL=9,
        COMPRESS_BR_LEVEL=5,
        # Kept dashboard answers are compressed once per encoding
        # (dashboards.kernel.answers).
        COMPRESS_CACHE_KEY=answers.compressed_key,
        COMPRESS_CACHE_BACKEND=answers.CompressedAnswers,
    )
    limiter, data_version = _shared_state(settings)
    store.after_write = data_version.bump
    known = Services(settings, catalog, store, limiter, data_version)
    known.staff_tools.extend(tool for view in VIEWS for tool in view.staff_tools)
    server.extensions[EXTENSION] = known
    _review_ballots(known)
    cache.init_app(server, config=cache_config(settings.redis_url))
    web.install(server, settings.max_request_bytes)
    auth.install_guard(server)
    server.register_blueprint(auth.auth)
    server.register_blueprint(api)
    for kind in KINDS:
        if kind.api is not None:
            server.register_blueprint(kind.api)
    views.install(server, VIEWS)
    for view in VIEWS:
        if view.api is not None:
            server.register_blueprint(view.api)
    for blueprint in (public_api, previews, embeds, feeds, reports):
        server.register_blueprint(blueprint)
    install_public_results(server, (v.public for v in VIEWS if v.public is not None))
    server.register_blueprint(uploads.uploads)
    sso.install(server, settings)
    web.LARGER_BODIES[uploads.PATH] = uploads.MAX_FORM_BYTES
    server.register_blueprint(files)
    web.LARGER_CALLBACKS[idea_pages.POST_OUTPUT] = idea_files.BODY_BYTES
    web.LARGER_BODY_PATTERNS[idea_files.API_ROUTE] = idea_files.BODY_BYTES
    server.register_blueprint(idea_files.idea_files)

    @server.get("/favicon.ico")
    def favicon():
        # Browsers ask for it on pages that name no icon (login, upload, errors);
        # Dash serves the icon itself under its own name.
        return redirect("/_favicon.ico", code=301)

    @server.get("/healthz")
    def healthz():
        ok = services().store.ping()
        return jsonify({"status": "ok" if ok else "database unavailable"}), (
            200 if ok else 503
        )

    app = ParticipationDash(
        __name__,
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ROOT / "assets"),
        # Served when asked for, but not put on every page: see PLOTLY_ASSET.
        assets_ignore=r"^plotly-basic\.min\.js$",
        title="Den Haag doet mee",
        update_title=None,
        serve_locally=True,
        # gzip/brotli for pages, scripts and callback answers (Flask-Compress).
        compress=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
        ],
    )
    with server.app_context():
        auth.bootstrap_admin(settings.admin_password)
    for page in PAGES:
        page.register()
    app.layout = shell.layout
    dash_callbacks.attach(app)
    guard.install(server, app)
    server.extensions[web.DASH_EXTENSION] = app
    # Inside the proxy fix that security.install puts around the app.
    front_door.install(server, (qa_api.FRONT_DOOR, answers.FRONT_DOOR))
    security.install(
        server,
        app.csp_hashes,
        settings.frame_ancestors,
        settings.trusted_proxies,
        _video_frames,
    )
    answers.install(server, shared=bool(settings.redis_url))
    # Dash finishes its set-up in the first request, unguarded: in a fresh worker,
    # first requests on several threads at once (a room of council screens) raced
    # in it and got a 500 (bench/README.md, council burst). Done here, before any.
    with server.test_request_context():
        app._setup_server()
    return app


def _review_ballots(known: Services) -> None:
    """Tie new ballots to the current definitions, leave out of every result the
    stored ballots that no longer fit them, and say so in the log, per line."""
    reviews = definitions.review_all(known.store, known.catalog, known.item, write=True)
    for review in reviews:
        known.reviews[f"{review.kind}:{review.item_id}"] = review
        for line in review.describe():
            log.warning("%s", line)


def _shared_state(settings: Settings) -> tuple[RateLimiter, DataVersion]:
    """Rate-limit counters and the data version: in Redis when there is one (shared
    by every worker and host), in this process otherwise."""
    if settings.redis_url:
        import redis

        client = redis.Redis.from_url(settings.redis_url)
        return (
            RedisRateLimiter(client, enabled=settings.rate_limits_enabled),
            RedisDataVersion(client),
        )
    return RateLimiter(enabled=settings.rate_limits_enabled), DataVersion()


_default: dash.Dash | None = None


def __getattr__(name: str) -> Any:
    """`app` and `server` for gunicorn and `python app.py`, built on first use."""
    global _default
    if name in ("app", "server"):
        if _default is None:
            _default = create_app()
        return _default if name == "app" else _default.server
    raise AttributeError(name)


def where_to_go(settings: Settings) -> str:
    """What `python app.py` (and so `make run`) prints: the addresses of the resident
    pages and the dashboard, and how to get a dashboard account."""
    base = f"http://{settings.host}:{settings.port}"
    return "\n".join(
        [
            f"Residents:  {base}/",
            f"Dashboard:  {base}/dashboard (log in at {base}/login)",
            (
                "An account: python -m budgetschuiver create-user NAME --role admin"
                " (or set BUDGETSCHUIVER_ADMIN_PASSWORD before the first start:"
                " account 'admin')"
            ),
        ]
    )


if __name__ == "__main__":
    settings = Settings.from_env()
    print(where_to_go(settings), flush=True)
    create_app(settings).run(
        host=settings.host, port=settings.port, debug=settings.debug
    )

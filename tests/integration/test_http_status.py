"""Status codes and page metadata that machines read: search engines, link
previews and monitoring."""

from __future__ import annotations

import re

import pytest

from dashboards.kernel import auth
from tests.integration.test_uploads import PASSWORD, login

UNKNOWN_PAGES = [
    "/bestaat-niet",
    "/begroting/bestaat-niet",
    "/peiling/bestaat-niet",
    "/moodboard/bestaat-niet",
    "/login/sso",
    "/begroting/park-zuiderpark/extra",
    "/404",
]
KNOWN_PAGES = [
    "/",
    "/begroting/park-zuiderpark",
    "/begroting/begroting-2027",
    "/peiling/zondag-bibliotheek",
    "/moodboard/speeltuin-transvaal",
    "/privacy",
    "/toegankelijkheid",
]


@pytest.mark.parametrize("path", UNKNOWN_PAGES)
def test_http001_unknown_pages_answer_404(client, path):
    """Class: every address that shows the "not found" page answers 404: unknown
    paths, unknown trajectory ids of each kind, routes whose feature is not
    configured (single sign-on), and the not-found page's own address."""
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.mimetype == "text/html"


@pytest.mark.parametrize("path", KNOWN_PAGES)
def test_http002_known_pages_answer_200(client, path):
    """Class: the 404 rule never hides a page that exists."""
    assert client.get(path).status_code == 200


def test_http003_dashboard_pages_404_for_unknown_trajectories(app, client):
    """Class: dashboard addresses that name a trajectory answer 404 when it is
    unknown (after login), and 200 when it exists."""
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    login(client, "adviseur")
    for path in (
        "/dashboard/begroting/bestaat-niet",
        "/dashboard/presentatie/bestaat-niet",
        "/dashboard/bestaat-niet",
    ):
        assert client.get(path).status_code == 404, path
    for path in (
        "/dashboard",
        "/dashboard/begroting/park-zuiderpark",
        "/dashboard/presentatie/park-zuiderpark",
        "/dashboard/peilingen",
        "/dashboard/moodboards",
    ):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("path", KNOWN_PAGES)
def test_http004_no_empty_share_image(client, path):
    """Class: no page announces an empty og:image or twitter:image (link previews
    show a broken picture); a page without its own picture names none and asks
    for the small card."""
    html = client.get(path).get_data(as_text=True)
    for name in ("og:image", "twitter:image"):
        found = re.findall(rf'<meta property="{name}" content="([^"]*)"', html)
        assert all(found), (path, name)
    if not re.findall(r'<meta property="og:image"', html):
        assert 'content="summary_large_image"' not in html


def test_http005_the_browser_icon_is_found(client):
    """Class: addresses browsers request on their own (the icon) answer with the
    resource, not a 404 and not a page: every page without an icon link of its
    own (login, upload, error pages) makes the browser ask for /favicon.ico."""
    answer = client.get("/favicon.ico", follow_redirects=True)
    assert answer.status_code == 200
    assert answer.mimetype.startswith("image/")

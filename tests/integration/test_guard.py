"""Every dashboard callback is guarded by construction: found by the module that
defines it, not by the names of the components it writes to."""

from __future__ import annotations

import inspect

from dashboards.kernel.guard import is_guarded
from tests.integration.test_dashboard import fake_payload


def unguarded(callback_map: dict) -> list[str]:
    """Server-side callbacks defined in a `dashboards.*` module that were not
    declared with `guard.dashboard_callback`."""
    found = []
    for output, entry in callback_map.items():
        callback = entry.get("callback")
        if callback is None:
            continue
        module = inspect.unwrap(callback).__module__
        if module.split(".")[0] == "dashboards" and not is_guarded(callback):
            found.append(f"{module}: {output}")
    return found


def test_grd001_every_dashboard_callback_is_guarded(app):
    modules = {
        inspect.unwrap(entry["callback"]).__module__
        for entry in app.callback_map.values()
        if "callback" in entry
    }
    assert {m for m in modules if m.startswith("dashboards.")} >= {
        "dashboards.kernel.overview",
        "dashboards.budgets.page",
        "dashboards.choices.page",
        "dashboards.budgets.presentation",
    }
    assert unguarded(app.callback_map) == []


def test_grd002_the_check_finds_a_plain_callback():
    """A callback declared with plain `dash.callback` in a dashboard module is
    caught, whatever its component ids are called."""

    def plain(value):
        return value

    plain.__module__ = "dashboards.kernel.overview"
    assert unguarded({"overview-total.children": {"callback": plain}}) == [
        "dashboards.kernel.overview: overview-total.children"
    ]


def test_grd003_anonymous_request_for_a_guarded_callback_is_refused(app, client):
    """The request guard knows the guarded callbacks by their registration, and
    refuses an anonymous request for each before Dash reads it."""
    guarded = app.server.extensions["dashboards.guarded_callbacks"]
    assert len(guarded) >= 8
    declared = {cb["output"]: cb for cb in client.get("/_dash-dependencies").get_json()}
    for output in guarded:
        response = client.post(
            "/_dash-update-component", json=fake_payload(declared[output])
        )
        assert response.status_code == 401, output


def test_grd004_a_forged_request_for_a_browser_only_callback_is_refused(app, client):
    """Callbacks that run in the browser never reach the server from a real page;
    a forged request for one is refused (401 signed out), never a server error."""
    browser_only = app.server.extensions["dashboards.browser_only_callbacks"]
    assert "db-print.title" in browser_only
    assert "poll-choice-status.children" in browser_only
    declared = {cb["output"]: cb for cb in client.get("/_dash-dependencies").get_json()}
    for output in browser_only:
        response = client.post(
            "/_dash-update-component", json=fake_payload(declared[output])
        )
        assert response.status_code == 401, output

"""Every error answer says what happened; only a fault on our side says so."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import default_exceptions

from budgetschuiver.kernel import i18n, web
from tests.integration.test_dashboard import dashboard_callbacks, fake_payload

SERVER_FAULT = i18n.t("error.server", "nl")


@pytest.mark.parametrize("status", sorted(default_exceptions))
def test_err001_each_status_has_its_own_kind_of_message(status):
    """Class: every HTTP error status Flask can raise maps to a message that
    exists in both languages; a 4xx never reads as a server fault."""
    key = web.http_error_key(status)
    assert key in i18n.MESSAGES
    assert (key == "error.server") == (status >= 500), status


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_err002_signed_out_callback_is_told_to_log_in(client, lang):
    """Class: refusals of a signed-out request on every dashboard callback and
    results endpoint say to log in, in the reader's language, not "something went
    wrong on our side"."""
    for callback in dashboard_callbacks(client):
        answer = client.post(
            f"/_dash-update-component?lang={lang}", json=fake_payload(callback)
        )
        assert answer.status_code == 401, callback["output"]
        message = answer.get_json()["error"]["message"]
        assert message == i18n.t("error.login_needed", lang)
    answer = client.get(f"/api/v1/projects/park-zuiderpark/results?lang={lang}")
    assert answer.status_code == 401
    assert answer.get_json()["error"]["message"] != i18n.t("error.server", lang)


def test_err003_other_refusals_say_what_happened(client):
    """Class: method not allowed, unknown API address, too large: each its own
    message, none the server fault."""
    for answer in (
        client.put("/api/v1/projects"),
        client.get("/api/v1/bestaat-niet"),
        client.post(
            "/api/v1/projects/park-zuiderpark/submissions",
            data=b"x" * 70_000,
            content_type="application/json",
        ),
    ):
        assert answer.status_code in (404, 405, 413)
        assert answer.get_json()["error"]["message"] != SERVER_FAULT

"""The dashboard's typed date filter on the server, called as a forged browser
would: every value gets an answer in the reader's language, never a crash."""

from __future__ import annotations

import json

import pytest

from tests.integration.conftest import DATABASES, log_in, settings_on
from tests.integration.test_dashboard import (
    PARK,
    PASSWORD,
    accounts,  # noqa: F401 (a fixture, used by name)
    dashboard_callbacks,
    fake_payload,
    park_budgets,
    seed,
)


@pytest.fixture(params=DATABASES)
def settings(request, settings):
    """This module's app on SQLite and on PostgreSQL."""
    yield from settings_on(request.param, settings)


@pytest.fixture
def logged_in(client, store, catalog, accounts):  # noqa: F811
    seed(store, PARK, park_budgets(catalog, 20))
    log_in(client, "adviseur", PASSWORD)
    return client


def _callback(client, output: str) -> dict:
    return next(cb for cb in dashboard_callbacks(client) if output in cb["output"])


def _ask(client, output: str, values: dict) -> tuple[int, str]:
    payload = fake_payload(_callback(client, output))
    for item in payload["inputs"] + payload["state"]:
        item["value"] = values.get(item["id"], item["value"])
    response = client.post("/_dash-update-component", json=payload)
    return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("since", "until", "lang", "since_says", "until_says"),
    [
        ("29-11-2026", "", "nl", "", ""),
        ("31-02-2026", "", "nl", "Deze dag bestaat niet", ""),
        ("", "11/29/2026", "en", "", "This day does not exist"),
        ("30-11-2026", "29-11-2026", "nl", "", "vóór de datum bij ‘Vanaf’"),
        ("<b>1</b>", 20261129, "en", "not a date we can read", "not a date we"),
        ({"$gt": ""}, ["29-11-2026"], "nl", "geen datum", "geen datum"),
        ("9" * 10_000, None, "nl", "geen datum", ""),
        ("🗓️", "२९-११-२०२६", "xx", "geen datum", "geen datum"),
    ],
)
def test_dfcb001_each_field_says_what_is_wrong(
    logged_in, since, until, lang, since_says, until_says
):
    status, text = _ask(
        logged_in,
        "db-since-error.children",
        {"db-since": since, "db-until": until, "db-lang": lang},
    )
    assert status == 200
    answer = json.loads(text)["response"]
    for field, says in (("db-since", since_says), ("db-until", until_says)):
        message = answer[f"{field}-error"]["children"]
        assert (says in message) if says else message == ""
        assert answer[field]["invalid"] is bool(says)


@pytest.mark.parametrize(
    ("since", "label"),
    [("31-02-2026", "Vanaf"), ("gisteren", "Vanaf"), (12, "Vanaf")],
)
def test_dfcb002_figures_give_way_to_a_message_not_a_crash(logged_in, since, label):
    status, text = _ask(
        logged_in, "db-overview.children", {"db-since": since, "db-lang": "nl"}
    )
    assert status == 200
    assert f"Deze filterwaarde kennen we niet. ({label})" in text
    assert "n = 20" not in text
    # The connection and the session stay usable: the next answer has figures.
    status, text = _ask(
        logged_in, "db-overview.children", {"db-since": "1-1-2026", "db-lang": "nl"}
    )
    assert status == 200 and "n = 20" in text

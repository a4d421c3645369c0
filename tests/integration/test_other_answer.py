""" "Anders, namelijk" counted as an answer everywhere: the API takes the value the
README names, and every count, share, chart and API row includes it."""

from __future__ import annotations

import json
import re

from budgetschuiver.choices import rules as votes
from budgetschuiver.kernel.context import EXTENSION
from budgetschuiver.polls import page as peiling
from dashboards.choices.page import poll_block
from tests.integration.test_dashboard import accounts, basic  # noqa: F401

POLL = "fietsparkeren-centrum"
VOTES = f"/api/v1/polls/{POLL}/votes"


def _vote(client, number: int, body: dict, district: str = "centrum"):
    return client.post(
        VOTES,
        data=json.dumps(
            {
                "token": f"resident-token-{number:04d}-abcdef",
                "district": district,
                "age_band": "30-44",
                **body,
            }
        ),
        content_type="application/json",
    )


def _twenty_seven(client) -> None:
    """25 votes for listed options and 2 "other" voters, one of them sent the way
    the README says (`__other__` among the options), one the older way (text only)."""
    for number in range(25):
        option = "grote-markt" if number % 2 else "spui"
        assert _vote(client, number, {"options": [option]}).status_code == 201
    named = _vote(
        client,
        25,
        {"options": [votes.OTHER], "other_text": "Bij het station 🚲"},
        "escamp",
    )
    assert named.status_code == 201, named.get_json()
    text_only = _vote(client, 26, {"options": [], "other_text": "Onder het Plein"})
    assert text_only.status_code == 201, text_only.get_json()


def test_other001_api_takes_the_documented_value(client):
    """Class: the README's option value refused by the API. `__other__` is taken with
    its text, refused without one, and refused where a poll has no such answer."""
    empty = _vote(client, 1, {"options": [votes.OTHER]})
    assert empty.status_code == 422
    assert empty.get_json()["error"]["field"] == "other_text"
    both = _vote(client, 2, {"options": ["spui", votes.OTHER], "other_text": "Hier"})
    assert both.status_code == 201
    closed = client.post(
        "/api/v1/polls/zondag-bibliotheek/votes",
        data=json.dumps(
            {
                "token": "resident-token-9999-abcdef",
                "options": [votes.OTHER],
                "other_text": "x",
            }
        ),
        content_type="application/json",
    )
    assert closed.status_code == 422


def test_other002_counted_in_results_api_raw_and_weighted(client, accounts):  # noqa: F811
    """Class: an answer left out of the counts. "Other" voters appear as their own
    row in the results API, raw and weighted, so the shares' base is every voter."""
    _twenty_seven(client)
    for weighted in ("0", "1"):
        body = client.get(
            f"/api/v1/polls/{POLL}/results?weighted={weighted}",
            headers=basic("adviseur"),
        ).get_json()
        assert body["n"] == 27
        other = body["options"][votes.OTHER]
        assert other["votes"] == 2, weighted
        assert 0 < other["ci"][0] < other["share"] < other["ci"][1]
        assert sum(o["votes"] for o in body["options"].values()) == 27
    raw = client.get(
        f"/api/v1/polls/{POLL}/results", headers=basic("adviseur")
    ).get_json()
    assert raw["options"][votes.OTHER]["share"] == 2 / 27


def test_other003_counted_on_dashboard_and_resident_page(app, client, accounts):  # noqa: F811
    """The dashboard's chart, table and the residents' result list all have an
    "Anders, namelijk" row with its count."""
    _twenty_seven(client)
    data = client.get(
        f"/api/v1/polls/{POLL}/results", headers=basic("adviseur")
    ).get_json()
    with app.server.app_context():
        poll = app.server.extensions[EXTENSION].catalog.find("poll", POLL)
        block = poll_block(poll, data, "nl", 10, [])
        shown = str(block.to_plotly_json())
        assert "Anders, namelijk" in shown
        figure = block.children[2].children[0].figure
        assert figure["data"][0]["y"][-1] == "Anders, namelijk"
        assert figure["data"][0]["x"][-1] == 2 / 27 * 100
        page = str(peiling.results(poll, "nl").to_plotly_json())
    assert re.search(r"Anders, namelijk: [^()']*\(2 ", page), page

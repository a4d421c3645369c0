"""Residents' words are stored as written, through the API and the pages' callbacks,
on SQLite and PostgreSQL (README, "Text handling")."""

from __future__ import annotations

import json

import pytest

from tests.integration.test_dash_callbacks import call_submit, outputs
from tests.unit.test_text_cleaning import KEPT

TOKEN = "browser-token-0123456789abcdef"


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("text", KEPT)
def test_rtext001_comments_and_other_answers_are_stored_as_written(
    client, catalog, store, text
):
    """Class: cleaning that deletes parts of residents' words before storing them
    (newer emoji, joiners, tags, marks), for every free-text field a ballot has."""
    allocation = catalog.find("budget", "park-zuiderpark").plan_allocation()
    sent = post(
        client,
        "/api/v1/projects/park-zuiderpark/submissions",
        {"allocation": allocation, "token": TOKEN, "comment": text},
    )
    assert sent.status_code == 201
    assert store.find_budget("park-zuiderpark", TOKEN).comment == text
    voted = post(
        client,
        "/api/v1/polls/fietsparkeren-centrum/votes",
        {"options": [], "other_text": text, "token": TOKEN},
    )
    assert voted.status_code == 201, voted.get_json()
    assert (
        store.find_vote("poll", "fietsparkeren-centrum", TOKEN).other_text
        == text.strip()
    )


def test_rtext002_the_page_says_what_cleaning_took_out(client, catalog, store):
    """Class: a resident's text changed silently (the confirmation names it)."""
    allocation = catalog.find("budget", "park-zuiderpark").plan_allocation()
    response = call_submit(client, allocation, comment="Meer 🩷\u202e en 🫨\x00")
    receipt, error = outputs(response)
    assert error is None
    assert "2 onzichtbare stuurtekens" in json.dumps(receipt, ensure_ascii=False)
    (stored,) = store.iter_budgets("park-zuiderpark")
    assert stored.comment == "Meer 🩷 en 🫨"

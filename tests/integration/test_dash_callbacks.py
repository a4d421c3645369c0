"""The page's submit callback, called the way a forged browser would call it."""

from __future__ import annotations

import json

import pytest

from budgetschuiver import ids

OUTPUT = f"..{ids.RECEIPT}.children...{ids.SUBMIT_ERROR}.children.."


def call_submit(
    client,
    allocation,
    project="park-zuiderpark",
    district="",
    age_band="",
    comment="",
    lang="nl",
    cookie=True,
):
    if cookie:
        client.get(f"/begroting/{project}")  # the page sets the browser token cookie
    payload = {
        "output": OUTPUT,
        "outputs": [
            {"id": ids.RECEIPT, "property": "children"},
            {"id": ids.SUBMIT_ERROR, "property": "children"},
        ],
        "inputs": [{"id": ids.SUBMIT, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{ids.SUBMIT}.n_clicks"],
        "state": [
            {"id": ids.PROJECT_ID, "property": "data", "value": project},
            {"id": ids.ALLOCATION, "property": "data", "value": allocation},
            {"id": ids.DISTRICT, "property": "value", "value": district},
            {"id": ids.AGE_BAND, "property": "value", "value": age_band},
            {"id": ids.COMMENT, "property": "value", "value": comment},
            {"id": "budget-page-lang", "property": "data", "value": lang},
        ],
    }
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(payload),
        content_type="application/json",
    )
    return response


def outputs(response):
    body = response.get_json()["response"]
    return body.get(ids.RECEIPT, {}).get("children"), body.get(
        ids.SUBMIT_ERROR, {}
    ).get("children")


def test_cb001_valid_budget_via_the_page_is_stored(client, catalog, store):
    plan = catalog.project("park-zuiderpark").plan_allocation()
    response = call_submit(client, plan, district="segbroek", comment="Meer groen")
    assert response.status_code == 200
    receipt, error = outputs(response)
    assert error is None
    text = json.dumps(receipt, ensure_ascii=False)
    assert "telt mee" in text and "receipt-code" in text
    assert store.count_budgets("park-zuiderpark") == 1
    again = call_submit(client, plan, cookie=False)
    assert "vervangt uw vorige" in json.dumps(outputs(again)[0], ensure_ascii=False)
    assert store.count_budgets("park-zuiderpark") == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda a: a | {"trees": 10**12},
        lambda a: a | {"trees": 540_001},
        lambda a: a | {"trees": "NaN"},
        lambda a: a | {"drainage": 0},
        lambda a: a | {"trees": 900_000},
        lambda a: {k: v for k, v in a.items() if k != "play"},
        lambda a: a | {"__proto__": 1},
        lambda a: None,
        lambda a: [1, 2, 3],
        lambda a: "trees=900000",
    ],
)
def test_cb002_forged_allocations_refused_nothing_stored(client, catalog, store, forge):
    plan = catalog.project("park-zuiderpark").plan_allocation()
    response = call_submit(client, forge(plan))
    assert response.status_code == 200
    receipt, error = outputs(response)
    assert receipt is None and error
    assert store.count_budgets() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("district", "Amsterdam"),
        ("age_band", "100+"),
        ("comment", "x" * 1001),
        ("comment", {"props": {"children": "x"}}),
    ],
)
def test_cb003_forged_form_fields_refused(client, catalog, store, field, value):
    plan = catalog.project("park-zuiderpark").plan_allocation()
    response = call_submit(client, plan, **{field: value})
    receipt, error = outputs(response)
    assert receipt is None and error
    assert store.count_budgets() == 0


def test_cb004_closed_and_unknown_projects(client, catalog, store):
    plan = catalog.project("park-zuiderpark").plan_allocation()
    closed = outputs(call_submit(client, plan, project="park-closed"))
    assert closed[0] is None and "gesloten" in closed[1]
    unknown = outputs(call_submit(client, plan, project="nope", cookie=False))
    assert unknown[0] is None and unknown[1]
    assert store.count_budgets() == 0


def test_cb005_without_cookie_a_token_is_issued(client, catalog, store):
    plan = catalog.project("park-zuiderpark").plan_allocation()
    response = call_submit(client, plan, cookie=False)
    assert "bs_token=" in response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert store.count_budgets() == 1


def test_cb006_english_messages(client, catalog):
    plan = catalog.project("park-zuiderpark").plan_allocation() | {"trees": 900_000}
    _, error = outputs(call_submit(client, plan, lang="en"))
    assert "Your budget is not balanced yet." in json.dumps(error)


def test_cb007_oversized_callback_body_is_413(client, store):
    response = client.post(
        "/_dash-update-component",
        data="x" * (70 * 1024),
        content_type="application/json",
    )
    assert response.status_code == 413
    assert store.count_budgets() == 0

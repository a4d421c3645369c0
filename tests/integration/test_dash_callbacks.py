"""The page's submit callback, called the way a forged browser would call it."""

from __future__ import annotations

import json

import pytest

from budgetschuiver.kernel import ids

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
            {"id": ids.VOTING_CODE, "property": "value", "value": ""},
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
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
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
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
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
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    response = call_submit(client, plan, **{field: value})
    receipt, error = outputs(response)
    assert receipt is None and error
    assert store.count_budgets() == 0


def test_cb004_closed_and_unknown_projects(client, catalog, store):
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    closed = outputs(call_submit(client, plan, project="park-closed"))
    assert closed[0] is None and "gesloten" in closed[1]
    unknown = outputs(call_submit(client, plan, project="nope", cookie=False))
    assert unknown[0] is None and unknown[1]
    assert store.count_budgets() == 0


def test_cb005_without_cookie_a_token_is_issued(client, catalog, store):
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    response = call_submit(client, plan, cookie=False)
    assert "bs_token=" in response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert store.count_budgets() == 1


def test_cb006_english_messages(client, catalog):
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation() | {
        "trees": 900_000
    }
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


def output_key(client, trigger: str) -> str:
    """The callback's output key as the app names it (allow_duplicate adds a hash)."""
    for callback in client.get("/_dash-dependencies").get_json():
        if any(item["id"] == trigger for item in callback["inputs"]):
            return callback["output"]
    raise AssertionError(f"no callback triggered by {trigger}")


def call(client, outputs, inputs, state):
    payload = {
        "output": output_key(client, inputs[0]["id"]),
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": state,
    }
    return client.post(
        "/_dash-update-component",
        data=json.dumps(payload),
        content_type="application/json",
    )


def poll_vote(client, poll_id, chosen, other=""):
    client.get(f"/peiling/{poll_id}")
    return call(
        client,
        [
            {"id": ids.VOTE_RECEIPT, "property": "children"},
            {"id": ids.VOTE_ERROR, "property": "children"},
            {"id": ids.POLL_RESULTS, "property": "children"},
        ],
        [{"id": ids.SUBMIT_POLL, "property": "n_clicks", "value": 1}],
        [
            {"id": ids.POLL_ID, "property": "data", "value": poll_id},
            {"id": ids.POLL_OPTIONS, "property": "value", "value": chosen},
            {"id": ids.POLL_OTHER, "property": "value", "value": other},
            {"id": ids.DISTRICT, "property": "value", "value": ""},
            {"id": ids.AGE_BAND, "property": "value", "value": ""},
            {"id": "poll-page-lang", "property": "data", "value": "nl"},
            {"id": ids.VOTING_CODE, "property": "value", "value": ""},
        ],
    )


@pytest.mark.parametrize(
    ("poll_id", "chosen"),
    [
        ("fietsparkeren-centrum", ["spui", "grote-markt", "hollands-spoor"]),
        ("fietsparkeren-centrum", ["schiphol"]),
        ("fietsparkeren-centrum", {"$gt": ""}),
        ("zondag-bibliotheek", ["ja", "nee"]),
        ("naam-nieuw-park", ["binckpark"]),
        ("nope", ["spui"]),
    ],
)
def test_cb008_forged_poll_votes_refused(client, store, poll_id, chosen):
    response = poll_vote(client, poll_id, chosen)
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert body[ids.VOTE_RECEIPT]["children"] is None
    assert body[ids.VOTE_ERROR]["children"]
    assert store.count_votes() == 0


def test_cb009_poll_vote_via_the_page(client, store):
    response = poll_vote(client, "fietsparkeren-centrum", ["spui"])
    body = response.get_json()["response"]
    assert "telt mee" in json.dumps(body[ids.VOTE_RECEIPT], ensure_ascii=False)
    assert store.tally("poll", "fietsparkeren-centrum").counts == {"spui": 1}


@pytest.mark.parametrize(
    "chosen", [["natuur", "water", "sport", "kleur"], ["nope"], "natuur", None]
)
def test_cb010_forged_moodboard_votes_refused(client, store, chosen):
    client.get("/moodboard/speeltuin-transvaal")
    response = call(
        client,
        [
            {"id": ids.VOTE_RECEIPT, "property": "children"},
            {"id": ids.VOTE_ERROR, "property": "children"},
            {"id": "moodboard-share", "property": "hidden"},
        ],
        [{"id": ids.SUBMIT_MOODBOARD, "property": "n_clicks", "value": 1}],
        [
            {
                "id": ids.MOODBOARD_ID,
                "property": "data",
                "value": "speeltuin-transvaal",
            },
            {"id": ids.MOODBOARD_SELECTION, "property": "data", "value": chosen},
            {"id": ids.DISTRICT, "property": "value", "value": ""},
            {"id": ids.AGE_BAND, "property": "value", "value": ""},
            {"id": "moodboard-page-lang", "property": "data", "value": "nl"},
            {"id": ids.VOTING_CODE, "property": "value", "value": ""},
        ],
    )
    body = response.get_json()["response"]
    assert body[ids.VOTE_ERROR]["children"]
    assert store.count_votes() == 0


def idea_post(client, picture: str, alt: str = "Een rode brievenbus"):
    """The idea form's send callback, as the page calls it."""
    from budgetschuiver.ideas import pages

    client.get("/ideeen/brieven-beter")
    outputs = [
        {"id": pages.IDEA_STATUS, "property": "children"},
        {"id": pages.IDEA_TITLE, "property": "value"},
        {"id": pages.IDEA_TEXT, "property": "value"},
        {"id": pages.IDEA_PICTURE, "property": "contents"},
        {"id": pages.IDEA_PICTURE, "property": "filename"},
        {"id": pages.IDEA_PICTURE_ALT, "property": "value"},
    ]
    state = [
        (pages.IDEA_ROUND, "data", "brieven-beter"),
        (pages.IDEA_TITLE, "value", "Een grotere brievenbus"),
        (pages.IDEA_TEXT, "value", "Bij het stadhuis past er niets in."),
        (pages.IDEA_THEME, "value", ""),
        (pages.IDEA_DISTRICT, "value", ""),
        (pages.IDEA_NAME, "value", ""),
        (pages.IDEA_PICTURE, "contents", picture),
        (pages.IDEA_PICTURE_ALT, "value", alt),
        (ids.VOTING_CODE, "value", None),
        (pages.IDEA_LANG, "data", "nl"),
    ]
    return call(
        client,
        outputs,
        [{"id": pages.SUBMIT_IDEA, "property": "n_clicks", "value": 1}],
        [{"id": i, "property": p, "value": v} for i, p, v in state],
    )


def test_cb011_only_the_idea_form_takes_a_picture_sized_body(client, store):
    import base64
    import io
    import random

    from PIL import Image

    from budgetschuiver.ideas.files import BODY_BYTES

    noise = random.Random(7).randbytes(400 * 300 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (400, 300), noise).save(buffer, "JPEG", quality=95)
    picture = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode()
    assert len(picture) > 70 * 1024
    posted = idea_post(client, picture)
    assert posted.status_code == 200
    assert "Uw idee staat op de lijst" in json.dumps(posted.get_json())
    [key] = store.idea_keys("brieven-beter")
    assert store.find_idea(key.id).picture_alt == "Een rode brievenbus"
    assert store.idea_picture(key.id) is not None
    # Another callback as large is refused before it is read, as before.
    budget = call_submit(
        client,
        {"trees": 1},
        comment="x" * (70 * 1024),
    )
    assert budget.status_code == 413
    assert idea_post(client, "A" * BODY_BYTES).status_code == 413
    assert store.count_budgets() == 0
    assert len(store.idea_keys("brieven-beter")) == 1

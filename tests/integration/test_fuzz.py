"""Property-based attacks: malformed bodies at the API and forged payloads at Dash's
callback route. Never a 500, never a stack trace, never a stored row."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetschuiver.kernel import ids

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
LINES = [
    "trees",
    "play",
    "lighting",
    "benches",
    "sports",
    "paths",
    "toilets",
    "maintenance",
    "drainage",
]
odd_text = st.text(
    alphabet=st.characters(codec="utf-8"), max_size=60
) | st.sampled_from(
    [
        "\u202e",
        "\x00",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "\ud7ff" * 3,
    ]
)
submissions = st.fixed_dictionaries(
    {
        "allocation": st.dictionaries(
            st.sampled_from(LINES) | st.text(max_size=8), json_values, max_size=11
        ),
        "token": odd_text | json_values,
    },
    optional={
        "district": odd_text | json_values,
        "age_band": odd_text | json_values,
        "comment": odd_text | json_values,
        "extra": json_values,
    },
)


def _no_leak(response) -> None:
    text = response.get_data(as_text=True)
    assert response.status_code < 500, text[:300]
    assert "Traceback" not in text and 'File "' not in text


@FUZZ
@given(body=json_values | submissions)
def test_fuz001_api_submissions(client, store, body):
    response = client.post(
        "/api/v1/projects/park-zuiderpark/submissions",
        data=json.dumps(body),
        content_type="application/json",
    )
    _no_leak(response)
    if response.status_code not in (200, 201):
        assert store.count_budgets() == 0


@FUZZ
@given(raw=st.binary(max_size=300))
def test_fuz002_api_raw_bytes(client, store, raw):
    for url in (
        "/api/v1/projects/park-zuiderpark/submissions",
        "/api/v1/polls/fietsparkeren-centrum/votes",
        "/api/v1/moodboards/speeltuin-transvaal/votes",
    ):
        response = client.post(url, data=raw, content_type="application/json")
        _no_leak(response)
        assert response.status_code in (400, 422, 429)
    assert store.count_budgets() == 0 and store.count_votes() == 0


@FUZZ
@given(
    body=json_values
    | st.fixed_dictionaries(
        {"options": st.lists(odd_text | json_values, max_size=5), "token": odd_text},
        optional={"other_text": odd_text | json_values, "district": json_values},
    )
)
def test_fuz003_poll_votes(client, store, body):
    # The store lives across examples, and a body with only "other_text" and a
    # usable token is a valid vote: a refused one must add nothing to what is there.
    before = store.count_votes()
    response = client.post(
        "/api/v1/polls/fietsparkeren-centrum/votes",
        data=json.dumps(body),
        content_type="application/json",
    )
    _no_leak(response)
    if response.status_code not in (200, 201):
        assert store.count_votes() == before


@FUZZ
@given(body=json_values)
def test_fuz004_dash_route_garbage(client, store, body):
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
    )
    _no_leak(response)
    assert store.count_budgets() == 0


@FUZZ
@given(
    allocation=json_values | st.dictionaries(st.sampled_from(LINES), json_values),
    district=json_values,
    age_band=json_values,
    comment=json_values,
    lang=json_values,
    code=json_values,
)
def test_fuz005_forged_budget_callback(
    client, store, allocation, district, age_band, comment, lang, code
):
    payload = {
        "output": f"..{ids.RECEIPT}.children...{ids.SUBMIT_ERROR}.children..",
        "outputs": [
            {"id": ids.RECEIPT, "property": "children"},
            {"id": ids.SUBMIT_ERROR, "property": "children"},
        ],
        "inputs": [{"id": ids.SUBMIT, "property": "n_clicks", "value": 1}],
        "changedPropIds": [f"{ids.SUBMIT}.n_clicks"],
        "state": [
            {"id": ids.PROJECT_ID, "property": "data", "value": "park-zuiderpark"},
            {"id": ids.ALLOCATION, "property": "data", "value": allocation},
            {"id": ids.DISTRICT, "property": "value", "value": district},
            {"id": ids.AGE_BAND, "property": "value", "value": age_band},
            {"id": ids.COMMENT, "property": "value", "value": comment},
            {"id": "budget-page-lang", "property": "data", "value": lang},
            {"id": ids.VOTING_CODE, "property": "value", "value": code},
        ],
    }
    response = client.post(
        "/_dash-update-component",
        data=json.dumps(payload),
        content_type="application/json",
    )
    _no_leak(response)
    assert store.count_budgets() == 0


def test_fuz006_deep_nesting_and_huge_numbers(client, store):
    for raw in (
        b"[" * 50_000 + b"]" * 50_000,
        b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    ):
        for url in (
            "/api/v1/projects/park-zuiderpark/submissions",
            "/_dash-update-component",
        ):
            response = client.post(url, data=raw, content_type="application/json")
            _no_leak(response)
            assert response.status_code in (400, 413)
    huge = {"allocation": dict.fromkeys(LINES, 10**400 // 10**390), "token": "t" * 20}
    _no_leak(
        client.post(
            "/api/v1/projects/park-zuiderpark/submissions",
            data=json.dumps(huge).replace("10000000000", "1e400"),
            content_type="application/json",
        )
    )
    assert store.count_budgets() == 0

"""The dashboard's data: results API contract, suppression at the boundary,
weighting, exports, snapshots, and nothing at all for anonymous callers."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import statistics

import pytest
from openpyxl import load_workbook

from dashboards.budgets.presentation import content_hash
from dashboards.kernel import auth

PASSWORD = "correct horse battery staple"
PARK = "park-zuiderpark"


def seed(store, project, allocations, districts=None, comments=None, synthetic=False):
    """Ballots as residents would send them (`synthetic=True`: marked synthetic)."""
    now = dt.datetime.now(dt.UTC)
    items = []
    for index, allocation in enumerate(allocations):
        items.append(
            {
                "allocation": allocation,
                "at": now,
                "district": districts[index] if districts else None,
                "age_band": "30-44" if districts else None,
                "comment": comments[index] if comments else None,
            }
        )
    store.insert_synthetic_budgets(project, items, synthetic=synthetic)


def park_budgets(catalog, n):
    """n balanced budgets: k trees more, k*1.2 benches fewer (1 tree = 1.2 benches)."""
    plan = catalog.find("budget", PARK).plan_allocation()
    out = []
    for k in range(n):
        trees = k % 5
        out.append(
            plan
            | {
                "trees": plan["trees"] + 1500 * trees * 5,
                "benches": plan["benches"] - 1250 * trees * 6,
            }
        )
    return out


@pytest.fixture
def accounts(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
        auth.create_user("beheer", PASSWORD, "admin")


def basic(name):
    return {"Authorization": auth.basic_header(name, PASSWORD)}


def test_dbd001_results_contract_and_values(client, store, catalog, accounts):
    budgets = park_budgets(catalog, 10)
    seed(store, PARK, budgets)
    body = client.get(
        f"/api/v1/projects/{PARK}/results", headers=basic("adviseur")
    ).get_json()
    assert body["n"] == 10 and body["suppressed"] is False
    trees = body["lines"]["trees"]
    assert {
        "mean",
        "median",
        "p25",
        "p75",
        "raised",
        "lowered",
        "unchanged",
        "mean_ci",
    } <= set(trees)
    values = [b["trees"] for b in budgets]
    assert trees["mean"] == pytest.approx(statistics.fmean(values))
    assert trees["median"] == pytest.approx(statistics.median(values))
    assert trees["raised"] == pytest.approx(0.8) and trees[
        "unchanged"
    ] == pytest.approx(0.2)
    half = 1.96 * statistics.stdev(values) / len(values) ** 0.5
    assert trees["mean_ci"] == pytest.approx(
        [trees["mean"] - half, trees["mean"] + half]
    )
    aggregates = body["aggregates"]
    assert set(aggregates) == {"mean", "independent_markets", "welfare"}
    for rule in ("independent_markets", "welfare"):
        assert sum(aggregates[rule].values()) == pytest.approx(2_400_000)
    assert aggregates["mean"]["drainage"] == 150_000
    bins = body["distributions"]["trees"]
    assert sum(b["count"] for b in bins) == 10 and len(bins) <= 20
    assert "allocation" not in json.dumps(body)  # binned counts only, never rows


def test_dbd002_suppression_at_the_boundary(client, store, catalog, accounts):
    seed(store, PARK, park_budgets(catalog, 9))
    url = f"/api/v1/projects/{PARK}/results"
    assert client.get(url, headers=basic("adviseur")).get_json() == {"suppressed": True}
    seed(store, PARK, park_budgets(catalog, 1))
    body = client.get(url, headers=basic("adviseur")).get_json()
    assert body["suppressed"] is False and body["n"] == 10


def test_dbd003_group_recoverable_by_subtraction_is_suppressed(
    client, store, catalog, accounts
):
    seed(
        store, PARK, park_budgets(catalog, 15), districts=["laak"] * 12 + ["escamp"] * 3
    )
    url = f"/api/v1/projects/{PARK}/results"
    everyone = client.get(url, headers=basic("adviseur")).get_json()
    assert everyone["n"] == 15
    laak = client.get(url + "?district=laak", headers=basic("adviseur")).get_json()
    assert laak == {"suppressed": True}  # 15 - 12 = 3 others would be revealed
    escamp = client.get(url + "?district=escamp", headers=basic("adviseur")).get_json()
    assert escamp == {"suppressed": True}


def test_dbd004_weighted_results_state_their_method(client, store, catalog, accounts):
    districts = ["laak"] * 10 + ["escamp"] * 10 + ["centrum"] * 10
    seed(store, PARK, park_budgets(catalog, 30), districts=districts)
    body = client.get(
        f"/api/v1/projects/{PARK}/results?weighted=1", headers=basic("adviseur")
    ).get_json()
    assert body["weighted"] is True
    assert body["weighting"]["n_weighted"] == 30
    assert 0 < body["weighting"]["effective_n"] <= 30
    assert set(body["raw_means"]) == set(body["lines"])  # raw beside weighted


@pytest.mark.parametrize(
    "query",
    [
        "district=mars",
        "age_band=99",
        "since=yesterday",
        "since=2026-12-01&until=2026-11-01",
        "weighted=yes",
    ],
)
def test_dbd005_bad_filters_are_400(client, accounts, query):
    response = client.get(
        f"/api/v1/projects/{PARK}/results?{query}", headers=basic("adviseur")
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_filter"


def test_dbd006_poll_and_moodboard_results(client, store, accounts):
    for i in range(12):
        store.submit_vote(
            "poll",
            "fietsparkeren-centrum",
            ("spui",) if i % 3 else ("spui", "grote-markt"),
            f"token-{i:020d}",
        )
        store.submit_vote(
            "moodboard", "speeltuin-transvaal", ("water",), f"token-{i:020d}"
        )
    poll = client.get(
        "/api/v1/polls/fietsparkeren-centrum/results", headers=basic("adviseur")
    ).get_json()
    assert poll["n"] == 12
    assert (
        poll["options"]["spui"]["votes"] == 12
        and poll["options"]["spui"]["share"] == 1.0
    )
    assert poll["options"]["grote-markt"]["share"] == pytest.approx(4 / 12)
    low, high = poll["options"]["grote-markt"]["ci"]
    assert low < 4 / 12 < high
    board = client.get(
        "/api/v1/moodboards/speeltuin-transvaal/results", headers=basic("adviseur")
    ).get_json()
    assert (
        board["images"]["water"]["share"] == 1.0
        and board["images"]["natuur"]["votes"] == 0
    )


def test_dbd007_exports(client, store, catalog, accounts):
    budgets = park_budgets(catalog, 12)
    seed(
        store,
        PARK,
        budgets,
        comments=['=HYPERLINK("x")'] + ["Meer bomen"] * 11,
        synthetic=True,
    )
    store.submit_budget(
        PARK,
        catalog.find("budget", PARK).plan_allocation(),
        "real-resident-token-1",
        comment="Échte inwoner",
    )
    aggregates = client.get(
        f"/api/v1/projects/{PARK}/export.csv?synthetic=1", headers=basic("adviseur")
    )
    assert aggregates.status_code == 200 and aggregates.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(aggregates.data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["line", "kind", "plan", "n"] and rows[1][0] == "trees"
    denied = client.get(
        f"/api/v1/projects/{PARK}/export.csv?content=submissions",
        headers=basic("adviseur"),
    )
    assert denied.status_code == 403
    raw = client.get(
        f"/api/v1/projects/{PARK}/export.csv?content=submissions",
        headers=basic("beheer"),
    )
    table = list(csv.reader(io.StringIO(raw.data.decode("utf-8-sig"))))
    assert len(table) == 2  # synthetic rows are left out unless asked for
    assert table[1][-1] == "Échte inwoner" and table[1][0].startswith("b")
    assert "token" not in ",".join(table[0])
    everything = client.get(
        f"/api/v1/projects/{PARK}/export.xlsx?content=submissions&synthetic=1",
        headers=basic("beheer"),
    )
    sheet = load_workbook(io.BytesIO(everything.data)).active
    comments = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(comments) == 13
    assert '\'=HYPERLINK("x")' in comments  # never a live formula


def test_dbd008_everything_refused_anonymously(client, store, catalog):
    seed(store, PARK, park_budgets(catalog, 20))
    for url in (
        f"/api/v1/projects/{PARK}/results",
        "/api/v1/polls/fietsparkeren-centrum/results",
        "/api/v1/moodboards/speeltuin-transvaal/results",
        f"/api/v1/projects/{PARK}/export.csv",
        f"/api/v1/projects/{PARK}/export.xlsx",
    ):
        response = client.get(url)
        assert response.status_code == 401, url
        assert "mean" not in response.get_data(as_text=True)
    wrong = client.get(
        f"/api/v1/projects/{PARK}/results",
        headers={"Authorization": auth.basic_header("x", "y" * 12)},
    )
    assert wrong.status_code == 401


def dashboard_callbacks(client):
    return [
        cb
        for cb in client.get("/_dash-dependencies").get_json()
        if "db-" in json.dumps([cb["output"], cb["inputs"], cb["state"]])
    ]


def fake_payload(callback):
    def items(specs):
        return [
            {"id": spec["id"], "property": spec["property"], "value": None}
            for spec in specs
        ]

    outputs = [
        {"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1].split("@")[0]}
        for part in callback["output"].strip(".").split("...")
    ]
    return {
        "output": callback["output"],
        # The renderer sends a single output as an object, several as a list.
        "outputs": outputs if callback["output"].startswith("..") else outputs[0],
        "inputs": items(callback["inputs"]),
        "state": items(callback["state"]),
        "changedPropIds": [],
    }


def test_dbd009_every_dashboard_callback_refuses_anonymous(client, store, catalog):
    seed(store, PARK, park_budgets(catalog, 20))
    callbacks = [
        cb for cb in dashboard_callbacks(client) if not cb.get("clientside_function")
    ]
    assert len(callbacks) >= 6
    for callback in callbacks:
        response = client.post("/_dash-update-component", json=fake_payload(callback))
        assert response.status_code == 401, callback["output"]
        assert "trees" not in response.get_data(as_text=True)


def test_dbd009b_page_routing_gives_anonymous_no_numbers(client, store, catalog):
    """Client-side navigation to a dashboard page renders its layout in Dash's own
    routing callback: anonymous visitors get the login prompt and an empty frame."""
    seed(store, PARK, park_budgets(catalog, 20))
    routing = next(
        cb
        for cb in client.get("/_dash-dependencies").get_json()
        if cb["output"].startswith(".._pages_content.children")
    )
    for path in (
        "/dashboard",
        f"/dashboard/begroting/{PARK}",
        "/dashboard/peilingen",
        f"/dashboard/presentatie/{PARK}",
    ):
        payload = fake_payload(routing)
        for item in payload["inputs"]:
            item["value"] = path if item["property"] == "pathname" else ""
        response = client.post("/_dash-update-component", json=payload)
        text = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Log eerst in" in text
        assert "n = " not in text and "540000" not in text.replace(".", "")


def test_dbd010_logged_in_callbacks_answer(client, store, catalog, accounts):
    seed(store, PARK, park_budgets(catalog, 20))
    client.post(
        "/login",
        data={
            "username": "adviseur",
            "password": PASSWORD,
            "csrf_token": _csrf(client),
        },
    )
    overview = next(
        cb
        for cb in dashboard_callbacks(client)
        if cb["output"] == "db-overview.children"
    )
    payload = fake_payload(overview)
    payload["state"][0]["value"] = "nl"
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    assert "n = 20" in response.get_data(as_text=True)


def _csrf(client):
    import re

    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_dbd011_snapshot_keeps_its_numbers(app, client, store, catalog, accounts):
    seed(store, PARK, park_budgets(catalog, 20))
    client.post(
        "/login",
        data={
            "username": "adviseur",
            "password": PASSWORD,
            "csrf_token": _csrf(client),
        },
    )
    freeze = next(
        cb
        for cb in dashboard_callbacks(client)
        if cb["output"] == "db-present-frozen.children"
    )
    payload = fake_payload(freeze)
    payload["inputs"][0]["value"] = 1
    payload["state"] = [
        {"id": "db-present-project", "property": "data", "value": PARK},
        {"id": "db-lang", "property": "data", "value": "nl"},
        {"id": "db-present-synthetic", "property": "data", "value": False},
    ]
    response = client.post("/_dash-update-component", json=payload)
    text = response.get_data(as_text=True)
    snapshot_id = text.split("snapshot=")[1].split('"')[0]
    frozen = store.get_snapshot(PARK, snapshot_id)
    assert frozen["content"]["data"]["n"] == 20
    assert content_hash(frozen["content"]) == frozen["hash"]
    assert frozen["hash"][:16] in text
    seed(store, PARK, park_budgets(catalog, 5))
    again = store.get_snapshot(PARK, snapshot_id)
    assert again["content"]["data"]["n"] == 20  # later ballots do not change it


def test_dbd012_moderation_hides_a_comment(store, catalog):
    seed(store, PARK, park_budgets(catalog, 1), comments=["rude words"])
    row = store.budgets_for(PARK)[0]
    assert store.set_comment_hidden(PARK, row.id, True)
    assert store.budgets_for(PARK)[0].comment_hidden
    assert not store.set_comment_hidden(PARK, "b-does-not-exist", True)


def test_dbd013_overview_answers_are_shared_until_the_next_ballot(
    client, store, catalog, accounts
):
    from dashboards.kernel.service import cache

    seed(store, PARK, park_budgets(catalog, 20))
    overview = next(
        cb
        for cb in dashboard_callbacks(client)
        if cb["output"] == "db-overview.children"
    )
    payload = fake_payload(overview)
    payload["state"][0]["value"] = "nl"
    # Nobody signed in: refused, and nothing is kept.
    assert client.post("/_dash-update-component", json=payload).status_code == 401
    client.post(
        "/login",
        data={
            "username": "adviseur",
            "password": PASSWORD,
            "csrf_token": _csrf(client),
        },
    )
    first = client.post("/_dash-update-component", json=payload)
    kept = [k for k in cache.cache._cache if k.startswith("answer:")]
    assert first.status_code == 200 and len(kept) == 1
    again = client.post("/_dash-update-component", json=payload)
    assert again.get_data() == first.get_data()
    assert "n = 20" in again.get_data(as_text=True)
    # Compressed once, and the same bytes when unpacked; other responses are
    # compressed each for themselves.
    for _ in range(2):
        packed = client.post(
            "/_dash-update-component", json=payload, headers={"Accept-Encoding": "gzip"}
        )
        assert packed.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.get_data()) == first.get_data()
    pages = [
        client.get(path, headers={"Accept-Encoding": "gzip"})
        for path in ("/", "/dashboard", "/")
    ]
    texts = [gzip.decompress(page.get_data()) for page in pages]
    assert all(text.startswith(b"<!DOCTYPE") for text in texts)
    assert texts[1] != texts[0] and len({len(t) for t in texts}) > 1
    # Another language is another answer.
    payload["state"][0]["value"] = "en"
    english = client.post("/_dash-update-component", json=payload)
    assert english.get_data() != first.get_data()
    # A new ballot changes the data version: the next answer counts it.
    seed(store, PARK, park_budgets(catalog, 1))
    payload["state"][0]["value"] = "nl"
    after = client.post("/_dash-update-component", json=payload)
    assert "n = 21" in after.get_data(as_text=True)
    # Signed out again: the kept answer is not handed out.
    client.post("/logout", data={"csrf_token": _csrf(client)})
    assert client.post("/_dash-update-component", json=payload).status_code == 401

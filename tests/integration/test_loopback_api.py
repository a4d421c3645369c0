"""Public results, the answer and the preview picture over HTTP, on SQLite and
PostgreSQL: 404 while not public, afterwards the dashboard's own numbers at its
default filters (synthetic ballots out, small groups suppressed as there)."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import EXTENSION
from dashboards.kernel import auth
from tests.conftest import write_variant
from tests.integration.test_dashboard import park_budgets, seed
from tests.integration.test_tally_service import backend_app  # noqa: F401

PASSWORD = "correct horse battery staple"
ANSWER = {
    "status": "published",
    "date": "2021-02-01",
    "summary": {"nl": "**Besloten:** meer bomen.", "en": "**Decided:** more trees."},
    "items": {"trees": {"nl": "We planten 40 bomen extra.", "en": "40 more trees."}},
}
# (segment, id, kind, how a resident-like ballot is stored)
CLOSED = [
    ("polls", "poll-closed", "poll", ("spui",)),
    ("moodboards", "board-closed", "moodboard", ("water", "natuur")),
    ("projects", "park-closed", "budget", None),
]


@pytest.fixture(autouse=True)
def variants(data_dir):
    """Trajectories for each `results_public` and answer state."""
    write_variant(
        data_dir,
        "park-zuiderpark.yaml",
        "park-answered",
        opens="2020-01-01",
        closes="2020-12-31",
        response=ANSWER,
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "poll-always",
        kind="polls",
        results_public="always",
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "poll-never",
        kind="polls",
        opens="2020-01-01",
        closes="2020-12-31",
        results_public="never",
    )


def _basic(app):
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    return {"Authorization": auth.basic_header("adviseur", PASSWORD)}


def _ballots(app, kind, item_id, choices, count, synthetic=False, start=0):
    services = app.server.extensions[EXTENSION]
    if kind == "budget":
        allocations = park_budgets(services.catalog, count)
        seed(
            services.store,
            item_id,
            allocations,
            districts=["laak"] * count,
            synthetic=synthetic,
        )
        return
    for k in range(start, start + count):
        services.store.submit_vote(
            kind,
            item_id,
            choices,
            f"token-{kind}-{k:024d}",
            district="laak",
            synthetic=synthetic,
        )


def page_text(app, path, token=None, **query):
    """A Dash page's content as this browser gets it (the layout as JSON), with
    `query` as the address's query string gives it to the layout."""
    from dash._pages import _path_to_page
    from plotly.utils import PlotlyJSONEncoder

    page, variables = _path_to_page(path.strip("/"))
    headers = {"Cookie": f"bs_token={token}"} if token else {}
    with app.server.test_request_context(path, headers=headers):
        return json.dumps(
            page["layout"](**variables, **query),
            cls=PlotlyJSONEncoder,
            ensure_ascii=False,
        )


@pytest.mark.parametrize(
    "segment, item_id",
    [
        ("projects", "park-zuiderpark"),
        ("polls", "fietsparkeren-centrum"),
        ("moodboards", "speeltuin-transvaal"),
        ("projects", "park-upcoming"),
        ("polls", "poll-never"),
    ],
)
def test_lba001_not_public_answers_404_and_says_when(app, client, segment, item_id):
    services = app.server.extensions[EXTENSION]
    kind = {"projects": "budget", "polls": "poll", "moodboards": "moodboard"}[segment]
    _ballots(app, kind, item_id, ("spui",) if kind == "poll" else ("water",), 12)
    url = f"/api/v1/{segment}/{item_id}/public-results"
    answer = client.get(url)
    assert answer.status_code == 404
    body = answer.get_json()["error"]
    assert body["code"] == "not_public"
    assert "n" not in answer.get_json()
    english = client.get(url + "?lang=en").get_json()["error"]["message"]
    assert english != body["message"]
    item = services.catalog.find(kind, item_id)
    if item.results_public == "never":
        assert body["message"] == i18n.t("loop.never", "nl")
    else:
        day = item.opens if item.status() == "upcoming" else item.closes
        assert i18n.format_date(day, "nl") in body["message"]
    assert body["message"] in page_text(app, f"/resultaten/{item_id}")


def test_lba002_unknown_ids_and_kinds_are_404(client):
    for url in (
        "/api/v1/polls/nope/public-results",
        "/api/v1/polls/park-closed/public-results",
        "/api/v1/projects/poll-closed/public-results",
    ):
        answer = client.get(url)
        assert answer.status_code == 404 and answer.get_json()["error"]["code"] == (
            "not_found"
        )
    assert client.get("/resultaten/nope").status_code == 404
    assert client.get("/resultaten/nope/preview.png").status_code == 404


@pytest.mark.parametrize("segment, item_id, kind, choices", CLOSED)
def test_lba003_public_results_equal_the_dashboards_default(
    backend_app,  # noqa: F811
    segment,
    item_id,
    kind,
    choices,
):
    """Class: a public number that differs from the dashboard's, or counts
    synthetic ballots as residents."""
    app = backend_app
    client = app.server.test_client()
    headers = _basic(app)
    _ballots(app, kind, item_id, choices, 14)
    _ballots(app, kind, item_id, choices, 6, synthetic=True, start=100)
    public = client.get(f"/api/v1/{segment}/{item_id}/public-results")
    assert public.status_code == 200
    dashboard = client.get(f"/api/v1/{segment}/{item_id}/results", headers=headers)
    assert public.get_json() == dashboard.get_json()
    body = public.get_json()
    assert body["n"] == 14 and body["synthetic"] == 0
    assert body["synthetic_excluded"] == 6
    text = page_text(app, f"/resultaten/{item_id}")
    assert "14 inwoners deden mee." in text
    assert "6 test- of demo-inzendingen tellen niet mee." in text


def test_lba004_a_small_group_stays_suppressed(client, app):
    _ballots(app, "poll", "poll-closed", ("spui",), 4)
    body = client.get("/api/v1/polls/poll-closed/public-results").get_json()
    assert body == {"suppressed": True}
    assert i18n.t("loop.suppressed", "nl") in page_text(app, "/resultaten/poll-closed")


def test_lba005_always_is_public_while_open(client, app):
    _ballots(app, "poll", "poll-always", ("spui",), 11)
    body = client.get("/api/v1/polls/poll-always/public-results").get_json()
    assert body["n"] == 11 and body["options"]["spui"]["votes"] == 11


def test_lba006_answer_published_or_missing_with_days(app):
    answered = page_text(app, "/resultaten/park-answered")
    assert "**Besloten:** meer bomen." in answered
    assert "We planten 40 bomen extra." in answered
    assert i18n.t("loop.answer_date", "nl", date="1 februari 2021") in answered
    assert i18n.t("loop.promise.adviseren", "nl") in answered
    missing = page_text(app, "/resultaten/park-closed")
    assert "Het antwoord van de gemeente volgt nog." in missing
    assert "dagen gesloten" in missing
    assert "**Besloten" not in missing
    open_one = page_text(app, "/resultaten/park-zuiderpark")
    assert "volgt na het sluiten op 31 december 2027" in open_one
    english = page_text(app, "/resultaten/park-answered", lang="en")
    assert "**Decided:** more trees." in english and "40 more trees." in english


def test_lba007_the_residents_budget_is_the_definitions_aggregate(app):
    _ballots(app, "budget", "park-answered", None, 30)
    services = app.server.extensions[EXTENSION]
    with app.server.test_request_context("/"):
        from dashboards.budgets import public as budget_public
        from dashboards.kernel.public import kinds
        from dashboards.kernel.public.results import public_results

        kind, item = kinds.find("park-answered")
        data = public_results(kind, item)
        rule, budget = budget_public.residents_budget(item, data)
    assert rule == "independent_markets"
    assert budget["trees"] == pytest.approx(data["aggregates"][rule]["trees"])
    text = page_text(app, "/resultaten/park-answered")
    assert i18n.t("loop.rule_note.independent_markets", "nl") in text
    assert services


def test_lba008_where_your_budget_stands_with_your_own_token(app):
    services = app.server.extensions[EXTENSION]
    _ballots(app, "budget", "park-closed", None, 30)
    token = "own-browser-token-0123456789abcdef"
    plan = services.catalog.find("budget", "park-closed").plan_allocation()
    services.store.submit_budget("park-closed", plan, token)
    text = page_text(app, "/resultaten/park-closed", token)
    assert "Waar uw keuze staat" in text
    # 31 ballots, the plan for trees: 7 (k % 5 == 0, and this one) chose the plan,
    # 24 more: nobody less (0-10%), 24/31 = 77% more (70-80%).
    assert "Bomen en groen: u koos € 540.000. Tussen 0% en 10%" in text
    assert "tussen 70% en 80% koos meer." in text
    assert "Waar uw keuze staat" not in page_text(app, "/resultaten/park-closed")


def test_lba009_stance_needs_a_large_enough_group(app):
    services = app.server.extensions[EXTENSION]
    token = "own-browser-token-0123456789abcdef"
    services.store.submit_budget(
        "park-closed",
        services.catalog.find("budget", "park-closed").plan_allocation(),
        token,
    )
    _ballots(app, "budget", "park-closed", None, 8)
    text = page_text(app, "/resultaten/park-closed", token)
    assert "Tussen 0% en 10%" not in text and "Waar uw keuze staat" not in text


def _png(client, url):
    answer = client.get(url)
    assert answer.status_code == 200 and answer.mimetype == "image/png"
    image = Image.open(io.BytesIO(answer.data))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert len(answer.data) < 300 * 1024
    return answer.data


@pytest.mark.parametrize("segment, item_id, kind, choices", CLOSED)
def test_lba010_preview_picture_changes_with_the_results(
    app, client, segment, item_id, kind, choices
):
    """A real PNG of the stated size under 300 KB, different for different
    results; the page's og:image names it with an absolute address."""
    empty = _png(client, f"/resultaten/{item_id}/preview.png")
    _ballots(app, kind, item_id, choices, 12)
    html = client.get(f"/resultaten/{item_id}").get_data(as_text=True)
    found = html.split('property="og:image" content="')[1].split('"')[0]
    assert found.startswith("http://localhost/resultaten/")
    counted = _png(client, found.removeprefix("http://localhost"))
    assert counted != empty
    if kind != "budget":
        other = ("klimmen",) if kind == "moodboard" else ("grote-markt",)
        _ballots(app, kind, item_id, other, 20, start=500)
        version = client.get(f"/resultaten/{item_id}").get_data(as_text=True)
        again = version.split('property="og:image" content="')[1].split('"')[0]
        assert again != found
        assert _png(client, again.removeprefix("http://localhost")) != counted
    alt = html.split('property="og:image:alt" content="')[1].split('"')[0]
    assert "12" not in alt or kind == "budget" or "%" in alt
    assert len(alt) > 20


def test_lba011_preview_alt_says_the_shares_in_words(app, client):
    _ballots(app, "poll", "poll-closed", ("spui",), 12)
    html = client.get("/resultaten/poll-closed").get_data(as_text=True)
    alt = html.split('property="og:image:alt" content="')[1].split('"')[0]
    assert "100%" in alt and "Spui" in alt


def test_lba012_trajectory_pages_carry_share_links_and_results_link(app):
    text = page_text(app, "/peiling/poll-closed")
    for host in ("wa.me", "www.facebook.com", "x.com", "www.linkedin.com"):
        assert f"https://{host}/" in text
    assert "mailto:?subject=" in text
    assert "/resultaten/poll-closed" in text
    open_text = page_text(app, "/begroting/park-zuiderpark")
    assert "https://wa.me/" in open_text and "/resultaten/" not in open_text
    assert "https://wa.me/" in page_text(app, "/moodboard/speeltuin-transvaal")


def test_lba013_after_sending_a_budget_where_it_stands_when_public(app, data_dir):
    """The budget page's callback after a receipt: the stance while results
    are public, nothing while they are not."""
    from dashboards.budgets import public as page

    services = app.server.extensions[EXTENSION]
    token = "own-browser-token-0123456789abcdef"
    for project_id in ("park-closed", "park-zuiderpark"):
        _ballots(app, "budget", project_id, None, 20)
        plan = services.catalog.find("budget", project_id).plan_allocation()
        services.store.submit_budget(project_id, plan, token)
    cookie = {"Cookie": f"bs_token={token}"}
    with app.server.test_request_context("/_dash-update-component", headers=cookie):
        shown = page.stance_after_sending("receipt", "park-closed", "nl")
        hidden = page.stance_after_sending("receipt", "park-zuiderpark", "nl")
        nothing_yet = page.stance_after_sending(None, "park-closed", "nl")
        unknown = page.stance_after_sending("receipt", {"x": 1}, "nl")
    text = json.dumps(shown.to_plotly_json(), default=lambda c: c.to_plotly_json())
    assert "Waar uw keuze staat" in text and "Tussen 0% en 10%" in text
    assert hidden is None and nothing_yet is None and unknown is None


def test_lba014_no_stance_for_a_locked_line(app):
    services = app.server.extensions[EXTENSION]
    project = services.catalog.find("budget", "park-closed")
    locked = [line for line in project.lines if line.locked]
    assert locked
    _ballots(app, "budget", "park-closed", None, 20)
    token = "own-browser-token-0123456789abcdef"
    services.store.submit_budget("park-closed", project.plan_allocation(), token)
    text = page_text(app, "/resultaten/park-closed", token)
    item = '"data-line": "{}"}}, "type": "Li"'
    assert item.format("trees") in text
    assert item.format(locked[0].id) not in text

"""Honest figures: what the dashboard, the results API, the exports and the
presentation say about who took part."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook

from tests.integration.test_dashboard import (
    PARK,
    PASSWORD,
    _csrf,
    accounts,  # noqa: F401 (fixture)
    basic,
    dashboard_callbacks,
    fake_payload,
    park_budgets,
    seed,
)

POLL = "fietsparkeren-centrum"


def _log_in(client):
    client.post(
        "/login",
        data={
            "username": "adviseur",
            "password": PASSWORD,
            "csrf_token": _csrf(client),
        },
    )


def _call(client, output, values):
    """Call the dashboard callback writing `output` with the given values by id."""
    callback = next(cb for cb in dashboard_callbacks(client) if cb["output"] == output)
    payload = fake_payload(callback)
    for item in payload["inputs"] + payload["state"]:
        item["value"] = values.get(item["id"], item["value"])
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    found: list[str] = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            # Components: only what they show (their children), not their names.
            inner = node["props"].get("children") if "props" in node else node.values()
            walk(list(inner) if isinstance(inner, type({}.values())) else inner)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(response.get_data(as_text=True))["response"])
    return " | ".join(found)


def _mixed(store, catalog):
    """12 residents and 30 synthetic ballots, for the park and for a poll."""
    seed(store, PARK, park_budgets(catalog, 12))
    seed(store, PARK, park_budgets(catalog, 30), synthetic=True)
    for k in range(12):
        store.submit_vote("poll", POLL, ("spui",), f"resident-token-{k:04d}")
    for k in range(30):
        store.submit_vote(
            "poll",
            POLL,
            ("hollands-spoor",),
            f"synthetic-token-{k:04d}",
            synthetic=True,
        )


def test_hon001_synthetic_ballots_are_left_out_unless_asked_and_then_stated(
    client,
    store,
    catalog,
    accounts,  # noqa: F811
):
    """Class: synthetic (seeded) ballots counted as residents. Every place that
    shows, exports or freezes a count or a result leaves them out by default, says
    how many it left out, and says how many are in the figures when asked for."""
    _mixed(store, catalog)
    for url in (f"/api/v1/projects/{PARK}/results", f"/api/v1/polls/{POLL}/results"):
        plain = client.get(url, headers=basic("adviseur")).get_json()
        assert (plain["n"], plain["synthetic"], plain["synthetic_excluded"]) == (
            12,
            0,
            30,
        )
        mixed = client.get(url + "?synthetic=1", headers=basic("adviseur")).get_json()
        assert (mixed["n"], mixed["synthetic"], mixed["synthetic_excluded"]) == (
            42,
            30,
            0,
        )
    poll = client.get(f"/api/v1/polls/{POLL}/results", headers=basic("adviseur"))
    assert poll.get_json()["options"]["hollands-spoor"]["votes"] == 0
    bad = client.get(
        f"/api/v1/projects/{PARK}/results?synthetic=maybe", headers=basic("adviseur")
    )
    assert bad.status_code == 400

    # Exports: the aggregates follow `synthetic` and say how many there are.
    text = client.get(
        f"/api/v1/projects/{PARK}/export.csv", headers=basic("adviseur")
    ).data.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert {(r["n"], r["synthetic_in_n"], r["synthetic_left_out"]) for r in table} == {
        ("12", "0", "30")
    }
    book = client.get(
        f"/api/v1/projects/{PARK}/export.xlsx?synthetic=1", headers=basic("adviseur")
    )
    rows = list(load_workbook(io.BytesIO(book.data)).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert {
        (r[header.index("n")], r[header.index("synthetic_in_n")]) for r in rows[1:]
    } == {(42, 30)}

    # The pages: overview, budget, polls and the big screen.
    _log_in(client)
    nothing = {"db-lang": "nl"}
    asked = {"db-lang": "nl", "db-synthetic": True}
    overview = _call(client, "db-overview.children", nothing)
    assert (
        "n = 12 · 30 synthetische inzendingen (test of demo) niet meegeteld" in overview
    )
    overview = _call(client, "db-overview.children", asked)
    assert "n = 42 · waarvan 30 synthetisch" in overview
    budget = _call(client, "db-budget.children", nothing | {"db-project": PARK})
    assert "n = 12 · 30 synthetische inzendingen" in budget
    polls = _call(client, "db-polls.children", asked)
    assert "n = 42 · waarvan 30 synthetisch" in polls
    slide = {"db-present-project": PARK, "db-present-step": 0} | nothing
    shown = _call(
        client, "..db-present-slide.children...db-present-status.children..", slide
    )
    assert "12 inwoners deden mee" in shown
    assert "30 synthetische inzendingen (test of demo) tellen niet mee" in shown
    shown = _call(
        client,
        "..db-present-slide.children...db-present-status.children..",
        slide | {"db-present-synthetic": True},
    )
    assert "inwoners deden mee" not in shown and "42 inzendingen" in shown
    assert "Waarvan 30 synthetisch (test of demo): dat zijn geen inwoners." in shown
    from dashboards.budgets.presentation import SLIDES

    for step in range(len(SLIDES)):
        for lang in ("nl", "en"):
            shown = _call(
                client,
                "..db-present-slide.children...db-present-status.children..",
                slide | {"db-present-step": step, "db-lang": lang},
            )
            assert f"{step + 1} / {len(SLIDES)}" in shown


def test_hon002_shares_shown_add_up_and_counts_agree(client, store, accounts):  # noqa: F811
    """Class: displayed shares that do not add up (4/4/6 -> 101%), 0% for a share
    above 0 (Python's half-to-even round), '1 stemmen'. Every share on the
    dashboard goes through `i18n.format_shares` / `format_share`."""
    for k, choice in enumerate(["ja"] * 4 + ["nee"] * 4 + ["middag"] * 6):
        store.submit_vote("poll", "zondag-bibliotheek", (choice,), f"tok-{k:06d}-abcd")
    _log_in(client)
    shown = _call(client, "db-polls.children", {"db-lang": "nl"})
    assert shown.count("29%") >= 2 and "43%" in shown and "28%" not in shown
    assert "daarom is het totaal 101%" in shown
    # A multi-choice poll says its shares need not add up.
    for k in range(12):
        store.submit_vote(
            "poll", POLL, ("spui", "grote-markt"), f"multi-token-{k:04d}-abcd"
        )
    shown = _call(client, "db-polls.children", {"db-lang": "nl"})
    assert "de percentages tellen niet op tot 100%" in shown


def test_hon003_one_vote_in_many_is_not_zero_percent(client, store):
    """The residents' result list: 1 vote in 201 is '< 1%', and '1 stem'."""
    for k in range(200):
        store.submit_vote("poll", "naam-nieuw-park", ("a",), f"many-{k:06d}-abcd")
    store.submit_vote("poll", "naam-nieuw-park", ("b",), "one-token-000001")
    from budgetschuiver.kernel import i18n
    from budgetschuiver.kernel.pages.common import results_list

    rows = [("A", 200, 200 / 201), ("B", 1, 1 / 201)]
    text = str(results_list(rows, 201, "nl"))
    assert "B: < 1% (1 stem)" in text and "A: > 99% (200 stemmen)" in text
    assert i18n.format_share(1 / 200, "nl") == "1%"


def test_hon004_who_took_part_compares_like_with_like(client, store, catalog, accounts):  # noqa: F811
    """Class: participant shares divided by everyone including "niet ingevuld",
    set against population shares that sum to 100%: every group looks
    under-represented. Shares are among those who answered, with intervals, and
    the unknown part is stated apart."""
    # 40 in Escamp, 40 in Laak, 20 without a district: among those who answered,
    # Escamp is 50%, not 40%.
    seed(store, PARK, park_budgets(catalog, 40), districts=["escamp"] * 40)
    seed(store, PARK, park_budgets(catalog, 40), districts=["laak"] * 40)
    seed(store, PARK, park_budgets(catalog, 20))
    _log_in(client)
    shown = _call(client, "db-overview.children", {"db-lang": "nl"})
    assert "Deelnemers die dit invulden" in shown
    # Escamp: its share among the 80 who answered, the interval, the population.
    assert "Escamp | 50% | 39% – 61% | 23%" in shown
    assert "20 deelnemers (20% van alle deelnemers) vulden dit niet in" in shown
    assert "Niet ingevuld" not in shown


def test_hon005_weighted_headline_states_the_n_it_uses(
    client,
    store,
    catalog,
    accounts,  # noqa: F811
):
    """Class: a headline n that is not the n behind the figures. Weighted, the
    caption gives the ballots the weights rest on and the effective n."""
    seed(store, PARK, park_budgets(catalog, 30), districts=["escamp"] * 30)
    seed(store, PARK, park_budgets(catalog, 15))  # no district or age band
    _log_in(client)
    shown = _call(
        client,
        "db-budget.children",
        {"db-lang": "nl", "db-project": PARK, "db-weighted": True},
    )
    assert "n = 30 gewogen (van 45) · effectieve n = 30" in shown
    assert "15 deelnemers zonder stadsdeel of leeftijd tellen niet mee" in shown
    plain = _call(client, "db-budget.children", {"db-lang": "nl", "db-project": PARK})
    assert "n = 45" in plain and "gewogen (van" not in plain


def test_hon006_city_budget_aggregates_keep_the_law_and_explain_their_total(
    client,
    store,
    catalog,
    settings,
    accounts,  # noqa: F811
):
    """Class: an aggregate that moves a locked line, and a total shown without a
    reason (the city budget: "Verdeeld totaal" beside "Te verdelen")."""
    from budgetschuiver.seeding import seed_budgets

    city = catalog.find("budget", "begroting-2027")
    seed_budgets(city, store, settings.data_dir, 60, seed=4, synthetic=False)
    data = client.get(
        "/api/v1/projects/begroting-2027/results", headers=basic("adviseur")
    ).get_json()
    for name in ("mean", "independent_markets", "welfare"):
        assert data["aggregates"][name]["social-benefits"] == 620_000_000
    _log_in(client)
    shown = _call(
        client, "db-budget.children", {"db-lang": "nl", "db-project": "begroting-2027"}
    )
    assert "evenveel als de gemiddelde inzending: te verdelen € 2.060.000.000" in shown
    assert "Vastgelegde posten (Uitkeringen" in shown


def test_hon007_slides_name_only_what_the_data_support(
    client,
    store,
    catalog,
    accounts,  # noqa: F811
):
    """Class: headlines made of noise (the field report: 'minder geld voor Bomen en
    groen −€ 1.500', one step on € 540.000 with 49% raising and 50% lowering it)."""
    plan = catalog.find("budget", PARK).plan_allocation()
    split = [plan | {"trees": plan["trees"] + 1500}] * 49 + [
        plan | {"trees": plan["trees"] - 1500, "benches": plan["benches"] + 1250}
    ] * 50
    seed(store, PARK, split)
    _log_in(client)
    slide = {"db-lang": "nl", "db-present-project": PARK}
    output = "..db-present-slide.children...db-present-status.children.."
    for step in (2, 3, 5):  # raised, lowered, contested
        shown = _call(client, output, slide | {"db-present-step": step})
        assert "Geen duidelijke verschuiving." in shown
        assert "Alleen posten waarbij" in shown  # the rule is on the slide
        assert "Bomen" not in shown


def test_hon008_a_clear_shift_shows_its_size_interval_and_shares(
    client,
    store,
    catalog,
    accounts,  # noqa: F811
):
    plan = catalog.find("budget", PARK).plan_allocation()
    # 80% put € 45.000 more into trees and € 37.500 less into benches.
    more = plan | {"trees": plan["trees"] + 45_000, "benches": plan["benches"] - 37_500}
    seed(store, PARK, [more] * 40 + [plan] * 10)
    _log_in(client)
    shown = _call(
        client,
        "..db-present-slide.children...db-present-status.children..",
        {"db-lang": "nl", "db-present-project": PARK, "db-present-step": 2},
    )
    assert "Bomen" in shown and "gemiddeld € 36.000 meer dan het plan" in shown
    assert "80% wil meer, 0% minder, 20% laat het zo" in shown
    assert "+€" not in shown and "+ €" not in shown


def test_hon009_dates_people_read_are_den_haag_days(client, store, catalog, accounts):  # noqa: F811
    """Class: dates taken from UTC (a ballot at 00:30 Den Haag time on 29 November
    shown as 28 November) and exported times without an offset."""
    import datetime as dt

    from budgetschuiver.kernel import i18n

    late = dt.datetime(2026, 11, 28, 23, 30, tzinfo=dt.UTC)  # 00:30 in Den Haag
    plan = catalog.find("budget", PARK).plan_allocation()
    store.insert_synthetic_budgets(
        PARK,
        [{"allocation": plan, "at": late, "comment": "Laat op de avond"}] * 12,
        synthetic=False,
    )
    raw = client.get(
        f"/api/v1/projects/{PARK}/export.csv?content=submissions",
        headers=basic("beheer"),
    ).data.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(raw)))
    assert {row["updated_at"] for row in table} == {"2026-11-29T00:30:00+01:00"}
    _log_in(client)
    shown = _call(client, "db-comments.children", {"db-lang": "nl", "db-project": PARK})
    assert "29 november 2026" in shown and "28 november" not in shown
    assert i18n.format_moment_date(late.replace(tzinfo=None), "nl") == (
        "29 november 2026"
    )
    summer = dt.datetime(2026, 7, 1, 22, 15, tzinfo=dt.UTC)  # 00:15 on 2 July
    assert i18n.format_moment_date(summer, "en") == "2 July 2026"

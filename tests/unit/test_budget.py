"""The pure budget rules: balance, grading, consequences, tax, validation, sharing."""

from __future__ import annotations

import json
import math

import pytest

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.settings import REPO_ROOT

VECTORS = json.loads(
    (REPO_ROOT / "tests" / "vectors" / "budget_rules.json").read_text(encoding="utf-8")
)


def with_rule(project: BudgetProject, **changes) -> BudgetProject:
    return BudgetProject.model_validate(project.model_dump() | changes)


def test_bsch001_plan_is_balanced(park, city):
    for project in (park, city):
        bal = budget.balance(project, project.plan_allocation())
        assert budget.rule_satisfied(project, bal)


def test_bsch002_balance_counts_revenue_up_and_spending_down(city):
    allocation = city.plan_allocation()
    allocation["ozb"] += 5_000_000
    allocation["culture"] += 2_000_000
    assert budget.balance(city, allocation) == 3_000_000


@pytest.mark.parametrize(
    ("trees_delta", "lang", "code", "ok", "message"),
    [
        (0, "nl", "exact", True, "Precies in balans."),
        (
            -4_500,
            "nl",
            "within_surplus",
            True,
            "In balans: € 4.500 over, binnen de marge.",
        ),
        (
            9_000,
            "en",
            "within_deficit",
            True,
            "Balanced: €9,000 short, within the margin.",
        ),
        (-40_500, "nl", "surplus", False, "Nog € 40.500 te verdelen."),
        (
            -21_000,
            "nl",
            "near_surplus",
            False,
            "Bijna in balans: nog € 21.000 te verdelen.",
        ),
        (120_000, "nl", "deficit", False, "U komt € 120.000 tekort."),
        (120_000, "en", "deficit", False, "You are €120,000 short."),
        (
            19_500,
            "nl",
            "near_deficit",
            False,
            "Bijna in balans: u komt € 19.500 tekort.",
        ),
    ],
)
def test_bsch003_graded_messages_state_the_amount(
    park, trees_delta, lang, code, ok, message
):
    allocation = park.plan_allocation()
    allocation["trees"] += trees_delta
    state = budget.balance_state(park, budget.balance(park, allocation))
    assert (state.code, state.ok, state.message(lang)) == (code, ok, message)
    assert state.tone in {"ok", "warning", "danger"}


def test_bsch004_no_deficit_allows_money_left(park):
    loose = with_rule(park, balance_rule="no_deficit", tolerance=0)
    allocation = park.plan_allocation() | {"trees": park.line("trees").plan - 150_000}
    state = budget.balance_state(loose, budget.balance(loose, allocation))
    assert state.ok and state.code == "surplus_allowed"
    assert state.message("nl").startswith("€ 150.000 over.")
    allocation["trees"] += 151_500
    assert not budget.balance_state(loose, budget.balance(loose, allocation)).ok


def test_bsch005_free_rule_always_ok_and_shows_tax(city):
    free = with_rule(city, balance_rule="free")
    allocation = city.plan_allocation() | {
        "culture": city.line("culture").plan + 10_000_000
    }
    state = budget.balance_state(free, budget.balance(free, allocation))
    assert state.ok and state.code == "free_deficit" and state.amount == 10_000_000
    # €10m more spending covered by OZB on a €350,000 home: 10e6 * 350e3 / 100e9
    impact = budget.personal_impact(free, allocation, 350_000)
    assert impact == pytest.approx(35.0)
    assert budget.tax_message(impact, "nl") == "Voor uw huis: € 35 per jaar meer."


@pytest.mark.parametrize(
    ("line", "value", "lang", "text"),
    [
        ("trees", 540_000 - 18 * 1_500, "nl", "18 bomen minder dan gepland"),
        ("trees", 540_000 + 1_500, "nl", "1 boom meer dan gepland"),
        ("trees", 540_000 + 3_000, "en", "2 trees more than planned"),
        ("trees", 540_000, "nl", "Zoals gepland"),
        ("maintenance", 180_000, "nl", "Maaien 6x per jaar in plaats van 10x"),
        ("maintenance", 180_000, "en", "Mowing 6 times a year instead of 10"),
        ("play", 70_000, "nl", "10 speeltoestellen minder dan gepland"),
        ("drainage", 150_000, "nl", ""),
    ],
)
def test_bsch006_consequences_in_words_and_units(park, line, value, lang, text):
    assert budget.consequence(park.line(line), value, lang) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (150_000, "Alleen zieke bomen worden vervangen."),
        (449_999 // 1_500 * 1_500, "Alleen zieke bomen worden vervangen."),
        (450_000, "Er komt een nieuwe bomenlaan langs de vijver."),
        (900_000, "Ook een klein stadsbos bij de ingang."),
    ],
)
def test_bsch007_threshold_text_changes_at_service_levels(park, value, text):
    assert budget.threshold_text(park.line("trees"), value, "nl") == text


@pytest.mark.parametrize(
    ("changes", "woz", "expected"),
    [
        ({}, 350_000, 0.0),
        ({"ozb": 95_000_000}, 350_000, 17.5),  # €5m more OZB over €100bn of homes
        ({"ozb": 80_000_000}, 200_000, -20.0),
        ({"waste-levy": 97_900_000}, 350_000, 10.0),  # €2.9m over 290,000 households
        ({"parking": 150_000_000}, 350_000, 0.0),  # not passed on to a household
        ({"ozb": 95_000_000}, 0, 0.0),
        ({"ozb": 95_000_000}, -5, 0.0),
        ({"ozb": 95_000_000}, math.nan, 0.0),
    ],
)
def test_bsch008_personal_tax_impact(city, changes, woz, expected):
    allocation = city.plan_allocation() | changes
    assert budget.personal_impact(city, allocation, woz) == pytest.approx(expected)


def test_bsch009_tax_message_both_ways(city):
    assert budget.tax_message(17.5, "nl") == "Voor uw huis: € 18 per jaar meer."
    assert budget.tax_message(-20.0, "en") == "For your home: €20 a year less."
    assert budget.tax_message(0.4, "nl") == "Voor uw huis: geen verschil per jaar."


def _plan(project):
    return project.plan_allocation()


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda a: a | {"trees": 540_001}, "off_grid", "allocation.trees"),
        (
            lambda a: a | {"trees": 149_999 // 1_500 * 1_500},
            "out_of_range",
            "allocation.trees",
        ),
        (lambda a: a | {"trees": 901_500}, "out_of_range", "allocation.trees"),
        (lambda a: a | {"trees": -1_500}, "out_of_range", "allocation.trees"),
        (lambda a: a | {"trees": math.nan}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": math.inf}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": "540000"}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": True}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": None}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": 540_000.5}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": 10**30}, "not_a_number", "allocation.trees"),
        (lambda a: a | {"trees": [540_000]}, "not_a_number", "allocation.trees"),
        (
            lambda a: a | {"swimming-pool": 0},
            "unknown_line",
            "allocation.swimming-pool",
        ),
        (
            lambda a: {k: v for k, v in a.items() if k != "play"},
            "missing_line",
            "allocation.play",
        ),
        (lambda a: a | {"drainage": 0}, "locked", "allocation.drainage"),
        (lambda a: a | {"trees": 540_000 + 30 * 1_500}, "unbalanced", "allocation"),
        (lambda a: list(a.values()), "invalid_type", "allocation"),
        (lambda a: None, "invalid_type", "allocation"),
    ],
)
def test_bsch010_every_invalid_allocation_is_refused(park, mutate, code, field):
    clean, problems = budget.validate_allocation(park, mutate(_plan(park)))
    assert clean is None
    assert (problems[0].code, problems[0].field) == (code, field)
    for lang in ("nl", "en"):
        assert problems[0].message(lang)


def test_bsch011_valid_allocation_accepts_integral_floats(park):
    allocation = {k: float(v) for k, v in _plan(park).items()}
    clean, problems = budget.validate_allocation(park, allocation)
    assert problems == [] and clean == _plan(park)
    assert all(type(v) is int for v in clean.values())


def test_bsch012_unbalanced_message_explains(park):
    allocation = _plan(park) | {"trees": 540_000 + 30 * 1_500}
    _, problems = budget.validate_allocation(park, allocation)
    assert problems[0].message("nl") == (
        "Uw begroting is nog niet in balans. U komt € 45.000 tekort."
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"token": "short"}, "invalid_token"),
        ({"token": "x" * 129}, "invalid_token"),
        ({"token": 1234567890123456789}, "invalid_token"),
        ({"token": "bad\x00token-123456789"}, "invalid_token"),
        ({"district": "amsterdam"}, "invalid_district"),
        ({"district": 3}, "invalid_district"),
        ({"age_band": "12-14"}, "invalid_age_band"),
        ({"comment": "x" * 1001}, "too_long"),
        ({"comment": {"html": "<b>"}}, "invalid_comment"),
        ({"name": "Jan Jansen"}, "unknown_field"),
        ({"email": "jan@example.org"}, "unknown_field"),
    ],
)
def test_bsch013_submission_fields_checked(park, body, code):
    full = {"allocation": _plan(park), "token": "t" * 32} | body
    ballot, problems = budget.validate_submission(park, full)
    assert ballot is None
    assert code in {problem.code for problem in problems}


def test_bsch014_submission_cleans_text(park):
    ballot, problems = budget.validate_submission(
        park,
        {
            "allocation": _plan(park),
            "token": "t" * 32,
            "district": "laak",
            "age_band": "30-44",
            "comment": "  Meer bomen!\x07\r\nGraag.  ",
        },
    )
    assert problems == []
    assert ballot.comment == "Meer bomen!\nGraag."
    assert (ballot.district, ballot.age_band) == ("laak", "30-44")


def test_bsch015_empty_demographics_mean_not_given(park):
    ballot, _ = budget.validate_submission(
        park,
        {
            "allocation": _plan(park),
            "token": "t" * 32,
            "district": "",
            "age_band": None,
        },
    )
    assert (ballot.district, ballot.age_band, ballot.comment) == (None, None, None)


def test_bsch016_share_code_round_trip(park, city):
    for project in (park, city):
        allocation = project.plan_allocation()
        for line in project.lines:
            if not line.locked:
                allocation[line.id] = line.top
        code = budget.encode_share(project, allocation)
        assert budget.decode_share(project, code) == allocation
    assert budget.encode_share(park, park.plan_allocation()) == ""
    assert budget.decode_share(park, "") == park.plan_allocation()


@pytest.mark.parametrize(
    "code",
    [
        "nope",
        "trees",
        "trees:",
        "trees:zzzz",
        "drainage:1",
        "x:1",
        "trees:-1",
        "trees:1.5",
        "trees:" + "1" * 13,
        12,
        None,
        "a" * 2001,
    ],
)
def test_bsch017_bad_share_codes_are_rejected(park, code):
    assert budget.decode_share(park, code) is None


def test_bsch018_snap_to_grid(park):
    trees = park.line("trees")
    assert budget.snap(trees, 540_700) == 540_000
    assert budget.snap(trees, 540_750) == 541_500
    assert budget.snap(trees, -10) == trees.min
    assert budget.snap(trees, 10**9) == trees.top


def _project(name):
    return BudgetProject.model_validate(VECTORS["projects"][name])


@pytest.mark.parametrize("index", range(len(VECTORS["cases"])))
def test_bsch019_shared_vectors_python(index):
    case = VECTORS["cases"][index]
    project = _project(case["project"])
    lang, allocation, expect = case["lang"], case["allocation"], case["expect"]
    bal = budget.balance(project, allocation)
    state = budget.balance_state(project, bal)
    assert bal == expect["balance"]
    assert (state.code, state.amount, state.ok, state.tone) == (
        expect["state"],
        expect["amount"],
        expect["ok"],
        expect["tone"],
    )
    assert state.message(lang) == expect["message"]
    for line in project.lines:
        assert (
            budget.consequence(line, allocation[line.id], lang)
            == expect["consequences"][line.id]
        )
        assert (
            budget.threshold_text(line, allocation[line.id], lang)
            == expect["levels"][line.id]
        )
    impact = budget.personal_impact(project, allocation, case["woz"])
    assert impact == pytest.approx(expect["impact"], rel=1e-12, abs=1e-9)
    assert budget.encode_share(project, allocation) == expect["share"]


def test_bsch020_shared_vectors_formatting():
    for item in VECTORS["formats"]:
        assert i18n.format_number(item["value"], item["lang"]) == item["number"]
        assert i18n.format_euro(item["value"], item["lang"]) == item["euro"]
    park = _project("park")
    for item in VECTORS["snaps"]:
        assert budget.snap(park.line(item["line"]), item["value"]) == item["expect"]


def test_bsch021_vectors_cover_every_state():
    states = {case["expect"]["state"] for case in VECTORS["cases"]}
    assert states >= {
        "exact",
        "within_surplus",
        "within_deficit",
        "surplus",
        "near_surplus",
        "surplus_allowed",
        "deficit",
        "near_deficit",
        "free_surplus",
        "free_deficit",
        "free_exact",
    }

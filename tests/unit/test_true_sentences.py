"""Every generated sentence is true at its edges, and demo texts agree with their
own dates and rules (budget.py sentences, data/)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pytest

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog

CATALOG = load_catalog(REPO_ROOT / "data")
PROJECTS = list(CATALOG.of("budget").values())


def with_changes(project: BudgetProject, **changes) -> BudgetProject:
    return BudgetProject.model_validate(project.model_dump() | changes)


def edge_values(line) -> list[int]:
    steps = [
        line.min,
        line.top,
        line.plan,
        line.plan + line.step,
        line.plan - line.step,
    ]
    return sorted({v for v in steps if line.min <= v <= line.top})


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.id)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_tru001_consequences_are_true_at_plan_bounds_and_one_step(project, lang):
    """Class: sentences that contradict themselves at an edge ('10x instead of
    10x' at the plan, 'as planned' for an amount that differs, '1 trees')."""
    same = i18n.t("consequence.same", lang)
    for line in project.lines:
        rule = line.consequence
        if rule is None:
            continue
        for value in edge_values(line):
            text = budget.consequence(line, value, lang)
            if value == line.plan:
                if rule.level_text is None:
                    assert text == same
                else:
                    number = i18n.format_number(value / rule.unit_cost, lang)
                    assert text.count(number) <= 1, text
            else:
                assert text != same, (line.id, value)
            if rule.level_text is None and value != line.plan:
                count = abs(value - line.plan) / rule.unit_cost
                if i18n.round_half_away(count) == 1:
                    assert f"1 {rule.unit.one.get(lang)} " in text, text


def test_tru002_less_than_one_unit_from_the_plan_is_not_as_planned():
    park = CATALOG.find("budget", "park-zuiderpark")
    line = park.line("play").model_copy(update={"step": 5000, "min": 70000})
    assert budget.consequence(line, 425_000, "nl") == (
        "Minder dan 1 speeltoestel meer dan gepland"
    )
    assert budget.consequence(line, 415_000, "en") == (
        "Less than 1 play unit fewer than planned"
    )


def test_tru003_mowing_at_the_plan_says_as_planned():
    park = CATALOG.find("budget", "park-zuiderpark")
    mowing = park.line("maintenance")
    assert budget.consequence(mowing, 300_000, "nl") == (
        "Maaien 10x per jaar, zoals gepland"
    )
    assert budget.consequence(mowing, 330_000, "nl") == (
        "Maaien 11x per jaar in plaats van 10x"
    )
    bare = mowing.model_copy(
        update={
            "consequence": mowing.consequence.model_copy(
                update={"level_text_at_plan": None}
            )
        }
    )
    assert budget.consequence(bare, 300_000, "en") == "As planned"


def test_tru004_the_balance_rule_matches_the_trajectory():
    """Class: a rule sentence naming what the trajectory has not (income lines, a
    margin of € 0)."""
    park = CATALOG.find("budget", "park-zuiderpark")
    city = CATALOG.find("budget", "begroting-2027")
    assert budget.rule_sentence(park, "nl") == (
        "U verdeelt het hele bedrag (marge € 10.000)."
    )
    assert "inkomsten" in budget.rule_sentence(city, "nl")
    exact = with_changes(park, tolerance=0)
    assert budget.rule_sentence(exact, "nl") == "U verdeelt precies het hele bedrag."
    for project in PROJECTS:
        for lang in i18n.LANGUAGES:
            assert "€ 0)" not in budget.rule_sentence(project, lang)
            assert "€0)" not in budget.rule_sentence(project, lang)


MONTHS = {
    name.lower(): number
    for names in i18n.MONTHS.values()
    for number, name in enumerate(names, start=1)
}
# The last month of a season, for "voorjaar van 2028" or "spring 2028".
SEASONS = {
    "voorjaar": 5,
    "lente": 5,
    "spring": 5,
    "zomer": 8,
    "summer": 8,
    "najaar": 11,
    "herfst": 11,
    "autumn": 11,
    "winter": 12,
}
DATED = re.compile(
    r"\b(" + "|".join(list(MONTHS) + list(SEASONS)) + r")(?: van)? (\d{4})\b",
    re.IGNORECASE,
)


def mentioned_periods(text: str) -> list[tuple[str, dt.date]]:
    """Each dated period a text names, with its last day."""
    out = []
    for word, year in DATED.findall(text):
        month = MONTHS.get(word.lower()) or SEASONS[word.lower()]
        last = calendar.monthrange(int(year), month)[1]
        out.append((f"{word} {year}", dt.date(int(year), month, last)))
    return out


def all_trajectories():
    return [
        *CATALOG.of("budget").values(),
        *CATALOG.of("poll").values(),
        *CATALOG.of("moodboard").values(),
    ]


@pytest.mark.parametrize("item", all_trajectories(), ids=lambda i: i.id)
def test_tru005_demo_texts_agree_with_their_dates(item):
    """Class: texts promising results before the trajectory closes ('in maart
    2027' for a trajectory open until the end of 2027)."""
    for lang in i18n.LANGUAGES:
        text = item.what_we_do.get(lang) if item.what_we_do else ""
        for name, last_day in mentioned_periods(text):
            assert last_day > item.closes, f"{item.id} ({lang}): {name}"


def test_tru006_the_date_check_finds_the_field_report():
    found = mentioned_periods("In maart 2027 laten we zien. In spring 2028 more.")
    assert found == [
        ("maart 2027", dt.date(2027, 3, 31)),
        ("spring 2028", dt.date(2028, 5, 31)),
    ]

"""Typed amounts: what residents type is read in Dutch and English notation, then
put on the nearest allowed amount, and the page says what happened (budget.py,
budget_rules.js; README "Typed input")."""

from __future__ import annotations

import json

import pytest

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.settings import REPO_ROOT

VECTORS = json.loads(
    (REPO_ROOT / "tests" / "vectors" / "budget_rules.json").read_text(encoding="utf-8")
)
PARK = BudgetProject.model_validate(VECTORS["projects"]["park"])


@pytest.mark.parametrize("item", VECTORS["amounts"], ids=lambda i: repr(i["text"]))
def test_tamt001_shared_amount_vectors_python(item):
    """Class: typed amounts lost or misread (off the grid, out of range, grouped
    the Dutch or English way, with a euro sign, words or spaces)."""
    assert budget.parse_amount(item["text"]) == item["parsed"]
    for line in PARK.lines:
        reading = budget.read_amount(line, item["text"])
        expect = item["lines"][line.id]
        assert (reading.value, reading.code) == (expect["value"], expect["code"])
        for lang in i18n.LANGUAGES:
            message = budget.amount_message(line, reading, line.plan, lang)
            assert message == expect["message"][lang]


@pytest.mark.parametrize(
    ("line_id", "text", "value", "code", "message"),
    [
        (
            "play",
            "500000",
            490_000,
            "rounded",
            "Afgerond naar € 490.000: bedragen gaan in stappen van € 35.000.",
        ),
        ("trees", "600.000", 600_000, "ok", ""),
        ("trees", "€ 600.000,-", 600_000, "ok", ""),
        ("trees", "600,000", 600_000, "ok", ""),
        (
            "trees",
            "2 miljoen",
            900_000,
            "at_max",
            "Het grootste bedrag is € 900.000. Dat staat er nu.",
        ),
        (
            "benches",
            "-1",
            0,
            "at_min",
            "Het kleinste bedrag is € 0. Dat staat er nu.",
        ),
        (
            "play",
            "veel",
            None,
            "unreadable",
            (
                "Dit bedrag kunnen we niet lezen. Typ een bedrag in cijfers, "
                "bijvoorbeeld 420.000. Het bedrag blijft € 420.000."
            ),
        ),
    ],
)
def test_tamt002_field_report_examples(line_id, text, value, code, message):
    line = PARK.line(line_id)
    reading = budget.read_amount(line, text)
    assert (reading.value, reading.code) == (value, code)
    assert budget.amount_message(line, reading, line.plan, "nl") == message


def test_tamt003_every_amount_the_page_shows_reads_back_unchanged():
    """Class: the page's own display of an amount is not accepted back as typed."""
    for line in PARK.lines:
        for k in range(0, (line.top - line.min) // line.step + 1):
            value = line.min + k * line.step
            for lang in i18n.LANGUAGES:
                for shown in (
                    i18n.format_number(value, lang),
                    i18n.format_euro(value, lang),
                ):
                    assert budget.read_amount(line, shown) == budget.AmountReading(
                        value, "ok"
                    ), shown

"""Regenerate budget_rules.json: shared test vectors for budget.py and budget_rules.js.

Run `python -m tests.vectors.generate` after a deliberate rule change, review the diff,
and commit both. The Python tests and the browser tests then check both copies.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import yaml

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data" / "projects"


def _projects() -> dict[str, dict]:
    park = yaml.safe_load((DATA / "park-zuiderpark.yaml").read_text(encoding="utf-8"))
    city = yaml.safe_load((DATA / "begroting-2027.yaml").read_text(encoding="utf-8"))
    park_loose = copy.deepcopy(park) | {
        "id": "park-loose",
        "balance_rule": "no_deficit",
    }
    city_free = copy.deepcopy(city) | {"id": "city-free", "balance_rule": "free"}
    return {
        "park": park,
        "city": city,
        "park-loose": park_loose,
        "city-free": city_free,
    }


def _allocations(project: BudgetProject, rng: random.Random) -> list[dict[str, int]]:
    plan = project.plan_allocation()
    out = [plan]
    for line in project.lines:
        if line.locked:
            continue
        for value in (line.min, line.top, line.plan + line.step):
            if line.min <= value <= line.top:
                out.append(plan | {line.id: value})
    for _ in range(8):
        random_allocation = {
            line.id: line.plan
            if line.locked
            else line.min
            + rng.randint(0, (line.top - line.min) // line.step) * line.step
            for line in project.lines
        }
        out.append(random_allocation)
    return out


def build() -> dict:
    rng = random.Random(20261128)
    projects = _projects()
    cases = []
    for name, raw in projects.items():
        project = BudgetProject.model_validate(raw)
        for allocation in _allocations(project, rng):
            for lang in i18n.LANGUAGES:
                woz = rng.choice([0, 185000, 350000, 1250000])
                bal = budget.balance(project, allocation)
                state = budget.balance_state(project, bal)
                impact = budget.personal_impact(project, allocation, woz)
                cases.append(
                    {
                        "project": name,
                        "lang": lang,
                        "allocation": allocation,
                        "woz": woz,
                        "expect": {
                            "balance": bal,
                            "state": state.code,
                            "amount": state.amount,
                            "ok": state.ok,
                            "tone": state.tone,
                            "message": state.message(lang),
                            "consequences": {
                                ln.id: budget.consequence(ln, allocation[ln.id], lang)
                                for ln in project.lines
                            },
                            "levels": {
                                ln.id: budget.threshold_text(
                                    ln, allocation[ln.id], lang
                                )
                                for ln in project.lines
                            },
                            "impact": impact,
                            "tax_message": budget.tax_message(impact, lang)
                            if project.tax
                            else "",
                            "share": budget.encode_share(project, allocation),
                        },
                    }
                )
    numbers = [
        0,
        1,
        -1,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        999,
        1000,
        1234.49,
        1234.5,
        40000,
        -120000,
        2060000000,
        123456789012,
    ]
    formats = [
        {
            "value": value,
            "lang": lang,
            "number": i18n.format_number(value, lang),
            "euro": i18n.format_euro(value, lang),
        }
        for value in numbers
        for lang in i18n.LANGUAGES
    ]
    park = BudgetProject.model_validate(projects["park"])
    snaps = [
        {
            "project": "park",
            "line": line.id,
            "value": value,
            "expect": budget.snap(line, value),
        }
        for line in park.lines
        for value in (
            line.min - 10**6,
            line.min,
            line.plan + line.step / 2 - 1,
            line.plan + line.step / 2,
            line.top + 1,
            line.top * 3,
        )
    ]
    return {
        "amounts": _amounts(park),
        "about": "Shared vectors for budget.py and assets/03-app/budget_rules.js; "
        "regenerate with python -m tests.vectors.generate",
        "projects": projects,
        "cases": cases,
        "formats": formats,
        "snaps": snaps,
    }


# What residents type into an amount field, in both notations, with every outcome.
TYPED = (
    "500000",
    "490000",
    "600.000",
    "600,000",
    "€ 490.000",
    "€490,000",
    "€ 490.000,-",
    "490.000,00",
    "490,000.00",
    "490 000",
    "490\u00a0000",
    "1.234.567",
    "1,5 miljoen",
    "0,5 mln",
    "2.5m",
    "35k",
    "420 duizend",
    "490.000 euro",
    "EUR 35000",
    "12,50",
    "1.5",
    "0",
    "-35.000",
    "\u2212 5",
    "   ",
    "",
    "abc",
    "1,2,3",
    "1.000,000.5",
    "49.0000",
    "4.90.000",
    ",5",
    "5.",
    "1e5",
    "0x10",
    "٣٥",
    "35 .000",
    "9" * 41,
)


def _amounts(park: BudgetProject) -> list[dict]:
    """Typed text -> parsed number, and per park line the amount and message."""
    out = []
    for text in TYPED:
        lines = {}
        for line in park.lines:
            reading = budget.read_amount(line, text)
            lines[line.id] = {
                "value": reading.value,
                "code": reading.code,
                "message": {
                    lang: budget.amount_message(line, reading, line.plan, lang)
                    for lang in i18n.LANGUAGES
                },
            }
        out.append({"text": text, "parsed": budget.parse_amount(text), "lines": lines})
    return out


if __name__ == "__main__":
    target = HERE / "budget_rules.json"
    target.write_text(
        json.dumps(build(), ensure_ascii=False, separators=(",", ":"), default=str)
        + "\n"
    )
    print(f"wrote {target}")

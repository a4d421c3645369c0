"""Pure budget rules: the authority on balance, bounds, steps, consequences and tax.

No Dash, no database. The browser runs a copy of these rules for instant feedback
(assets/03-app/budget_rules.js); tests/vectors/budget_rules.json holds the shared
test vectors both must pass, and the server always recomputes on submit.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Mapping
from typing import Any

from budgetschuiver.budgets.model import BudgetProject, Line
from budgetschuiver.kernel import i18n, validation
from budgetschuiver.kernel.problems import Money, Problem

# A ballot's comment is free text from a resident: bounded, and never interpreted.
MAX_COMMENT_CHARS = 1000

# "Bijna in balans" when the gap is at most this share of the total.
NEAR_SHARE = 0.01


@dataclasses.dataclass(frozen=True)
class BalanceState:
    """Where the balance stands: a code for colour/logic, and whether it may be sent."""

    code: str
    amount: int
    ok: bool
    tone: str  # "ok", "warning" or "danger": colour is never the only signal

    def message(self, lang: str) -> str:
        return i18n.t(
            "balance." + self.code, lang, amount=i18n.format_euro(self.amount, lang)
        )

    localized = message


def on_grid(line: Line, value: int) -> bool:
    return line.min <= value <= line.top and (value - line.min) % line.step == 0


def snap(line: Line, value: float) -> int:
    """The allowed value nearest to `value` (for typed input)."""
    if not math.isfinite(value):
        return line.plan
    k = i18n.round_half_away((value - line.min) / line.step)
    return min(max(line.min + k * line.step, line.min), line.top)


# Typed amounts (README, "Typed input"). Separators: "." and "," group thousands or
# mark decimals, as the digits after them say; spaces group thousands.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY = re.compile(r"^(?:€|eur(?:o)?)\s*|\s*(?:€|eur(?:o)?)$", re.IGNORECASE)
_NO_CENTS = re.compile(r"[.,]-{1,2}$")
_MULTIPLIERS = (
    (re.compile(r"\s*(?:mld|miljard|billion|bn)$", re.IGNORECASE), 10**9),
    (re.compile(r"\s*(?:mln|miljoen|million|m)$", re.IGNORECASE), 10**6),
    (re.compile(r"\s*(?:k|duizend|thousand)$", re.IGNORECASE), 10**3),
)
_GROUPED = re.compile(r"^[0-9]{1,3}(?:[.,][0-9]{3})*$")
MAX_TYPED_CHARS = 40


@dataclasses.dataclass(frozen=True)
class AmountReading:
    """What a typed amount became: `value` in euros (None when unreadable) and
    `code`: "ok", "rounded" (to the step grid), "at_min", "at_max", "unreadable"."""

    value: int | None
    code: str


def parse_amount(text: object) -> float | None:
    """A typed amount in euros, or None when it cannot be read.

    Accepts Dutch and English notation: '600.000', '600,000', '€ 1.234.567,50',
    '1,5 miljoen', '2.5m', '35k', '490 000', '€ 490.000,-', a leading minus. One
    separator followed by exactly three digits groups thousands (both notations
    write '600.000' or '600,000'); otherwise it marks decimals ('1,5', '12.50').
    With both separators the last one marks decimals. budget_rules.js has the same
    rule (parseAmount), checked against tests/vectors/budget_rules.json.
    """
    if not isinstance(text, str) or len(text) > MAX_TYPED_CHARS:
        return None
    rest = text.replace("\u2212", "-").strip()
    sign = 1
    if rest.startswith("-"):
        sign, rest = -1, rest[1:].strip()
    rest = _NO_CENTS.sub("", _CURRENCY.sub("", rest).strip()).strip()
    if rest.startswith("-") and sign == 1:
        sign, rest = -1, rest[1:].strip()
    multiplier = 1
    for pattern, factor in _MULTIPLIERS:
        if pattern.search(rest):
            multiplier, rest = factor, pattern.sub("", rest)
            break
    grouped_by_space = _SPACES.search(rest) is not None
    rest = _SPACES.sub(" ", rest.strip())
    if grouped_by_space:
        if not re.fullmatch(r"[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?", rest):
            return None
        rest = rest.replace(" ", "")
        head, sep, tail = rest.partition("," if "," in rest else ".")
        return _number(head, tail, multiplier, sign) if head.isdigit() else None
    if not re.fullmatch(r"[0-9][0-9.,]*", rest) or rest[-1] in ".,":
        return None
    last = max(rest.rfind("."), rest.rfind(","))
    if last < 0:
        return _number(rest, "", multiplier, sign)
    decimal_sep = rest[last]
    other = "," if decimal_sep == "." else "."
    head, tail = rest[:last], rest[last + 1 :]
    if other in rest:
        decimal = True
    elif rest.count(decimal_sep) > 1:
        decimal = False
    else:
        decimal = multiplier != 1 or len(tail) != 3
    if not decimal:
        if not _GROUPED.fullmatch(rest):
            return None
        return _number(rest.replace(decimal_sep, ""), "", multiplier, sign)
    if decimal_sep in head or not (head.isdigit() or _GROUPED.fullmatch(head)):
        return None
    return _number(head.replace(other, ""), tail, multiplier, sign)


def _number(whole: str, fraction: str, multiplier: int, sign: int) -> float | None:
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    value = sign * float(whole + "." + (fraction or "0")) * multiplier
    return value if abs(value) <= 10**15 else None


def read_amount(line: Line, text: object) -> AmountReading:
    """A typed amount for `line`: parsed (`parse_amount`), then the nearest allowed
    amount: a bound when outside them, else the nearest step (halves away from
    zero, as `snap`)."""
    value = parse_amount(text)
    if value is None:
        return AmountReading(None, "unreadable")
    if value < line.min:
        return AmountReading(line.min, "at_min")
    if value > line.top:
        return AmountReading(line.top, "at_max")
    snapped = snap(line, value)
    return AmountReading(snapped, "ok" if snapped == value else "rounded")


def amount_message(line: Line, reading: AmountReading, current: int, lang: str) -> str:
    """What the page says under the field after a typed amount ('' when it was
    taken as typed); `current` is the amount kept when it could not be read."""
    if reading.code == "ok":
        return ""
    return i18n.t(
        "amount." + reading.code,
        lang,
        amount=i18n.format_euro(
            current if reading.value is None else reading.value, lang
        ),
        step=i18n.format_euro(line.step, lang),
        example=i18n.format_number(line.plan, lang),
    )


def balance(project: BudgetProject, allocation: Mapping[str, int]) -> int:
    """total + revenue - spending, in euros: positive is money left."""
    result = project.total
    for line in project.lines:
        value = allocation[line.id]
        result += value if line.kind == "revenue" else -value
    return result


def rule_satisfied(project: BudgetProject, bal: int) -> bool:
    if project.balance_rule == "balanced":
        return abs(bal) <= project.tolerance
    if project.balance_rule == "no_deficit":
        return bal >= 0
    return True


def balance_state(project: BudgetProject, bal: int) -> BalanceState:
    """The graded message for a balance; every message states the amount."""
    rule = project.balance_rule
    if rule == "free":
        gap = bal - balance(project, project.plan_allocation())
        if gap == 0:
            return BalanceState("free_exact", 0, True, "ok")
        code = "free_surplus" if gap > 0 else "free_deficit"
        return BalanceState(code, abs(gap), True, "ok" if gap > 0 else "warning")
    if bal == 0:
        return BalanceState("exact", 0, True, "ok")
    if abs(bal) <= project.tolerance:
        code = "within_surplus" if bal > 0 else "within_deficit"
        return BalanceState(code, abs(bal), True, "ok")
    if bal > 0 and rule == "no_deficit":
        return BalanceState("surplus_allowed", bal, True, "ok")
    near = abs(bal) <= project.total * NEAR_SHARE
    if bal > 0:
        return BalanceState(
            "near_surplus" if near else "surplus", bal, False, "warning"
        )
    return BalanceState("near_deficit" if near else "deficit", -bal, False, "danger")


def _unit_label(line: Line, count: int, lang: str) -> str:
    unit = line.consequence.unit  # type: ignore[union-attr]
    return (unit.one if count == 1 else unit.many).get(lang)


def consequence(line: Line, value: int, lang: str) -> str:
    """What the amount means in things: '18 bomen minder dan gepland'.

    True at the edges: at the plan (or an amount that shows as the plan's number of
    units) it says so instead of 'X instead of X'; an amount less than one unit away
    from the plan says 'less than 1 ... more/fewer', never 'as planned'."""
    rule = line.consequence
    if rule is None:
        return ""
    if rule.level_text is not None:
        shown = i18n.format_number(value / rule.unit_cost, lang)
        planned = i18n.format_number(line.plan / rule.unit_cost, lang)
        if shown != planned:
            return i18n.fill(
                rule.level_text.get(lang), {"value": shown, "plan": planned}
            )
        if rule.level_text_at_plan is not None:
            return i18n.fill(rule.level_text_at_plan.get(lang), {"value": shown})
        return i18n.t("consequence.same", lang)
    if value == line.plan:
        return i18n.t("consequence.same", lang)
    count = i18n.round_half_away(abs(value - line.plan) / rule.unit_cost)
    more = value > line.plan
    if count == 0:
        key = "consequence.part_more" if more else "consequence.part_fewer"
        return i18n.t(key, lang, unit=_unit_label(line, 1, lang))
    key = "consequence.more" if more else "consequence.fewer"
    return i18n.t(
        key,
        lang,
        count=i18n.format_number(count, lang),
        unit=_unit_label(line, count, lang),
    )


def rule_sentence(project: BudgetProject, lang: str) -> str:
    """The balance rule as the page states it, true for this trajectory: 'spending
    and income' only when it has income lines, a margin only when there is one."""
    rule = project.balance_rule
    if rule == "balanced":
        income = any(line.kind == "revenue" for line in project.lines)
        key = "budget.rule.balanced" if income else "budget.rule.balanced_spending"
        if project.tolerance == 0:
            key += "_exact"
    else:
        key = "budget.rule." + rule
    return i18n.t(key, lang, amount=i18n.format_euro(project.tolerance, lang))


def threshold_text(line: Line, value: int, lang: str) -> str:
    """The service level that applies at this amount, if the line defines levels."""
    text = ""
    for level in line.thresholds:
        if value >= level.at_least:
            text = level.text.get(lang)
    return text


def personal_impact(
    project: BudgetProject, allocation: Mapping[str, int], woz: float
) -> float:
    """Euros a year more (positive) or less for one household with this WOZ value.

    Revenue lines pass on by WOZ value (OZB) or per household (levies). Under the
    'free' rule any change in the balance is taken to be covered by the OZB.
    """
    tax = project.tax
    if tax is None:
        return 0.0
    woz = max(0.0, float(woz)) if math.isfinite(woz) else 0.0
    impact = 0.0
    for line in project.lines:
        delta = allocation[line.id] - line.plan
        if line.personal == "woz":
            impact += delta * woz / tax.woz_total
        elif line.personal == "household":
            impact += delta / tax.households
    if project.balance_rule == "free":
        gap = balance(project, allocation) - balance(project, project.plan_allocation())
        impact -= gap * woz / tax.woz_total
    return impact


def tax_message(impact: float, lang: str) -> str:
    rounded = i18n.round_half_away(impact)
    if rounded == 0:
        return i18n.t("tax.same", lang)
    key = "tax.more" if rounded > 0 else "tax.less"
    return i18n.t(key, lang, amount=i18n.format_euro(abs(rounded), lang))


def _as_amount(raw: object) -> int | None:
    """An integral, finite number from JSON; None for anything else (bools too)."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    if isinstance(raw, float) and (not math.isfinite(raw) or not raw.is_integer()):
        return None
    if abs(raw) > 10**15:
        return None
    return int(raw)


def validate_allocation(
    project: BudgetProject, raw: object
) -> tuple[dict[str, int] | None, list[Problem]]:
    """Check an allocation sent by a browser; returns it cleaned, or the problems."""
    if not isinstance(raw, dict):
        return None, [Problem("invalid_type", "allocation", "error.not_object")]
    problems: list[Problem] = []
    for key in raw:
        if not isinstance(key, str) or project.line(key) is None:
            shown = str(key)[:40]
            problems.append(
                Problem(
                    "unknown_line",
                    f"allocation.{shown}",
                    "error.unknown_line",
                    {"line": shown},
                )
            )
    clean: dict[str, int] = {}
    for line in project.lines:
        field = f"allocation.{line.id}"
        name = line.label
        if line.id not in raw:
            problems.append(
                Problem("missing_line", field, "error.missing_line", {"line": name})
            )
            continue
        value = _as_amount(raw[line.id])
        if value is None:
            problems.append(
                Problem("not_a_number", field, "error.not_number", {"line": name})
            )
        elif line.locked and value != line.plan:
            problems.append(Problem("locked", field, "error.locked", {"line": name}))
        elif not line.min <= value <= line.top:
            problems.append(
                Problem(
                    "out_of_range",
                    field,
                    "error.out_of_range",
                    {"line": name, "min": Money(line.min), "max": Money(line.top)},
                )
            )
        elif (value - line.min) % line.step:
            problems.append(
                Problem(
                    "off_grid",
                    field,
                    "error.off_grid",
                    {"line": name, "step": Money(line.step)},
                )
            )
        else:
            clean[line.id] = value
    if problems:
        return None, problems
    bal = balance(project, clean)
    if not rule_satisfied(project, bal):
        state = balance_state(project, bal)
        return None, [
            Problem(
                "unbalanced",
                "allocation",
                "error.unbalanced",
                {"detail": state},
            )
        ]
    return clean, []


@dataclasses.dataclass(frozen=True)
class BudgetBallot:
    """A submission that passed every check, ready to store."""

    allocation: dict[str, int]
    token: str
    district: str | None
    age_band: str | None
    comment: str | None


SUBMISSION_FIELDS = frozenset(
    {"allocation", "token", "district", "age_band", "comment"}
)


def validate_submission(
    project: BudgetProject, body: object
) -> tuple[BudgetBallot | None, list[Problem]]:
    """Check a whole submission (API body or page form) against the trajectory."""
    if not isinstance(body, dict):
        return None, [Problem("invalid_type", "", "error.not_object")]
    token, district, age_band, problems = validation.check_common(
        body, SUBMISSION_FIELDS
    )
    comment, found = validation.check_text(
        body.get("comment"), "comment", MAX_COMMENT_CHARS
    )
    problems += found
    allocation, found = validate_allocation(project, body.get("allocation"))
    problems += found
    if problems or allocation is None or token is None:
        return None, problems
    return BudgetBallot(allocation, token, district, age_band, comment), []


CLIENT_MESSAGES = (
    "balance.exact",
    "balance.within_surplus",
    "balance.within_deficit",
    "balance.surplus",
    "balance.near_surplus",
    "balance.surplus_allowed",
    "balance.deficit",
    "balance.near_deficit",
    "balance.free_surplus",
    "balance.free_deficit",
    "balance.free_exact",
    "consequence.fewer",
    "consequence.more",
    "consequence.same",
    "consequence.part_more",
    "consequence.part_fewer",
    "tax.more",
    "tax.less",
    "tax.same",
    "amount.rounded",
    "amount.at_min",
    "amount.at_max",
    "amount.unreadable",
)


def client_spec(project: BudgetProject, lang: str) -> dict[str, Any]:
    """Everything the browser's copy of these rules needs, in one language."""
    tax = project.tax
    return {
        "lang": lang,
        "total": project.total,
        "rule": project.balance_rule,
        "tolerance": project.tolerance,
        "near_share": NEAR_SHARE,
        "tax": (
            {"woz_total": tax.woz_total, "households": tax.households} if tax else None
        ),
        "messages": {key: i18n.template(key, lang) for key in CLIENT_MESSAGES},
        "lines": [
            {
                "id": line.id,
                "label": line.label.get(lang),
                "kind": line.kind,
                "plan": line.plan,
                "min": line.min,
                "max": line.top,
                "step": line.step,
                "locked": line.locked,
                "personal": line.personal,
                "consequence": (
                    {
                        "unit_cost": line.consequence.unit_cost,
                        "one": line.consequence.unit.one.get(lang),
                        "many": line.consequence.unit.many.get(lang),
                        "level_text": (
                            line.consequence.level_text.get(lang)
                            if line.consequence.level_text
                            else None
                        ),
                        "level_text_at_plan": (
                            line.consequence.level_text_at_plan.get(lang)
                            if line.consequence.level_text_at_plan
                            else None
                        ),
                    }
                    if line.consequence
                    else None
                ),
                "thresholds": [
                    {"at_least": level.at_least, "text": level.text.get(lang)}
                    for level in line.thresholds
                ],
            }
            for line in project.lines
        ],
    }


def encode_share(project: BudgetProject, allocation: Mapping[str, int]) -> str:
    """A compact, readable share code: changed lines only, as 'line:k' with k the
    step index in base 36 ('trees:a0,play:3'). The browser builds the same."""
    parts = []
    for line in project.lines:
        value = allocation[line.id]
        if value != line.plan:
            parts.append(f"{line.id}:{_base36((value - line.min) // line.step)}")
    return ",".join(parts)


def decode_share(project: BudgetProject, raw: object) -> dict[str, int] | None:
    """The allocation a share code describes, or None if it is not valid here."""
    if not isinstance(raw, str) or len(raw) > 2000:
        return None
    allocation = project.plan_allocation()
    if raw == "":
        return allocation
    for part in raw.split(","):
        line_id, sep, code = part.partition(":")
        line = project.line(line_id)
        if not sep or line is None or not code.isalnum() or len(code) > 12:
            return None
        value = line.min + int(code, 36) * line.step
        if value > line.top or (line.locked and value != line.plan):
            return None
        allocation[line.id] = value
    return allocation


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def misfits(
    project: BudgetProject, allocation: Mapping[str, Any], _other_text: None = None
) -> tuple[str, ...]:
    """Why a stored allocation does not fit the current definition, one reason per
    problem: `<line id>: <code>` (codes of `validate_allocation`: out_of_range,
    off_grid, locked, missing_line, not_a_number, unknown_line) or
    `balance: unbalanced`; empty when it fits."""
    _, problems = validate_allocation(project, dict(allocation))
    return tuple(_misfit_reason(problem.field, problem.code) for problem in problems)


def _misfit_reason(field: str, code: str) -> str:
    if field.startswith("allocation."):
        return f"{field.removeprefix('allocation.')}: {code}"
    return "balance: unbalanced" if code == "unbalanced" else f"{field}: {code}"

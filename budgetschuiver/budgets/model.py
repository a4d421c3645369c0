"""A budget trajectory's definition: its lines, consequences and tax base."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from budgetschuiver.kernel.reactions import ReactionSwitch
from budgetschuiver.kernel.trajectory import Euros, LocalText, Model, Slug, Trajectory

# How a budget's residents' budget is aggregated on its public results page (issue
# 16); the rules that read it live in `loopback.rules`.
AggregateRule = Literal["mean", "independent_markets", "welfare"]


class Unit(Model):
    """What one unit of a line buys, singular and plural ("boom", "bomen")."""

    one: LocalText
    many: LocalText


class Consequence(Model):
    """How a line's amount turns into things a resident can picture."""

    unit_cost: int = Field(gt=0, description="euros per unit")
    unit: Unit
    level_text: LocalText | None = Field(
        default=None,
        description="service-level template with {value} and {plan}, in units",
    )
    level_text_at_plan: LocalText | None = Field(
        default=None,
        description="the level at the plan amount, with {value}; else 'as planned'",
    )


class Threshold(Model):
    """A service level: from this amount up, this text applies."""

    at_least: Euros
    text: LocalText


class Line(Model):
    id: Slug
    label: LocalText
    explanation: LocalText
    more: LocalText | None = None
    kind: Literal["spending", "revenue"] = "spending"
    plan: Euros
    min: Euros
    max: Euros
    step: int = Field(gt=0)
    consequence: Consequence | None = None
    thresholds: tuple[Threshold, ...] = ()
    locked: bool = False
    locked_reason: LocalText | None = None
    personal: Literal["woz", "household"] | None = Field(
        default=None,
        description="revenue lines only: how a change reaches one household",
    )

    @model_validator(mode="after")
    def _check(self) -> Line:
        if not self.min <= self.plan <= self.max:
            raise ValueError(f"plan {self.plan} must lie between min and max")
        if (self.plan - self.min) % self.step:
            raise ValueError(
                f"plan {self.plan} is not on the grid min + k*step "
                f"(min {self.min}, step {self.step})"
            )
        if self.locked and self.locked_reason is None:
            raise ValueError("a locked line needs a locked_reason")
        if self.personal and self.kind != "revenue":
            raise ValueError("personal applies to revenue lines only")
        levels = [t.at_least for t in self.thresholds]
        if levels != sorted(set(levels)):
            raise ValueError("thresholds must be in increasing order of at_least")
        return self

    @property
    def top(self) -> int:
        """The largest allowed value: max rounded down onto the grid."""
        return self.min + (self.max - self.min) // self.step * self.step


class TaxBase(Model):
    """Figures that turn a revenue change into an amount for one household."""

    woz_total: int = Field(gt=0, description="total WOZ value of homes, euros")
    households: int = Field(gt=0)
    default_woz: int = Field(gt=0, description="WOZ value prefilled for a resident")
    note: LocalText | None = None


class BudgetProject(Trajectory, ReactionSwitch):
    kind: Literal["budget"] = "budget"
    total: Euros = Field(description="money available that residents cannot move")
    balance_rule: Literal["balanced", "no_deficit", "free"]
    tolerance: Euros = 0
    lines: tuple[Line, ...] = Field(min_length=1)
    tax: TaxBase | None = None
    source: LocalText | None = None
    aggregate: AggregateRule = Field(
        default="independent_markets",
        description="the residents' budget on the public results page",
    )

    @field_validator("lines")
    @classmethod
    def _unique_lines(cls, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        seen: set[str] = set()
        for line in lines:
            if line.id in seen:
                raise ValueError(f"line id '{line.id}' appears twice")
            seen.add(line.id)
        return lines

    @model_validator(mode="after")
    def _plan_meets_rule(self) -> BudgetProject:
        # Imported here: budget imports this module for its types.
        from budgetschuiver.budgets import rules as budget

        needs_tax = self.balance_rule == "free" or any(ln.personal for ln in self.lines)
        if needs_tax and self.tax is None:
            raise ValueError("tax is required for rule 'free' or lines with 'personal'")
        plan_balance = budget.balance(self, self.plan_allocation())
        if not budget.rule_satisfied(self, plan_balance):
            raise ValueError(
                f"the plan itself does not meet balance rule '{self.balance_rule}' "
                f"(balance {plan_balance}, tolerance {self.tolerance})"
            )
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {
            "kind": "budget",
            "total": self.total,
            "balance_rule": self.balance_rule,
            "tolerance": self.tolerance,
            "lines": sorted(
                [
                    line.id,
                    line.kind,
                    line.min,
                    line.top,
                    line.step,
                    line.plan if line.locked else None,
                ]
                for line in self.lines
            ),
        }

    def line(self, line_id: str) -> Line | None:
        return next((ln for ln in self.lines if ln.id == line_id), None)

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(line.id for line in self.lines)

    def plan_allocation(self) -> dict[str, int]:
        return {ln.id: ln.plan for ln in self.lines}

    @property
    def movable_spending(self) -> tuple[Line, ...]:
        """Spending lines residents can move (not locked), in definition order."""
        return tuple(ln for ln in self.lines if ln.kind == "spending" and not ln.locked)

    @property
    def locked_spending(self) -> int:
        """Euros of the locked spending lines, which stay at their plan."""
        return sum(ln.plan for ln in self.lines if ln.kind == "spending" and ln.locked)

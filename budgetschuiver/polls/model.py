"""A poll's definition: the question and its options."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import (
    Field,
    model_validator,
)

from budgetschuiver.choices.model import choice_limits
from budgetschuiver.kernel.reactions import ReactionSwitch
from budgetschuiver.kernel.trajectory import (
    LocalText,
    Model,
    Slug,
    Trajectory,
    unique_ids,
)


class PollOption(Model):
    id: Slug
    label: LocalText


class Poll(Trajectory, ReactionSwitch):
    """A question with one or several answers ("peiling")."""

    kind: Literal["poll"] = "poll"
    options: tuple[PollOption, ...] = Field(min_length=2)
    min_choices: int = Field(default=1, ge=0)
    max_choices: int = Field(default=1, ge=1)
    allow_other: bool = Field(default=False, description='"anders, namelijk"')
    results_visible: Literal["after_vote", "after_close", "never"] = "after_vote"
    demo_votes: int = Field(
        default=0,
        ge=0,
        le=100_000,
        description="synthetic votes `seed-demo` adds once the poll is closed",
    )

    @model_validator(mode="after")
    def _check(self) -> Poll:
        unique_ids(option.id for option in self.options)
        choice_limits(self.min_choices, self.max_choices, len(self.options), "options")
        if self.demo_votes and not self.illustrative:
            raise ValueError(
                "demo_votes needs illustrative: true (synthetic votes only where the "
                "figures are marked as made up)"
            )
        return self

    @property
    def question(self) -> LocalText:
        return self.title

    def ballot_rules(self) -> dict[str, Any]:
        return {
            "kind": "poll",
            "options": sorted(option.id for option in self.options),
            "min_choices": self.min_choices,
            "max_choices": self.max_choices,
            "allow_other": self.allow_other,
        }

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option(self, option_id: str) -> PollOption | None:
        return next((o for o in self.options if o.id == option_id), None)

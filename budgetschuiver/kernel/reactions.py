"""The definition keys that switch reactions on for a trajectory of a kind without
ideas (budgets, polls, moodboards), and the rules the reaction checks read. The
component itself (parts, API, page) is `budgetschuiver.reactions`, wired onto
those kinds by `budgetschuiver.kinds`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import Field

from budgetschuiver.kernel.trajectory import Model


@dataclasses.dataclass(frozen=True)
class ReactionLimits:
    """The longest reaction, in characters (after cleaning). The shared edit
    check reads an idea's limits too; a reaction's edit has only its text."""

    reaction: int

    @property
    def title(self) -> int:
        return self.reaction

    @property
    def text(self) -> int:
        return self.reaction


@dataclasses.dataclass(frozen=True)
class ReactionRules:
    """What the idea rounds' reaction checks (`ideas.validate.validate_reaction`,
    `ideas.validate.queue_reason`) read of a round, for a trajectory's reactions:
    its id, "pre" or "post" moderation and the longest reaction (characters)."""

    id: str
    moderation: str
    limits: ReactionLimits


class ReactionSwitch(Model):
    """Mixed into a definition model: `reactions: true` shows the reactions
    component on the trajectory's page and opens its reactions API."""

    reactions: bool = Field(
        default=False, description="residents may react (for, against, question)"
    )
    reaction_moderation: Literal["pre", "post"] = Field(
        default="post", description="pre: every reaction waits for a moderator"
    )
    reaction_limit: int = Field(
        default=1000, ge=50, le=5000, description="longest reaction, characters"
    )

    def reaction_rules(self) -> ReactionRules:
        """The reaction rules of this trajectory (see `ReactionRules`)."""
        return ReactionRules(
            getattr(self, "id", ""),
            self.reaction_moderation,
            ReactionLimits(self.reaction_limit),
        )


def reaction_hosts(everything: Iterable[tuple[Any, Any]]) -> list[tuple[str, str]]:
    """(kind name, trajectory id) of every trajectory with `reactions: true`, from
    (kind, trajectory) pairs (`Catalog.everything()`)."""
    return [
        (kind.name, item.id)
        for kind, item in everything
        if getattr(item, "reactions", False) is True
    ]

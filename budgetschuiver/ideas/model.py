"""Idea round definitions (`data/ideas/<id>.yaml`): a pydantic model like the other
trajectories, loaded and checked when the app starts."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from budgetschuiver.ideas import rules
from budgetschuiver.kernel.demographics import DISTRICT_IDS
from budgetschuiver.kernel.trajectory import (
    TIMEZONE,
    LocalText,
    Model,
    Slug,
    Trajectory,
    unique_ids,
)


class Theme(Model):
    id: Slug
    label: LocalText


class Limits(Model):
    """Longest texts residents may write, in characters (after cleaning)."""

    title: int = Field(default=100, ge=10, le=200)
    text: int = Field(default=2000, ge=50, le=5000)
    reaction: int = Field(default=1000, ge=50, le=5000)


class DemoIdea(Model):
    """An illustrative idea `seed-demo` stores (marked synthetic), with made-up
    rating counts."""

    title: str = Field(min_length=1, max_length=100)
    text: str = Field(min_length=1, max_length=2000)
    theme: Slug | None = None
    district: str | None = None
    support: int = Field(default=0, ge=0, le=10_000)
    oppose: int = Field(default=0, ge=0, le=10_000)
    neutral: int = Field(default=0, ge=0, le=10_000)


class IdeaRound(Trajectory):
    """Residents post ideas on a question, rate them and react to them."""

    kind: Literal["ideas"] = "ideas"
    rate_from: dt.date | None = Field(
        default=None,
        description="from this date on only rating and reacting, no new ideas",
    )
    themes: tuple[Theme, ...] = ()
    districts: bool = Field(default=False, description="ideas may name a district")
    moderation: Literal["pre", "post"] = "post"
    show_counts: rules.ShowCounts = "after_rating"
    limits: Limits = Limits()
    demo_ideas: tuple[DemoIdea, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> IdeaRound:
        unique_ids(theme.id for theme in self.themes)
        if self.demo_ideas and not self.illustrative:
            raise ValueError("demo_ideas needs illustrative: true")
        for idea in self.demo_ideas:
            if idea.theme is not None and self.theme(idea.theme) is None:
                raise ValueError(f"demo idea theme '{idea.theme}' is not in themes")
            if idea.district is not None and idea.district not in DISTRICT_IDS:
                raise ValueError(f"demo idea district '{idea.district}' is not known")
        if self.rate_from is not None and not self.opens < self.rate_from <= (
            self.closes
        ):
            raise ValueError("rate_from must lie after opens and not after closes")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {"kind": "ideas", "themes": sorted(theme.id for theme in self.themes)}

    def phase(self, now: dt.datetime | None = None) -> rules.Phase:
        """The round's phase on today's Den Haag date (see `rules.phase`)."""
        today = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE).date()
        return rules.phase(self.opens, self.closes, self.rate_from, today)

    def answer_ids(self) -> tuple[str, ...]:
        # Ideas are stored, not defined: an answer speaks to the round as a whole.
        return ()

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

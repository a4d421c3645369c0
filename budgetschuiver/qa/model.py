"""Live Q&A definitions (`data/qa/<id>.yaml`): a question hour with a start and an
end in Den Haag time, its hosts, moderation and integrity, loaded and checked when
the app starts like the other trajectories."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from budgetschuiver.kernel.trajectory import TIMEZONE, Model, Trajectory
from budgetschuiver.qa import rules


class DemoQuestion(Model):
    """An illustrative question `seed-demo` stores (marked synthetic): its text,
    made-up votes, and for an ended demo the stage and answer it ended with."""

    text: str = Field(min_length=1, max_length=300)
    display_name: str | None = Field(default=None, max_length=40)
    votes: int = Field(default=0, ge=0, le=10_000)
    stage: rules.Stage = "waiting"
    answer: str | None = Field(default=None, max_length=5000)


class QaSession(Trajectory):
    """A live question hour. `starts`/`ends` are local date-times in
    Europe/Amsterdam (`2026-12-03T19:30`); `opens`/`closes` (the dates every
    trajectory has) default to the days of `starts` and `ends`."""

    kind: Literal["qa"] = "qa"
    starts: dt.datetime
    ends: dt.datetime
    hosts: tuple[str, ...] = Field(default=(), max_length=20)
    moderation: Literal["pre", "post"] = "pre"
    question_limit: int = Field(default=300, ge=20, le=300)
    demo_questions: tuple[DemoQuestion, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _dates_from_times(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for field, source in (("opens", "starts"), ("closes", "ends")):
            value = data.get(source)
            if field not in data and isinstance(value, dt.datetime | str):
                try:
                    parsed = (
                        value
                        if isinstance(value, dt.datetime)
                        else dt.datetime.fromisoformat(value)
                    )
                except ValueError:
                    continue
                data[field] = parsed.date()
        return data

    @model_validator(mode="after")
    def _check(self) -> QaSession:
        for field in ("starts", "ends"):
            if getattr(self, field).tzinfo is not None:
                raise ValueError(
                    f"{field} is a local time in Den Haag: write it without an offset"
                )
        if self.ends <= self.starts:
            raise ValueError("ends must be after starts")
        if self.demo_questions and not self.illustrative:
            raise ValueError("demo_questions needs illustrative: true")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {"kind": "qa"}

    def answer_ids(self) -> tuple[str, ...]:
        # Questions are stored, not defined: an answer speaks to the session.
        return ()

    def starts_at(self) -> dt.datetime:
        """The start as an aware Europe/Amsterdam date-time."""
        return self.starts.replace(tzinfo=TIMEZONE)

    def ends_at(self) -> dt.datetime:
        """The end as an aware Europe/Amsterdam date-time."""
        return self.ends.replace(tzinfo=TIMEZONE)

    def session_status(self, now: dt.datetime | None = None) -> rules.SessionStatus:
        """ "upcoming", "live" or "ended" at `now` (default: the current time)."""
        return rules.session_status(
            self.starts_at(), self.ends_at(), now or dt.datetime.now(TIMEZONE)
        )

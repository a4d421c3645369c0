"""Trajectory definitions: pydantic models, loaded and validated from YAML in data/.

A broken definition stops the app from starting with an error that names the file,
the field and what is wrong: better no page than half a budget.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

TIMEZONE = ZoneInfo("Europe/Amsterdam")

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Euros = Annotated[int, Field(ge=0, le=10**13)]

ParticipationLevel = Literal["raadplegen", "adviseren", "co-produceren", "meebeslissen"]
Status = Literal["upcoming", "open", "closed"]


class DefinitionError(Exception):
    """A trajectory file that cannot be served; the message names file and field."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(Model):
    """A text in Dutch with an English translation (Dutch when it is missing)."""

    nl: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _plain_string(cls, value: object) -> object:
        return {"nl": value} if isinstance(value, str) else value

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.nl

    localized = get


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


class Trajectory(Model):
    """What every participation trajectory has (budgets, polls, moodboards)."""

    id: Slug
    title: LocalText
    description: LocalText
    participation: ParticipationLevel
    what_we_do: LocalText
    opens: dt.date
    closes: dt.date
    illustrative: bool = False
    integrity: Literal["open", "code"] = "open"

    @model_validator(mode="after")
    def _dates(self) -> Trajectory:
        if self.closes < self.opens:
            raise ValueError("closes must not be before opens")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        """The parts of the definition that give a ballot its meaning, as plain
        data, sorted so that reordering is no change (see `definitions`). Each
        kind says its own; dates and texts never belong here."""
        raise NotImplementedError(type(self).__name__)

    def status(self, now: dt.datetime | None = None) -> Status:
        """upcoming, open or closed by the date in Den Haag; open all closing day."""
        today = (now or dt.datetime.now(TIMEZONE)).astimezone(TIMEZONE).date()
        if today < self.opens:
            return "upcoming"
        if today > self.closes:
            return "closed"
        return "open"


class BudgetProject(Trajectory):
    kind: Literal["budget"] = "budget"
    total: Euros = Field(description="money available that residents cannot move")
    balance_rule: Literal["balanced", "no_deficit", "free"]
    tolerance: Euros = 0
    lines: tuple[Line, ...] = Field(min_length=1)
    tax: TaxBase | None = None
    source: LocalText | None = None

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
        from budgetschuiver import budget

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


class PollOption(Model):
    id: Slug
    label: LocalText


class Poll(Trajectory):
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
        _unique(option.id for option in self.options)
        _choice_limits(self.min_choices, self.max_choices, len(self.options), "options")
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

    def option(self, option_id: str) -> PollOption | None:
        return next((o for o in self.options if o.id == option_id), None)


class MoodboardImage(Model):
    id: Slug
    file: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*\.(webp|png|jpe?g)$")
    title: LocalText
    alt: LocalText
    description: LocalText | None = None
    credit: LocalText | None = None


class Moodboard(Trajectory):
    """Pictures residents pick favourites from, e.g. styles for a new playground."""

    kind: Literal["moodboard"] = "moodboard"
    min_choices: int = Field(default=1, ge=0)
    max_choices: int = Field(ge=1)
    images: tuple[MoodboardImage, ...] = Field(min_length=2)
    share_text: LocalText | None = None

    @model_validator(mode="after")
    def _check(self) -> Moodboard:
        _unique(image.id for image in self.images)
        _choice_limits(self.min_choices, self.max_choices, len(self.images), "pictures")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {
            "kind": "moodboard",
            "images": sorted(image.id for image in self.images),
            "min_choices": self.min_choices,
            "max_choices": self.max_choices,
        }

    def image(self, image_id: str) -> MoodboardImage | None:
        return next((i for i in self.images if i.id == image_id), None)


def _choice_limits(low: int, high: int, available: int, what: str) -> None:
    """The same rule for every kind with choices: a vote must be possible, so
    min_choices <= max_choices <= the number of options or pictures. Raises
    ValueError naming the field."""
    if low > high:
        raise ValueError(f"min_choices ({low}) must not exceed max_choices ({high})")
    if high > available:
        raise ValueError(
            f"max_choices ({high}) must not exceed the number of {what} "
            f"({available}): no vote could be valid"
        )


def _unique(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"id '{item}' appears twice")
        seen.add(item)


class Catalog:
    """All trajectories the app serves, by kind and id."""

    def __init__(
        self,
        projects: Iterable[BudgetProject] = (),
        polls: Iterable[Poll] = (),
        moodboards: Iterable[Moodboard] = (),
    ) -> None:
        self.projects: dict[str, BudgetProject] = _by_id(projects, "project")
        self.polls: dict[str, Poll] = _by_id(polls, "poll")
        self.moodboards: dict[str, Moodboard] = _by_id(moodboards, "moodboard")
        # Idea rounds (`budgetschuiver.ideas.model.IdeaRound`), filled by load_catalog.
        self.idea_rounds: dict[str, Trajectory] = {}

    def idea_round(self, round_id: object) -> Any:
        return self.idea_rounds.get(round_id) if isinstance(round_id, str) else None

    def project(self, project_id: object) -> BudgetProject | None:
        return self.projects.get(project_id) if isinstance(project_id, str) else None

    def poll(self, poll_id: object) -> Poll | None:
        return self.polls.get(poll_id) if isinstance(poll_id, str) else None

    def moodboard(self, moodboard_id: object) -> Moodboard | None:
        if not isinstance(moodboard_id, str):
            return None
        return self.moodboards.get(moodboard_id)


def _by_id(items: Iterable[Trajectory], kind: str) -> dict:
    out: dict[str, Trajectory] = {}
    for item in items:
        if item.id in out:
            raise DefinitionError(f"{kind} id '{item.id}' is defined twice")
        out[item.id] = item
    return out


def _field_path(data: object, loc: tuple) -> str:
    """'lines[2] (id trees).plan' from pydantic's ('lines', 2, 'plan')."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            item = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(item, dict) and "id" in item:
                label += f" (id {item['id']})"
            parts.append(label)
            node = item
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


# Unquoted, YAML 1.1 (PyYAML) reads these as true/false rather than as words.
YAML_BOOLEAN_WORDS = "yes/no, on/off, true/false, y/n"


def _yaml_hint(error: dict) -> str:
    """For a yes/no word that YAML turned into a boolean where text was expected."""
    if not isinstance(error.get("input"), bool) or error["type"].startswith("bool"):
        return ""
    return (
        f" (YAML reads unquoted {YAML_BOOLEAN_WORDS} as true/false: put the text in "
        'quotes, e.g. "No")'
    )


def load_file(path: Path, model: type[Trajectory] = BudgetProject) -> Trajectory:
    """One validated trajectory, or DefinitionError naming the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DefinitionError(f"{path}: cannot be read as YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{path}: must be a mapping of fields")
    try:
        project = model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{_field_path(data, tuple(err['loc']))}: {err['msg']}{_yaml_hint(err)}"
            for err in exc.errors()
        )
        raise DefinitionError(f"{path}: {problems}") from None
    if path.stem != project.id:
        raise DefinitionError(f"{path}: id '{project.id}' must match the file name")
    return project


FOLDERS = {"projects": BudgetProject, "polls": Poll, "moodboards": Moodboard}


def load_catalog(data_dir: Path | str) -> Catalog:
    """Every trajectory under data_dir; fails as a whole if any file is broken."""
    root = Path(data_dir)
    if not (root / "projects").is_dir():
        raise DefinitionError(f"{root / 'projects'}: folder with definitions not found")
    loaded = {
        name: [load_file(path, model) for path in sorted((root / name).glob("*.yaml"))]
        for name, model in FOLDERS.items()
    }
    for moodboard in loaded["moodboards"]:
        _check_pictures(root, moodboard)
    catalog = Catalog(loaded["projects"], loaded["polls"], loaded["moodboards"])
    # Imported here: the ideas model builds on this module's base models.
    from budgetschuiver.ideas.model import load_rounds

    catalog.idea_rounds = load_rounds(root)
    return catalog


def _check_pictures(root: Path, moodboard: Moodboard) -> None:
    """Every picture a moodboard names must ship with it."""
    folder = root / "moodboards" / "images" / moodboard.id
    for index, image in enumerate(moodboard.images):
        if not (folder / image.file).is_file():
            raise DefinitionError(
                f"{root / 'moodboards' / (moodboard.id + '.yaml')}: "
                f"images[{index}] (id {image.id}).file: {folder / image.file} not found"
            )

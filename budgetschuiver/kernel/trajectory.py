"""Trajectory definitions: the base every kind's definition model builds on, loaded
and validated from YAML in data/.

A broken definition stops the app from starting with an error that names the file,
the field and what is wrong: better no page than half a budget."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

if TYPE_CHECKING:
    from budgetschuiver.kernel.kinds import Kind, Registry


TIMEZONE = ZoneInfo("Europe/Amsterdam")


Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]


Euros = Annotated[int, Field(ge=0, le=10**13)]


ParticipationLevel = Literal["raadplegen", "adviseren", "co-produceren", "meebeslissen"]


Status = Literal["upcoming", "open", "closed"]
# Closing the loop (issue 16): when results are public. The rules that read it
# live in `loopback.rules`.
ResultsPublic = Literal["after_close", "always", "never"]


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


class Answer(Model):
    """The municipality's answer to a trajectory (`response` in a definition):
    the decision in Markdown and, per line, option or picture id, what was done
    with it and why. Only `published` answers are shown to residents."""

    status: Literal["draft", "published"]
    date: dt.date
    summary: LocalText
    items: dict[Slug, LocalText] = Field(default_factory=dict)


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
    results_public: ResultsPublic = "after_close"
    response: Answer | None = None
    video: str | None = Field(
        default=None, description="YouTube URL or video id of an explainer"
    )

    @model_validator(mode="after")
    def _dates(self) -> Trajectory:
        # Imported here: the rules module reads these models' field types.
        from budgetschuiver.kernel import loopback as rules

        if self.closes < self.opens:
            raise ValueError("closes must not be before opens")
        if self.video is not None and rules.youtube_id(self.video) is None:
            raise ValueError(
                "video must be a YouTube address or an 11-character video id"
            )
        if self.response is not None:
            unknown = sorted(set(self.response.items) - set(self.answer_ids()))
            if unknown:
                raise ValueError(
                    f"response.items names ids this trajectory does not have: "
                    f"{', '.join(unknown)}"
                )
        return self

    def answer_ids(self) -> tuple[str, ...]:
        """The ids an answer may speak to item by item: lines, options or
        pictures, in definition order. Each kind says its own."""
        raise NotImplementedError(type(self).__name__)

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


def unique_ids(ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"id '{item}' appears twice")
        seen.add(item)


class Catalog:
    """All trajectories the app serves, by kind and id."""

    def __init__(
        self, kinds: Registry, items: Mapping[str, Iterable[Trajectory]]
    ) -> None:
        self.kinds = kinds
        self._items: dict[str, dict[str, Trajectory]] = {
            kind.name: _by_id(items.get(kind.name, ()), kind.name) for kind in kinds
        }

    def of(self, kind: str) -> dict[str, Trajectory]:
        """The trajectories of one kind by id (empty for a kind not registered)."""
        return self._items.get(kind, {})

    def find(self, kind: str, item_id: object) -> Trajectory | None:
        """The trajectory of this kind with this id, or None (also for an id that
        is not a string, as a forged request may send)."""
        return self.of(kind).get(item_id) if isinstance(item_id, str) else None

    def everything(self) -> Iterator[tuple[Kind, Trajectory]]:
        """Every trajectory with its kind, kinds in registration order."""
        for kind in self.kinds:
            for item in self._items[kind.name].values():
                yield kind, item


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


def load_file(path: Path, model: type[Trajectory]) -> Trajectory:
    """One validated trajectory, or DefinitionError naming the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DefinitionError(f"{path}: cannot be read as YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{path}: must be a mapping of fields")
    _answer_files(path, data)
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


# `response.summary_file: {nl: <id>.response.nl.md, en: ...}`: the answer's text
# in Markdown files beside the definition (issue 16), read here so the models
# stay free of file access. Only plain names in the same folder.
ANSWER_FILE = re.compile(r"^[a-z0-9][a-z0-9_.-]*\.md$")


def _answer_files(path: Path, data: dict) -> None:
    """Replace `response.summary_file` by `response.summary` read from the
    named Markdown files beside `path`; DefinitionError naming the field when a
    name is not a plain `.md` name or the file cannot be read, or when both
    `summary` and `summary_file` are given."""
    response = data.get("response")
    if not isinstance(response, dict) or "summary_file" not in response:
        return
    files = response.pop("summary_file")
    if "summary" in response:
        raise DefinitionError(
            f"{path}: response: give summary or summary_file, not both"
        )
    if not isinstance(files, dict):
        files = {"nl": files}
    summary = {}
    for lang, name in files.items():
        field = f"response.summary_file.{lang}"
        if not isinstance(name, str) or not ANSWER_FILE.match(name):
            raise DefinitionError(
                f"{path}: {field}: must be the name of a .md file beside the definition"
            )
        try:
            summary[lang] = (path.parent / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DefinitionError(f"{path}: {field}: cannot be read: {exc}") from exc
    response["summary"] = summary


def load_catalog(data_dir: Path | str, kinds: Registry) -> Catalog:
    """Every trajectory of the registered kinds under data_dir (`<folder>/*.yaml`
    per kind); fails as a whole, with DefinitionError, if any file is broken."""
    root = Path(data_dir)
    if not root.is_dir():
        raise DefinitionError(f"{root}: folder with definitions not found")
    loaded: dict[str, list[Trajectory]] = {}
    for kind in kinds:
        items = [
            load_file(path, kind.model)
            for path in sorted((root / kind.folder).glob("*.yaml"))
        ]
        if kind.check_files is not None:
            for item in items:
                kind.check_files(root, item)
        loaded[kind.name] = items
    return Catalog(kinds, loaded)

"""A participation kind as a plug-in: what the kernel needs to know about a tool.

Each kind (budgets, polls, moodboards, ...) describes itself once in a `Kind` in its
own folder (`<feature>/kind.py`); `budgetschuiver/kinds.py` registers them. The
kernel never asks for a kind by name: it asks the kind (its definition model, data
folder, ballot rules, how its ballots are stored and reviewed, its pages and API).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from budgetschuiver.kernel.problems import Problem
from budgetschuiver.kernel.trajectory import Trajectory

# (item, body) -> (the validated ballot, or None with the problems found).
Validate = Callable[[Any, Any], tuple[Any | None, list[Problem]]]


@dataclasses.dataclass(frozen=True)
class Kind:
    """One participation kind.

    - `name`: stored with each ballot and in keys (`"<name>:<id>"`); never changes.
    - `folder`: its definitions are `data/<folder>/<id>.yaml`, read with `model`.
    - `noun`: the message keys that name it (`error.<noun>_not_found`,
      `error.<noun>_closed`, `error.<noun>_upcoming`, `<noun>.not_found_title`).
    - `route_variable`: the page path variable that names one (`"project_id"`);
      `path`: the resident page's address before the id (`"/begroting/"`).
    - `validate(item, body)`: the kind's pure ballot rules.
    - `store_ballot(store, item, ballot)`: stores a validated ballot, gives the
      store's `Receipt` (created or replaced).
    - `misfits(item, content, other_text)`: why a stored ballot no longer fits the
      current definition (reasons as `"<field>: <code>"`; empty when it fits).
    - `ballot_table`: the table its ballots live in (purge, review).
    - `check_files(data_dir, item)`: files the definition names exist (raises
      `DefinitionError`); `complete(services, item)`: the item with what is
      stored beside its definition (uploaded pictures).
    - `moderate(item, ballot)`: the moderation step of the contribution pipeline:
      a reason to hold the contribution for review, or None to take it in.
    - `pages`: page modules (each with `register()`); `api`: its Flask blueprint.
    - `accepts(item)`: the "open?" step for kinds with phases of their own (a
      `cast.Refusal`, or None to go on); without it, contributions are taken
      while the trajectory is open.
    - `allowed(token)`: the kind's own rate limit (False when over it); without
      it, the ballot limits (`web.ballot_allowed`).
    - `finders`: other page path variables the kind's pages carry, each with how
      to find what it names (`(services, value) -> object or None`).
    - `summary(item)`: a few words on its size for operators (`check`), in
      English, e.g. "12 lines".
    """

    name: str
    folder: str
    model: type[Trajectory]
    noun: str
    route_variable: str
    path: str
    validate: Validate
    store_ballot: Callable[[Any, Any, Any], Any]
    misfits: Callable[[Any, Any, str | None], tuple[str, ...]]
    ballot_table: str = "votes"
    check_files: Callable[[Path, Any], None] | None = None
    complete: Callable[[Any, Any], Any] | None = None
    moderate: Callable[[Any, Any], str | None] | None = None
    pages: tuple[Any, ...] = ()
    api: Any = None
    summary: Callable[[Any], str] = lambda _item: ""
    accepts: Callable[[Any], Any] | None = None
    allowed: Callable[[str | None], bool] | None = None
    finders: Mapping[str, Callable[[Any, str], Any]] = dataclasses.field(
        default_factory=dict
    )


class Registry:
    """The registered kinds in registration order, by name. Raises ValueError for
    two kinds with the same name, folder or route variable."""

    def __init__(self, kinds: Iterable[Kind]) -> None:
        self._kinds: dict[str, Kind] = {}
        for kind in kinds:
            for field in ("name", "folder", "route_variable"):
                value = getattr(kind, field)
                if any(getattr(k, field) == value for k in self._kinds.values()):
                    raise ValueError(f"two kinds share the {field} {value!r}")
            self._kinds[kind.name] = kind

    def __iter__(self) -> Iterator[Kind]:
        return iter(self._kinds.values())

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def get(self, name: object) -> Kind | None:
        return self._kinds.get(name) if isinstance(name, str) else None

    def by_route_variable(self, variable: str) -> Kind | None:
        return next((k for k in self if k.route_variable == variable), None)

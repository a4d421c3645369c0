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
class Part:
    """A contribution on something inside a trajectory (a rating or a reaction on
    an idea, a report, an appeal), taken in by `cast` through the same steps as a
    ballot. Every hook gets the trajectory (`item`) and the thing the contribution
    is about (`target`, e.g. a stored idea).

    - `name`: names the contribution (receipts, rate-limit keys).
    - `validate(item, target, body)`: the pure rules; (contribution, []) or
      (None, problems).
    - `store(store, item, target, contribution, held)`: stores it and gives the
      receipt, or a `cast.Refusal` for what only the store can know (a parent
      reaction that is gone, an appeal on someone else's item).
    - `accepts(item, target)`: the "open?" step (a `cast.Refusal` or None);
      without it the part is taken at any time.
    - `allowed(token)`: its rate limit (False when over it); without it, the
      ballot limits.
    - `moderate(item, target, contribution)`: a reason to hold it for review.
    - `missing`: the message key when the target (or its trajectory) is unknown.
    - `locate(store, body)`: for parts whose body names the target (reports,
      appeals): `(item, target)`, or a `cast.Refusal` (422 for a malformed
      reference, 404 for an unknown one). The body is then read before "open?".
    - `by_code`: in a trajectory with `integrity: code`, the contribution is
      keyed by the redeemed voting code like a ballot; False for parts anyone may
      send without one (a report of abuse).
    """

    name: str
    validate: Callable[[Any, Any, Any], tuple[Any | None, list[Problem]]]
    store: Callable[[Any, Any, Any, Any, str | None], Any]
    accepts: Callable[[Any, Any], Any] | None = None
    allowed: Callable[[str | None], bool] | None = None
    moderate: Callable[[Any, Any, Any], str | None] | None = None
    missing: str = ""
    locate: Callable[[Any, Any], Any] | None = None
    by_code: bool = True


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
    - `parts`: the other contributions its residents make, by name (`Part`), each
      taken in by `cast(kind, item, read_body, part=name, target=...)`.
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
    parts: Mapping[str, Part] = dataclasses.field(default_factory=dict)

    def ballot(self) -> Part:
        """The kind's own ballot as a `Part` (its target is the trajectory itself)."""
        accepts, moderate = self.accepts, self.moderate
        return Part(
            name=self.name,
            validate=lambda item, _target, body: self.validate(item, body),
            store=lambda store, item, _target, ballot, held: self.store_ballot(
                store, item, ballot, held
            ),
            accepts=(lambda item, _target: accepts(item)) if accepts else None,
            allowed=self.allowed,
            moderate=(
                (lambda item, _target, ballot: moderate(item, ballot))
                if moderate
                else None
            ),
            missing=f"error.{self.noun}_not_found",
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

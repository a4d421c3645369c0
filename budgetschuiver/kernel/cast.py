"""The one contribution pipeline every page and API endpoint goes through: a
kind's ballot, and every other contribution a kind declares as a `Part` (a
rating, a reaction, a report, an appeal).

find -> open? (or the contribution's own `accepts`) -> read the body -> who
(voting code or token) -> rate limit (or its own `allowed`) -> validate (its own
rules) -> moderate (its hook) -> store -> receipt.

A refusal at any step says why in one shape (`Refusal`) that each channel renders
its own way: the API as a JSON error with its HTTP status, a page as a message in
the resident's language. Nothing is stored unless every step agreed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.identity import code_token
from budgetschuiver.kernel.kinds import Kind, Part
from budgetschuiver.kernel.problems import Problem
from budgetschuiver.kernel.trajectory import Trajectory
from budgetschuiver.kernel.web import ballot_allowed


@dataclasses.dataclass(frozen=True)
class Refusal:
    """Why a contribution was not taken in.

    `status` is the HTTP status the API answers with (404 unknown, 409 not open,
    400 unreadable body, 422 the contribution's own problems, 429 too many);
    `code` the API's error code; `key` and `params` the message (a date in
    `params` is a `datetime.date`, formatted by the channel); `problems` the
    rule checks that failed (for 422)."""

    status: int
    code: str
    key: str = ""
    field: str = ""
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def message(self, lang: str) -> str:
        """The refusal in words for a page; dates in words (`i18n.format_date`)."""
        params = {
            name: i18n.format_date(value, lang) if name == "date" else value
            for name, value in self.params.items()
        }
        return i18n.t(self.key, lang, **params)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What the pipeline did: a `receipt` from the store (with `created`), or a
    `refusal`; `ballot` is the validated contribution, `held` the moderation
    reason when it waits for review."""

    receipt: Any = None
    refusal: Refusal | None = None
    ballot: Any = None
    held: str | None = None


# Reads the body once the trajectory is known to be open: (body, None) or (None,
# why it cannot be read). Pages hand in what the form holds; the API parses JSON.
BodyReader = Callable[[], tuple[Any, Refusal | None]]


def cast(
    kind: Kind,
    item: Trajectory | None,
    read_body: BodyReader,
    browser_token: Callable[[], str] | None = None,
    part: str | None = None,
    target: Any = None,
) -> Outcome:
    """Take in one contribution of `kind` to `item`, or say why not.

    Without `part` the contribution is the kind's ballot on the trajectory `item`;
    with it, the kind's `Part` of that name (a rating, a reaction, ...) on
    `target` inside `item` (both None when not found: a 404 with the part's
    `missing` message). A part that `locate`s its target from the body reads the
    body first and finds `item` and `target` there (pass None for both).

    `browser_token` gives this browser's token for channels that have one (the
    pages); without it the body's own `"token"` keys the contribution (the API).
    For a trajectory with `integrity: code`, the body's `"code"` is redeemed
    instead and keys it (unless the part is not `by_code`). Raises nothing for
    bad input: every problem is a `Refusal`."""
    steps = _steps(kind, part)
    if steps.locate is None:
        if item is None or (part is not None and target is None):
            return Outcome(refusal=Refusal(404, "not_found", steps.missing))
        refused = steps.accepts(item, target)
        if refused is not None:
            return Outcome(refusal=refused)
        body, refused = read_body()
    else:
        body, refused = read_body()
        if refused is None:
            found = steps.locate(services().store, body)
            if isinstance(found, Refusal):
                return Outcome(refusal=found)
            item, target = found
            # What the body names may be on another kind's trajectory (a reaction
            # on a poll, reported or appealed through the idea rounds' endpoints):
            # its voting codes are that kind's.
            kind = _kind_of(item, kind)
            refused = steps.accepts(item, target)
    if refused is not None:
        return Outcome(refusal=refused)
    body, refused = _who(kind, item, body, browser_token, steps.by_code)
    if refused is not None:
        return Outcome(refusal=refused)
    allowed = steps.allowed or ballot_allowed
    if not allowed(_token_of(body)):
        return Outcome(refusal=Refusal(429, "rate_limited", "error.rate_limited"))
    contribution, problems = steps.validate(item, target, body)
    if contribution is None:
        return Outcome(refusal=Refusal(422, "invalid", problems=tuple(problems)))
    held = (
        steps.moderate(item, target, contribution)
        if steps.moderate is not None
        else None
    )
    receipt = steps.store(services().store, item, target, contribution, held)
    if isinstance(receipt, Refusal):
        return Outcome(refusal=receipt)
    return Outcome(receipt=receipt, ballot=contribution, held=held)


def _steps(kind: Kind, part: str | None) -> Part:
    """The hooks of one contribution: the kind's ballot (open while the trajectory
    is, unless the kind says otherwise) or one of its parts (taken at any time
    unless the part says otherwise). Raises KeyError for a part the kind lacks."""
    if part is not None:
        steps = kind.parts[part]
        if steps.accepts is None:
            return dataclasses.replace(steps, accepts=lambda _item, _target: None)
        return steps
    steps = kind.ballot()
    if steps.accepts is None:
        return dataclasses.replace(
            steps, accepts=lambda item, _target: _open(kind, item)
        )
    return steps


def _kind_of(item: Trajectory, fallback: Kind) -> Kind:
    """The registered kind whose definition model `item` is (`fallback` when
    none is)."""
    return next(
        (k for k in services().catalog.kinds if isinstance(item, k.model)), fallback
    )


def _open(kind: Kind, item: Trajectory) -> Refusal | None:
    """409 unless the trajectory is open (with its opening date when upcoming)."""
    status = item.status()
    if status == "closed":
        return Refusal(409, "closed", f"error.{kind.noun}_closed")
    if status == "upcoming":
        return Refusal(
            409, "not_open", f"error.{kind.noun}_upcoming", params={"date": item.opens}
        )
    return None


def _who(
    kind: Kind,
    item: Trajectory,
    body: Any,
    browser_token: Callable[[], str] | None,
    by_code: bool,
) -> tuple[Any, Refusal | None]:
    """The body keyed by whoever sends it: the redeemed voting code for
    `integrity: code` (when the contribution is keyed by code), else the
    browser's token where the channel has one."""
    if not isinstance(body, dict):
        return body, None
    if item.integrity == "code" and by_code:
        body = dict(body)
        token, problem = code_token(kind.name, item.id, body.pop("code", None))
        if problem is not None:
            if problem.code == "rate_limited":
                return body, Refusal(429, "rate_limited", problem.key, "code")
            return body, Refusal(422, "invalid", problems=(problem,))
        return {**body, "token": token}, None
    if browser_token is not None:
        # A page's form always has the code field; without codes it means nothing.
        body = {name: value for name, value in body.items() if name != "code"}
        return {**body, "token": browser_token()}, None
    return body, None


def _token_of(body: Any) -> str | None:
    token = body.get("token") if isinstance(body, dict) else None
    return token if isinstance(token, str) else None

"""What a ballot means under a trajectory's definition, and which ballots no longer fit.

A ballot is tied to the rules it was cast under by a short hash of only what gives
it meaning: for a budget its lines (kind, bounds, step, locked lines with their fixed
amount), the total and the balance rule with its tolerance; for a poll its options,
choice limits and "anders, namelijk"; for a moodboard the pictures in its file and
its choice limits. Dates, texts, explanations, consequences, thresholds, the plan of
lines residents can move, tax figures and the order of lines are left out: changing
them changes no ballot's meaning.
"""

from __future__ import annotations

import collections
import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from budgetschuiver import budget, votes
from budgetschuiver.projects import BudgetProject, Moodboard, Poll, Trajectory

HASH_CHARS = 16
# The vote rules check a token too; these checks concern only the choices.
_ANY_TOKEN = "t" * 32


def rules_hash(item: Trajectory) -> str:
    """SHA-256 (first 16 hex digits) of the item's `ballot_rules()` as canonical
    JSON."""
    canonical = json.dumps(item.ballot_rules(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:HASH_CHARS]


def budget_misfits(
    project: BudgetProject, allocation: Mapping[str, Any]
) -> tuple[str, ...]:
    """Why a stored allocation does not fit the current definition, one reason per
    problem: `<line id>: <code>` (codes of `budget.validate_allocation`:
    out_of_range, off_grid, locked, missing_line, not_a_number, unknown_line) or
    `balance: unbalanced`; empty when it fits."""
    _, problems = budget.validate_allocation(project, dict(allocation))
    return tuple(_reason(problem.field, problem.code) for problem in problems)


def vote_misfits(
    item: Poll | Moodboard, choices: Iterable[str], other_text: str | None = None
) -> tuple[str, ...]:
    """Why a stored vote does not fit the current poll or moodboard: `<choice>:
    unknown_choice`, or `choices: too_few_choices` / `too_many_choices`."""
    if isinstance(item, Poll):
        body = {"options": list(choices), "token": _ANY_TOKEN}
        if other_text:
            body["other_text"] = other_text
        _, problems = votes.validate_poll_vote(item, body)
    else:
        body = {"images": list(choices), "token": _ANY_TOKEN}
        _, problems = votes.validate_moodboard_vote(item, body)
    reasons = []
    for problem in problems:
        if problem.code == "unknown_choice":
            reasons.append(f"{problem.params['choice']}: {problem.code}")
        elif problem.code == "other_not_allowed":
            reasons.append(f"anders: {problem.code}")
        else:
            reasons.append(f"choices: {problem.code}")
    return tuple(reasons)


def _reason(field: str, code: str) -> str:
    if field.startswith("allocation."):
        return f"{field.removeprefix('allocation.')}: {code}"
    return "balance: unbalanced" if code == "unbalanced" else f"{field}: {code}"


@dataclasses.dataclass
class FitReport:
    """How a trajectory's stored ballots relate to its current definition.

    `ballots`: all stored; `earlier`: cast under another version of the rules
    (they count when they still fit); `outdated`: no longer fit and are left out of
    every result; `reasons`: how many outdated ballots have each reason (one
    ballot can have several).
    """

    kind: str
    item_id: str
    ballots: int = 0
    earlier: int = 0
    outdated: int = 0
    reasons: collections.Counter = dataclasses.field(
        default_factory=collections.Counter
    )

    @property
    def mixed(self) -> bool:
        return self.earlier > 0

    def describe(self) -> list[str]:
        """Lines for operators (CLI, log), in English; empty when nothing changed."""
        if not self.earlier and not self.outdated:
            return []
        lines = [
            (
                f"{self.kind} {self.item_id}: {self.earlier} of {self.ballots} "
                f"ballots were cast under an earlier definition; {self.outdated} no "
                "longer fit and are left out of the results"
            )
        ]
        lines += [
            f"  {reason}: {count} ballot{'s' if count != 1 else ''}"
            for reason, count in sorted(self.reasons.items())
        ]
        return lines


def current_hashes(catalog: Any) -> dict[str, str]:
    """`"<kind>:<id>"` -> `rules_hash` for every trajectory of a `Catalog`."""
    return {
        f"{item.kind}:{item.id}": rules_hash(item)
        for group in (catalog.projects, catalog.polls, catalog.moodboards)
        for item in group.values()
    }


def review_all(
    store: Any, catalog: Any, moodboard: Any, *, write: bool
) -> list[FitReport]:
    """Stamp `store` with the catalog's current rules and review every
    trajectory's stored ballots against them (`Store.review_ballots`).

    `moodboard(id)` gives a moodboard with its uploaded pictures too: a vote for an
    uploaded picture fits. With `write`, ballots that no longer fit are marked so
    every result leaves them out; without, nothing is changed (for `check`).
    """
    store.definitions = current_hashes(catalog)
    reports = []
    for project in catalog.projects.values():
        reports.append(
            store.review_ballots(
                "budget",
                project.id,
                lambda content, _other, item=project: budget_misfits(item, content),
                write=write,
            )
        )
    for kind, items in (("poll", catalog.polls), ("moodboard", catalog.moodboards)):
        for item_id, base in items.items():
            full = moodboard(item_id) if kind == "moodboard" else base
            reports.append(
                store.review_ballots(
                    kind,
                    item_id,
                    lambda content, other, item=full: vote_misfits(
                        item, content, other
                    ),
                    write=write,
                )
            )
    return reports

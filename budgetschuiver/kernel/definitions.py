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
from typing import Any

from budgetschuiver.kernel.trajectory import Trajectory

HASH_CHARS = 16


def rules_hash(item: Trajectory) -> str:
    """SHA-256 (first 16 hex digits) of the item's `ballot_rules()` as canonical
    JSON."""
    canonical = json.dumps(item.ballot_rules(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:HASH_CHARS]


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
        f"{kind.name}:{item.id}": rules_hash(item)
        for kind, item in catalog.everything()
    }


def review_all(
    store: Any, catalog: Any, complete: Any, *, write: bool
) -> list[FitReport]:
    """Stamp `store` with the catalog's current rules and review every
    trajectory's stored ballots against them (`Store.review_ballots`), each by its
    kind's `misfits`.

    `complete(kind name, id)` gives the item with what is stored beside its
    definition (a moodboard's uploaded pictures: a vote for one fits). With
    `write`, ballots that no longer fit are marked so every result leaves them
    out; without, nothing is changed (for `check`).
    """
    store.definitions = current_hashes(catalog)
    reports = []
    for kind, base in catalog.everything():
        item = complete(kind.name, base.id)
        reports.append(
            store.review_ballots(
                kind.name,
                item.id,
                lambda content, other, item=item, kind=kind: kind.misfits(
                    item, content, other
                ),
                write=write,
            )
        )
    return reports

"""Which budget lines a headline may call raised, lowered or contested: stated rules
over the per-line results, so a slide never announces noise. Pure: no Dash, no SQL.

The rules (also in the README's "reading the dashboard"):

- **raised / lowered**: the 95% interval of the mean lies wholly above (below) the
  plan, and the mean differs from the plan by at least `MIN_STEPS` slider steps and
  at least `MIN_SHARE` of the plan; of those, the `TOP` with the largest change
  relative to the plan.
- **contested**: the 95% Wilson intervals of both the share that raised the line and
  the share that lowered it lie at or above `SIDE_FLOOR`, and the middle half of the
  amounts reaches the minimum change on both sides of the plan (a quarter or more
  moved it that far up, and a quarter or more that far down); the `TOP` with the
  largest smaller side.

Only spending lines that residents can move take part: a locked line cannot move,
and "more money for" a revenue line would mean higher taxes, not more of something.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from budgetschuiver.kernel.intervals import wilson_share_interval

MIN_STEPS = 1
MIN_SHARE = 0.02
SIDE_FLOOR = 0.25
TOP = 3


@dataclasses.dataclass(frozen=True)
class Headline:
    """One line on a slide: its mean change from the plan in euros (`change`, with
    `low`/`high` the 95% interval of that change), and the shares (of 1) of
    participants who raised, lowered or kept it."""

    line_id: str
    change: float
    low: float
    high: float
    raised: float
    lowered: float
    unchanged: float


def _needed(line: Any) -> float:
    """The smallest change (euros) worth a headline for this line."""
    return max(MIN_STEPS * (line.step or 1), MIN_SHARE * abs(line.plan))


def _candidates(lines: Sequence[Any]) -> list[Any]:
    return [line for line in lines if line.kind == "spending" and not line.locked]


def _headline(line: Any, stats: Mapping[str, Any]) -> Headline:
    low, high = stats["mean_ci"]
    return Headline(
        line.id,
        stats["mean"] - line.plan,
        low - line.plan,
        high - line.plan,
        stats["raised"],
        stats["lowered"],
        stats["unchanged"],
    )


def shifts(
    lines: Sequence[Any], stats: Mapping[str, Mapping[str, Any]], direction: int
) -> list[Headline]:
    """The lines residents clearly want raised (`direction` 1) or lowered (-1),
    clearest first, at most `TOP`. `lines` are the trajectory's lines (`id`, `kind`,
    `plan`, `step`, `locked`); `stats` the results' per-line entries (euros)."""
    found = []
    for line in _candidates(lines):
        entry = _headline(line, stats[line.id])
        bound = entry.low if direction > 0 else -entry.high
        size = direction * entry.change
        if bound > 0 and size >= _needed(line):
            found.append((size / max(abs(line.plan), line.step or 1), entry))
    found.sort(key=lambda pair: -pair[0])
    return [entry for _, entry in found[:TOP]]


def contested(
    lines: Sequence[Any], stats: Mapping[str, Mapping[str, Any]], n: float
) -> list[Headline]:
    """The lines on which residents clearly pull both ways, clearest first, at most
    `TOP`; `n` is the number of participants (or the effective n, weighted)."""
    found = []
    for line in _candidates(lines):
        entry = _headline(line, stats[line.id])
        up = wilson_share_interval(entry.raised, n)[0]
        down = wilson_share_interval(entry.lowered, n)[0]
        far = stats[line.id]["p75"] - line.plan >= _needed(line) and (
            line.plan - stats[line.id]["p25"] >= _needed(line)
        )
        if min(up, down) >= SIDE_FLOOR and far:
            found.append((min(entry.raised, entry.lowered), entry))
    found.sort(key=lambda pair: -pair[0])
    return [entry for _, entry in found[:TOP]]

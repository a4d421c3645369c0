"""Places in a table of counts with shared places for ties ("standard competition
ranking", as in sports tables: 1, 2, 2, 4), for any kind that ranks by a whole
count (forum topics by posts, Q&A questions by votes). Pure: no web framework,
no database."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable


@dataclasses.dataclass(frozen=True)
class Placed:
    """One row's place: `count` (posts, votes), its `share` of all counts in
    [0, 1] (0 when every count is 0), its competition `place` from 1 and
    whether it shares that place (`tied`)."""

    id: str
    count: int
    share: float
    place: int
    tied: bool


def by_count(rows: Iterable[tuple[str, int]]) -> list[Placed]:
    """Rows `(id, count)` by count, highest first: equal counts share the higher
    place and the next place skips as many. Within a tie the id decides the
    listing order only. Raises ValueError for a negative count."""
    ordered = sorted(rows, key=lambda row: (-row[1], row[0]))
    if any(count < 0 for _id, count in ordered):
        raise ValueError("counts cannot be negative")
    total = sum(count for _id, count in ordered)
    ties: dict[int, int] = {}
    for _id, count in ordered:
        ties[count] = ties.get(count, 0) + 1
    placed: list[Placed] = []
    place, previous = 0, None
    for index, (row_id, count) in enumerate(ordered):
        if count != previous:
            place, previous = index + 1, count
        share = count / total if total else 0.0
        placed.append(Placed(row_id, count, share, place, ties[count] > 1))
    return placed

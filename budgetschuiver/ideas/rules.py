"""Pure rules of idea rounds: phases, when counts show, the Wilson ranking with
shared places, the stable random order per visitor, paging and edit windows."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

import numpy as np

from budgetschuiver.kernel.intervals import wilson_interval as share_interval
from budgetschuiver.kernel.intervals import wilson_lower_bounds

Phase = Literal["upcoming", "collect", "rate", "closed"]
ShowCounts = Literal["always", "after_rating", "after_close"]
RATING_VALUES = ("support", "oppose", "neutral")
STANCES = ("for", "against", "question")
STATUSES = ("nieuw", "in_behandeling", "overgenomen", "niet_overgenomen", "uitgevoerd")
ORDERS = ("random", "new", "top")
PAGE_SIZE = 20
EDIT_MINUTES = 15
SEED_MAX = 64


def phase(
    opens: dt.date, closes: dt.date, rate_from: dt.date | None, today: dt.date
) -> Phase:
    """The phase of a round on `today` (a Den Haag date): "upcoming" before
    `opens`, "closed" after `closes`, "rate" (rating only, no new ideas) from
    `rate_from` on when set, else "collect" (post and rate)."""
    if today < opens:
        return "upcoming"
    if today > closes:
        return "closed"
    if rate_from is not None and today >= rate_from:
        return "rate"
    return "collect"


def may_post(current: Phase) -> bool:
    """New ideas only while collecting."""
    return current == "collect"


def may_rate(current: Phase) -> bool:
    """Ratings (new or changed) while collecting and in the rating phase."""
    return current in ("collect", "rate")


def may_react(current: Phase) -> bool:
    """Reactions while the round is open (collect or rate)."""
    return current in ("collect", "rate")


def counts_visible(show_counts: ShowCounts, current: Phase, rated: bool) -> bool:
    """Whether a visitor sees an idea's rating counts: always; after this visitor
    rated that idea (or once the round closed); or only after the close. Hiding
    them while a round runs keeps early ideas from winning on visible popularity."""
    if show_counts == "always" or current == "closed":
        return True
    return show_counts == "after_rating" and rated


def wilson_interval(support: int, oppose: int) -> tuple[float, float]:
    """The Wilson score interval (Wilson 1927; Agresti & Coull 1998) for the share
    supporting among those who supported or opposed; neutral ratings are not in n.
    Returns (lower, upper) as shares 0-1; (0.0, 0.0) when n is 0. The one z of
    every figure (`kernel.intervals.Z95`). Raises ValueError for negative counts."""
    if support < 0 or oppose < 0:
        raise ValueError("counts cannot be negative")
    return share_interval(support, support + oppose)


def wilson_lower(support: int, oppose: int) -> float:
    """The lower bound of `wilson_interval`: the ranking score after the close."""
    return wilson_interval(support, oppose)[0]


class Ranked(NamedTuple):
    """One idea's place: competition rank (1, 2, 2, 4) and whether it shares it.
    A named tuple: a round ranks 20,000 of them per request."""

    id: str
    support: int
    oppose: int
    neutral: int
    wilson_lower: float
    rank: int
    tied: bool


def rank(rows: Iterable[tuple[str, int, int, int]]) -> list[Ranked]:
    """Ideas `(id, support, oppose, neutral)` ranked by the Wilson lower bound,
    highest first, with competition ranks: ideas with an equal lower bound (to 12
    decimals, so float noise cannot split a tie) share a place and are `tied`; the
    next place skips as many ("1, 2, 2, 4"). Within a tie, more support, then id,
    decide the listing order only. The bounds are computed for all ideas at once
    (`kernel.intervals.wilson_lower_bounds`, equal to `wilson_lower` to the bit):
    a round of 20,000 ideas is ranked on every "meest gesteund" page, and the
    rankings of the last few distinct inputs are kept (the same rows give the
    same ranking). Raises ValueError for negative counts."""
    listed = tuple(map(tuple, rows))
    kept = _RANKED.get(listed)
    if kept is not None:
        return list(kept)
    ranked = _rank(listed)
    if len(_RANKED) >= _RANKED_KEEP:
        _RANKED.pop(next(iter(_RANKED)))
    _RANKED[listed] = ranked
    return list(ranked)


# The last few rankings by their rows: a page of "meest gesteund" and the
# dashboard rank the same 20,000 ideas again until a rating changes a count.
_RANKED: dict[tuple, list[Ranked]] = {}
_RANKED_KEEP = 8


def _rank(listed: Sequence[tuple[str, int, int, int]]) -> list[Ranked]:
    if not listed:
        return []
    ids = [row[0] for row in listed]
    counts = np.array([row[1:] for row in listed], dtype=np.int64)
    if (counts < 0).any():
        raise ValueError("counts cannot be negative")
    support, oppose = counts[:, 0], counts[:, 1]
    # Each distinct (support, oppose) pair once: far fewer than ideas.
    width = int(oppose.max()) + 1
    pairs, inverse = np.unique(support * width + oppose, return_inverse=True)
    hits = pairs // width
    bounds = wilson_lower_bounds(hits, hits + pairs % width).tolist()
    # Python's round (correctly rounded), as the scalar rule always used.
    scores = np.array([round(bound, 12) for bound in bounds])[inverse]
    order = np.lexsort((np.array(ids), -support, -scores))
    ordered = scores[order]
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    places = np.maximum.accumulate(np.where(starts, np.arange(len(order)), 0)) + 1
    groups = np.cumsum(starts) - 1
    tied = np.bincount(groups)[groups] > 1
    return list(
        map(
            Ranked._make,
            zip(
                [ids[i] for i in order.tolist()],
                *counts[order].T.tolist(),
                ordered.tolist(),
                places.tolist(),
                tied.tolist(),
                strict=True,
            ),
        )
    )


@functools.lru_cache(maxsize=262_144)
def _hash64(text: str) -> int:
    """A stable 64-bit hash of a text (BLAKE2b), kept per process: the ids of a
    round are hashed once, not on every request."""
    digest = hashlib.blake2b(text.encode(), digest_size=8, person=b"bs-ideas")
    return int.from_bytes(digest.digest(), "little")


def _mix64(values: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser (Steele, Lea & Flood 2014): spreads every input
    bit over the output, so nearby inputs land far apart. uint64 in, uint64 out."""
    with np.errstate(over="ignore"):
        z = values + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def random_order(ids: Iterable[str], seed: str) -> list[str]:
    """`ids` in the stable random order of `seed`: each idea's place is
    SplitMix64(hash(id) XOR hash(seed)), hashes by BLAKE2b. The same seed gives
    the same order on every page and reload, a new idea takes its own place
    without moving the others, and no idea wins by being first. Ties (equal
    64-bit keys) fall back to the id."""
    listed = sorted(ids)
    if not listed:
        return []
    hashes = np.fromiter(
        (_hash64(i) for i in listed), dtype=np.uint64, count=len(listed)
    )
    keys = _mix64(hashes ^ np.uint64(_hash64("seed\x00" + seed)))
    return [listed[k] for k in np.argsort(keys, kind="stable")]


def check_seed(raw: object) -> str | None:
    """A list seed from the query string: any text up to `SEED_MAX` characters;
    None for anything else."""
    if isinstance(raw, str) and 0 < len(raw) <= SEED_MAX:
        return raw
    return None


def page_bounds(total: int, page: int, size: int = PAGE_SIZE) -> tuple[int, int, int]:
    """(start, stop, pages) of page `page` (from 1) over `total` items; at least one
    page, even when empty. Raises ValueError for a page below 1 or past the last."""
    pages = max(1, math.ceil(total / size))
    if not 1 <= page <= pages:
        raise ValueError(f"page {page} is not in 1..{pages}")
    start = (page - 1) * size
    return start, min(total, start + size), pages


def editable(created_at: dt.datetime, now: dt.datetime) -> bool:
    """The author may edit within `EDIT_MINUTES` of posting (deleting: any time)."""
    return dt.timedelta(0) <= now - created_at <= dt.timedelta(minutes=EDIT_MINUTES)


def answer_required(status: str) -> bool:
    """A public answer must accompany `niet_overgenomen`."""
    return status == "niet_overgenomen"


def position_audit(
    rows: Sequence[tuple[int, int, int]], bucket: int = 5
) -> list[dict[str, float | int]]:
    """Support rate by the position an idea had in the list when rated, from
    `(position, support, oppose)` counts (positions from 1), in buckets of `bucket`
    positions: `[{"from", "to", "support", "oppose", "rate"}]` with rate the
    support share among support and oppose (None when there are none). A flat
    rate over the positions means the random order worked."""
    buckets: dict[int, list[int]] = {}
    for position, support, oppose in rows:
        if position < 1:
            continue
        key = (position - 1) // bucket
        pair = buckets.setdefault(key, [0, 0])
        pair[0] += support
        pair[1] += oppose
    out = []
    for key in sorted(buckets):
        support, oppose = buckets[key]
        total = support + oppose
        out.append(
            {
                "from": key * bucket + 1,
                "to": (key + 1) * bucket,
                "support": support,
                "oppose": oppose,
                "rate": support / total if total else None,
            }
        )
    return out

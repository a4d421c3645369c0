"""Poll and moodboard results for one trajectory and filter, as plain data. Takes
rows already read by the store; no Dash, no SQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from budgetschuiver.choices.rules import counted_choices, poll_choice_ids
from budgetschuiver.choices.rules import shares as vote_shares
from budgetschuiver.kernel.intervals import wilson_share_interval
from budgetschuiver.moodboards.model import Moodboard
from budgetschuiver.polls.model import Poll
from dashboards.kernel.filters import Filters
from dashboards.stats import aggregate

if TYPE_CHECKING:
    # Types only: importing the store would load SQLAlchemy into a pure module.
    from budgetschuiver.choices.store import StoredVote
from dashboards.kernel.results import Cell, group, row_weights, without_synthetic


def choice_results(
    option_ids: Sequence[str],
    rows: Sequence[StoredVote],
    total_rows: int,
    filters: Filters,
    population: Mapping[Cell, float],
    min_size: int,
) -> dict[str, Any]:
    """Shares per option (of voters) with 95% Wilson intervals, for polls and
    moodboards. Weighted shares use post-stratification weights; their intervals
    use the effective sample size."""
    rows, left_out = without_synthetic(rows, filters)
    members = group(
        len(rows),
        total_rows,
        filters.narrowed,
        min_size,
        sum(row.synthetic for row in rows),
        left_out,
    )
    if members.suppressed:
        return {"suppressed": True}
    if not filters.weighted:
        counts = Counter(
            choice
            for row in rows
            for choice in counted_choices(row.choices, row.other_text)
        )
        return {
            "n": members.n,
            "suppressed": False,
            "synthetic": members.synthetic,
            "synthetic_excluded": members.synthetic_excluded,
            "weighted": False,
            "items": vote_shares(option_ids, counts, members.n),
        }
    weights, info = row_weights(rows, population)
    weighted = [
        (set(counted_choices(row.choices, row.other_text)), w)
        for row, w in zip(rows, weights, strict=True)
        if w > 0
    ]
    if len(weighted) < min_size:
        return {"suppressed": True}
    total_weight = sum(w for _, w in weighted)
    effective = aggregate.kish_effective_n([w for _, w in weighted])
    items = {}
    for option in option_ids:
        share = sum(w for chosen, w in weighted if option in chosen) / total_weight
        low, high = wilson_share_interval(share, effective)
        items[option] = {
            "votes": sum(1 for chosen, _ in weighted if option in chosen),
            "share": share,
            "ci": [low, high],
        }
    return {
        "n": members.n,
        "suppressed": False,
        "synthetic": members.synthetic,
        "synthetic_excluded": members.synthetic_excluded,
        "weighted": True,
        "items": items,
        "weighting": {
            "method": "post-stratification on district x age band",
            "n_weighted": info.n_weighted,
            "n_excluded": info.n_excluded,
            "effective_n": effective,
        },
    }


def poll_results(poll: Poll, *args: Any) -> dict[str, Any]:
    out = choice_results(poll_choice_ids(poll), *args)
    if not out.get("suppressed"):
        out["options"] = out.pop("items")
    return out


def moodboard_results(moodboard: Moodboard, *args: Any) -> dict[str, Any]:
    out = choice_results([i.id for i in moodboard.images], *args)
    if not out.get("suppressed"):
        out["images"] = out.pop("items")
    return out

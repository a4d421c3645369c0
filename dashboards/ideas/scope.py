"""An idea round's figures in the dashboard's filter: which ideas (by district,
theme and posting day), their ratings (by rating day, residents' only unless the
synthetic switch is on) and how many raters, synthetic ones counted in or left
out. The one place the ideas page, its results API, exports and presentation
read a filter from.

Raters carry nothing but their ratings (the issue forbids recording more about
the visitor): district and theme are the idea's, the period is the Europe/
Amsterdam calendar days of posting (ideas) and first rating (ratings).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.kernel.filters import FilterError, Filters, parse_filters, utc_bounds

# Query parameters of the idea-round results API and exports.
QUERY = ("district", "theme", "since", "until", "synthetic")
# Filters of the other views that raters cannot have: refused, not ignored.
NOT_FOR_IDEAS = ("age_band", "weighted")


@dataclasses.dataclass(frozen=True)
class Scope:
    """`items`: the published ideas in the filter (`idea_overview`'s shape, their
    support, oppose and neutral counted from the ratings in the filter); `counts`:
    (idea id, support, oppose, neutral) of those ideas for `rules.rank`;
    `positions`: (position, support, oppose) for `rules.position_audit`;
    `moments`: (start of the UTC hour first rated in, value, ratings);
    `raters`: the raters counted; `synthetic`: of them synthetic (0 unless the
    switch is on); `excluded`: synthetic raters in the filter left out (0 when
    the switch is on)."""

    items: list[dict[str, Any]]
    counts: list[tuple[str, int, int, int]]
    positions: list[tuple[int, int, int]]
    moments: list[tuple[dt.datetime, str, int]]
    raters: int
    synthetic: int
    excluded: int
    # A narrowed filter with fewer than k raters: its rating figures are withheld.
    suppressed: bool = False

    @property
    def ratings(self) -> int:
        """The ratings counted (support, oppose and neutral)."""
        return sum(s + o + n for _, s, o, n in self.counts)


def raters_text(found: Scope, lang: str) -> str:
    """How many rated, saying whether synthetic raters are counted in."""
    key = "dbi.raters_all" if found.synthetic else "dbi.raters"
    return i18n.t_count(key, lang, found.raters)


def checked(round_: IdeaRound, filters: Filters) -> Filters:
    """`filters` when they apply to the round: its theme must be one of the
    round's. Raises FilterError("theme") otherwise."""
    if filters.theme is not None and filters.theme not in {
        theme.id for theme in round_.themes
    }:
        raise FilterError("theme")
    return filters


def _in(item: dict[str, Any], filters: Filters, start, end) -> bool:
    return (
        (filters.theme is None or item["theme"] == filters.theme)
        and (filters.district is None or item["district"] == filters.district)
        and (start is None or item["created_at"] >= start)
        and (end is None or item["created_at"] < end)
    )


def scope(round_: IdeaRound, filters: Filters, *, moments: bool = True) -> Scope:
    """The round in `filters` (checked with `checked` first). A narrowed filter
    (district, theme or period) reads every matching rating, residents' and
    synthetic ones apart, to count the synthetic ones in or say how many were
    left out; with fewer raters than the smallest group shown it is
    `suppressed`, as on every view. The whole round is never suppressed (its
    ideas and counts are public) and is read from the counters kept with each
    rating (`_whole`). `moments=False`: `Scope.moments` left empty (callers
    that draw no "support per day")."""
    if not filters.narrowed:
        return _whole(round_, filters, moments)
    store = services().store
    start, end = utc_bounds(filters.since, filters.until)
    tally = store.rating_tally(
        round_.id,
        start=start,
        end=end,
        theme=filters.theme,
        district=filters.district,
    )
    parts = [tally[False]] + ([tally[True]] if filters.synthetic else [])
    counts: dict[str, list[int]] = {}
    positions: dict[int, list[int]] = {}
    for part in parts:
        for idea_id, values in part["counts"].items():
            summed = counts.setdefault(idea_id, [0, 0, 0])
            summed[:] = [a + b for a, b in zip(summed, values, strict=True)]
        for position, values in part["positions"].items():
            summed = positions.setdefault(position, [0, 0])
            summed[:] = [a + b for a, b in zip(summed, values, strict=True)]
    items = []
    for item in store.idea_overview(round_.id):
        if not _in(item, filters, start, end):
            continue
        support, oppose, neutral = counts.get(item["id"], (0, 0, 0))
        items.append(item | {"support": support, "oppose": oppose, "neutral": neutral})
    synthetic = tally[True]["raters"]
    raters = sum(part["raters"] for part in parts)
    return Scope(
        items=items,
        counts=[(i["id"], i["support"], i["oppose"], i["neutral"]) for i in items],
        positions=[(p, *positions[p]) for p in sorted(positions)],
        moments=[moment for part in parts for moment in part["moments"]],
        raters=raters,
        synthetic=synthetic if filters.synthetic else 0,
        excluded=0 if filters.synthetic else synthetic,
        suppressed=filters.narrowed and raters < services().settings.min_group_size,
    )


def _whole(round_: IdeaRound, filters: Filters, moments: bool) -> Scope:
    """The whole round from the counters kept with each rating (milliseconds,
    where counting a million ratings takes seconds: the results API is asked
    again after every new rating): the published ideas' counts, the counts by
    shown position and the raters, residents' only unless the synthetic switch
    is on. As in the public results, positions and raters include ratings of
    ideas hidden since; only "support per day" reads the ratings."""
    store = services().store
    counts = {
        idea_id: (support, oppose, neutral)
        for idea_id, support, oppose, neutral in store.rating_counts(
            round_.id, synthetic=filters.synthetic
        )
    }
    items = []
    for item in store.idea_overview(round_.id):
        support, oppose, neutral = counts.get(item["id"], (0, 0, 0))
        items.append(item | {"support": support, "oppose": oppose, "neutral": neutral})
    residents = store.count_raters(round_.id)
    synthetic = store.count_raters(round_.id, synthetic=True) - residents
    hours: list[tuple[dt.datetime, str, int]] = []
    if moments:
        tally = store.rating_tally(round_.id, only_moments=True)
        for flag in (False, True) if filters.synthetic else (False,):
            hours += tally[flag]["moments"]
    return Scope(
        items=items,
        counts=[(i["id"], i["support"], i["oppose"], i["neutral"]) for i in items],
        positions=store.rating_positions(round_.id, synthetic=filters.synthetic),
        moments=hours,
        raters=residents + synthetic if filters.synthetic else residents,
        synthetic=synthetic if filters.synthetic else 0,
        excluded=0 if filters.synthetic else synthetic,
    )


def query(filters: Filters) -> dict[str, str]:
    """The filter as the results API's and exports' query parameters (`QUERY`),
    only those set."""
    found = {
        "district": filters.district,
        "theme": filters.theme,
        "since": filters.since.isoformat() if filters.since else None,
        "until": filters.until.isoformat() if filters.until else None,
        "synthetic": "1" if filters.synthetic else None,
    }
    return {key: value for key, value in found.items() if value}


def from_query(round_: IdeaRound, args: Any) -> Filters:
    """Filters from a request's query string (untrusted): `QUERY` only, dates as
    ISO days. Raises FilterError naming the parameter at fault, also for a
    filter raters cannot have (`NOT_FOR_IDEAS`) and an unknown theme."""
    for key in NOT_FOR_IDEAS:
        if key in args:
            raise FilterError(key)
    return checked(round_, parse_filters({key: args.get(key) for key in QUERY}))

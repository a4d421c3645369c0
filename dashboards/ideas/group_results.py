"""Opinion groups of an idea round: its raters clustered by their support,
oppose and neutral ratings (`groups.idea_groups`, Pol.is-style), computed in the
background per data version (`dashboards.kernel.recount`: one run at a time, ids
and colours kept by matching) and served from the shared cache.

By default only residents' ratings count: synthetic (demo or test) ratings are
left out, so the groups never describe made-up participants as residents. With
the synthetic switch on, the groups are computed on every rating and the result
says how many synthetic raters it holds; one result is kept per switch value.
"""

from __future__ import annotations

import functools
from typing import Any

from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.kernel.recount import Recount, answer
from dashboards.stats import groups


def _version(round_: IdeaRound) -> list:
    return services().store.rating_version(round_.id)


def _group(
    round_: IdeaRound, known: dict, *, synthetic: bool
) -> tuple[dict[str, Any], list]:
    """`groups.idea_groups` over the residents' ratings now (every rating with
    `synthetic`), ids matched to `known`; the version is read first, so a rating
    that arrives during the run makes the result stale rather than wrongly
    current. Adds "synthetic": the synthetic raters in the round counted in
    (0 without the switch)."""
    store = services().store
    version = store.rating_version(round_.id)
    idea_ids, rows = store.resident_ratings(round_.id, synthetic=synthetic)
    matrix = groups.rating_matrix(rows, idea_ids)
    found = groups.idea_groups(
        matrix, idea_ids, services().settings.min_group_size, previous=known
    )
    found["ideas"] = idea_ids
    found["synthetic"] = (
        store.count_raters(round_.id, synthetic=True) - store.count_raters(round_.id)
        if synthetic
        else 0
    )
    return found, version


# One background grouping per value of the synthetic switch, each with its own
# cache keys, so switching never shows the other value's groups.
RECOUNTS = {
    flag: Recount(
        prefix="idea-groups-all" if flag else "idea-groups",
        version=_version,
        group=functools.partial(_group, synthetic=flag),
    )
    for flag in (False, True)
}


def compute(
    round_: IdeaRound, previous: dict | None = None, synthetic: bool = False
) -> dict[str, Any]:
    """The round's groups now: `groups.idea_groups`' data plus "ideas" (the
    published ideas grouped on), "synthetic", "retired", "computed_at" and
    "version" (seconds for a large round: background or CLI only)."""
    return RECOUNTS[synthetic].compute(round_, previous)


def refresh(round_: IdeaRound, synthetic: bool = False) -> dict[str, Any]:
    """`compute`, matched to the kept result of this switch value, and kept."""
    return RECOUNTS[synthetic].refresh(round_)


def latest(round_: IdeaRound, synthetic: bool = False) -> tuple[dict | None, bool]:
    """(kept groups of this switch value or None, whether they cover every
    rating now stored); a background recount starts when they do not."""
    return RECOUNTS[synthetic].latest(round_)


def labels(found: dict[str, Any] | None, lang: str) -> dict[int, str]:
    """Group id -> its name in `lang` ("Groep 2"): the id is kept when new
    ratings arrive, so is the name."""
    if not found:
        return {}
    return {
        g["id"]: i18n.t("dbi.groups_name", lang, id=g["id"]) for g in found["groups"]
    }


def public(found: dict[str, Any] | None, labels: dict[int, str]) -> dict[str, Any]:
    """The API's answer: {"computed_at", "n", "unassigned", "synthetic", "groups":
    [{id, label, size, distinctive: [idea_id], support: {idea_id: share in [0,
    1], or None where fewer than k of the group rated it}}], "consensus":
    [idea_id], "plain": [idea_id]}; "synthetic" is the synthetic raters counted
    in (0 unless asked for); before the first run, computed_at is None and the
    lists are empty."""
    k = services().settings.min_group_size
    body = answer(
        found,
        labels,
        lambda g: {
            "distinctive": g["distinctive"],
            "support": {
                idea: (share if g["raters"][idea] >= k else None)
                for idea, share in g["support"].items()
            },
        },
        ("consensus", "plain"),
    )
    return body | {"synthetic": (found or {}).get("synthetic", 0)}

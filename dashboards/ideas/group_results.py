"""Opinion groups of an idea round: its residents clustered by their support,
oppose and neutral ratings (`groups.idea_groups`, Pol.is-style), computed in the
background per data version (`dashboards.kernel.recount`: one run at a time, ids
and colours kept by matching) and served from the shared cache.

Only residents' ratings count: synthetic (demo or test) ratings are left out, so
the groups never describe made-up participants as residents.
"""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.kernel.recount import Recount, answer
from dashboards.stats import groups


def _version(round_: IdeaRound) -> list:
    return services().store.rating_version(round_.id)


def _group(round_: IdeaRound, known: dict) -> tuple[dict[str, Any], list]:
    """`groups.idea_groups` over the residents' ratings now, ids matched to
    `known`; the version is read first, so a rating that arrives during the run
    makes the result stale rather than wrongly current."""
    store = services().store
    version = store.rating_version(round_.id)
    idea_ids, rows = store.resident_ratings(round_.id)
    matrix = groups.rating_matrix(rows, idea_ids)
    found = groups.idea_groups(
        matrix, idea_ids, services().settings.min_group_size, previous=known
    )
    found["ideas"] = idea_ids
    return found, version


RECOUNT = Recount(prefix="idea-groups", version=_version, group=_group)


# compute(round, previous=None): the round's groups now, `groups.idea_groups`'
# data plus "ideas" (the published ideas grouped on), "retired", "computed_at" and
# "version"; refresh(round): the same, kept in the cache; latest(round): (kept
# groups or None, whether they cover every rating now stored).
compute, refresh, latest = RECOUNT.compute, RECOUNT.refresh, RECOUNT.latest


def labels(found: dict[str, Any] | None, lang: str) -> dict[int, str]:
    """Group id -> its name in `lang` ("Groep 2"): the id is kept when new
    ratings arrive, so is the name."""
    if not found:
        return {}
    return {
        g["id"]: i18n.t("dbi.groups_name", lang, id=g["id"]) for g in found["groups"]
    }


def public(found: dict[str, Any] | None, labels: dict[int, str]) -> dict[str, Any]:
    """The API's answer: {"computed_at", "n", "unassigned", "groups": [{id,
    label, size, distinctive: [idea_id], support: {idea_id: share in [0, 1], or
    None where fewer than k of the group rated it}}], "consensus": [idea_id],
    "plain": [idea_id]}; before the first run, computed_at is None and the lists
    are empty."""
    k = services().settings.min_group_size
    return answer(
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

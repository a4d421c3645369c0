"""What idea rounds give the loop back (`dashboards.kernel.public`): the ranking
of the published ideas by the Wilson lower bound, each with its support share and
95% interval, its n, its status and the municipality's answer; how many residents
rated (synthetic ratings never counted as residents); the round as a whole is
suppressed while fewer than k residents rated."""

from __future__ import annotations

from typing import Any

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.kernel.public.kinds import PublicKind, RankingTexts, Row
from dashboards.kernel.public.results import unasked_crowd
from dashboards.kernel.service import Crowd


def ranking(round_: IdeaRound, synthetic: bool = False) -> dict[str, Any]:
    """The dashboard's results object of a round: {"n_ideas", "n_raters",
    "ideas": [{id, support, oppose, neutral, wilson_lower, rank, tied}],
    "position_audit"}; synthetic ratings only with `synthetic`."""
    store = services().store
    ranked = rules.rank(store.rating_counts(round_.id, synthetic=synthetic))
    return {
        "n_ideas": len(ranked),
        "n_raters": store.count_raters(round_.id, synthetic=synthetic),
        "ideas": ranked_items(ranked),
        "position_audit": rules.position_audit(
            store.rating_positions(round_.id, synthetic=synthetic)
        ),
    }


def ranked_items(ranked: list[rules.Ranked]) -> list[dict[str, Any]]:
    """`rules.rank`'s places as the results' "ideas": [{id, support, oppose,
    neutral, wilson_lower, rank, tied}]."""
    return [
        {
            "id": r.id,
            "support": r.support,
            "oppose": r.oppose,
            "neutral": r.neutral,
            "wilson_lower": r.wilson_lower,
            "rank": r.rank,
            "tied": r.tied,
        }
        for r in ranked
    ]


def public_results(round_: IdeaRound) -> dict[str, Any]:
    """The public results: `ranking` without synthetic ratings, plus "n" (the
    residents who rated) and "synthetic_excluded" (synthetic raters left out);
    {"suppressed": true} alone while fewer than k residents rated."""
    store = services().store
    found = ranking(round_)
    n = found["n_raters"]
    if n < services().settings.min_group_size:
        return {"suppressed": True}
    everyone = store.count_raters(round_.id, synthetic=True)
    return found | {"n": n, "synthetic_excluded": everyone - n}


def who(round_: IdeaRound) -> Crowd:
    """Who took part: the residents who rated. Raters are not asked their
    district or age, so they are counted in one "not given" row (suppressed
    below k like every group)."""
    return unasked_crowd(services().store.count_raters(round_.id))


def _rows(round_: IdeaRound, data: dict, lang: str) -> list[Row]:
    """One row per published idea in ranking order: value the support share
    among support and oppose ratings in [0, 1], text that share with its 95%
    Wilson interval, count those ratings, with place, status and answer."""
    store = services().store
    stored = {
        idea.id: idea
        for idea in store.ideas_by_rows([k.row_id for k in store.idea_keys(round_.id)])
    }
    rows = []
    for idea in data["ideas"]:
        found = stored.get(idea["id"])
        if found is None:
            continue
        n = idea["support"] + idea["oppose"]
        share = idea["support"] / n if n else 0.0
        low, high = rules.wilson_interval(idea["support"], idea["oppose"])
        text = (
            i18n.t(
                "loop.idea_share",
                lang,
                share=i18n.format_share(share, lang),
                low=i18n.format_share(low, lang),
                high=i18n.format_share(high, lang),
            )
            if n
            else "–"
        )
        rows.append(
            Row(
                idea["id"],
                found.title,
                share,
                text,
                count=n,
                place=f"{idea['rank']}{' (=)' if idea['tied'] else ''}",
                status=i18n.t(f"ideas.status.{found.status}", lang),
                answer=found.answer,
            )
        )
    return rows


PUBLIC = PublicKind(
    "ideas",
    "idea-rounds",
    "/ideeen/",
    _rows,
    # Ideas are stored, not defined: the answer speaks to each idea in the
    # ranking itself (status and answer), not item by item in the definition.
    lambda _round, _lang: [],
    "ranking",
    results=public_results,
    who=who,
    ranking=RankingTexts(
        "loop.n_ideas",
        "loop.ranking_intro",
        ("place", "idea", "support", "ratings", "status", "answer"),
    ),
)

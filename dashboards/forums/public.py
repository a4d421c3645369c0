"""What forums give the loop back (`dashboards.kernel.public`): the municipality's
closing text of the forum ("Wat we hiervan meenemen"), and the public topics
ranked by how many posts residents wrote in them, each with its share of all
residents' posts, open or closed, and the topic's own conclusion. n is the
residents with a public topic or post; the municipality's posts and synthetic
(demo) posts are never counted as residents; the forum as a whole is suppressed
while fewer than k residents took part."""

from __future__ import annotations

from typing import Any

from budgetschuiver.forums.model import Forum
from budgetschuiver.kernel import i18n, places
from budgetschuiver.kernel.context import services
from dashboards.kernel.public.kinds import PublicKind, RankingTexts, Row
from dashboards.kernel.public.results import unasked_crowd
from dashboards.kernel.service import Crowd


def activity(forum: Forum) -> dict[str, Any]:
    """The forum's topics by residents' posts: {"n_topics", "n_posters",
    "topics": [{id, title, posts, share (in [0, 1]), place, tied, closed,
    conclusion}]}, synthetic and municipality posts not counted."""
    store = services().store
    found = {topic.id: topic for topic in store.topic_activity(forum.id)}
    ranked = places.by_count((t.id, t.posts) for t in found.values())
    return {
        "n_topics": len(ranked),
        "n_posters": store.count_posters(forum.id),
        "topics": [
            {
                "id": r.id,
                "title": found[r.id].title,
                "posts": r.count,
                "share": r.share,
                "place": r.place,
                "tied": r.tied,
                "closed": found[r.id].closed,
                "conclusion": found[r.id].conclusion,
            }
            for r in ranked
        ],
    }


def public_results(forum: Forum) -> dict[str, Any]:
    """The public results: `activity` plus "n" (residents who posted),
    "synthetic_excluded" (synthetic posters left out) and "conclusion" (the
    forum's closing text or None); {"suppressed": true} alone while fewer than
    k residents took part."""
    store = services().store
    found = activity(forum)
    n = found["n_posters"]
    if n < services().settings.min_group_size:
        return {"suppressed": True}
    everyone = store.count_posters(forum.id, synthetic=True)
    return found | {
        "n": n,
        "synthetic_excluded": everyone - n,
        "conclusion": conclusion(forum),
    }


def conclusion(forum: Forum) -> str | None:
    """The municipality's closing text of the forum, as written, or None."""
    closing = services().store.forum_closing(forum.id)
    return closing.conclusion if closing is not None else None


def who(forum: Forum) -> Crowd:
    """Who took part: the residents who posted. Forums do not ask district or
    age, so they are counted in one "not given" row (suppressed below k)."""
    return unasked_crowd(services().store.count_posters(forum.id))


def _rows(_forum: Forum, data: dict, lang: str) -> list[Row]:
    """One row per public topic in ranking order: value its share of the
    residents' posts in [0, 1] (a plain part of a whole, not an estimate: no
    interval), count those posts, with place, open/closed and conclusion."""
    return [
        Row(
            topic["id"],
            topic["title"],
            topic["share"],
            i18n.format_share(topic["share"], lang),
            count=topic["posts"],
            place=f"{topic['place']}{' (=)' if topic['tied'] else ''}",
            status=i18n.t(
                "loop.topic_closed" if topic["closed"] else "loop.topic_open", lang
            ),
            answer=topic["conclusion"],
        )
        for topic in data["topics"]
    ]


PUBLIC = PublicKind(
    "forums",
    "forums",
    "/forum/",
    _rows,
    # Topics are stored, not defined: the answer speaks to the forum as a
    # whole; each topic's conclusion stands in the ranking itself.
    lambda _forum, _lang: [],
    "ranking",
    results=public_results,
    who=who,
    ranking=RankingTexts(
        "loop.n_topics",
        "loop.forum_intro",
        ("place", "topic", "post_share", "posts", "status", "conclusion"),
    ),
    conclusion=conclusion,
)

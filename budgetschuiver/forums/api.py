"""JSON API and Atom feeds of forums: /api/v1/forums (forums, topics, one topic,
new topics and posts through `kernel.cast`) and /forum/<id>/feed.atom,
/forum/<id>/<topic_id>/feed.atom (RFC 4287, written by feedgen). Registered by the
kind (`forums.kind`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, jsonify, request

from budgetschuiver.forums import rules
from budgetschuiver.forums.model import Forum
from budgetschuiver.forums.store import StoredPost, StoredTopic
from budgetschuiver.ideas import api as ideas_api
from budgetschuiver.ideas import validate as ideas_validate
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.api import PREFIX, error, json_body, refusal_response
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.settings import parse_limit
from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.kernel.web import contribution_allowed, request_language

forums_api = Blueprint("forums_api_v1", __name__)
# Newest first, at most this many entries per feed (readers poll).
FEED_ENTRIES = 100


# -- helpers -------------------------------------------------------------------------


def forum_of(forum_id: object) -> Forum | None:
    return services().catalog.find("forums", forum_id)


def forum_closed(forum: Forum) -> bool:
    """Closed by its date or by the municipality (with a conclusion)."""
    return forum.status() == "closed" or (
        services().store.forum_closing(forum.id) is not None
    )


def allowed(name: str, setting: str, token: str | None) -> bool:
    """Count one attempt of `name` (topic, post) for this browser token and
    address under the ideas' limit `setting` (idea_limit, reaction_limit): the
    same limits, counted apart."""
    limit = parse_limit(getattr(services().settings, setting))
    return contribution_allowed(name, token, limit, ideas_api.ADDRESS_LIMIT)


def screen(forum: Forum, title: str, text: str, duplicates: bool) -> str | None:
    """Why a new topic or post waits for review: the ideas' checks
    (`ideas.validate.queue_reason`: pre-moderation, spam signals, profanity,
    near-duplicate topics), or None to publish it."""
    known = services()
    existing = known.store.topic_fingerprints(forum.id) if duplicates else None
    return ideas_validate.queue_reason(
        forum,
        title,
        text,
        allowed_words=ideas_api.allowed_words(str(known.settings.data_dir)),
        existing=existing,
    )


def public_topic(forum: Forum | None, topic_id: object) -> StoredTopic | None:
    """The forum's topic when it is public, else None."""
    if forum is None:
        return None
    topic = services().store.find_topic(topic_id)
    if topic is None or topic.forum_id != forum.id or topic.state != "published":
        return None
    return topic


def forum_json(forum: Forum, lang: str) -> dict[str, Any]:
    closing = services().store.forum_closing(forum.id)
    out: dict[str, Any] = {
        "id": forum.id,
        "title": forum.title.get(lang),
        "question": forum.description.get(lang),
        "status": "closed" if closing is not None else forum.status(),
        "moderation": forum.moderation,
        "residents_may_start_topics": forum.residents_may_start_topics,
        "stances": forum.stances,
        "limits": {"title": forum.limits.title, "text": forum.limits.text},
    }
    if closing is not None:
        out["conclusion"] = closing.conclusion
    return out


def topic_json(topic: StoredTopic) -> dict[str, Any]:
    """A topic as the API shows it; `conclusion` only once it is closed."""
    out: dict[str, Any] = {
        "id": topic.id,
        "title": topic.title,
        "text": topic.text,
        "display_name": topic.display_name,
        "municipality": topic.municipality,
        "created_at": ideas_api.iso_time(topic.created_at),
        "posts": topic.posts,
        "last_activity": ideas_api.iso_time(topic.last_activity),
        "closed": topic.closed,
    }
    if topic.closed:
        out["conclusion"] = topic.conclusion
    return out


def post_json(post: StoredPost) -> dict[str, Any]:
    return {
        "id": post.id,
        "parent": post.parent,
        "stance": post.stance,
        "text": post.text,
        "display_name": post.display_name,
        "municipality": post.municipality,
        "created_at": ideas_api.iso_time(post.created_at),
        "deleted": post.state == "deleted",
    }


def topic_page(
    forum: Forum, query: str, page: int
) -> tuple[list[StoredTopic], int, int]:
    """(topics of page `page`, pages, total) of the forum's public topics
    matching `query`, newest activity first. Raises ValueError for a page past
    the last."""
    store = services().store
    ordered = rules.newest_activity_first(store.topic_keys(forum.id, query or None))
    shown, pages = rules.page_of(ordered, page)
    return store.topics_by_ids([k.id for k in shown]), pages, len(ordered)


def _created(payload: dict[str, Any]) -> Response:
    response = jsonify(payload)
    response.status_code = 201
    return response


# -- the API -------------------------------------------------------------------------


@forums_api.get(f"{PREFIX}/forums")
def list_forums() -> Response:
    lang = request_language()
    forums = services().catalog.of("forums").values()
    return jsonify({"forums": [forum_json(f, lang) for f in forums]})


@forums_api.route(f"{PREFIX}/forums/<forum_id>/topics", methods=["GET", "POST"])
def forum_topics(forum_id: str) -> Response:
    """One rule for both methods, so any other method is a 405 here."""
    if request.method == "POST":
        return post_topic(forum_id)
    forum = forum_of(forum_id)
    if forum is None:
        return error(404, "not_found", "error.forum_not_found")
    page = rules.check_page(request.args.get("page", "1"))
    query = rules.check_query(request.args.get("q"))
    if page is None or query is None:
        field = "page" if page is None else "q"
        return error(400, "bad_query", "error.forum_bad_query", field)
    try:
        topics, pages, total = topic_page(forum, query, page)
    except ValueError:
        return error(400, "bad_query", "error.forum_bad_query", "page")
    return jsonify(
        {
            "topics": [topic_json(t) for t in topics],
            "page": page,
            "pages": pages,
            "total": total,
        }
    )


def post_topic(forum_id: str) -> Response:
    """A new topic through the pipeline: 201 with its id and state (published,
    or pending while it waits for a moderator)."""
    known = services()
    outcome = cast(known.catalog.kinds["forums"], forum_of(forum_id), json_body)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    return _created({"id": outcome.receipt.id, "state": outcome.receipt.state})


@forums_api.get(f"{PREFIX}/forums/<forum_id>/topics/<topic_id>")
def one_topic(forum_id: str, topic_id: str) -> Response:
    topic = public_topic(forum_of(forum_id), topic_id)
    if topic is None:
        return error(404, "not_found", "error.forum_topic_not_found")
    posts = services().store.posts_in(topic)
    return jsonify({"topic": topic_json(topic), "posts": [post_json(p) for p in posts]})


@forums_api.post(f"{PREFIX}/forums/<forum_id>/topics/<topic_id>/posts")
def post_post(forum_id: str, topic_id: str) -> Response:
    forum = forum_of(forum_id)
    topic = public_topic(forum, topic_id)
    kind = services().catalog.kinds["forums"]
    outcome = cast(kind, forum, json_body, part="post", target=topic)
    if outcome.refusal is not None:
        return refusal_response(outcome.refusal)
    return _created({"id": outcome.receipt.id, "state": outcome.receipt.state})


# -- Atom feeds ----------------------------------------------------------------------


def _feed(
    lang: str,
    base: str,
    path: str,
    heading: tuple[str, str],
    entries: list,
    since: dt.datetime,
) -> bytes:
    """An Atom feed (RFC 4287: id, title, updated, author, self link; entries
    with id, title, updated and an alternate link) of `entries`: (id key, title,
    text, updated, path, author name), newest first; `heading` is the feed's
    (title, subtitle), `since` its updated time while it has no entries."""
    title, subtitle = heading
    host = base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    site = i18n.t("ui.site_name", lang)
    feed = FeedGenerator()
    feed.id(f"{base}{path}/feed.atom")
    feed.title(title)
    feed.subtitle(subtitle)
    feed.author({"name": site})
    feed.link(href=f"{base}{path}/feed.atom", rel="self")
    feed.link(href=f"{base}{path}", rel="alternate")
    feed.language(lang)
    feed.generator("Budgetschuiver")
    shown = entries[:FEED_ENTRIES]
    feed.updated(shown[0][3] if shown else since)
    # feedgen puts the last added entry first: add the oldest first.
    for key, entry_title, text, updated, entry_path, author in reversed(shown):
        entry = feed.add_entry()
        entry.id(f"tag:{host},2026:{key}")
        entry.title(entry_title)
        entry.link(href=base + entry_path, rel="alternate")
        entry.updated(updated)
        entry.published(updated)
        entry.author({"name": author or site})
        entry.content(text, type="text")
    return feed.atom_str(pretty=True)


def _atom(body: bytes) -> Response:
    response = Response(body, mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "public, max-age=60"
    return response


def _author(lang: str, name: str | None, municipality: bool) -> str:
    if municipality:
        return i18n.t("forum.badge", lang)
    return name or i18n.t("ideas.anonymous", lang)


@forums_api.get("/forum/<forum_id>/feed.atom")
def forum_feed(forum_id: str) -> Response:
    """The forum's public topics, newest activity first."""
    forum = forum_of(forum_id)
    if forum is None:
        return error(404, "not_found", "error.forum_not_found")
    lang = request_language()
    store = services().store
    ordered = rules.newest_activity_first(store.topic_keys(forum.id))
    topics = store.topics_by_ids([k.id for k in ordered[:FEED_ENTRIES]])
    path = f"/forum/{forum.id}"
    entries = [
        (
            f"forums/{forum.id}/{t.id}",
            t.title,
            t.text,
            t.last_activity,
            f"{path}/{t.id}",
            _author(lang, t.display_name, t.municipality),
        )
        for t in topics
    ]
    body = _feed(
        lang,
        request.host_url.rstrip("/"),
        path,
        (forum.title.get(lang), forum.description.get(lang)),
        entries,
        dt.datetime.combine(forum.opens, dt.time(), tzinfo=TIMEZONE),
    )
    return _atom(body)


@forums_api.get("/forum/<forum_id>/<topic_id>/feed.atom")
def topic_feed(forum_id: str, topic_id: str) -> Response:
    """The topic's published posts, newest first."""
    topic = public_topic(forum_of(forum_id), topic_id)
    if topic is None:
        return error(404, "not_found", "error.forum_topic_not_found")
    lang = request_language()
    posts = services().store.posts_in(topic, ("published",))
    path = f"/forum/{forum_id}/{topic.id}"
    entries = [
        (
            f"forums/{forum_id}/{topic.id}/{p.id}",
            i18n.t(
                "forum.feed_post_title",
                lang,
                who=_author(lang, p.display_name, p.municipality),
                title=topic.title,
            ),
            p.text,
            p.created_at,
            f"{path}#{p.id}",
            _author(lang, p.display_name, p.municipality),
        )
        for p in reversed(posts)
    ]
    body = _feed(
        lang,
        request.host_url.rstrip("/"),
        path,
        (topic.title, topic.text),
        entries,
        topic.created_at,
    )
    return _atom(body)

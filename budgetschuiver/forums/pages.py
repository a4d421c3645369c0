"""Resident pages of forums: /forum/<forum_id> (topics: search, paging, newest
activity first, unread markers, the topic form) and /forum/<forum_id>/<topic_id>
(the thread, the conclusion at the top once closed, the post form).

Flow: form -> `kernel.cast` (the API's checks) -> store -> status said out loud;
the lists refresh every few seconds, so new posts appear without a reload.
Drafts live in the browser (Dash persistence in localStorage): a refresh keeps a
half-written text, a successful post clears it. Unread markers are kept in the
browser only (localStorage, `assets/03-app/forum.js`): the server never learns
what a visitor read. Reports use the ideas pages' report box (its callbacks read
the language from the ideas pages' language store, which these pages carry).
"""

from __future__ import annotations

import hashlib

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, ctx, dcc, html

from budgetschuiver.forums import api as forum_api
from budgetschuiver.forums import rules, validate
from budgetschuiver.forums.model import Forum
from budgetschuiver.forums.store import StoredPost, StoredTopic
from budgetschuiver.ideas.pages import (
    IDEA_LANG,
    _field,
    _form_end,
    _refusal_text,
    _report_box,
    _select,
)
from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import (
    code_field,
    ensure_token,
    not_found,
    notice,
    page_language,
)
from budgetschuiver.kernel.sharing.component import (
    share_block,
    trajectory_extras,
    video_hook,
)
from budgetschuiver.reactions.component import reason_label as _reason_label

FORUM_PATH = "/forum/<forum_id>"
TOPIC_PATH = "/forum/<forum_id>/<topic_id>"
# Stable hooks for end-to-end tests (README, "Stable page hooks").
TOPIC_TITLE, TOPIC_TEXT, SUBMIT_TOPIC, TOPIC_STATUS = (
    "topic-title",
    "topic-text",
    "submit-topic",
    "topic-status",
)
TOPIC_NAME, TOPIC_FORM, TOPIC_LIST, TOPIC_SEARCH = (
    "topic-name",
    "topic-form",
    "topic-list",
    "topic-search",
)
FORUM_ID, TOPIC_PAGE, TOPIC_PREV, TOPIC_NEXT = (
    "forum-id",
    "forum-page",
    "forum-prev",
    "forum-next",
)
FORUM_REFRESH, UNREAD_DONE, LIST_VERSION = (
    "forum-refresh",
    "forum-unread-done",
    "forum-list-version",
)
POST_TEXT, POST_STANCE, POST_PARENT, POST_NAME = (
    "post-text",
    "post-stance",
    "post-parent",
    "post-name",
)
SUBMIT_POST, POST_STATUS, POST_LIST, POST_FORM = (
    "submit-post",
    "post-status",
    "post-list",
    "post-form",
)
TOPIC_ID, THREAD_REFRESH, SEEN, SEEN_DONE = (
    "topic-id",
    "thread-refresh",
    "topic-seen",
    "topic-seen-done",
)
# New posts and topics show within 10 seconds: a poll every 5.
REFRESH_MS = 5_000


def forum_of(forum_id: object) -> Forum | None:
    return services().catalog.find("forums", forum_id)


def title(forum_id: str | None = None, topic_id: str | None = None, **_kw) -> str:
    forum = forum_of(forum_id)
    topic = forum_api.public_topic(forum, topic_id) if topic_id else None
    if topic is not None:
        return topic.title
    return forum.title.get(page_language()) if forum else "Den Haag doet mee"


def _cast(forum: Forum | None, form: dict, code: object = None, **part):
    """A contribution from a page through the pipeline, keyed by this browser, or
    by the voting code typed on the page in a forum with `integrity: code`."""
    kind = services().catalog.kinds["forums"]
    body = form | ({"code": code} if code is not None else {})
    return cast(kind, forum, lambda: (body, None), browser_token=ensure_token, **part)


def _said(outcome, lang: str, done_key: str):
    """What a form's status says: the problems, the refusal, or the thanks."""
    refusal = outcome.refusal
    if refusal is not None and refusal.problems:
        return html.Ul(
            [
                html.Li(
                    f"{i18n.t('ideas.field.' + p.field, lang)}: {p.message(lang)}"
                    if p.field in ("title", "text", "display_name")
                    else p.message(lang)
                )
                for p in refusal.problems
            ],
            className="text-danger",
        )
    if refusal is not None:
        return _refusal_text(refusal, lang)
    pending = outcome.receipt.state != "published"
    return i18n.t("forum.pending" if pending else done_key, lang)


def role_badge(lang: str) -> html.Span:
    """The visible mark of a municipality account's topic or post."""
    return html.Span(
        i18n.t("forum.badge", lang),
        className="badge role-badge bg-primary",
        title=i18n.t("forum.badge_label", lang),
    )


def conclusion_block(conclusion: str, lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(i18n.t("forum.conclusion_title", lang)),
            html.P(conclusion, className="conclusion-text"),
        ],
        className="forum-conclusion alert alert-success",
    )


def _feed_link(path: str, lang: str) -> html.P:
    return html.P(
        html.A(
            i18n.t("forum.feed_link", lang),
            href=f"{path}/feed.atom",
            rel="alternate",
        ),
        className="form-text",
    )


def _text_field(
    label: str, element_id: str, forum: Forum, keep: str | None, lang: str
) -> html.Div:
    """A resident's text, its draft kept in this browser under `keep`."""
    return _field(
        label,
        dbc.Textarea(
            id=element_id,
            maxLength=forum.limits.text,
            rows=5,
            persistence=keep,
            persistence_type="local",
        ),
        element_id,
        i18n.t("forum.no_personal_data", lang),
    )


def _name_field(element_id: str, forum: Forum, lang: str) -> html.Div:
    """The optional name others see, kept in this browser for the forum."""
    return _field(
        i18n.t("forum.name_label", lang),
        dbc.Input(
            id=element_id,
            maxLength=validate.DISPLAY_NAME_MAX,
            persistence=forum.id,
            persistence_type="local",
            autoComplete="nickname",
        ),
        element_id,
    )


# -- /forum/<forum_id> ---------------------------------------------------------------


def _topic_form(forum: Forum, lang: str) -> html.Div:
    return html.Div(
        [
            html.H2(i18n.t("forum.form_title", lang)),
            html.P(i18n.t("forum.draft_kept", lang), className="form-text"),
            _field(
                i18n.t(
                    "forum.title_label",
                    lang,
                    max=i18n.format_number(forum.limits.title, lang),
                ),
                dbc.Input(
                    id=TOPIC_TITLE,
                    maxLength=forum.limits.title,
                    persistence=forum.id,
                    persistence_type="local",
                ),
                TOPIC_TITLE,
            ),
            _text_field(
                i18n.t(
                    "forum.text_label",
                    lang,
                    max=i18n.format_number(forum.limits.text, lang),
                ),
                TOPIC_TEXT,
                forum,
                forum.id,
                lang,
            ),
            _name_field(TOPIC_NAME, forum, lang),
            code_field(forum, lang),
            *_form_end(
                i18n.t("forum.submit_topic", lang), SUBMIT_TOPIC, TOPIC_STATUS, lang
            ),
        ],
        id=TOPIC_FORM,
        className="topic-form mb-4",
    )


def _state_notices(forum: Forum, lang: str) -> list:
    """The forum's state at the top: illustrative, upcoming, closed with the
    conclusion, municipality-only topics."""
    parts: list = []
    if forum.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    closing = services().store.forum_closing(forum.id)
    if closing is not None:
        parts.append(conclusion_block(closing.conclusion, lang))
    status = forum.status()
    if closing is not None or status == "closed":
        parts.append(notice(i18n.t("forum.closed_forum", lang)))
    elif status == "upcoming":
        date = i18n.format_date(forum.opens, lang)
        parts.append(notice(i18n.t("forum.upcoming", lang, date=date)))
    elif not forum.residents_may_start_topics:
        parts.append(notice(i18n.t("forum.only_municipality", lang)))
    return parts


def forum_layout(
    forum_id: str | None = None, lang: str | None = None, **_kwargs
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    if forum_id is None and catalog.of("forums"):
        forum_id = next(iter(catalog.of("forums")))
    forum = forum_of(forum_id)
    if forum is None:
        return not_found(lang, "forum.not_found_title", "forum.not_found")
    parts: list = [
        dcc.Store(id=FORUM_ID, data=forum.id),
        dcc.Store(id=IDEA_LANG, data=lang),
        dcc.Store(id=TOPIC_PAGE, data=1),
        dcc.Store(id=UNREAD_DONE),
        dcc.Store(id=LIST_VERSION),
        dcc.Interval(id=FORUM_REFRESH, interval=REFRESH_MS),
        html.H1(forum.title.get(lang)),
        html.P(forum.description.get(lang), className="lead"),
        *_state_notices(forum, lang),
    ]
    form = _topic_form(forum, lang)
    closed = services().store.forum_closing(forum.id) is not None
    form.hidden = (
        rules.topic_refusal(forum.status(), closed, forum.topics_from, False)
        is not None
    )
    parts += [
        form,
        html.H2(i18n.t("forum.list_title", lang)),
        html.P(i18n.t("forum.list_hint", lang), className="form-text"),
        _field(
            i18n.t("forum.search_label", lang),
            dbc.Input(id=TOPIC_SEARCH, type="search", debounce=True, maxLength=100),
            TOPIC_SEARCH,
        ),
        html.Div(id=TOPIC_LIST, **{"aria-live": "off"}),
        html.Div(
            [
                html.Button(
                    i18n.t("forum.previous", lang),
                    id=TOPIC_PREV,
                    type="button",
                    className="btn btn-outline-secondary me-2",
                ),
                html.Button(
                    i18n.t("forum.next", lang),
                    id=TOPIC_NEXT,
                    type="button",
                    className="btn btn-outline-secondary",
                ),
            ],
            className="forum-paging mb-3",
        ),
        _feed_link(f"/forum/{forum.id}", lang),
        *_hidden(forum, lang),
        *trajectory_extras(forum, f"/forum/{forum.id}", lang),
        html.H2(i18n.t("home.what_we_do", lang)),
        html.P(forum.what_we_do.get(lang)),
    ]
    return html.Div(parts, className="forum-page", **{"data-forum": forum.id})


def _hidden(forum: Forum, lang: str) -> list:
    """How many topics and posts were hidden after moderation, by reason (what
    moderation removed is counted in the open, never shown)."""
    totals = services().store.hidden_totals(forum.id, ("topic", "post"))
    counts: dict[str, int] = {}
    for by_reason in totals.values():
        for reason, n in by_reason.items():
            counts[reason] = counts.get(reason, 0) + n
    if not counts:
        return []
    reasons = ", ".join(
        f"{_reason_label(code, lang)} {i18n.format_number(n, lang)}"
        for code, n in sorted(counts.items())
    )
    total = i18n.format_number(sum(counts.values()), lang)
    return [
        html.P(
            i18n.t("forum.hidden", lang, count=total, reasons=reasons),
            className="form-text",
        )
    ]


def topic_card(forum: Forum, topic: StoredTopic, lang: str) -> html.Article:
    """One topic in the list: title (a link), who, how many posts, the latest
    activity, closed or not, and the unread marker the browser fills in."""
    meta: list = [
        topic.display_name or i18n.t("ideas.anonymous", lang),
        " · ",
        i18n.t_count("forum.post_count", lang, topic.posts),
        " · ",
        i18n.t(
            "forum.last_activity",
            lang,
            date=i18n.format_moment_date(topic.last_activity, lang),
        ),
    ]
    if topic.closed:
        meta += [" · ", i18n.t("forum.topic_closed_mark", lang)]
    heading = [
        html.A(topic.title, href=f"/forum/{forum.id}/{topic.id}"),
        " ",
        html.Span(
            i18n.t("forum.unread", lang),
            className="badge bg-warning text-dark unread-marker",
            hidden=True,
        ),
    ]
    return html.Article(
        [
            html.H3(heading, className="h5"),
            html.P(
                [role_badge(lang), " "] + meta if topic.municipality else meta,
                className="form-text mb-1",
            ),
            html.P(_short(topic.text), className="topic-text"),
        ],
        className="topic-card card card-body mb-3",
        **{
            "data-topic": topic.id,
            "data-activity": topic.last_activity.isoformat(),
        },
    )


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


# search, paging, the refresh, a new topic -> the list
@dash.callback(
    Output(TOPIC_LIST, "children"),
    Output(TOPIC_PAGE, "data"),
    Output(LIST_VERSION, "data"),
    Input(TOPIC_SEARCH, "value"),
    Input(TOPIC_PREV, "n_clicks"),
    Input(TOPIC_NEXT, "n_clicks"),
    Input(FORUM_REFRESH, "n_intervals"),
    Input(TOPIC_STATUS, "children"),
    State(TOPIC_PAGE, "data"),
    State(FORUM_ID, "data"),
    State(LIST_VERSION, "data"),
    State(IDEA_LANG, "data"),
)
def show_topics(query, _prev, _next, _tick, _status, page, forum_id, drawn, lang):
    lang = i18n.normalize_language(lang, page_language())
    forum = forum_of(forum_id)
    if forum is None:
        return None, 1, None
    query = query.strip()[: rules.QUERY_MAX] if isinstance(query, str) else ""
    page = page if isinstance(page, int) and not isinstance(page, bool) else 1
    if ctx.triggered_id == TOPIC_PREV:
        page -= 1
    elif ctx.triggered_id == TOPIC_NEXT:
        page += 1
    elif ctx.triggered_id == TOPIC_SEARCH:
        page = 1
    store = services().store
    ordered = rules.newest_activity_first(store.topic_keys(forum.id, query or None))
    pages = max(1, -(-len(ordered) // rules.PAGE_SIZE))
    page = min(max(1, page), pages)
    shown, _pages = rules.page_of(ordered, page)
    topics = store.topics_by_ids([k.id for k in shown])
    version = _version(
        (page, query, len(ordered), [(t.id, t.posts, t.last_activity) for t in topics])
    )
    if unchanged(FORUM_REFRESH, drawn, version):
        return dash.no_update, dash.no_update, dash.no_update
    if not topics:
        key = "forum.none_found" if query else "forum.none_yet"
        return html.P(i18n.t(key, lang)), page, version
    summary = html.P(
        i18n.t("forum.page_of", lang, page=page, pages=pages)
        + " · "
        + i18n.t_count("forum.topic_count", lang, len(ordered)),
        className="form-text",
    )
    cards = [topic_card(forum, t, lang) for t in topics]
    return html.Div([summary, *cards]), page, version


def _version(shown: object) -> str:
    """A short fingerprint of what a list shows (its `repr`), to tell a refresh
    that changes nothing."""
    return hashlib.blake2b(repr(shown).encode(), digest_size=8).hexdigest()


def unchanged(timer: str, drawn: object, version: str) -> bool:
    """The timer fired and the list is what the page shows already: leave it
    alone, so keyboard focus, an open report box or a chosen reply stay where
    the visitor left them."""
    return ctx.triggered_id == timer and drawn == version


# the list drawn -> unread markers from this browser's own memory
dash.clientside_callback(
    ClientsideFunction("forum", "markUnread"),
    Output(UNREAD_DONE, "data"),
    Input(TOPIC_LIST, "children"),
    prevent_initial_call=True,
)


# post -> the pipeline -> said out loud; the draft is cleared
@dash.callback(
    Output(TOPIC_STATUS, "children"),
    Output(TOPIC_TITLE, "value"),
    Output(TOPIC_TEXT, "value"),
    Input(SUBMIT_TOPIC, "n_clicks"),
    State(FORUM_ID, "data"),
    State(TOPIC_TITLE, "value"),
    State(TOPIC_TEXT, "value"),
    State(TOPIC_NAME, "value"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def post_topic(_clicks, forum_id, title_text, text, name, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    form = {"title": title_text, "text": text, "display_name": name or None}
    outcome = _cast(forum_of(forum_id), form, code)
    said = _said(outcome, lang, "forum.topic_posted")
    if outcome.refusal is not None:
        return said, dash.no_update, dash.no_update
    return said, "", ""


# -- /forum/<forum_id>/<topic_id> -----------------------------------------------------


def _who(post: StoredPost | StoredTopic, lang: str) -> list:
    if post.municipality:
        return [role_badge(lang)]
    return [post.display_name or i18n.t("ideas.anonymous", lang)]


def _post_item(post: StoredPost, lang: str, replies: list) -> html.Li:
    if post.state == "deleted":
        body: list = [
            html.P(i18n.t("ideas.deleted_by_author", lang), className="fst-italic")
        ]
    else:
        meta: list = []
        if post.stance:
            meta += [
                html.Span(
                    i18n.t(f"ideas.stance.{post.stance}", lang),
                    className=f"badge stance-badge stance-{post.stance}",
                ),
                " ",
            ]
        meta += [
            *_who(post, lang),
            " · ",
            i18n.format_moment_date(post.created_at, lang),
        ]
        body = [
            html.P(meta, className="form-text mb-1"),
            html.P(post.text, className="post-text"),
            _report_box("post", post.id, lang),
        ]
    if replies:
        body.append(html.Ul(replies, className="post-replies list-unstyled ms-3"))
    css = "post mb-3" + (" post-municipality" if post.municipality else "")
    return html.Li(body, className=css, id=post.id, **{"data-post": post.id})


def thread(posts: list[StoredPost], lang: str) -> html.Div:
    """The posts oldest first, each with its replies (one level)."""
    replies: dict[str, list] = {}
    for post in posts:
        if post.parent:
            replies.setdefault(post.parent, []).append(post)
    items = [
        _post_item(p, lang, [_post_item(r, lang, []) for r in replies.get(p.id, [])])
        for p in posts
        if not p.parent
    ]
    if not items:
        return html.P(i18n.t("forum.no_posts", lang))
    return html.Ul(items, className="list-unstyled post-list")


def _reply_choices(posts: list[StoredPost], lang: str) -> list[tuple[str, str]]:
    choices = [("", i18n.t("forum.reply_none", lang))]
    for post in posts:
        if not post.parent and post.state == "published":
            who = (
                i18n.t("forum.badge", lang)
                if post.municipality
                else (post.display_name or i18n.t("ideas.anonymous", lang))
            )
            label = i18n.t("forum.reply_to", lang, who=who)
            choices.append((post.id, f"{label}: {_short(post.text, 60)}"))
    return choices


def _share_topic(forum: Forum, topic: StoredTopic, lang: str) -> list:
    """The share block of a public topic: its own address, with the topic's
    title and the forum's question."""
    text = i18n.t(
        "share.text_trajectory",
        lang,
        title=f"{topic.title} ({forum.title.get(lang)})",
    )
    return [share_block(f"/forum/{forum.id}/{topic.id}", text, lang)]


def topic_layout(
    forum_id: str | None = None,
    topic_id: str | None = None,
    lang: str | None = None,
    **_kwargs,
) -> html.Div:
    lang = page_language(lang)
    if forum_id is None and topic_id is None:
        # Dash calls every layout once without arguments to learn its components.
        forum = next(iter(services().catalog.of("forums").values()), None)
        return _topic_page(forum, None, lang) if forum else html.Div()
    forum = forum_of(forum_id)
    topic = forum_api.public_topic(forum, topic_id)
    if forum is None or topic is None:
        return not_found(lang, "forum.topic_not_found_title", "forum.topic_not_found")
    return _topic_page(forum, topic, lang)


def _topic_page(forum: Forum, topic: StoredTopic | None, lang: str) -> html.Div:
    """One topic with its thread and the post form (`topic` None: the parts
    alone, for Dash's start-up)."""
    store = services().store
    closing = store.forum_closing(forum.id)
    refused = rules.post_refusal(
        forum.status(), closing is not None, bool(topic and topic.closed)
    )
    fields: list = [
        html.H2(i18n.t("forum.post_form_title", lang)),
        html.P(i18n.t("forum.draft_kept", lang), className="form-text"),
        _field(
            i18n.t("forum.reply_label", lang),
            _select(POST_PARENT, [("", i18n.t("forum.reply_none", lang))], ""),
            POST_PARENT,
        ),
    ]
    stances = [("", i18n.t("forum.no_stance", lang))] + [
        (s, i18n.t(f"ideas.stance.{s}", lang)) for s in rules.STANCES
    ]
    stance_field = _field(
        i18n.t("forum.stance_label", lang),
        _select(POST_STANCE, stances, ""),
        POST_STANCE,
    )
    stance_field.hidden = not forum.stances
    fields += [
        stance_field,
        _text_field(
            i18n.t(
                "forum.post_label",
                lang,
                max=i18n.format_number(forum.limits.text, lang),
            ),
            POST_TEXT,
            forum,
            topic.id if topic else None,
            lang,
        ),
        _name_field(POST_NAME, forum, lang),
        code_field(forum, lang),
        *_form_end(i18n.t("forum.submit_post", lang), SUBMIT_POST, POST_STATUS, lang),
    ]
    head: list = [
        dcc.Store(id=TOPIC_ID, data=topic.id if topic else None),
        dcc.Store(id=FORUM_ID, data=forum.id),
        dcc.Store(id=IDEA_LANG, data=lang),
        dcc.Store(id=SEEN),
        dcc.Store(id=SEEN_DONE),
        dcc.Interval(id=THREAD_REFRESH, interval=REFRESH_MS),
        html.P(html.A(i18n.t("forum.back", lang), href=f"/forum/{forum.id}")),
        html.H1(topic.title if topic else ""),
    ]
    if forum.illustrative:
        head.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    if topic is not None and topic.closed and topic.conclusion:
        head.append(conclusion_block(topic.conclusion, lang))
    elif closing is not None:
        head.append(conclusion_block(closing.conclusion, lang))
    if refused in ("closed", "topic_closed"):
        key = (
            "forum.closed_topic" if refused == "topic_closed" else "forum.closed_forum"
        )
        head.append(notice(i18n.t(key, lang)))
    if topic is not None:
        head.append(
            html.Article(
                [
                    html.P(
                        [
                            *_who(topic, lang),
                            " · ",
                            i18n.format_moment_date(topic.created_at, lang),
                        ],
                        className="form-text mb-1",
                    ),
                    html.P(topic.text, className="topic-text"),
                    _report_box("topic", topic.id, lang),
                ],
                className="topic-opening card card-body mb-3",
                **{"data-topic": topic.id},
            )
        )
    return html.Div(
        [
            *head,
            html.H2(i18n.t("forum.posts_title", lang)),
            html.P(i18n.t("forum.live_hint", lang), className="form-text"),
            html.Div(id=POST_LIST),
            html.Div(
                fields, id=POST_FORM, className="post-form mb-4", hidden=bool(refused)
            ),
            _feed_link(f"/forum/{forum.id}/{topic.id}" if topic else "", lang),
            *(_share_topic(forum, topic, lang) if topic else []),
        ],
        className="topic-page",
        **{"data-topic-page": topic.id if topic else ""},
    )


# the refresh, a new post -> the thread, the reply choices, the time seen
@dash.callback(
    Output(POST_LIST, "children"),
    Output(POST_PARENT, "options"),
    Output(SEEN, "data"),
    Input(THREAD_REFRESH, "n_intervals"),
    Input(POST_STATUS, "children"),
    State(FORUM_ID, "data"),
    State(TOPIC_ID, "data"),
    State(SEEN, "data"),
    State(IDEA_LANG, "data"),
)
def show_posts(_tick, _status, forum_id, topic_id, shown, lang):
    lang = i18n.normalize_language(lang, page_language())
    topic = forum_api.public_topic(forum_of(forum_id), topic_id)
    if topic is None:
        return None, dash.no_update, None
    posts = services().store.posts_in(topic)
    version = _version([(p.id, p.state) for p in posts])
    drawn = shown.get("version") if isinstance(shown, dict) else None
    if unchanged(THREAD_REFRESH, drawn, version):
        return dash.no_update, dash.no_update, dash.no_update
    options = [
        {"label": label, "value": key} for key, label in _reply_choices(posts, lang)
    ]
    seen = {
        "topic": topic.id,
        "activity": topic.last_activity.isoformat(),
        "version": version,
    }
    return thread(posts, lang), options, seen


# the thread shown -> this browser remembers it read the topic up to now
dash.clientside_callback(
    ClientsideFunction("forum", "markSeen"),
    Output(SEEN_DONE, "data"),
    Input(SEEN, "data"),
    prevent_initial_call=True,
)


# post -> the pipeline -> said out loud; the draft is cleared
@dash.callback(
    Output(POST_STATUS, "children"),
    Output(POST_TEXT, "value"),
    Input(SUBMIT_POST, "n_clicks"),
    State(FORUM_ID, "data"),
    State(TOPIC_ID, "data"),
    State(POST_STANCE, "value"),
    State(POST_PARENT, "value"),
    State(POST_TEXT, "value"),
    State(POST_NAME, "value"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def post_post(_clicks, forum_id, topic_id, stance, parent, text, name, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    forum = forum_of(forum_id)
    topic = forum_api.public_topic(forum, topic_id)
    form = {
        "text": text,
        "stance": stance or None,
        "parent": parent or None,
        "display_name": name or None,
    }
    outcome = _cast(forum, form, code, part="post", target=topic)
    said = _said(outcome, lang, "forum.post_posted")
    return said, (dash.no_update if outcome.refusal is not None else "")


def register() -> None:
    # Dash tries page templates in the order of their module names, and a
    # template variable matches slashes too: the thread's name sorts first.
    dash.register_page(
        f"{__name__}.thread", path_template=TOPIC_PATH, layout=topic_layout, title=title
    )
    dash.register_page(
        f"{__name__}.topics",
        path_template=FORUM_PATH,
        layout=forum_layout,
        title=title,
        video=video_hook(forum_of, "forum_id"),
    )

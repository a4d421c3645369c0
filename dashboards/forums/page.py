"""/dashboard/forum/<forum_id> (advisors and admins): close the forum or a topic
with a conclusion ("Wat we hiervan meenemen"), start a topic or post as the
municipality (shown with the role badge). Contributions go through `kernel.cast`
as the forum kind's municipal parts, keyed by the account; a conclusion is the
municipality's own word, stored directly."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import MATCH, Input, Output, State, ctx, dcc, html

from budgetschuiver.forums import api as forum_api
from budgetschuiver.forums import rules
from budgetschuiver.forums.model import Forum
from budgetschuiver.ideas.pages import _dom_id
from budgetschuiver.ideas.validate import check_words
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.kernel import common
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.public.status import loop_parts

PATH = "/dashboard/forum/<forum_id>"
ROLES = ("advisor", "admin")
FORUM = "dbf-forum"
CONTENT = "dbf-content"
CONCLUSION, CLOSE, CLOSE_STATUS = (
    "dbf-conclusion",
    "dbf-close-forum",
    "dbf-close-status",
)
TOPIC_TITLE, TOPIC_TEXT, TOPIC_SEND, TOPIC_STATUS = (
    "dbf-topic-title",
    "dbf-topic-text",
    "dbf-topic-send",
    "dbf-topic-status",
)
# Pattern-matching ids: one of each per topic.
TOPIC_CONCLUSION, TOPIC_CLOSE, TOPIC_CLOSE_STATUS = (
    "dbf-topic-conclusion",
    "dbf-topic-close",
    "dbf-topic-close-status",
)
POST_TEXT, POST_SEND, POST_STATUS = (
    "dbf-post-text",
    "dbf-post-send",
    "dbf-post-status",
)
CONCLUSION_MAX = 5000


def _forum(forum_id: object) -> Forum | None:
    return services().catalog.find("forums", forum_id)


def _title(forum_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dbf.title', lang)} · {i18n.t('db.title', lang)}"


def _area(label: str, element_id, lang: str, rows: int = 3) -> html.Div:
    dom_id = element_id if isinstance(element_id, str) else _dom_id(element_id)
    return html.Div(
        [
            dbc.Label(label, html_for=dom_id),
            dbc.Textarea(id=element_id, rows=rows, maxLength=CONCLUSION_MAX),
        ],
        className="mb-2",
    )


def _button(label: str, element_id) -> html.Button:
    return html.Button(
        label, id=element_id, type="button", className="btn btn-primary btn-sm"
    )


def layout(forum_id: str | None = None, lang: str | None = None, **_kwargs):
    lang = page_language(lang)
    forum = _forum(forum_id) or next(
        iter(services().catalog.of("forums").values()), None
    )
    page = html.Div(
        [
            common.nav("forums", lang),
            html.H1(forum.title.get(lang) if forum else ""),
            # The answer's status, public results, report and embed code, as the
            # overview shows them for the kinds it has cards for.
            *(loop_parts(forum, lang) if forum else []),
            html.P(i18n.t("dbf.intro", lang)),
            html.Div(forum.id if forum else "", id=FORUM, hidden=True),
            dcc.Store(id=common.LANG, data=lang),
            html.Section(
                [
                    html.H2(i18n.t("dbf.new_topic", lang)),
                    html.Div(
                        [
                            dbc.Label(
                                i18n.t("dbf.topic_title", lang), html_for=TOPIC_TITLE
                            ),
                            dbc.Input(id=TOPIC_TITLE, maxLength=200),
                        ],
                        className="mb-2",
                    ),
                    _area(i18n.t("dbf.topic_text", lang), TOPIC_TEXT, lang, 4),
                    _button(i18n.t("dbf.topic_send", lang), TOPIC_SEND),
                    html.Div(id=TOPIC_STATUS, role="status", className="mt-2"),
                ],
                className="mb-4",
            ),
            html.H2(i18n.t("dbf.topics", lang)),
            html.Div(id=CONTENT, className="db-content"),
            html.Section(
                [
                    html.H2(i18n.t("dbf.close_forum", lang)),
                    _area(i18n.t("forum.conclusion_title", lang), CONCLUSION, lang, 5),
                    _button(i18n.t("dbf.close_forum_send", lang), CLOSE),
                    html.Div(id=CLOSE_STATUS, role="status", className="mt-2"),
                ],
                className="mb-4",
            ),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _topic_block(forum: Forum, topic, lang: str) -> html.Article:
    key = {"topic": topic.id}
    facts = [
        i18n.t_count("forum.post_count", lang, topic.posts),
        i18n.t(
            "forum.last_activity",
            lang,
            date=i18n.format_moment_date(topic.last_activity, lang),
        ),
    ]
    if topic.closed:
        facts.append(i18n.t("forum.topic_closed_mark", lang))
    return html.Article(
        [
            html.H3(
                html.A(topic.title, href=f"/forum/{forum.id}/{topic.id}"),
                className="h5",
            ),
            html.P(" · ".join(facts), className="form-text"),
            _area(
                i18n.t("dbf.post_text", lang, title=topic.title),
                {"type": POST_TEXT, **key},
                lang,
            ),
            _button(i18n.t("dbf.post_send", lang), {"type": POST_SEND, **key}),
            html.Div(id={"type": POST_STATUS, **key}, role="status"),
            _area(
                i18n.t("dbf.topic_conclusion", lang, title=topic.title),
                {"type": TOPIC_CONCLUSION, **key},
                lang,
            ),
            _button(i18n.t("dbf.topic_close", lang), {"type": TOPIC_CLOSE, **key}),
            html.Div(id={"type": TOPIC_CLOSE_STATUS, **key}, role="status"),
        ],
        className="card card-body mb-3",
        **{"data-topic": topic.id},
    )


def _refused(call: Call) -> str | None:
    """Only advisors and admins speak for the municipality here."""
    if call.account.role in ROLES:
        return None
    return i18n.t("dbf.not_allowed", call.lang)


def _account_token(call: Call) -> str:
    """What keys the municipality's contributions: the account, never a browser."""
    return f"municipality-account:{call.account.name}"


def _said(outcome, lang: str) -> str:
    if outcome.refusal is None:
        return i18n.t("dbf.done", lang)
    if outcome.refusal.problems:
        return outcome.refusal.problems[0].message(lang)
    return outcome.refusal.message(lang)


def _cast(call: Call, forum, form: dict, **part):
    kind = services().catalog.kinds["forums"]
    return cast(
        kind,
        forum,
        lambda: (form, None),
        browser_token=lambda: _account_token(call),
        **part,
    )


# page, a topic added or closed -> the topics with their controls
@dashboard_callback(
    Output(CONTENT, "children"),
    Input(FORUM, "children"),
    Input(TOPIC_STATUS, "children"),
    Input(CLOSE_STATUS, "children"),
)
def show(call: Call, forum_id, _added, _closed):
    forum = _forum(forum_id)
    if forum is None:
        return html.P(i18n.t("forum.not_found", call.lang))
    store = services().store
    keys = rules.newest_activity_first(store.topic_keys(forum.id))
    topics = store.topics_by_ids([k.id for k in keys])
    if not topics:
        return html.P(i18n.t("forum.none_yet", call.lang))
    return [_topic_block(forum, t, call.lang) for t in topics]


# "start a topic" -> the municipal topic part of the pipeline
@dashboard_callback(
    Output(TOPIC_STATUS, "children"),
    Input(TOPIC_SEND, "n_clicks"),
    State(FORUM, "children"),
    State(TOPIC_TITLE, "value"),
    State(TOPIC_TEXT, "value"),
    prevent_initial_call=True,
)
def new_topic(call: Call, _clicks, forum_id, title_text, text):
    refused = _refused(call)
    if refused:
        return refused
    forum = _forum(forum_id)
    form = {"title": title_text, "text": text}
    # The part's target is the forum itself: a topic is about nothing inside it.
    outcome = _cast(call, forum, form, part="municipal_topic", target=forum)
    return _said(outcome, call.lang)


# "post as the municipality" -> the municipal post part of the pipeline
@dashboard_callback(
    Output({"type": POST_STATUS, "topic": MATCH}, "children"),
    Output({"type": POST_TEXT, "topic": MATCH}, "value"),
    Input({"type": POST_SEND, "topic": MATCH}, "n_clicks"),
    State({"type": POST_TEXT, "topic": MATCH}, "value"),
    State(FORUM, "children"),
    prevent_initial_call=True,
)
def post_as_municipality(call: Call, _clicks, text, forum_id):
    """Posted: said, and the field emptied for the next; refused: said why,
    the text kept."""
    refused = _refused(call)
    if refused:
        return refused, dash.no_update
    forum = _forum(forum_id)
    topic = _triggered_topic(forum)
    outcome = _cast(call, forum, {"text": text}, part="municipal_post", target=topic)
    kept = dash.no_update if outcome.refusal is not None else ""
    return _said(outcome, call.lang), kept


def _triggered_topic(forum: Forum | None):
    """The public topic whose button was pressed (its id is in the button's)."""
    trigger = ctx.triggered_id if isinstance(ctx.triggered_id, dict) else {}
    return forum_api.public_topic(forum, trigger.get("topic"))


def _close(call: Call, found: object, missing_key: str, conclusion, close) -> str:
    """Close what was `found` with the checked conclusion (`close(text,
    account)`), or say why not: not an advisor, not found, no or a bad text."""
    refused = _refused(call)
    if refused:
        return refused
    if found is None:
        return i18n.t(missing_key, call.lang)
    text, problems = check_words(
        conclusion, "conclusion", CONCLUSION_MAX, required=True
    )
    if text is None:
        return problems[0].message(call.lang) if problems else ""
    close(text, call.account.name)
    return i18n.t("dbf.closed", call.lang)


# "close the topic" -> the conclusion stored, shown at the top of the thread
@dashboard_callback(
    Output({"type": TOPIC_CLOSE_STATUS, "topic": MATCH}, "children"),
    Input({"type": TOPIC_CLOSE, "topic": MATCH}, "n_clicks"),
    State({"type": TOPIC_CONCLUSION, "topic": MATCH}, "value"),
    State(FORUM, "children"),
    prevent_initial_call=True,
)
def close_topic(call: Call, _clicks, conclusion, forum_id):
    topic = _triggered_topic(_forum(forum_id))
    return _close(
        call,
        topic,
        "error.forum_topic_not_found",
        conclusion,
        lambda text, who: services().store.close_topic(topic.id, text, who),
    )


# "close the forum" -> the conclusion stored, shown at the top of the forum
@dashboard_callback(
    Output(CLOSE_STATUS, "children"),
    Input(CLOSE, "n_clicks"),
    State(FORUM, "children"),
    State(CONCLUSION, "value"),
    prevent_initial_call=True,
)
def close_forum(call: Call, _clicks, forum_id, conclusion):
    forum = _forum(forum_id)
    return _close(
        call,
        forum,
        "error.forum_not_found",
        conclusion,
        lambda text, who: services().store.close_forum(forum.id, text, who),
    )


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=_title)

"""/dashboard/vragenuur/<session_id>: the hosts' console (approve, hide with a
reason, merge, pin, answer, follow up), and /dashboard/vragenuur/<session_id>/scherm:
the big screen in presentation mode (the question answered now in large type, the
top five waiting, a QR code to join).

Flow: every 1-2 s -> (server) the session's version in the shared cache -> redraw
only when it changed; a host's button -> `api.apply` (the same as the hosts' API)
-> said in the status line and drawn again. The written answer and the reason are
outside the redrawn list, so a redraw never loses them.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html
from flask import request

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.qa import api as qa_api
from budgetschuiver.qa import rules, validate
from budgetschuiver.qa.model import QaSession
from budgetschuiver.qa.store import StoredQuestion
from dashboards.kernel import common
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.public.status import loop_parts
from dashboards.qa import api, texts

CONSOLE_PATH = "/dashboard/vragenuur/<session_id>"
SCREEN_PATH = "/dashboard/vragenuur/<session_id>/scherm"
SESSION, VERSION, TICK = "dqa-session", "dqa-version", "dqa-tick"
CONTENT, STATUS, ANSWER, REASON = (
    "dqa-content",
    "dqa-status",
    "dqa-answer",
    "dqa-reason",
)
SCREEN, SCREEN_SESSION, SCREEN_VERSION, SCREEN_TICK = (
    "dqa-screen",
    "dqa-screen-session",
    "dqa-screen-version",
    "dqa-screen-tick",
)
ACT, MERGE = "dqa-act", "dqa-merge"
CONSOLE_MS, SCREEN_MS = 1_500, 1_000
# The buttons each moderation state offers, in order.
BUTTONS = {
    "pending": ("approve", "hide"),
    "published": ("pin", "answer", "live", "follow_up", "hide"),
    "hidden": ("approve",),
}

assert texts.MESSAGES


def _session(session_id: object) -> QaSession | None:
    return services().catalog.find("qa", session_id)


def _page_session(session_id: object) -> QaSession | None:
    """The session a page names; without an id (Dash checks callbacks against
    each page's layout called without one) the first."""
    if session_id is None:
        return next(iter(services().catalog.of("qa").values()), None)
    return _session(session_id)


def _title(session_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dqa.title', lang)} · {i18n.t('db.title', lang)}"


def _screen_title(session_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dqa.screen_title', lang)} · {i18n.t('db.title', lang)}"


def console_layout(session_id: str | None = None, lang: str | None = None, **_kw):
    lang = page_language(lang)
    session = _page_session(session_id)
    if session is None:
        return html.P(i18n.t("qa.not_found", lang))
    reasons = [
        {"label": i18n.t(f"moderation.reason.{code}", lang), "value": code}
        for code in moderation.REASON_CODES
    ]
    page = html.Div(
        [
            common.nav("qa", lang),
            html.H1(session.title.get(lang)),
            # The answer's status, public results, report and embed code, as the
            # overview shows them for the kinds it has cards for.
            *loop_parts(session, lang),
            html.P(
                [
                    html.A(
                        i18n.t("dqa.screen_link", lang),
                        href=f"/dashboard/vragenuur/{session.id}/scherm",
                    ),
                    " · ",
                    html.A(
                        i18n.t("dqa.public_link", lang),
                        href=f"/vragenuur/{session.id}",
                    ),
                ]
            ),
            dcc.Store(id=SESSION, data=session.id),
            dcc.Store(id=VERSION, data=-1),
            dcc.Store(id=common.LANG, data=lang),
            dcc.Interval(id=TICK, interval=CONSOLE_MS),
            html.Div(
                [
                    dbc.Label(i18n.t("dqa.answer_label", lang), html_for=ANSWER),
                    dcc.Textarea(
                        id=ANSWER,
                        className="form-control mb-2",
                        rows=3,
                        maxLength=validate.ANSWER_MAX,
                    ),
                    dbc.Label(i18n.t("dqa.reason_label", lang), html_for=REASON),
                    dbc.Select(id=REASON, options=reasons, value="off_topic"),
                ],
                className="dqa-controls mb-3",
            ),
            html.Div(id=STATUS, role="status", className="mb-3"),
            html.Div(id=CONTENT, className="db-content"),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _button(action: str, question: StoredQuestion, lang: str) -> html.Button:
    return html.Button(
        i18n.t(f"dqa.action.{action}", lang),
        id={"type": ACT, "action": action, "question": question.id},
        type="button",
        n_clicks=0,
        className="btn btn-sm btn-outline-primary me-1 mb-1",
        **{"aria-describedby": f"dqa-text-{question.id}"},
    )


def _row(question: StoredQuestion, others: list[StoredQuestion], lang: str) -> html.Li:
    votes = i18n.t_count("qa.votes", lang, question.votes)
    stage = i18n.t(f"dqa.stage.{question.stage}", lang)
    parts: list = [
        html.P(question.text, id=f"dqa-text-{question.id}", className="mb-1"),
        html.P(
            f"{question.display_name or i18n.t('qa.anonymous', lang)} · {votes}"
            f" · {stage}",
            className="form-text mb-1",
        ),
        html.Div([_button(a, question, lang) for a in BUTTONS[question.state]]),
    ]
    targets = [o for o in others if o.id != question.id]
    if question.state in ("published", "pending") and targets:
        parts.append(
            html.Div(
                [
                    # The label holds the select: named without an id to point at.
                    html.Label(
                        [
                            html.Span(
                                i18n.t("dqa.merge_label", lang), className="me-1"
                            ),
                            dbc.Select(
                                id={"type": MERGE, "question": question.id},
                                options=[
                                    {"label": o.text[:80], "value": o.id}
                                    for o in targets
                                ],
                                value=targets[0].id,
                                size="sm",
                                className="dqa-merge-select me-1",
                            ),
                        ],
                        className="d-flex flex-wrap align-items-center",
                    ),
                    _button("merge", question, lang),
                ],
                className="d-flex flex-wrap align-items-start mt-1",
            )
        )
    return html.Li(parts, className="list-group-item", **{"data-question": question.id})


def console(session: QaSession, lang: str) -> list:
    """The queue (pending), the list (published, as residents see it, with the
    question answered now first) and the hidden questions."""
    store = services().store
    found = store.session_questions(
        session.id, states=("pending", "published", "hidden")
    )
    published = [q for q in found if q.state == "published"]
    by_id = {q.id: q for q in published}
    shown = [by_id[line.id] for line in rules.shown_order(qa_api.lines(published))]
    out: list = []
    for state, items in (
        ("pending", [q for q in found if q.state == "pending"]),
        ("published", shown),
        ("hidden", [q for q in found if q.state == "hidden"]),
    ):
        out.append(html.H2(i18n.t(f"dqa.{state}", lang)))
        if not items:
            out.append(html.P(i18n.t("dqa.none", lang)))
            continue
        out.append(
            html.Ul(
                [_row(q, published, lang) for q in items], className="list-group mb-4"
            )
        )
    return out


# every 1.5 s, or after an action -> the console again when the session changed
@dashboard_callback(
    Output(CONTENT, "children"),
    Output(VERSION, "data"),
    Input(TICK, "n_intervals"),
    Input(STATUS, "children"),
    State(SESSION, "data"),
    State(VERSION, "data"),
)
def show_console(call: Call, _tick, _status, session_id, seen):
    session = _session(session_id)
    if session is None:
        return html.P(i18n.t("qa.not_found", call.lang)), -1
    version = services().data_version.scope(qa_api.scope(session.id))
    if version == seen and ctx.triggered_id == TICK:
        return dash.no_update, dash.no_update
    return console(session, call.lang), version


# a host's button -> the same action as the hosts' API -> said in the status line
@dashboard_callback(
    Output(STATUS, "children"),
    Output(ANSWER, "value"),
    Input({"type": ACT, "action": ALL, "question": ALL}, "n_clicks"),
    State({"type": MERGE, "question": ALL}, "value"),
    State(ANSWER, "value"),
    State(REASON, "value"),
    State(SESSION, "data"),
    prevent_initial_call=True,
)
def act(call: Call, _clicks, merges, answer, reason, session_id):
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return dash.no_update, dash.no_update
    session = _session(session_id)
    if session is None:
        return i18n.t("qa.not_found", call.lang), dash.no_update
    action = trigger.get("action")
    question = trigger.get("question")
    body: dict = {
        "action": "answer" if action == "live" else action,
        "question": question,
    }
    if action == "answer":
        body["answer"] = answer or None
    if action == "hide":
        body["reason_code"] = reason
    if action == "merge":
        ids = [entry["id"].get("question") for entry in ctx.states_list[0]]
        body["into"] = merges[ids.index(question)] if question in ids else None
    parsed, problems = validate.validate_host(body)
    if parsed is None:
        return html.P(
            problems[0].message(call.lang), className="text-danger"
        ), dash.no_update
    done = api.apply(session, parsed, call.account.name)
    if done.status != 200:
        return html.P(
            i18n.t(done.key, call.lang), className="text-danger"
        ), dash.no_update
    said = i18n.t(
        "dqa.done", call.lang, action=i18n.t(f"dqa.action.{action}", call.lang)
    )
    return said, "" if action == "answer" else dash.no_update


def screen_layout(session_id: str | None = None, lang: str | None = None, **_kw):
    lang = page_language(lang)
    session = _page_session(session_id)
    if session is None:
        return html.P(i18n.t("qa.not_found", lang))
    page = html.Div(
        [
            dcc.Store(id=SCREEN_SESSION, data=session.id),
            dcc.Store(id=SCREEN_VERSION, data=-1),
            dcc.Store(id=common.LANG, data=lang),
            dcc.Interval(id=SCREEN_TICK, interval=SCREEN_MS),
            html.Div(
                id=SCREEN, className="db-slide dqa-screen", **{"aria-live": "polite"}
            ),
        ],
        className="db-presentation",
    )
    return common.private(page, lang)


def join_code(url: str, lang: str) -> html.Img:
    """A QR code to the residents' page."""
    return common.qr_code(url, i18n.t("qa.qr_label", lang, address=url), "dqa-qr", 220)


def screen(session: QaSession, lang: str, url: str) -> list:
    """The big screen: the question answered now, the top five waiting by votes,
    the QR code and address to join."""
    found = services().store.session_questions(session.id)
    by_id = {q.id: q for q in found}
    now = next((q for q in found if q.stage == "answering"), None)
    top = [by_id[line.id] for line in rules.top_waiting(qa_api.lines(found))]
    current = (
        [
            html.P(i18n.t("qa.now_answering", lang), className="dqa-label"),
            html.P(now.text, className="dqa-current"),
        ]
        if now is not None
        else [html.P(i18n.t("dqa.nothing_now", lang), className="dqa-current")]
    )
    return [
        html.H1(session.title.get(lang), className="dqa-screen-title"),
        html.Div(
            [
                html.Div(current, className="dqa-now"),
                html.Div(
                    [join_code(url, lang), html.P(url, className="dqa-url")],
                    className="dqa-join",
                ),
            ],
            className="dqa-screen-top",
        ),
        html.H2(i18n.t("qa.top_waiting", lang), className="dqa-label"),
        html.Ol(
            [
                html.Li(
                    [
                        html.Span(q.text, className="dqa-top-text"),
                        html.Span(
                            i18n.t_count("qa.votes", lang, q.votes),
                            className="dqa-top-votes",
                        ),
                    ],
                    **{"data-question": q.id},
                )
                for q in top
            ],
            className="dqa-top",
        ),
    ]


# every second -> the big screen again when the session changed
@dashboard_callback(
    Output(SCREEN, "children"),
    Output(SCREEN_VERSION, "data"),
    Input(SCREEN_TICK, "n_intervals"),
    State(SCREEN_SESSION, "data"),
    State(SCREEN_VERSION, "data"),
)
def show_screen(call: Call, _tick, session_id, seen):
    session = _session(session_id)
    if session is None:
        return html.P(i18n.t("qa.not_found", call.lang)), -1
    version = services().data_version.scope(qa_api.scope(session.id))
    if version == seen:
        return dash.no_update, dash.no_update
    url = f"{request.host_url.rstrip('/')}/vragenuur/{session.id}"
    return screen(session, call.lang, url), version


def register() -> None:
    # Dash matches `<session_id>` across slashes and tries pages in the order of
    # their names: "big_screen" sorts before "console", whose template would
    # also take ".../<id>/scherm".
    dash.register_page(
        f"{__name__}.big_screen",
        path_template=SCREEN_PATH,
        layout=screen_layout,
        title=_screen_title,
    )
    dash.register_page(
        f"{__name__}.console",
        path_template=CONSOLE_PATH,
        layout=console_layout,
        title=_title,
    )

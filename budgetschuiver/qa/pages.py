"""Resident page of a live question hour: /vragenuur/<session_id>.

Before the start: a countdown and questions in advance; during: ask (optionally
with a display name), upvote, what is answered now and what was answered; after:
the transcript. Live updates are conditional polling from the browser
(`assets/03-app/qa.js`): about once a second the page asks the session's API with
its ETag and redraws the list only when the session changed. The question being
written lives outside the redrawn part (and in localStorage), so an update never
touches a half-written question.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html

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
from budgetschuiver.kernel.sharing.component import trajectory_extras, video_hook
from budgetschuiver.kernel.web import browser_token
from budgetschuiver.moderation import parts as moderation_parts
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.qa import api, rules
from budgetschuiver.qa.model import QaSession

PATH = "/vragenuur/<session_id>"
# Stable hooks for end-to-end tests (README, "Stable page hooks").
QUESTION, NAME, SUBMIT, STATUS = (
    "qa-question",
    "qa-name",
    "submit-question",
    "qa-status",
)
NOW, LIST, FORM, PHASE = "now-answering", "qa-list", "qa-form", "qa-phase"
COUNTDOWN, NEWS, TRANSPARENCY = "qa-countdown", "qa-news", "qa-transparency"
SESSION, LANG, DATA, ETAG, MINE, TICK, TEXTS = (
    "qa-session",
    "qa-lang",
    "qa-data",
    "qa-etag",
    "qa-mine",
    "qa-tick",
    "qa-texts",
)
VOTE = "qa-vote"
# "Melden" on a question (`.report-item`, drawn by qa.js) opens one report panel
# outside the redrawn list, so a redraw never closes it or loses its reason.
REPORT, REPORT_PANEL, REPORT_ABOUT, REPORT_TARGET = (
    "qa-report",
    "qa-report-panel",
    "qa-report-about",
    "qa-report-target",
)
REPORT_REASON, REPORT_SEND, REPORT_CANCEL, REPORT_STATUS = (
    "qa-report-reason",
    "qa-report-send",
    "qa-report-cancel",
    "qa-report-status",
)
POLL_MS = 1_000


def session_of(session_id: object) -> QaSession | None:
    return services().catalog.find("qa", session_id)


def title(session_id: str | None = None, **_kwargs: object) -> str:
    session = session_of(session_id)
    return session.title.get(page_language()) if session else "Den Haag doet mee"


def _when(session: QaSession, lang: str) -> str:
    return i18n.t(
        "qa.when",
        lang,
        date=i18n.format_date(session.starts.date(), lang),
        start=session.starts.strftime("%H:%M"),
        end=session.ends.strftime("%H:%M"),
    )


def texts(lang: str) -> dict[str, object]:
    """The words the browser draws the list with, in the page's language."""
    keys = (
        "now_answering",
        "nothing_now",
        "waiting_title",
        "follow_up_title",
        "answered_title",
        "none_yet",
        "vote",
        "voted",
        "answered_live",
        "anonymous",
        "hidden_reasons",
        "status_live",
        "status_ended",
        "status_upcoming",
    )
    out: dict[str, object] = {key: i18n.t(f"qa.{key}", lang) for key in keys}
    out |= {
        f"{key}_{form}": i18n.t(f"qa.{key}.{form}", lang)
        for key in ("votes", "hidden", "merged")
        for form in ("one", "other")
    }
    out["reasons"] = {
        code: i18n.t(f"moderation.reason.{code}", lang)
        for code in (*moderation.REASON_CODES, "reports")
        if f"moderation.reason.{code}" in i18n.MESSAGES
    }
    out["thousands"] = "." if lang == "nl" else ","
    out["report"] = i18n.t("ideas.report", lang)
    return out


def _report_panel(lang: str) -> html.Div:
    """The one report panel: which question, a labelled reason, send or cancel,
    and what happened (role=status). Hidden until a question's "Melden"."""
    reasons = [
        {"label": i18n.t(f"moderation.reason.{code}", lang), "value": code}
        for code in moderation.REASON_CODES
    ]
    return html.Div(
        [
            dcc.Store(id=REPORT_TARGET, data=None),
            html.Div(
                [
                    html.P(i18n.t("qa.report_about", lang), className="fw-bold mb-1"),
                    html.P(id=REPORT_ABOUT, className="qa-report-text"),
                    dbc.Label(
                        i18n.t("ideas.report_reason", lang), html_for=REPORT_REASON
                    ),
                    dbc.Select(
                        id=REPORT_REASON, options=reasons, value=reasons[0]["value"]
                    ),
                    html.Button(
                        i18n.t("ideas.report_send", lang),
                        id=REPORT_SEND,
                        type="button",
                        className="btn btn-primary btn-sm mt-2 me-2",
                    ),
                    html.Button(
                        i18n.t("qa.report_cancel", lang),
                        id=REPORT_CANCEL,
                        type="button",
                        className="btn btn-outline-secondary btn-sm mt-2",
                    ),
                ],
                id=REPORT_PANEL,
                hidden=True,
                className="card card-body mb-2 qa-report-panel",
            ),
            html.Div(id=REPORT_STATUS, role="status", className="mb-3"),
        ]
    )


def _form(session: QaSession, lang: str, hidden: bool) -> html.Div:
    limit = session.question_limit
    return html.Div(
        [
            html.H2(i18n.t("qa.ask_title", lang)),
            dbc.Label(i18n.t("qa.question_label", lang, max=limit), html_for=QUESTION),
            dcc.Textarea(
                id=QUESTION,
                maxLength=limit,
                rows=3,
                className="form-control mb-3",
                persistence=f"qa-{session.id}",
                persistence_type="local",
            ),
            # The hint inside the label: read out with the field.
            dbc.Label(
                [
                    i18n.t("qa.name_label", lang),
                    html.Span(
                        i18n.t("qa.name_hint", lang), className="form-text d-block"
                    ),
                ],
                html_for=NAME,
            ),
            dbc.Input(
                id=NAME,
                maxLength=40,
                autocomplete="nickname",
                className="mb-3",
                persistence=f"qa-{session.id}",
                persistence_type="local",
            ),
            html.P(
                html.A(i18n.t("ideas.house_rules_link", lang), href="/huisregels"),
                className="form-text",
            ),
            html.Button(
                i18n.t("qa.send", lang),
                id=SUBMIT,
                type="button",
                className="btn btn-primary",
            ),
        ],
        id=FORM,
        className="qa-form mb-4",
        hidden=hidden,
    )


def layout(session_id: str | None = None, lang: str | None = None, **_kwargs):
    lang = page_language(lang)
    sessions = services().catalog.of("qa")
    if session_id is None and sessions:
        # Dash checks callbacks against each page's layout called without an id.
        session_id = next(iter(sessions))
    session = session_of(session_id)
    if session is None:
        return not_found(lang, "qa_session.not_found_title", "qa.not_found")
    status = session.session_status()
    data = api.session_json(session, lang)
    mine = sorted(services().store.votes_of(session.id, browser_token()))
    parts: list = [
        dcc.Store(id=SESSION, data=session.id),
        dcc.Store(id=LANG, data=lang),
        dcc.Store(id=DATA, data=data),
        dcc.Store(id=ETAG, data=""),
        dcc.Store(id=MINE, data=mine),
        dcc.Store(
            id=TEXTS,
            data={
                **texts(lang),
                "starts_ms": int(session.starts_at().timestamp() * 1000),
                "left": i18n.t("qa.left", lang),
            },
        ),
        dcc.Interval(id=TICK, interval=POLL_MS),
        html.H1(session.title.get(lang)),
        html.P(session.description.get(lang), className="lead"),
        html.P(_when(session, lang)),
    ]
    if session.hosts:
        parts.append(html.P(i18n.t("qa.hosts", lang, names=", ".join(session.hosts))))
    if session.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    parts += [
        html.P(id=PHASE, className="qa-phase"),
        html.P(
            [
                html.Span(i18n.t("qa.countdown_label", lang) + ": "),
                html.Span(id=COUNTDOWN),
            ],
            className="qa-countdown",
            hidden=status != "upcoming",
            id=f"{COUNTDOWN}-box",
        ),
        # A session with voting codes: the code keys questions and votes alike.
        code_field(session, lang),
        _form(session, lang, hidden=not rules.may_ask(status)),
        html.Div(id=STATUS, role="status", className="mb-3"),
        html.Div(id=NEWS, className="visually-hidden", **{"aria-live": "polite"}),
        html.Section(
            [
                html.H2(i18n.t("qa.now_answering", lang)),
                html.Div(id=NOW, className="qa-now"),
            ],
            className="qa-now-box mb-4",
            **{"aria-labelledby": NOW},
        ),
        _report_panel(lang),
        html.Div(id=LIST, className="qa-list", **{"aria-live": "off"}),
        html.P(id=TRANSPARENCY, className="form-text"),
    ]
    if status != "upcoming":
        parts.append(
            html.P(
                html.A(
                    i18n.t("qa.transcript_link", lang),
                    href=f"/api/v1/qa/{session.id}/transcript.csv",
                )
            )
        )
    parts += trajectory_extras(session, f"/vragenuur/{session.id}", lang)
    parts += [
        html.H2(i18n.t("home.what_we_do", lang)),
        html.P(session.what_we_do.get(lang)),
    ]
    return html.Div(parts, className="qa-page", **{"data-session": session.id})


# every second: ask the API with the ETag -> the session's data when it changed
dash.clientside_callback(
    ClientsideFunction("qa", "poll"),
    Output(DATA, "data"),
    Output(ETAG, "data"),
    Input(TICK, "n_intervals"),
    State(SESSION, "data"),
    State(ETAG, "data"),
    State(LANG, "data"),
    prevent_initial_call=True,
)

# data or my votes changed -> the list, the question answered now, transparency
dash.clientside_callback(
    ClientsideFunction("qa", "render"),
    Output(LIST, "children"),
    Output(NOW, "children"),
    Output(TRANSPARENCY, "children"),
    Output(PHASE, "children"),
    Output(NEWS, "children"),
    Output(FORM, "hidden"),
    Input(DATA, "data"),
    Input(MINE, "data"),
    State(TEXTS, "data"),
    State(NEWS, "children"),
)

# every second before the start -> the countdown
dash.clientside_callback(
    ClientsideFunction("qa", "countdown"),
    Output(COUNTDOWN, "children"),
    Output(f"{COUNTDOWN}-box", "hidden"),
    Input(TICK, "n_intervals"),
    State(TEXTS, "data"),
)


def _cast(session: QaSession | None, body: dict, **part):
    """A contribution from the page through the pipeline, keyed by this browser."""
    kind = services().catalog.kinds["qa"]
    return cast(kind, session, lambda: (body, None), browser_token=ensure_token, **part)


# send -> the API's checks -> store -> said out loud; the draft is cleared
@dash.callback(
    Output(STATUS, "children"),
    Output(QUESTION, "value"),
    Input(SUBMIT, "n_clicks"),
    State(SESSION, "data"),
    State(QUESTION, "value"),
    State(NAME, "value"),
    State(ids.VOTING_CODE, "value"),
    State(LANG, "data"),
    prevent_initial_call=True,
)
def ask(_clicks, session_id, text, name, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    outcome = _cast(
        session_of(session_id),
        {"text": text, "display_name": name or None, "code": code},
    )
    if outcome.refusal is not None:
        message = api.refusal_words(outcome.refusal, lang)
        return html.P(message, className="text-danger"), dash.no_update
    key = "qa.sent" if outcome.receipt.state == "published" else "qa.sent_pending"
    return i18n.t(key, lang), ""


# vote button -> vote or withdraw -> my votes (the list redraws) and a spoken result
@dash.callback(
    Output(MINE, "data"),
    Output(STATUS, "children", allow_duplicate=True),
    Input({"type": VOTE, "question": ALL}, "n_clicks"),
    State(SESSION, "data"),
    State(MINE, "data"),
    State(ids.VOTING_CODE, "value"),
    State(LANG, "data"),
    prevent_initial_call=True,
)
def vote(_clicks, session_id, mine, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return dash.no_update, dash.no_update
    session = session_of(session_id)
    question = api.public_question(session, trigger.get("question"))
    mine = [m for m in mine if isinstance(m, str)] if isinstance(mine, list) else []
    part = "withdraw" if question is not None and question.id in mine else "vote"
    outcome = _cast(session, {"code": code}, part=part, target=question)
    if outcome.refusal is not None:
        message = api.refusal_words(outcome.refusal, lang)
        return dash.no_update, html.P(message, className="text-danger")
    if part == "vote":
        return sorted({*mine, question.id}), i18n.t("qa.vote_done", lang)
    return [m for m in mine if m != question.id], i18n.t("qa.vote_withdrawn", lang)


# "Melden" on a question -> the report panel names it (focus moves to its reason);
# "Niet melden" -> the panel closes
@dash.callback(
    Output(REPORT_TARGET, "data"),
    Output(REPORT_ABOUT, "children"),
    Output(REPORT_PANEL, "hidden"),
    Output(REPORT_STATUS, "children"),
    Input({"type": REPORT, "question": ALL}, "n_clicks"),
    Input(REPORT_CANCEL, "n_clicks"),
    State(SESSION, "data"),
    prevent_initial_call=True,
)
def open_report(_clicks, _cancel, session_id):
    no = dash.no_update
    if ctx.triggered_id == REPORT_CANCEL:
        return None, "", True, ""
    trigger = ctx.triggered_id
    # A redraw adds buttons with no clicks: that is no press.
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return no, no, no, no
    question = api.public_question(session_of(session_id), trigger.get("question"))
    if question is None:
        return None, "", True, ""
    return question.id, question.text, False, ""


# send -> the question's kind's report part (the same flow as ideas) -> thanks
@dash.callback(
    Output(REPORT_STATUS, "children", allow_duplicate=True),
    Output(REPORT_PANEL, "hidden", allow_duplicate=True),
    Input(REPORT_SEND, "n_clicks"),
    State(REPORT_TARGET, "data"),
    State(REPORT_REASON, "value"),
    State(LANG, "data"),
    prevent_initial_call=True,
)
def send_report(_clicks, question_id, reason, lang):
    lang = i18n.normalize_language(lang, page_language())
    body = {"item": {"type": "question", "id": question_id}, "reason": reason}
    kind = moderation_parts.kind_of(body)
    outcome = cast(
        kind, None, lambda: (body, None), browser_token=ensure_token, part="report"
    )
    if outcome.refusal is not None:
        message = api.refusal_words(outcome.refusal, lang)
        return html.P(message, className="text-danger"), dash.no_update
    key = "ideas.reported" if outcome.receipt == "created" else "ideas.reported_again"
    return i18n.t(key, lang), True


# the panel opens -> focus on its reason (keyboard users land where they act)
dash.clientside_callback(
    ClientsideFunction("qa", "focusReport"),
    Output(REPORT_REASON, "className"),
    Input(REPORT_PANEL, "hidden"),
    prevent_initial_call=True,
)


def register() -> None:
    dash.register_page(
        f"{__name__}.session",
        path_template=PATH,
        layout=layout,
        title=title,
        video=video_hook(session_of, "session_id"),
    )

"""/dashboard/moderatie: the moderation queue, oldest first, each item with why it
is there, the house rules at hand, and a decision with a required reason code.

Flow: page -> (callback) the queue for a moderator -> decide one item -> store and
log -> the queue again, the outcome said out loud.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.qa import api as qa_api
from dashboards.kernel import common
from dashboards.kernel.guard import Call, dashboard_callback

PATH = "/dashboard/moderatie"
QUEUE = "db-mod-queue"
STATUS = "db-mod-status"
LANG = "db-mod-lang"
ACTION, REASON, NOTE, DECIDE = (
    "db-mod-action",
    "db-mod-reason",
    "db-mod-note",
    "db-mod-decide",
)


def _title() -> str:
    lang = page_language()
    return f"{i18n.t('mod.title', lang)} · {i18n.t('db.title', lang)}"


def layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    lang = page_language(lang)
    page = html.Div(
        [
            common.nav("moderation", lang),
            html.H1(i18n.t("mod.title", lang)),
            html.P(
                [
                    i18n.t("mod.intro", lang),
                    " ",
                    html.A(i18n.t("ideas.house_rules_link", lang), href="/huisregels"),
                    " · ",
                    html.A(
                        i18n.t("mod.log_link", lang), href="/api/v1/moderation/log.csv"
                    ),
                ]
            ),
            html.Div(id=STATUS, role="status", className="mb-2"),
            html.Div(id=QUEUE, className="db-content"),
            html.Div(lang, id=LANG, hidden=True),
            dcc.Store(id=common.LANG, data=lang),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _choice(element_id: dict, label: str, choices: list[tuple[str, str]]) -> html.Div:
    dom_id = _dom_id(element_id)
    return html.Div(
        [
            dbc.Label(label, html_for=dom_id),
            dbc.Select(
                id=element_id,
                options=[{"label": text, "value": value} for value, text in choices],
                value=choices[0][0],
                size="sm",
            ),
        ],
        className="me-2 mb-2",
    )


def _dom_id(pattern: dict) -> str:
    import json

    return json.dumps(pattern, separators=(",", ":"), sort_keys=True)


def _item(item, lang: str) -> html.Li:
    key = {"kind": item.type, "item": item.id}
    actions = [(a, i18n.t(f"mod.action.{a}", lang)) for a in moderation.ACTIONS]
    reasons = [
        (code, i18n.t(f"moderation.reason.{code}", lang))
        for code in moderation.REASON_CODES
    ]
    note_id = {"type": NOTE, **key}
    return html.Li(
        [
            html.H2(
                f"{i18n.t(f'ideas.kind.{item.type}', lang)}: {item.title or ''}".strip(
                    ": "
                ),
                className="h6",
            ),
            html.P(item.text, className="mod-text"),
            html.P(
                [
                    i18n.t("mod.why", lang),
                    " ",
                    html.Strong(item.reason_queued),
                    " · ",
                    i18n.t_count("mod.reports", lang, item.reports),
                    " · ",
                    i18n.format_moment_date(item.queued_at, lang),
                ],
                className="form-text",
            ),
            html.Div(
                [
                    _choice(
                        {"type": ACTION, **key}, i18n.t("mod.action", lang), actions
                    ),
                    _choice(
                        {"type": REASON, **key}, i18n.t("mod.reason", lang), reasons
                    ),
                    html.Div(
                        [
                            dbc.Label(
                                i18n.t("mod.note", lang), html_for=_dom_id(note_id)
                            ),
                            dbc.Input(id=note_id, maxLength=500, size="sm"),
                        ],
                        className="me-2 mb-2",
                    ),
                    html.Button(
                        i18n.t("mod.decide", lang),
                        id={"type": DECIDE, **key},
                        type="button",
                        className="btn btn-primary btn-sm mb-2 align-self-end",
                    ),
                ],
                className="d-flex flex-wrap",
            ),
        ],
        className="card card-body mb-3",
        **{"data-queue-item": item.id},
    )


def queue_view(lang: str) -> html.Div:
    items = services().store.moderation_queue()
    if not items:
        return html.P(i18n.t("mod.empty", lang))
    return html.Div(
        [
            html.P(i18n.t_count("mod.waiting", lang, len(items))),
            html.Ul([_item(item, lang) for item in items], className="list-unstyled"),
        ]
    )


# page, decision -> the queue (moderators and admins only)
@dashboard_callback(
    Output(QUEUE, "children"),
    Output(STATUS, "children"),
    Input(LANG, "children"),
    Input({"type": DECIDE, "kind": ALL, "item": ALL}, "n_clicks"),
    State({"type": ACTION, "kind": ALL, "item": ALL}, "value"),
    State({"type": REASON, "kind": ALL, "item": ALL}, "value"),
    State({"type": NOTE, "kind": ALL, "item": ALL}, "value"),
)
def show_queue(call: Call, _lang, _clicks, actions, reasons, notes):
    lang, account = call.lang, call.account
    if not account.can_moderate:
        return html.P(i18n.t("auth.forbidden", lang)), None
    status = None
    trigger = ctx.triggered_id
    if isinstance(trigger, dict) and ctx.triggered[0].get("value"):
        ids = [item["id"] for item in ctx.inputs_list[1]]
        index = ids.index(trigger) if trigger in ids else -1
        status = _decide(trigger, index, actions, reasons, notes, account.name, lang)
    return queue_view(lang), status


def _decide(trigger, index, actions, reasons, notes, moderator, lang) -> str:
    """One decision from the queue's form (checked like the API's)."""
    from budgetschuiver.ideas import validate

    if index < 0:
        return i18n.t("error.idea_item_not_found", lang)
    body = {
        "item": {"type": trigger.get("kind"), "id": trigger.get("item")},
        "action": actions[index] or "approve",
        "reason_code": reasons[index] or "spam",
        "note": notes[index] or None,
    }
    parsed, problems = validate.validate_decision(body)
    if parsed is None:
        return problems[0].message(lang)
    (item_type, item_id), action, reason, note = parsed
    outcome = services().store.decide(
        item_type, item_id, action, reason, note, moderator
    )
    if outcome == "same_moderator":
        return i18n.t("error.idea_same_moderator", lang)
    if outcome != "ok":
        return i18n.t("error.idea_item_not_found", lang)
    qa_api.moderated(item_type, item_id)
    return i18n.t("mod.done", lang, action=i18n.t(f"mod.action.{action}", lang).lower())


def register() -> None:
    dash.register_page(__name__, path=PATH, layout=layout, title=_title)

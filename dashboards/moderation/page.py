"""/dashboard/moderatie: the moderation queue, oldest first, each item with why it
is there, the house rules at hand, and a decision with a required reason code.

Flow: page -> (callback) the queue for a moderator -> decide one item -> store and
log -> the queue again, the outcome said out loud.
"""

from __future__ import annotations

import base64

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html

from budgetschuiver.ideas.store import STATES
from budgetschuiver.ideas.validate import ITEM_TYPES
from budgetschuiver.kernel import i18n, media
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.kernel.pictures import resized
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.qa import api as qa_api
from dashboards.kernel import common
from dashboards.kernel.auth import current_account
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
# The item a moderator came to review from its page.
FOCUS = "db-mod-focus"
# One decision for several items at once: each item's checkbox, and the bar with
# the decision, its reason and note for all that are picked.
PICK = "db-mod-pick"
BULK_ACTION, BULK_REASON, BULK_NOTE, BULK_DECIDE = (
    "db-mod-bulk-action",
    "db-mod-bulk-reason",
    "db-mod-bulk-note",
    "db-mod-bulk-decide",
)


def _title() -> str:
    lang = page_language()
    return f"{i18n.t('mod.title', lang)} · {i18n.t('db.title', lang)}"


def review_link(item_type: str, item_id: str, lang: str) -> html.P | None:
    """On a resident page, for a signed-in moderator or admin: a link to decide
    on this item here (registered as a staff tool when the app is composed)."""
    account = current_account()
    if account is None or not account.can_moderate:
        return None
    return html.P(
        html.A(
            i18n.t("mod.review_here", lang),
            href=f"{PATH}?item={item_type}:{item_id}",
        ),
        className="mb-1",
    )


def _focus(raw: object) -> dict | None:
    """The item a moderator came to review (`?item=<type>:<id>`), as the
    queue's key, or None for a malformed value."""
    if not isinstance(raw, str) or ":" not in raw or len(raw) > 40:
        return None
    item_type, item_id = raw.split(":", 1)
    if item_type not in ITEM_TYPES or not item_id:
        return None
    return {"kind": item_type, "item": item_id}


def layout(lang: str | None = None, item: object = None, **_kwargs: object):
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
            _bulk_bar(lang),
            html.Div(id=STATUS, role="status", className="mb-2"),
            html.Div(id=QUEUE, className="db-content"),
            html.Div(lang, id=LANG, hidden=True),
            dcc.Store(id=FOCUS, data=_focus(item)),
            dcc.Store(id=common.LANG, data=lang),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _decisions(lang: str) -> tuple[list, list]:
    """The actions and the reason codes as (value, label) choices."""
    actions = [(a, i18n.t(f"mod.action.{a}", lang)) for a in moderation.ACTIONS]
    reasons = [
        (code, i18n.t(f"moderation.reason.{code}", lang))
        for code in moderation.REASON_CODES
    ]
    return actions, reasons


def _bulk_bar(lang: str) -> html.Section:
    """One decision for every item whose checkbox is ticked."""
    actions, reasons = _decisions(lang)
    return html.Section(
        [
            html.H2(i18n.t("mod.bulk_title", lang), className="h6"),
            html.Div(
                [
                    _choice(BULK_ACTION, i18n.t("mod.action", lang), actions),
                    _choice(BULK_REASON, i18n.t("mod.reason", lang), reasons),
                    html.Div(
                        [
                            dbc.Label(i18n.t("mod.note", lang), html_for=BULK_NOTE),
                            dbc.Input(id=BULK_NOTE, maxLength=500, size="sm"),
                        ],
                        className="me-2 mb-2",
                    ),
                    html.Button(
                        i18n.t("mod.bulk_decide", lang),
                        id=BULK_DECIDE,
                        type="button",
                        className="btn btn-primary btn-sm mb-2 align-self-end",
                    ),
                ],
                className="d-flex flex-wrap",
            ),
        ],
        className="card card-body mb-3 mod-bulk",
        **{"aria-label": i18n.t("mod.bulk_title", lang)},
    )


def _choice(
    element_id: dict | str, label: str, choices: list[tuple[str, str]]
) -> html.Div:
    dom_id = _dom_id(element_id) if isinstance(element_id, dict) else element_id
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
    actions, reasons = _decisions(lang)
    note_id = {"type": NOTE, **key}
    pick_id = {"type": PICK, **key}
    return html.Li(
        [
            dbc.Checkbox(
                id=pick_id,
                label=i18n.t("mod.pick", lang),
                value=False,
                className="mb-1 mod-pick",
            ),
            html.H2(
                f"{i18n.t(f'ideas.kind.{item.type}', lang)}: {item.title or ''}".strip(
                    ": "
                ),
                className="h6",
            ),
            html.P(item.text, className="mod-text"),
            *_picture(item, lang),
            html.P(_why_here(item, lang), className="form-text"),
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


def _picture(item, lang: str) -> list:
    """An idea's picture with its alternative text, whatever the idea's state: it
    is part of what the moderator decides on. Inline (a data URL), since the
    public picture route serves published ideas only."""
    if item.type != "idea":
        return []
    store = services().store
    data = store.idea_picture(item.id, states=STATES)
    idea = store.find_idea(item.id) if data is not None else None
    if idea is None or idea.picture_alt is None:
        return []
    small = base64.b64encode(resized(data, media.SIZES[0])).decode("ascii")
    return [
        html.Img(
            src=f"data:image/webp;base64,{small}",
            alt=idea.picture_alt,
            className="idea-thumbnail",
        ),
        html.P(
            [
                html.Strong(i18n.t("ideas.field.picture_alt", lang)),
                f": {idea.picture_alt}",
            ],
            className="mod-text",
        ),
    ]


def _why_here(item, lang: str) -> list:
    """Why it is in the queue, its reports and since when; for an item opened
    from its page that is not waiting, its state instead."""
    reports = i18n.t_count("mod.reports", lang, item.reports)
    queued_at = getattr(item, "queued_at", None)
    if item.reason_queued is None or queued_at is None:
        state = i18n.t(f"ideas.state.{item.state}", lang)
        return [i18n.t("mod.state_now", lang), " ", html.Strong(state), " · ", reports]
    return [
        i18n.t("mod.why", lang),
        " ",
        html.Strong(item.reason_queued),
        " · ",
        reports,
        " · ",
        i18n.format_moment_date(queued_at, lang),
    ]


def queue_view(lang: str, focus: dict | None = None) -> html.Div:
    """The queue, oldest first; with `focus` (an item opened from its page) that
    item first, whatever its state, and not again in the queue."""
    store = services().store
    items = store.moderation_queue()
    head: list = []
    if focus is not None:
        found = store.review_item(focus["kind"], focus["item"])
        head = [
            html.H2(i18n.t("mod.focus_title", lang), className="h5"),
            html.Ul([_item(found, lang)], className="list-unstyled")
            if found is not None
            else html.P(i18n.t("error.idea_item_not_found", lang)),
        ]
        items = [i for i in items if (i.type, i.id) != (focus["kind"], focus["item"])]
    if not items:
        return html.Div([*head, html.P(i18n.t("mod.empty", lang))])
    return html.Div(
        [
            *head,
            html.P(i18n.t_count("mod.waiting", lang, len(items))),
            html.Ul([_item(item, lang) for item in items], className="list-unstyled"),
        ]
    )


# page, a decision, or one decision for the picked items -> the queue
# (moderators and admins only), the outcome said out loud
@dashboard_callback(
    Output(QUEUE, "children"),
    Output(STATUS, "children"),
    Input(LANG, "children"),
    Input({"type": DECIDE, "kind": ALL, "item": ALL}, "n_clicks"),
    Input(BULK_DECIDE, "n_clicks"),
    State({"type": ACTION, "kind": ALL, "item": ALL}, "value"),
    State({"type": REASON, "kind": ALL, "item": ALL}, "value"),
    State({"type": NOTE, "kind": ALL, "item": ALL}, "value"),
    State({"type": PICK, "kind": ALL, "item": ALL}, "value"),
    State(BULK_ACTION, "value"),
    State(BULK_REASON, "value"),
    State(BULK_NOTE, "value"),
    State(FOCUS, "data"),
)
def show_queue(
    call: Call,
    _lang,
    _clicks,
    _bulk,
    actions,
    reasons,
    notes,
    picks,
    bulk_action,
    bulk_reason,
    bulk_note,
    focus,
):
    lang, account = call.lang, call.account
    if not account.can_moderate:
        return html.P(i18n.t("auth.forbidden", lang)), None
    status = None
    trigger = ctx.triggered_id
    if trigger == BULK_DECIDE and ctx.triggered[0].get("value"):
        ids = [state["id"] for state in ctx.states_list[3]]
        picked = [key for key, value in zip(ids, picks or [], strict=False) if value]
        status = _decide_many(
            picked, bulk_action, bulk_reason, bulk_note, account.name, lang
        )
    elif isinstance(trigger, dict) and ctx.triggered[0].get("value"):
        ids = [item["id"] for item in ctx.inputs_list[1]]
        index = ids.index(trigger) if trigger in ids else -1
        if index < 0:
            status = i18n.t("error.idea_item_not_found", lang)
        else:
            status = _decide(
                trigger,
                actions[index],
                reasons[index],
                notes[index],
                account.name,
                lang,
            )[1]
    # The stored value came from this page's own layout, but is read again as
    # untrusted input like every callback value.
    focus = _focus(f"{focus.get('kind')}:{focus.get('item')}") if focus else None
    return queue_view(lang, focus if isinstance(focus, dict) else None), status


def _decide(
    key: dict, action, reason, note, moderator: str, lang: str
) -> tuple[bool, str]:
    """One decision from the page's fields, checked like the API's: (done, what
    to say)."""
    from budgetschuiver.ideas import validate

    body = {
        "item": {"type": key.get("kind"), "id": key.get("item")},
        "action": action or "approve",
        "reason_code": reason or "spam",
        "note": note or None,
    }
    parsed, problems = validate.validate_decision(body)
    if parsed is None:
        return False, problems[0].message(lang)
    (item_type, item_id), action, reason, note = parsed
    outcome = services().store.decide(
        item_type, item_id, action, reason, note, moderator
    )
    if outcome == "same_moderator":
        return False, i18n.t("error.idea_same_moderator", lang)
    if outcome != "ok":
        return False, i18n.t("error.idea_item_not_found", lang)
    # Viewers of a live Q&A see a decision on its question at once.
    qa_api.moderated(item_type, item_id)
    label = i18n.t(f"mod.action.{action}", lang).lower()
    return True, i18n.t("mod.done", lang, action=label)


def _decide_many(picked: list, action, reason, note, moderator: str, lang: str):
    """The bar's decision for every picked item; how many were done, and why the
    others were not."""
    if not picked:
        return i18n.t("mod.bulk_none", lang)
    outcomes = [_decide(key, action, reason, note, moderator, lang) for key in picked]
    done = sum(1 for ok, _said in outcomes if ok)
    refused = sorted({said for ok, said in outcomes if not ok})
    label = i18n.t(f"mod.action.{action}", lang).lower() if done else ""
    said = [i18n.t_count("mod.bulk_done", lang, done, action=label)] if done else []
    return " ".join(said + refused)


def register() -> None:
    dash.register_page(__name__, path=PATH, layout=layout, title=_title)

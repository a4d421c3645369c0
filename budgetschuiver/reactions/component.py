"""The reactions component: a thread of reactions with a stance (for, against,
question) shown in three columns (one at a time on phones, picked with buttons),
one level of replies, newest or oldest first, refreshed every few seconds, and
the form to react. One component for the idea page (reactions on an idea) and
for any budget, poll or moodboard with `reactions: true` (reactions on the
trajectory): the page holds the thread's reference in `REACTION_HOST`
(`{"kind": "ideas", "id": <idea id>}` or `{"kind": <kind>, "id": <trajectory
id>}`) and every write goes through `kernel.cast` as the host kind's "reaction"
part. Also the small form parts the idea and forum pages share (labelled
selects and fields, the report box, the author's buttons).

Drafts live in the browser (Dash persistence in localStorage, keyed by the
thread), so a refresh keeps a half-written reaction; a sent one clears it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, ctx, dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.store import ReactionHost, StoredIdea, StoredReaction
from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.kinds import Kind
from budgetschuiver.kernel.pages.common import (
    ensure_token,
    page_language,
    staff_tools,
)
from budgetschuiver.kernel.web import browser_token
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.reactions.hosts import host

# Stable hooks for end-to-end tests (README, "Stable page hooks").
REACTION_FORM, REACTION_TEXT, REACTION_STANCE = (
    "reaction-form",
    "reaction-text",
    "reaction-stance",
)
SUBMIT_REACTION, REACTION_STATUS, REACTION_LIST, REACTION_HOST = (
    "submit-reaction",
    "reaction-status",
    "reaction-list",
    "reaction-host",
)
REACTION_ORDER, REACTION_REFRESH = "reaction-order", "reaction-refresh"
# The language of a page with items (idea, forum and reaction pages).
ITEM_LANG = "idea-page-lang"
# Replying to one reaction: its button, the reaction replied to, the note above
# the form that says so (with a button to stop replying).
REPLY, REACTION_PARENT, REPLY_NOTE, REPLY_CANCEL = (
    "reaction-reply",
    "reaction-parent",
    "reply-note",
    "reply-cancel",
)
# On phones one column of reactions at a time: the buttons that pick it, the
# column shown, and the element whose class says which.
SHOW_STANCE, SHOWN_STANCE, REACTION_VIEW = (
    "reaction-show",
    "reaction-shown",
    "reaction-view",
)
# The author's own idea or reaction: its "Aanpassen"/"Verwijderen" buttons
# (pattern ids), how many changes were made (the list redraws after each), and
# one panel for changing or deleting it (outside the list, which refreshes, so a
# change being written is never wiped). Saving is `ideas.pages.save_change`.
CHANGE, CHANGE_DONE = "own-change", "own-change-done"
CHANGE_BOX, CHANGE_TARGET = "own-change-box", "own-change-target"
CHANGE_NOTE, CHANGE_TITLE, CHANGE_TEXT, CHANGE_SAVE = (
    "own-change-note",
    "own-change-title",
    "own-change-text",
    "own-change-save",
)
# In the panel for one's own idea with a picture: remove the picture.
CHANGE_PICTURE = "own-change-picture"
CHANGE_CANCEL, CHANGE_STATUS = "own-change-cancel", "own-change-status"
REPORT_OPEN, REPORT_REASON, REPORT_SEND, REPORT_STATUS = (
    "report-open",
    "report-reason",
    "report-send",
    "report-status",
)
REPORT_BOX = "report-box"
REFRESH_MS = 8_000


@dataclasses.dataclass(frozen=True)
class Thread:
    """The reactions a page shows: the host `kind`, its trajectory `item`, the
    `target` reactions hang on (a public `StoredIdea`, or the trajectory's
    `ReactionHost`) and whether it takes reactions now (`open_`)."""

    kind: Kind
    item: Any
    target: StoredIdea | ReactionHost
    open_: bool


def thread(ref: object) -> Thread | None:
    """The thread a page's `REACTION_HOST` names, or None when it is unknown,
    not public, or has no reactions switched on (nothing from the browser is
    trusted)."""
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
        return None
    known = services()
    kind = known.catalog.kinds.get(ref.get("kind"))
    if kind is None:
        return None
    if kind.name == "ideas":
        idea = known.store.find_idea(ref["id"])
        if idea is None or idea.state != "published":
            return None
        round_ = known.catalog.find("ideas", idea.round_id)
        if round_ is None:
            return None
        return Thread(kind, round_, idea, rules.may_react(round_.phase()))
    item = known.catalog.find(kind.name, ref["id"])
    found = host(kind, item)
    if found is None:
        return None
    return Thread(kind, item, found, item.status() == "open")


def own_items(found: Thread, item_type: str = "reaction") -> frozenset[str]:
    """The ids of this browser's reactions (or ideas) in the thread's
    trajectory."""
    token = browser_token()
    if token is None:
        return frozenset()
    place = (found.kind.name, found.item.id)
    mine = services().store.contributions_of([place], token)
    return frozenset(m["id"] for m in mine if m["type"] == item_type)


def select(
    element_id: object, choices: list[tuple[str, str]], value: str | None, **kw
) -> dbc.Select:
    """A plain labelled <select> (dcc.Dropdown draws axe findings)."""
    return dbc.Select(
        id=element_id,
        options=[{"label": label, "value": key} for key, label in choices],
        value=value if value is not None else (choices[0][0] if choices else None),
        **kw,
    )


def field(label: str, control, control_id: str, hint: str | None = None) -> html.Div:
    parts = [dbc.Label(label, html_for=control_id), control]
    if hint:
        parts.append(html.Div(hint, className="form-text"))
    return html.Div(parts, className="mb-3")


def form_end(label: str, button_id: str, status_id: str, lang: str) -> list:
    """What closes every form: the house rules, the send button, the status that
    is read out."""
    return [
        house_rules_link(lang),
        html.Button(label, id=button_id, type="button", className="btn btn-primary"),
        html.Div(id=status_id, role="status", className="mt-2"),
    ]


def house_rules_link(lang: str) -> html.P:
    return html.P(
        html.A(i18n.t("ideas.house_rules_link", lang), href="/huisregels"),
        className="form-text",
    )


def own_buttons(item_type: str, item: Any, lang: str) -> html.Div:
    """The author's buttons on their own idea or reaction: change it (within
    `rules.EDIT_MINUTES` of posting) and delete it (any time)."""
    actions = ["delete"]
    if rules.editable(item.created_at, dt.datetime.now(dt.UTC)):
        actions.insert(0, "edit")
    return html.Div(
        [
            html.Button(
                i18n.t(f"ideas.own_{action}", lang),
                id={
                    "type": CHANGE,
                    "kind": item_type,
                    "item": item.id,
                    "action": action,
                },
                type="button",
                className=f"btn btn-link btn-sm own-{action}",
            )
            for action in actions
        ],
        className="own-buttons",
    )


def toggle_class(pressed: bool) -> str:
    """A small toggle button's classes: filled when pressed."""
    return "btn btn-sm " + ("btn-primary" if pressed else "btn-outline-primary")


def report_box(item_type: str, item_id: str, lang: str) -> html.Div:
    """'Melden' with its reasons, folded away until asked for (keyboard: a
    button, a labelled select, a button)."""
    reasons = [
        (code, i18n.t(f"moderation.reason.{code}", lang))
        for code in moderation.REASON_CODES
    ]
    key = {"kind": item_type, "item": item_id}
    select_id = {"type": REPORT_REASON, **key}
    return html.Div(
        [
            html.Button(
                i18n.t("ideas.report", lang),
                id={"type": REPORT_OPEN, **key},
                type="button",
                className="btn btn-link btn-sm report-item",
                **{"aria-expanded": "false"},
            ),
            html.Div(
                [
                    dbc.Label(
                        i18n.t("ideas.report_reason", lang),
                        html_for=dom_id(select_id),
                    ),
                    select(select_id, reasons, None, size="sm"),
                    html.Button(
                        i18n.t("ideas.report_send", lang),
                        id={"type": REPORT_SEND, **key},
                        type="button",
                        className="btn btn-primary btn-sm mt-1",
                    ),
                ],
                id={"type": REPORT_BOX, **key},
                hidden=True,
                className="report-box",
            ),
            html.Div(id={"type": REPORT_STATUS, **key}, role="status"),
        ],
        className="report",
    )


def dom_id(pattern: dict) -> str:
    """The id Dash gives a pattern-matching component in the page (for labels)."""
    return json.dumps(pattern, separators=(",", ":"), sort_keys=True)


def refusal_text(refusal, lang: str) -> str:
    """A refusal in one sentence: its message, or its first problem's."""
    if refusal.problems:
        return refusal.problems[0].message(lang)
    return refusal.message(lang)


def reaction_item(
    reaction: StoredReaction,
    lang: str,
    replies: list,
    may_reply: bool = False,
    own: frozenset[str] = frozenset(),
) -> html.Li:
    """One reaction with its replies; `may_reply` adds the button to reply to it
    (top-level reactions while the round takes reactions: one level only); the
    author's buttons when its id is in `own` (this browser's reactions)."""
    if reaction.state == "deleted":
        body: list = [
            html.P(i18n.t("ideas.deleted_by_author", lang), className="fst-italic")
        ]
    else:
        body = [
            html.P(
                [
                    html.Span(
                        i18n.t(f"ideas.stance.{reaction.stance}", lang),
                        className=f"badge stance-badge stance-{reaction.stance}",
                    ),
                    " ",
                    reaction.display_name or i18n.t("ideas.anonymous", lang),
                    " · ",
                    i18n.format_moment_date(reaction.created_at, lang),
                    (" · " + i18n.t("ideas.edited", lang))
                    if reaction.edited_at
                    else "",
                ],
                className="form-text mb-1",
            ),
            html.P(reaction.text, className="reaction-text"),
            report_box("reaction", reaction.id, lang),
        ]
        if reaction.id in own:
            body.append(own_buttons("reaction", reaction, lang))
        body.extend(staff_tools("reaction", reaction.id, lang))
        if may_reply:
            body.append(
                html.Button(
                    i18n.t("ideas.reply", lang),
                    id={"type": REPLY, "reaction": reaction.id},
                    type="button",
                    className="btn btn-link btn-sm reply-button",
                )
            )
    if replies:
        body.append(html.Ul(replies, className="reaction-replies list-unstyled ms-3"))
    return html.Li(body, className="reaction mb-3", **{"data-reaction": reaction.id})


def reaction_columns(
    target: StoredIdea | ReactionHost,
    lang: str,
    newest_first: bool,
    may_reply: bool,
    own: frozenset[str] = frozenset(),
) -> html.Div:
    """The reactions in three columns by stance (for, against, question); on
    phones the stylesheet shows the one column picked above them."""
    found = services().store.reactions_on(target)
    children: dict[str, list] = {}
    for reaction in found:
        if reaction.parent:
            children.setdefault(reaction.parent, []).append(reaction)
    tops = [r for r in found if not r.parent]
    if newest_first:
        tops.reverse()
    columns = []
    for stance in rules.STANCES:
        items = [
            reaction_item(
                r,
                lang,
                [reaction_item(c, lang, [], own=own) for c in children.get(r.id, [])],
                may_reply and r.state != "deleted",
                own,
            )
            for r in tops
            if r.stance == stance
        ]
        columns.append(
            dbc.Col(
                html.Section(
                    [
                        html.H3(i18n.t(f"ideas.column.{stance}", lang), className="h5"),
                        html.Ul(items, className="list-unstyled")
                        if items
                        else html.P(
                            i18n.t("ideas.no_reactions", lang), className="form-text"
                        ),
                    ]
                ),
                md=4,
                className=f"reaction-column reaction-column-{stance}",
            )
        )
    return dbc.Row(columns, className="reaction-columns")


def stance_picker(lang: str) -> html.Div:
    """Phones: which column of reactions to show (buttons with aria-pressed; the
    three columns stand side by side from the md breakpoint on, without these)."""
    return html.Div(
        [
            html.Button(
                i18n.t(f"ideas.column.{stance}", lang),
                id={"type": SHOW_STANCE, "stance": stance},
                type="button",
                className=toggle_class(stance == rules.STANCES[0]),
                **{"aria-pressed": "true" if stance == rules.STANCES[0] else "false"},
            )
            for stance in rules.STANCES
        ],
        className="reaction-picker d-md-none mb-3",
        role="group",
        **{"aria-label": i18n.t("ideas.show_column", lang)},
    )


# order, refresh, a new reaction -> the reactions in three columns
@dash.callback(
    Output(REACTION_LIST, "children"),
    Input(REACTION_ORDER, "value"),
    Input(REACTION_REFRESH, "n_intervals"),
    Input(REACTION_STATUS, "children"),
    Input(CHANGE_DONE, "data"),
    State(REACTION_HOST, "data"),
    State(ITEM_LANG, "data"),
)
def show_reactions(order, _tick, _status, _changed, ref, lang):
    lang = i18n.normalize_language(lang, page_language())
    found = thread(ref)
    if found is None:
        return None
    own = own_items(found)
    return reaction_columns(
        found.target, lang, newest_first=order != "old", may_reply=found.open_, own=own
    )


# "Reageer hierop" -> the form replies to that reaction (said above the form);
# "Niet meer reageren hierop" or a sent reply -> a reaction of its own again
@dash.callback(
    Output(REACTION_PARENT, "data"),
    Output(REPLY_NOTE, "children"),
    Output(f"{REPLY_NOTE}-box", "hidden"),
    Input({"type": REPLY, "reaction": ALL}, "n_clicks"),
    Input(REPLY_CANCEL, "n_clicks"),
    Input(REACTION_STATUS, "children"),
    State(REACTION_TEXT, "value"),
    State(REACTION_HOST, "data"),
    State(ITEM_LANG, "data"),
    prevent_initial_call=True,
)
def reply_to(_replies, _cancel, _status, draft, ref, lang):
    lang = i18n.normalize_language(lang, page_language())
    # A reply sent clears the draft; a refused one keeps it, and the reply with it.
    if fired(REPLY_CANCEL) or (fired(REACTION_STATUS) and not draft):
        return None, "", True
    if fired(REACTION_STATUS):
        return dash.no_update, dash.no_update, dash.no_update
    if not clicked():
        return dash.no_update, dash.no_update, dash.no_update
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        return None, "", True
    found = thread(ref)
    reaction_id = trigger.get("reaction")
    parent = next(
        (
            r
            for r in (services().store.reactions_on(found.target) if found else [])
            if r.id == reaction_id and not r.parent and r.state == "published"
        ),
        None,
    )
    if parent is None:
        return None, "", True
    who = parent.display_name or i18n.t("ideas.anonymous", lang)
    return parent.id, i18n.t("ideas.replying_to", lang, name=who), False


def fired(*component_ids: str) -> bool:
    """Whether this call was set off by one of these (plain-id) components."""
    return any(
        prop.rsplit(".", 1)[0] in component_ids for prop in ctx.triggered_prop_ids
    )


def clicked() -> bool:
    """Whether a button was pressed: a refreshed list re-creates its buttons,
    which sets off the callbacks listening to them without a click."""
    return any(t.get("value") for t in ctx.triggered)


# phones: the column picked, or the one a reaction was just sent to -> the
# buttons' state and the class that shows it
@dash.callback(
    Output({"type": SHOW_STANCE, "stance": ALL}, "aria-pressed"),
    Output({"type": SHOW_STANCE, "stance": ALL}, "className"),
    Output(REACTION_VIEW, "className"),
    Input({"type": SHOW_STANCE, "stance": ALL}, "n_clicks"),
    Input(REACTION_STATUS, "children"),
    State(REACTION_STANCE, "value"),
    State(REACTION_PARENT, "data"),
    State(REACTION_HOST, "data"),
    prevent_initial_call=True,
)
def show_stance(_clicks, _status, sent_stance, parent, ref):
    trigger = ctx.triggered_id
    if isinstance(trigger, dict):
        stance = trigger.get("stance")
    else:
        # A reply shows under the reaction it answers, in that one's column.
        found = thread(ref)
        replied = next(
            (
                r
                for r in (services().store.reactions_on(found.target) if found else [])
                if r.id == parent
            ),
            None,
        )
        stance = replied.stance if replied is not None else sent_stance
    if stance not in rules.STANCES:
        stance = rules.STANCES[0]
    pressed = [s == stance for s in rules.STANCES]
    return (
        ["true" if p else "false" for p in pressed],
        [toggle_class(p) for p in pressed],
        f"reaction-view show-{stance}",
    )


# react -> the API's checks -> store -> said out loud; the draft is cleared
@dash.callback(
    Output(REACTION_STATUS, "children"),
    Output(REACTION_TEXT, "value"),
    Input(SUBMIT_REACTION, "n_clicks"),
    State(REACTION_HOST, "data"),
    State(REACTION_STANCE, "value"),
    State(REACTION_TEXT, "value"),
    State(REACTION_PARENT, "data"),
    State(ids.VOTING_CODE, "value"),
    State(ITEM_LANG, "data"),
    prevent_initial_call=True,
)
def post_reaction(_clicks, ref, stance, text, parent, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    found = thread(ref)
    if found is None:
        return i18n.t("error.reactions_not_found", lang), no
    body = {"text": text, "stance": stance}
    if parent is not None:
        body["parent"] = parent
    if code is not None:
        body["code"] = code
    outcome = cast(
        found.kind,
        found.item,
        lambda: (body, None),
        browser_token=ensure_token,
        part="reaction",
        target=found.target,
    )
    refusal = outcome.refusal
    if refusal is not None and refusal.problems:
        return html.Ul(
            [html.Li(p.message(lang)) for p in refusal.problems],
            className="text-danger",
        ), no
    if refusal is not None:
        return refusal.message(lang), no
    stored = outcome.receipt
    key = "ideas.reacted" if stored.state == "published" else "ideas.posted_pending"
    return i18n.t(key, lang), ""


def hidden_sentence(
    round_id: str,
    lang: str,
    item_types: tuple[str, ...] = ("idea", "reaction"),
    kind: str | None = None,
) -> str | None:
    """'2 reacties verborgen: 1 spam, 1 persoonsgegevens' for the public page
    (`Store.hidden_totals` of these item types on the trajectory of `kind`)."""
    parts = []
    totals = services().store.hidden_totals(round_id, item_types, kind)
    for item_type, counts in totals.items():
        total = sum(counts.values())
        if not total:
            continue
        reasons = ", ".join(
            f"{n} {reason_label(code, lang).lower()}"
            for code, n in sorted(counts.items(), key=lambda item: -item[1])
        )
        parts.append(
            i18n.t_count(f"ideas.hidden_{item_type}", lang, total) + ": " + reasons
        )
    return "; ".join(parts) + "." if parts else None


def reason_label(code: str, lang: str) -> str:
    if code in moderation.REASON_CODES:
        return i18n.t(f"moderation.reason.{code}", lang)
    return i18n.t("ideas.reason_reports", lang)


def change_panel(lang: str) -> html.Div:
    """One panel for changing or deleting one's own idea or reaction: hidden until
    asked for, its message read out."""
    return html.Div(
        [
            dcc.Store(id=CHANGE_TARGET, data=None),
            html.Div(
                [
                    html.P(id=CHANGE_NOTE, className="fw-bold"),
                    html.Div(
                        field(
                            i18n.t("ideas.field.title", lang),
                            dbc.Input(id=CHANGE_TITLE, type="text"),
                            CHANGE_TITLE,
                        ),
                        id=f"{CHANGE_TITLE}-field",
                    ),
                    html.Div(
                        field(
                            i18n.t("ideas.field.text", lang),
                            dbc.Textarea(id=CHANGE_TEXT, rows=4),
                            CHANGE_TEXT,
                            i18n.t("ideas.no_personal_data", lang),
                        ),
                        id=f"{CHANGE_TEXT}-field",
                    ),
                    html.Div(
                        dbc.Checkbox(
                            id=CHANGE_PICTURE,
                            label=i18n.t("ideas.picture_clear", lang),
                            value=False,
                        ),
                        id=f"{CHANGE_PICTURE}-field",
                        className="mb-3",
                        hidden=True,
                    ),
                    html.Button(
                        "",
                        id=CHANGE_SAVE,
                        type="button",
                        className="btn btn-primary me-2",
                    ),
                    html.Button(
                        i18n.t("ideas.own_cancel", lang),
                        id=CHANGE_CANCEL,
                        type="button",
                        className="btn btn-outline-primary",
                    ),
                ],
                id=CHANGE_BOX,
                hidden=True,
                className="own-change card card-body mb-3",
            ),
            html.Div(id=CHANGE_STATUS, role="status", className="mb-2"),
        ]
    )


# "Aanpassen"/"Verwijderen" on one's own item -> the panel for it (the current
# words in the fields); "Annuleren" or a change made -> the panel closed
@dash.callback(
    Output(CHANGE_TARGET, "data"),
    Output(CHANGE_BOX, "hidden"),
    Output(CHANGE_NOTE, "children"),
    Output(CHANGE_TITLE, "value"),
    Output(CHANGE_TEXT, "value"),
    Output(f"{CHANGE_TITLE}-field", "hidden"),
    Output(f"{CHANGE_TEXT}-field", "hidden"),
    Output(CHANGE_SAVE, "children"),
    Output(f"{CHANGE_PICTURE}-field", "hidden"),
    Output(CHANGE_PICTURE, "value"),
    Input({"type": CHANGE, "kind": ALL, "item": ALL, "action": ALL}, "n_clicks"),
    Input(CHANGE_CANCEL, "n_clicks"),
    Input(CHANGE_DONE, "data"),
    State(REACTION_HOST, "data"),
    State(ITEM_LANG, "data"),
    prevent_initial_call=True,
)
def open_change(_clicks, _cancel, _done, ref, lang):
    lang = i18n.normalize_language(lang, page_language())
    closed = (None, True, "", "", "", True, True, "", True, False)
    if fired(CHANGE_CANCEL, CHANGE_DONE):
        return closed
    if not clicked():
        return (dash.no_update,) * len(closed)
    trigger = ctx.triggered_id
    found = thread(ref)
    if not isinstance(trigger, dict) or found is None:
        return closed
    item_type, action = trigger.get("kind"), trigger.get("action")
    item = _own_item(found, item_type, trigger.get("item"))
    if item is None or action not in ("edit", "delete"):
        return closed
    target = {"type": item_type, "id": item.id, "action": action}
    if action == "delete":
        note = i18n.t("ideas.own_delete_question", lang)
        yes = i18n.t("ideas.own_yes", lang)
        return target, False, note, "", "", True, True, yes, True, False
    note = i18n.t(f"ideas.own_editing_{item_type}", lang, minutes=rules.EDIT_MINUTES)
    title = item.title if item_type == "idea" else ""
    save = i18n.t("ideas.own_save", lang)
    # Only an idea with a picture offers to remove it.
    no_picture = item_type != "idea" or item.picture_alt is None
    fields = (title, item.text, item_type != "idea", False)
    return target, False, note, *fields, save, no_picture, False


def _own_item(found: Thread, item_type: object, item_id: object):
    """This browser's idea (the idea page's own) or reaction in the thread, or
    None."""
    if item_type == "idea" and found.kind.name == "ideas":
        mine = item_id == found.target.id and item_id in own_items(found, "idea")
        return found.target if mine else None
    if item_type != "reaction" or item_id not in own_items(found, "reaction"):
        return None
    return next(
        (r for r in services().store.reactions_on(found.target) if r.id == item_id),
        None,
    )


def reaction_form(
    limit: int, draft_key: str | None, open_: bool, hint_key: str, lang: str
) -> html.Div:
    """The form to react (the hint that a reaction is no vote, the stance, the
    reply note, the text of at most `limit` characters kept in the browser under
    `draft_key`, send and its status); hidden while the thread takes no
    reactions."""
    stances = [(s, i18n.t(f"ideas.stance.{s}", lang)) for s in rules.STANCES]
    return html.Div(
        [
            html.H2(i18n.t("ideas.react_title", lang)),
            html.P(i18n.t(hint_key, lang), className="form-text"),
            field(
                i18n.t("ideas.stance_label", lang),
                # Kept with the draft: a refresh brings back the whole reaction.
                select(
                    REACTION_STANCE,
                    stances,
                    "for",
                    persistence=draft_key,
                    persistence_type="local",
                ),
                REACTION_STANCE,
            ),
            dcc.Store(id=REACTION_PARENT, data=None),
            html.Div(
                [
                    html.Span(id=REPLY_NOTE),
                    html.Button(
                        i18n.t("ideas.reply_cancel", lang),
                        id=REPLY_CANCEL,
                        type="button",
                        className="btn btn-link btn-sm",
                    ),
                ],
                id=f"{REPLY_NOTE}-box",
                hidden=True,
                role="status",
                className="reply-note mb-2",
            ),
            field(
                i18n.t("ideas.reaction_label", lang, max=limit),
                dbc.Textarea(
                    id=REACTION_TEXT,
                    maxLength=limit,
                    rows=4,
                    persistence=draft_key,
                    persistence_type="local",
                ),
                REACTION_TEXT,
                i18n.t("ideas.no_personal_data", lang),
            ),
            *form_end(
                i18n.t("ideas.react_submit", lang),
                SUBMIT_REACTION,
                REACTION_STATUS,
                lang,
            ),
        ],
        id=REACTION_FORM,
        className="reaction-form mb-4",
        hidden=not open_,
    )


def reactions_block(
    ref: dict | None, limit: int, open_: bool, lang: str, above: list = ()
) -> list:
    """The whole component for the thread `ref` (see `thread`): the heading
    "Reacties", the order, `above` (the idea page's change panel), the phone
    column picker, the list (filled and refreshed by `show_reactions`) and the
    form. `ref` None: the parts alone, for Dash's start-up."""
    draft_key = f"{ref['kind']}:{ref['id']}" if ref else None
    return [
        dcc.Store(id=REACTION_HOST, data=ref),
        dcc.Store(id=CHANGE_DONE, data=0),
        dcc.Interval(id=REACTION_REFRESH, interval=REFRESH_MS),
        html.H2(i18n.t("ideas.reactions_title", lang)),
        field(
            i18n.t("ideas.order_label", lang),
            select(
                REACTION_ORDER,
                [
                    ("new", i18n.t("ideas.order_new", lang)),
                    ("old", i18n.t("ideas.order_old", lang)),
                ],
                "new",
            ),
            REACTION_ORDER,
        ),
        *above,
        stance_picker(lang),
        dcc.Store(id=SHOWN_STANCE, data=rules.STANCES[0]),
        html.Div(
            html.Div(id=REACTION_LIST),
            id=REACTION_VIEW,
            className=f"reaction-view show-{rules.STANCES[0]}",
        ),
        reaction_form(
            limit,
            draft_key,
            open_,
            "ideas.react_hint"
            if ref is None or ref["kind"] == "ideas"
            else "reactions.react_hint",
            lang,
        ),
    ]


def trajectory_section(kind_name: str, item: Any, lang: str) -> html.Section | None:
    """The component below a budget, poll or moodboard form when its definition
    has `reactions: true` (registered with `kernel.pages.common.add_section`);
    None otherwise. The page's voting-code field serves it in a trajectory with
    `integrity: code`."""
    kind = services().catalog.kinds.get(kind_name)
    found = host(kind, item) if kind is not None else None
    if found is None:
        return None
    ref = {"kind": kind_name, "id": item.id}
    hidden = hidden_sentence(item.id, lang, ("reaction",), kind_name)
    return html.Section(
        [
            dcc.Store(id=ITEM_LANG, data=lang),
            html.P(hidden, className="form-text hidden-note") if hidden else None,
            *reactions_block(
                ref,
                item.reaction_limit,
                item.status() == "open",
                lang,
                above=[change_panel(lang)],
            ),
        ],
        className="trajectory-reactions mt-4",
        **{"data-reactions": f"{kind_name}:{item.id}"},
    )

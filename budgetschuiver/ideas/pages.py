"""Resident pages of idea rounds: /ideeen/<round_id> (list and form),
/ideeen/<round_id>/<idea_id> (one idea with its reactions) and /mijn-bijdragen.

Flow: form -> (server) the same checks as the API -> store -> status said out
loud; rate -> store -> the card again (counts when allowed); report -> store.
Drafts live in the browser (Dash persistence in localStorage), so a refresh keeps
a half-written text; a successful post clears them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html

from budgetschuiver.ideas import api as ideas_api
from budgetschuiver.ideas import rules, validate
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.ideas.store import StoredIdea, StoredReaction
from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.cast import cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import DISTRICTS, options
from budgetschuiver.kernel.pages.common import (
    code_field,
    ensure_token,
    not_found,
    notice,
    page_language,
    staff_tools,
)
from budgetschuiver.kernel.sharing.component import (
    share_block,
    trajectory_extras,
    video_hook,
)
from budgetschuiver.kernel.web import browser_token
from budgetschuiver.moderation import rules as moderation

ROUND_PATH = "/ideeen/<round_id>"
IDEA_PATH = "/ideeen/<round_id>/<idea_id>"
MINE_PATH = "/mijn-bijdragen"
# Stable hooks for end-to-end tests (README, "Stable page hooks").
IDEA_FORM, IDEA_TITLE, IDEA_TEXT, IDEA_THEME = (
    "idea-form",
    "idea-title",
    "idea-text",
    "idea-theme",
)
IDEA_DISTRICT, IDEA_NAME, SUBMIT_IDEA, IDEA_STATUS = (
    "idea-district",
    "idea-name",
    "submit-idea",
    "idea-status",
)
IDEA_SIMILAR, IDEA_LIST, IDEA_ROUND, IDEA_LANG = (
    "idea-similar",
    "idea-list",
    "idea-round",
    "idea-page-lang",
)
LIST_THEME, LIST_ORDER, LIST_QUERY, LIST_PAGE = (
    "idea-filter-theme",
    "idea-order",
    "idea-search",
    "idea-page",
)
LIST_REFRESH, LIST_PREV, LIST_NEXT = "idea-refresh", "idea-prev", "idea-next"
REACTION_FORM, REACTION_TEXT, REACTION_STANCE = (
    "reaction-form",
    "reaction-text",
    "reaction-stance",
)
SUBMIT_REACTION, REACTION_STATUS, REACTION_LIST, IDEA_ID = (
    "submit-reaction",
    "reaction-status",
    "reaction-list",
    "idea-id",
)
REACTION_ORDER, REACTION_REFRESH = "reaction-order", "reaction-refresh"
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
# The author's own idea or reaction: its "Aanpassen"/"Verwijderen" buttons and one
# panel for both (outside the list, which refreshes, so a change being written
# is never wiped).
CHANGE, CHANGE_BOX, CHANGE_TARGET, CHANGE_DONE = (
    "own-change",
    "own-change-box",
    "own-change-target",
    "own-change-done",
)
CHANGE_NOTE, CHANGE_TITLE, CHANGE_TEXT, CHANGE_SAVE = (
    "own-change-note",
    "own-change-title",
    "own-change-text",
    "own-change-save",
)
CHANGE_CANCEL, CHANGE_STATUS = "own-change-cancel", "own-change-status"
SHOW_STANCE, SHOWN_STANCE, REACTION_VIEW = (
    "reaction-show",
    "reaction-shown",
    "reaction-view",
)
# Pattern-matching ids: one per idea card or reaction.
CARD, RATE, POSITION = "idea-card", "idea-rate", "idea-position"
REPORT_OPEN, REPORT_REASON, REPORT_SEND, REPORT_STATUS = (
    "report-open",
    "report-reason",
    "report-send",
    "report-status",
)
REPORT_BOX = "report-box"
APPEAL_SEND, APPEAL_TEXT, APPEAL_STATUS = "appeal-send", "appeal-text", "appeal-status"
REFRESH_MS = 8_000


def round_of(round_id: object) -> IdeaRound | None:
    return services().catalog.find("ideas", round_id)


def title(round_id: str | None = None, **_kwargs: object) -> str:
    round_ = round_of(round_id)
    return round_.title.get(page_language()) if round_ else "Den Haag doet mee"


def _select(
    element_id: object, choices: list[tuple[str, str]], value: str | None, **kw
) -> dbc.Select:
    """A plain labelled <select> (dcc.Dropdown draws axe findings)."""
    return dbc.Select(
        id=element_id,
        options=[{"label": label, "value": key} for key, label in choices],
        value=value if value is not None else (choices[0][0] if choices else None),
        **kw,
    )


def _field(label: str, control, control_id: str, hint: str | None = None) -> html.Div:
    parts = [dbc.Label(label, html_for=control_id), control]
    if hint:
        parts.append(html.Div(hint, className="form-text"))
    return html.Div(parts, className="mb-3")


def _form_end(label: str, button_id: str, status_id: str, lang: str) -> list:
    """What closes every form: the house rules, the send button, the status that
    is read out."""
    return [
        _house_rules_link(lang),
        html.Button(label, id=button_id, type="button", className="btn btn-primary"),
        html.Div(id=status_id, role="status", className="mt-2"),
    ]


def _house_rules_link(lang: str) -> html.P:
    return html.P(
        html.A(i18n.t("ideas.house_rules_link", lang), href="/huisregels"),
        className="form-text",
    )


# -- one idea as a card --------------------------------------------------------------


def _counts(idea: StoredIdea, lang: str) -> str:
    return i18n.t(
        "ideas.counts",
        lang,
        support=i18n.format_number(idea.support, lang),
        oppose=i18n.format_number(idea.oppose, lang),
        neutral=i18n.format_number(idea.neutral, lang),
    )


def _rate_buttons(idea: StoredIdea, mine: str | None, lang: str, open_: bool) -> list:
    buttons = []
    for value in ("support", "oppose", "neutral"):
        pressed = mine == value
        buttons.append(
            html.Button(
                i18n.t(f"ideas.rate_{value}", lang),
                id={"type": RATE, "idea": idea.id, "value": value},
                type="button",
                className=f"{_toggle_class(pressed)} rate-{value}",
                disabled=not open_,
                **{"aria-pressed": "true" if pressed else "false"},
            )
        )
    return buttons


def _own_buttons(item_type: str, item: Any, lang: str) -> html.Div:
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


def _toggle_class(pressed: bool) -> str:
    """A small toggle button's classes: filled when pressed."""
    return "btn btn-sm " + ("btn-primary" if pressed else "btn-outline-primary")


def _report_box(item_type: str, item_id: str, lang: str) -> html.Div:
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
                        html_for=_dom_id(select_id),
                    ),
                    _select(select_id, reasons, None, size="sm"),
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


def _dom_id(pattern: dict) -> str:
    """The id Dash gives a pattern-matching component in the page (for labels)."""
    import json

    return json.dumps(pattern, separators=(",", ":"), sort_keys=True)


def idea_card(
    round_: IdeaRound,
    idea: StoredIdea,
    mine: str | None,
    lang: str,
    position: int | None = None,
    link: bool = True,
    own: bool = False,
) -> html.Article:
    """One idea with its rating buttons and the report button; its counts only
    where `show_counts` allows them for this visitor; `own`: the author's
    buttons (on the idea's own page)."""
    phase = round_.phase()
    visible = rules.counts_visible(round_.show_counts, phase, mine is not None)
    # On the idea's own page its title is the page's heading already.
    heading = (
        html.H3(
            html.A(idea.title, href=f"/ideeen/{round_.id}/{idea.id}"), className="h5"
        )
        if link
        else None
    )
    meta = [
        part
        for part in (
            round_.theme(idea.theme).label.get(lang)
            if idea.theme and round_.theme(idea.theme)
            else None,
            idea.display_name,
            i18n.t(f"ideas.status.{idea.status}", lang),
            i18n.t_count("ideas.reaction_count", lang, idea.reactions),
        )
        if part
    ]
    body = [
        heading,
        html.P(" · ".join(meta), className="idea-meta form-text"),
        html.P(idea.text if not link else _short(idea.text), className="idea-text"),
    ]
    if idea.answer:
        body.append(
            html.Div(
                [html.Strong(i18n.t("ideas.answer", lang)), " ", idea.answer],
                className="idea-answer",
            )
        )
    body.append(
        html.P(
            _counts(idea, lang)
            if visible
            # Hidden counts: only "after_rating" and "after_close" hide them.
            else i18n.t(f"ideas.counts_hidden_{round_.show_counts}", lang),
            className="idea-counts",
        )
    )
    body.append(
        html.Div(
            _rate_buttons(idea, mine, lang, rules.may_rate(phase)),
            className="rate-buttons",
            role="group",
            **{"aria-label": i18n.t("ideas.rate_group", lang, title=idea.title)},
        )
    )
    body.append(dcc.Store(id={"type": POSITION, "idea": idea.id}, data=position))
    body.append(_report_box("idea", idea.id, lang))
    if own:
        body.append(_own_buttons("idea", idea, lang))
    if not link:
        body.extend(staff_tools("idea", idea.id, lang))
    return html.Article(
        html.Div(body, id={"type": CARD, "idea": idea.id}),
        className="idea-card card card-body mb-3",
        **{"data-idea": idea.id},
    )


def _short(text: str, limit: int = 280) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


# -- /ideeen/<round_id> ------------------------------------------------------------


def _idea_form(round_: IdeaRound, lang: str) -> html.Div:
    themes = [("", i18n.t("ideas.no_theme", lang))] + [
        (t.id, t.label.get(lang)) for t in round_.themes
    ]
    fields = [
        html.H2(i18n.t("ideas.form_title", lang)),
        _field(
            i18n.t("ideas.title_label", lang, max=round_.limits.title),
            dbc.Input(
                id=IDEA_TITLE,
                maxLength=round_.limits.title,
                persistence=round_.id,
                persistence_type="local",
            ),
            IDEA_TITLE,
        ),
        html.Div(id=IDEA_SIMILAR, role="status"),
        _field(
            i18n.t("ideas.text_label", lang, max=round_.limits.text),
            dbc.Textarea(
                id=IDEA_TEXT,
                maxLength=round_.limits.text,
                rows=5,
                persistence=round_.id,
                persistence_type="local",
            ),
            IDEA_TEXT,
            i18n.t("ideas.no_personal_data", lang),
        ),
        _field(
            i18n.t("ideas.theme_label", lang),
            _select(IDEA_THEME, themes, ""),
            IDEA_THEME,
        ),
    ]
    districts = [("", i18n.t("ideas.no_district", lang))] + [
        (o["id"], o["label"]) for o in options(DISTRICTS, lang)
    ]
    fields.append(
        html.Div(
            _field(
                i18n.t("ideas.district_label", lang),
                _select(IDEA_DISTRICT, districts, ""),
                IDEA_DISTRICT,
            ),
            hidden=not round_.districts,
        )
    )
    fields += [
        _field(
            i18n.t("ideas.name_label", lang),
            dbc.Input(
                id=IDEA_NAME,
                maxLength=validate.DISPLAY_NAME_MAX,
                persistence=round_.id,
                persistence_type="local",
            ),
            IDEA_NAME,
            i18n.t("ideas.name_hint", lang),
        ),
        *_form_end(i18n.t("ideas.submit", lang), SUBMIT_IDEA, IDEA_STATUS, lang),
    ]
    return html.Div(fields, id=IDEA_FORM, className="idea-form mb-4")


def _hidden_sentence(round_id: str, lang: str) -> str | None:
    """'2 reacties verborgen: 1 spam, 1 persoonsgegevens' for the public page."""
    parts = []
    for kind, counts in services().store.hidden_totals(round_id).items():
        total = sum(counts.values())
        if not total:
            continue
        reasons = ", ".join(
            f"{n} {_reason_label(code, lang).lower()}"
            for code, n in sorted(counts.items(), key=lambda item: -item[1])
        )
        parts.append(i18n.t_count(f"ideas.hidden_{kind}", lang, total) + ": " + reasons)
    return "; ".join(parts) + "." if parts else None


def _reason_label(code: str, lang: str) -> str:
    if code in moderation.REASON_CODES:
        return i18n.t(f"moderation.reason.{code}", lang)
    return i18n.t("ideas.reason_reports", lang)


def round_layout(
    round_id: str | None = None, lang: str | None = None, **_kwargs
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    if round_id is None and catalog.of("ideas"):
        round_id = next(iter(catalog.of("ideas")))
    round_ = round_of(round_id)
    if round_ is None:
        return not_found(lang, "ideas.not_found_title", "ideas.not_found")
    phase = round_.phase()
    orders = [("random", i18n.t("ideas.order_random", lang))]
    if phase == "closed":
        orders = [("top", i18n.t("ideas.order_ranked", lang))]
    orders.append(("new", i18n.t("ideas.order_new", lang)))
    if phase != "closed" and rules.counts_visible(round_.show_counts, phase, False):
        orders.append(("top", i18n.t("ideas.order_top", lang)))
    themes = [("", i18n.t("ideas.all_themes", lang))] + [
        (t.id, t.label.get(lang)) for t in round_.themes
    ]
    parts: list = [
        dcc.Store(id=IDEA_ROUND, data=round_.id),
        dcc.Store(id=IDEA_LANG, data=lang),
        dcc.Store(id=LIST_PAGE, data=1),
        dcc.Interval(id=LIST_REFRESH, interval=REFRESH_MS),
        html.H1(round_.title.get(lang)),
        html.P(round_.description.get(lang), className="lead"),
    ]
    if round_.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    parts.append(notice(i18n.t(f"ideas.phase_{phase}", lang)))
    # With `integrity: code` every idea, rating and reaction needs the code.
    parts.append(code_field(round_, lang))
    form = _idea_form(round_, lang)
    form.hidden = not rules.may_post(phase)
    parts.append(form)
    parts += [
        html.H2(i18n.t("ideas.list_title", lang)),
        html.Div(
            [
                _field(
                    i18n.t("ideas.order_label", lang),
                    _select(LIST_ORDER, orders, orders[0][0]),
                    LIST_ORDER,
                ),
                _field(
                    i18n.t("ideas.filter_theme", lang),
                    _select(LIST_THEME, themes, ""),
                    LIST_THEME,
                ),
                _field(
                    i18n.t("ideas.search_label", lang),
                    dbc.Input(id=LIST_QUERY, type="search", debounce=True),
                    LIST_QUERY,
                ),
            ],
            className="idea-filters",
        ),
        html.Div(id=IDEA_LIST, **{"aria-live": "off"}),
        html.Div(
            [
                html.Button(
                    i18n.t("ideas.previous", lang),
                    id=LIST_PREV,
                    type="button",
                    className="btn btn-outline-secondary me-2",
                ),
                html.Button(
                    i18n.t("ideas.next", lang),
                    id=LIST_NEXT,
                    type="button",
                    className="btn btn-outline-secondary",
                ),
            ],
            className="idea-paging mb-3",
        ),
    ]
    hidden = _hidden_sentence(round_.id, lang)
    if hidden:
        parts.append(html.P(hidden, className="form-text"))
    # Its video, the results once public, the share links (the loop back).
    parts += trajectory_extras(round_, f"/ideeen/{round_.id}", lang)
    parts += [
        html.H2(i18n.t("home.what_we_do", lang)),
        html.P(round_.what_we_do.get(lang)),
        html.P(html.A(i18n.t("ideas.mine_link", lang), href=MINE_PATH)),
    ]
    return html.Div(parts, className="ideas-page", **{"data-round": round_.id})


def _list(round_: IdeaRound, lang: str, order: str, theme: str, query: str, page: int):
    """The page of ideas in the asked order, for this browser."""
    store = services().store
    token = browser_token()
    seed = store.token_hash("ideas-seed:" + round_.id, token)[:16] if token else "anon"
    if order == "top" and not rules.counts_visible(
        round_.show_counts, round_.phase(), False
    ):
        order = "random"
    read = store.idea_keys if order == "top" else store.idea_order_keys
    keys = read(round_.id, theme=theme or None, query=query or None)
    ordered = ideas_api.order_keys(round_, keys, order, seed)
    pages = max(1, -(-len(ordered) // rules.PAGE_SIZE))
    page = min(max(1, page), pages)
    start, stop, _pages = rules.page_bounds(len(ordered), page)
    mine = store.ratings_by(round_.id, token)
    shown = store.ideas_by_rows([k.row_id for k in ordered[start:stop]])
    if not shown:
        return html.P(i18n.t("ideas.none_yet", lang)), page
    cards = [
        idea_card(round_, idea, mine.get(idea.id), lang, start + index + 1)
        for index, idea in enumerate(shown)
    ]
    summary = html.P(
        i18n.t("ideas.page_of", lang, page=page, pages=pages)
        + " · "
        + i18n.t_count("ideas.idea_count", lang, len(ordered)),
        className="form-text",
    )
    return html.Div([summary, *cards]), page


# filters, paging, the 8-second refresh -> the list
@dash.callback(
    Output(IDEA_LIST, "children"),
    Output(LIST_PAGE, "data"),
    Input(LIST_ORDER, "value"),
    Input(LIST_THEME, "value"),
    Input(LIST_QUERY, "value"),
    Input(LIST_PREV, "n_clicks"),
    Input(LIST_NEXT, "n_clicks"),
    Input(LIST_REFRESH, "n_intervals"),
    Input(IDEA_STATUS, "children"),
    State(LIST_PAGE, "data"),
    State(IDEA_ROUND, "data"),
    State(IDEA_LANG, "data"),
)
def show_list(order, theme, query, _prev, _next, _tick, _status, page, round_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    round_ = round_of(round_id)
    if round_ is None:
        return None, 1
    order = order if order in rules.ORDERS else "random"
    theme = theme if isinstance(theme, str) and round_.theme(theme) else ""
    query = query.strip()[:100] if isinstance(query, str) else ""
    page = page if isinstance(page, int) else 1
    if ctx.triggered_id == LIST_PREV:
        page -= 1
    elif ctx.triggered_id == LIST_NEXT:
        page += 1
    elif ctx.triggered_id in (LIST_ORDER, LIST_THEME, LIST_QUERY):
        page = 1
    return _list(round_, lang, order, theme, query, page)


# title typed -> "Lijkt op: ..." (published ideas only)
@dash.callback(
    Output(IDEA_SIMILAR, "children"),
    Input(IDEA_TITLE, "value"),
    State(IDEA_ROUND, "data"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def show_similar(title_text, round_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    round_ = round_of(round_id)
    if round_ is None or not isinstance(title_text, str) or len(title_text) < 8:
        return None
    existing = services().store.idea_fingerprints(round_.id, states=("published",))
    found = moderation.near_duplicates(title_text[:100], "", existing, cutoff=70)
    if not found:
        return None
    titles = {idea_id: text for idea_id, text, _rest in existing}
    return html.Div(
        [
            html.P(i18n.t("ideas.similar", lang), className="mb-1"),
            html.Ul(
                [
                    html.Li(html.A(titles[s.id], href=f"/ideeen/{round_.id}/{s.id}"))
                    for s in found
                ]
            ),
            html.P(i18n.t("ideas.similar_hint", lang), className="form-text"),
        ],
        className="idea-similar alert alert-info",
    )


# post -> the API's checks -> store -> said out loud; the draft is cleared
@dash.callback(
    Output(IDEA_STATUS, "children"),
    Output(IDEA_TITLE, "value"),
    Output(IDEA_TEXT, "value"),
    Input(SUBMIT_IDEA, "n_clicks"),
    State(IDEA_ROUND, "data"),
    State(IDEA_TITLE, "value"),
    State(IDEA_TEXT, "value"),
    State(IDEA_THEME, "value"),
    State(IDEA_DISTRICT, "value"),
    State(IDEA_NAME, "value"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def post_idea(_clicks, round_id, title_text, text, theme, district, name, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    round_ = round_of(round_id)
    form = {
        "title": title_text,
        "text": text,
        "theme": theme or None,
        "district": (district or None) if round_ and round_.districts else None,
        "display_name": name or None,
    }
    outcome = _cast(round_, form, code)
    refusal = outcome.refusal
    if refusal is not None and refusal.problems:
        messages = [
            f"{i18n.t('ideas.field.' + p.field, lang)}: {p.message(lang)}"
            if p.field in ("title", "text", "display_name", "theme")
            else p.message(lang)
            for p in refusal.problems
        ]
        return html.Ul([html.Li(m) for m in messages], className="text-danger"), no, no
    if refusal is not None:
        return refusal.message(lang), no, no
    idea = outcome.receipt
    key = "ideas.posted" if idea.state == "published" else "ideas.posted_pending"
    return i18n.t(key, lang), "", ""


# rate -> store -> this card again (counts when allowed, aria-pressed)
@dash.callback(
    Output({"type": CARD, "idea": MATCH}, "children"),
    Input({"type": RATE, "idea": MATCH, "value": "support"}, "n_clicks"),
    Input({"type": RATE, "idea": MATCH, "value": "oppose"}, "n_clicks"),
    Input({"type": RATE, "idea": MATCH, "value": "neutral"}, "n_clicks"),
    State({"type": POSITION, "idea": MATCH}, "data"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def rate(_support, _oppose, _neutral, position, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
        return dash.no_update
    store = services().store
    idea = _public_idea(trigger.get("idea"))
    round_ = round_of(idea.round_id) if idea else None
    # The place on the list is the page's own record: an odd one is dropped, not
    # held against the rating.
    if not (isinstance(position, int) and 1 <= position <= validate.POSITION_MAX):
        position = None
    body = {"value": trigger.get("value"), "position": position}
    outcome = _cast(round_, body, code, part="rating", target=idea)
    if outcome.refusal is not None:
        return dash.no_update
    value, _created = outcome.receipt
    fresh = store.find_idea(idea.id)
    card = idea_card(round_, fresh, value, lang, position, link=position is not None)
    return card.children.children


def _public_idea(idea_id: object) -> StoredIdea | None:
    """The idea a page names, when it is public."""
    idea = services().store.find_idea(idea_id) if isinstance(idea_id, str) else None
    return idea if idea is not None and idea.state == "published" else None


def _cast(round_: IdeaRound | None, form: dict, code: object = None, **part):
    """A contribution from a page through the pipeline, keyed by this browser, or
    by the voting code typed on the page in a round with `integrity: code`."""
    kind = services().catalog.kinds["ideas"]
    body = form | ({"code": code} if code is not None else {})
    return cast(kind, round_, lambda: (body, None), browser_token=ensure_token, **part)


# "Melden" -> show the reasons
@dash.callback(
    Output({"type": REPORT_BOX, "kind": MATCH, "item": MATCH}, "hidden"),
    Output({"type": REPORT_OPEN, "kind": MATCH, "item": MATCH}, "aria-expanded"),
    Input({"type": REPORT_OPEN, "kind": MATCH, "item": MATCH}, "n_clicks"),
    prevent_initial_call=True,
)
def open_report(clicks):
    shown = bool(clicks) and clicks % 2 == 1
    return not shown, "true" if shown else "false"


# report -> store -> thanks (never whether the item is now hidden)
@dash.callback(
    Output({"type": REPORT_STATUS, "kind": MATCH, "item": MATCH}, "children"),
    Input({"type": REPORT_SEND, "kind": MATCH, "item": MATCH}, "n_clicks"),
    State({"type": REPORT_REASON, "kind": MATCH, "item": MATCH}, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def send_report(_clicks, reason, lang):
    lang = i18n.normalize_language(lang, page_language())
    outcome = _about_item("report", {"reason": reason})
    if outcome.refusal is not None:
        return _refusal_text(outcome.refusal, lang)
    key = "ideas.reported" if outcome.receipt == "created" else "ideas.reported_again"
    return i18n.t(key, lang)


def _about_item(part: str, fields: dict):
    """A report or appeal from a pattern-matching button about one item: the
    button's id names the item."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        trigger = {}
    item = {"type": trigger.get("kind"), "id": trigger.get("item")}
    return _cast(None, {"item": item, **fields}, part=part)


def _refusal_text(refusal, lang: str) -> str:
    """A refusal in one sentence: its message, or its first problem's."""
    if refusal.problems:
        return refusal.problems[0].message(lang)
    return refusal.message(lang)


# -- /ideeen/<round_id>/<idea_id> -----------------------------------------------------


def _reaction_item(
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
            _report_box("reaction", reaction.id, lang),
        ]
        if reaction.id in own:
            body.append(_own_buttons("reaction", reaction, lang))
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


def _reactions(
    idea: StoredIdea,
    lang: str,
    newest_first: bool,
    may_reply: bool,
    own: frozenset[str] = frozenset(),
) -> html.Div:
    """The reactions in three columns by stance (for, against, question); on
    phones the stylesheet shows the one column picked above them."""
    found = services().store.reactions_on(idea)
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
            _reaction_item(
                r,
                lang,
                [_reaction_item(c, lang, [], own=own) for c in children.get(r.id, [])],
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


def _stance_picker(lang: str) -> html.Div:
    """Phones: which column of reactions to show (buttons with aria-pressed; the
    three columns stand side by side from the md breakpoint on, without these)."""
    return html.Div(
        [
            html.Button(
                i18n.t(f"ideas.column.{stance}", lang),
                id={"type": SHOW_STANCE, "stance": stance},
                type="button",
                className=_toggle_class(stance == rules.STANCES[0]),
                **{"aria-pressed": "true" if stance == rules.STANCES[0] else "false"},
            )
            for stance in rules.STANCES
        ],
        className="reaction-picker d-md-none mb-3",
        role="group",
        **{"aria-label": i18n.t("ideas.show_column", lang)},
    )


def idea_layout(
    round_id: str | None = None,
    idea_id: str | None = None,
    lang: str | None = None,
    **_kwargs,
) -> html.Div:
    lang = page_language(lang)
    store = services().store
    if round_id is None and idea_id is None:
        # Dash calls every layout once without arguments to learn its components:
        # the page's parts without an idea.
        round_ = next(iter(services().catalog.of("ideas").values()), None)
        return _idea_page(round_, None, None, lang) if round_ else html.Div()
    round_ = round_of(round_id)
    idea = store.find_idea(idea_id) if idea_id else None
    if (
        round_ is None
        or idea is None
        or idea.round_id != round_.id
        or idea.state != "published"
    ):
        return not_found(lang, "ideas.idea_not_found_title", "ideas.idea_not_found")
    mine = store.ratings_by(round_.id, browser_token()).get(idea.id)
    return _idea_page(round_, idea, mine, lang)


def _idea_page(
    round_: IdeaRound, idea: StoredIdea | None, mine: str | None, lang: str
) -> html.Div:
    """One idea with its reactions and the reaction form (`idea` None: the
    parts alone, for Dash's start-up)."""
    stances = [(s, i18n.t(f"ideas.stance.{s}", lang)) for s in rules.STANCES]
    open_ = rules.may_react(round_.phase())
    form = html.Div(
        [
            html.H2(i18n.t("ideas.react_title", lang)),
            html.P(i18n.t("ideas.react_hint", lang), className="form-text"),
            _field(
                i18n.t("ideas.stance_label", lang),
                _select(REACTION_STANCE, stances, "for"),
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
            _field(
                i18n.t("ideas.reaction_label", lang, max=round_.limits.reaction),
                dbc.Textarea(
                    id=REACTION_TEXT,
                    maxLength=round_.limits.reaction,
                    rows=4,
                    persistence=idea.id if idea else None,
                    persistence_type="local",
                ),
                REACTION_TEXT,
                i18n.t("ideas.no_personal_data", lang),
            ),
            *_form_end(
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
    return html.Div(
        [
            dcc.Store(id=IDEA_ID, data=idea.id if idea else None),
            dcc.Store(id=IDEA_LANG, data=lang),
            dcc.Interval(id=REACTION_REFRESH, interval=REFRESH_MS),
            html.P(html.A("← " + round_.title.get(lang), href=f"/ideeen/{round_.id}")),
            html.H1(idea.title if idea else ""),
            code_field(round_, lang),
            idea_card(
                round_,
                idea,
                mine,
                lang,
                None,
                link=False,
                own=idea.id in _own_ids(round_, "idea"),
            )
            if idea
            else None,
            html.H2(i18n.t("ideas.reactions_title", lang)),
            _field(
                i18n.t("ideas.order_label", lang),
                _select(
                    REACTION_ORDER,
                    [
                        ("new", i18n.t("ideas.order_new", lang)),
                        ("old", i18n.t("ideas.order_old", lang)),
                    ],
                    "new",
                ),
                REACTION_ORDER,
            ),
            _change_panel(lang),
            _stance_picker(lang),
            dcc.Store(id=SHOWN_STANCE, data=rules.STANCES[0]),
            html.Div(
                html.Div(id=REACTION_LIST),
                id=REACTION_VIEW,
                className=f"reaction-view show-{rules.STANCES[0]}",
            ),
            form,
            *(
                [
                    share_block(
                        f"/ideeen/{round_.id}/{idea.id}",
                        i18n.t("share.text_trajectory", lang, title=idea.title),
                        lang,
                    )
                ]
                if idea
                else []
            ),
        ],
        className="idea-page",
        **{"data-idea-page": idea.id if idea else ""},
    )


# order, refresh, a new reaction -> the reactions in three columns
@dash.callback(
    Output(REACTION_LIST, "children"),
    Input(REACTION_ORDER, "value"),
    Input(REACTION_REFRESH, "n_intervals"),
    Input(REACTION_STATUS, "children"),
    Input(CHANGE_DONE, "data"),
    State(IDEA_ID, "data"),
    State(IDEA_LANG, "data"),
)
def show_reactions(order, _tick, _status, _changed, idea_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    idea = _public_idea(idea_id)
    round_ = round_of(idea.round_id) if idea else None
    if idea is None or round_ is None:
        return None
    may_reply = rules.may_react(round_.phase())
    own = _own_ids(round_, "reaction")
    return _reactions(
        idea, lang, newest_first=order != "old", may_reply=may_reply, own=own
    )


def _own_ids(round_: IdeaRound, item_type: str) -> frozenset[str]:
    """The ids of this browser's ideas or reactions in a round."""
    token = browser_token()
    if token is None:
        return frozenset()
    mine = services().store.contributions_of([round_.id], token)
    return frozenset(m["id"] for m in mine if m["type"] == item_type)


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
    State(IDEA_ID, "data"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def reply_to(_replies, _cancel, _status, draft, idea_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    # A reply sent clears the draft; a refused one keeps it, and the reply with it.
    if _fired(REPLY_CANCEL) or (_fired(REACTION_STATUS) and not draft):
        return None, "", True
    if _fired(REACTION_STATUS):
        return dash.no_update, dash.no_update, dash.no_update
    if not _clicked():
        return dash.no_update, dash.no_update, dash.no_update
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        return None, "", True
    idea = _public_idea(idea_id)
    reaction_id = trigger.get("reaction")
    parent = next(
        (
            r
            for r in (services().store.reactions_on(idea) if idea else [])
            if r.id == reaction_id and not r.parent and r.state == "published"
        ),
        None,
    )
    if parent is None:
        return None, "", True
    who = parent.display_name or i18n.t("ideas.anonymous", lang)
    return parent.id, i18n.t("ideas.replying_to", lang, name=who), False


def _fired(*component_ids: str) -> bool:
    """Whether this call was set off by one of these (plain-id) components."""
    return any(
        prop.rsplit(".", 1)[0] in component_ids for prop in ctx.triggered_prop_ids
    )


def _clicked() -> bool:
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
    State(IDEA_ID, "data"),
    prevent_initial_call=True,
)
def show_stance(_clicks, _status, sent_stance, parent, idea_id):
    trigger = ctx.triggered_id
    if isinstance(trigger, dict):
        stance = trigger.get("stance")
    else:
        # A reply shows under the reaction it answers, in that one's column.
        idea = _public_idea(idea_id)
        replied = next(
            (
                r
                for r in (services().store.reactions_on(idea) if idea else [])
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
        [_toggle_class(p) for p in pressed],
        f"reaction-view show-{stance}",
    )


# react -> the API's checks -> store -> said out loud; the draft is cleared
@dash.callback(
    Output(REACTION_STATUS, "children"),
    Output(REACTION_TEXT, "value"),
    Input(SUBMIT_REACTION, "n_clicks"),
    State(IDEA_ID, "data"),
    State(REACTION_STANCE, "value"),
    State(REACTION_TEXT, "value"),
    State(REACTION_PARENT, "data"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def post_reaction(_clicks, idea_id, stance, text, parent, code, lang):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    idea = _public_idea(idea_id)
    round_ = round_of(idea.round_id) if idea else None
    body = {"text": text, "stance": stance}
    if parent is not None:
        body["parent"] = parent
    outcome = _cast(round_, body, code, part="reaction", target=idea)
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


# -- /mijn-bijdragen ------------------------------------------------------------------


def mine_layout(lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    items = services().store.contributions_of(catalog.of("ideas"), browser_token())
    rows = []
    for item in items:
        state = item["state"]
        reason = item["reason"]
        parts: list = [
            html.H2(
                item["title"]
                or _short(item["text"], 80)
                or i18n.t("ideas.deleted_by_author", lang),
                className="h5",
            ),
            html.P(
                [
                    i18n.t(f"ideas.kind.{item['type']}", lang),
                    " · ",
                    i18n.format_moment_date(item["created_at"], lang),
                    " · ",
                    html.Strong(i18n.t(f"ideas.state.{state}", lang)),
                    (" · " + _why(reason, lang)) if reason else "",
                ],
                className="form-text",
            ),
        ]
        if state in ("hidden", "rejected"):
            key = {"kind": item["type"], "item": item["id"]}
            text_id = {"type": APPEAL_TEXT, **key}
            parts.append(
                html.Div(
                    [
                        dbc.Label(
                            i18n.t("ideas.appeal_label", lang),
                            html_for=_dom_id(text_id),
                        ),
                        dbc.Textarea(id=text_id, maxLength=validate.NOTE_MAX, rows=2),
                        html.Button(
                            i18n.t("ideas.appeal", lang),
                            id={"type": APPEAL_SEND, **key},
                            type="button",
                            className="btn btn-outline-primary btn-sm appeal-button",
                        ),
                        html.Div(id={"type": APPEAL_STATUS, **key}, role="status"),
                    ]
                )
            )
        rows.append(
            html.Li(parts, className="card card-body mb-3", **{"data-mine": item["id"]})
        )
    return html.Div(
        [
            dcc.Store(id=IDEA_LANG, data=lang),
            html.H1(i18n.t("ideas.mine_title", lang)),
            html.P(i18n.t("ideas.mine_intro", lang)),
            html.Ul(rows, className="list-unstyled")
            if rows
            else html.P(i18n.t("ideas.mine_none", lang)),
            _house_rules_link(lang),
        ],
        className="mine-page",
    )


def _why(reason: str, lang: str) -> str:
    """The reason an item waits or was decided, in words."""
    first = reason.split(",")[0]
    if first in moderation.REASON_CODES:
        return i18n.t(f"moderation.reason.{first}", lang)
    key = "ideas.queue." + first.split(":")[0]
    return i18n.t(key if key in i18n.MESSAGES else "ideas.queue.check", lang)


# appeal -> store -> back in the queue
@dash.callback(
    Output({"type": APPEAL_STATUS, "kind": MATCH, "item": MATCH}, "children"),
    Input({"type": APPEAL_SEND, "kind": MATCH, "item": MATCH}, "n_clicks"),
    State({"type": APPEAL_TEXT, "kind": MATCH, "item": MATCH}, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def send_appeal(_clicks, text, lang):
    lang = i18n.normalize_language(lang, page_language())
    outcome = _about_item("appeal", {"text": text or None})
    if outcome.refusal is not None:
        return _refusal_text(outcome.refusal, lang)
    return i18n.t("ideas.appealed", lang)


def _change_panel(lang: str) -> html.Div:
    """One panel for changing or deleting one's own idea or reaction: hidden until
    asked for, its message read out."""
    return html.Div(
        [
            dcc.Store(id=CHANGE_TARGET, data=None),
            dcc.Store(id=CHANGE_DONE, data=0),
            html.Div(
                [
                    html.P(id=CHANGE_NOTE, className="fw-bold"),
                    html.Div(
                        _field(
                            i18n.t("ideas.field.title", lang),
                            dbc.Input(id=CHANGE_TITLE, type="text"),
                            CHANGE_TITLE,
                        ),
                        id=f"{CHANGE_TITLE}-field",
                    ),
                    html.Div(
                        _field(
                            i18n.t("ideas.field.text", lang),
                            dbc.Textarea(id=CHANGE_TEXT, rows=4),
                            CHANGE_TEXT,
                            i18n.t("ideas.no_personal_data", lang),
                        ),
                        id=f"{CHANGE_TEXT}-field",
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
    Input({"type": CHANGE, "kind": ALL, "item": ALL, "action": ALL}, "n_clicks"),
    Input(CHANGE_CANCEL, "n_clicks"),
    Input(CHANGE_DONE, "data"),
    State(IDEA_ID, "data"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def open_change(_clicks, _cancel, _done, idea_id, lang):
    lang = i18n.normalize_language(lang, page_language())
    closed = (None, True, "", "", "", True, True, "")
    if _fired(CHANGE_CANCEL, CHANGE_DONE):
        return closed
    if not _clicked():
        return (dash.no_update,) * 8
    trigger = ctx.triggered_id
    idea = _public_idea(idea_id)
    round_ = round_of(idea.round_id) if idea else None
    if not isinstance(trigger, dict) or round_ is None:
        return closed
    item_type, action = trigger.get("kind"), trigger.get("action")
    item = _own_item(round_, idea, item_type, trigger.get("item"))
    if item is None or action not in ("edit", "delete"):
        return closed
    target = {"type": item_type, "id": item.id, "action": action}
    if action == "delete":
        note = i18n.t("ideas.own_delete_question", lang)
        return target, False, note, "", "", True, True, i18n.t("ideas.own_yes", lang)
    note = i18n.t(f"ideas.own_editing_{item_type}", lang, minutes=rules.EDIT_MINUTES)
    title = item.title if item_type == "idea" else ""
    save = i18n.t("ideas.own_save", lang)
    return target, False, note, title, item.text, item_type != "idea", False, save


def _own_item(round_: IdeaRound, idea: StoredIdea, item_type: object, item_id: object):
    """This browser's idea (the page's) or reaction on it, or None."""
    if item_type == "idea" and item_id == idea.id:
        return idea if idea.id in _own_ids(round_, "idea") else None
    if item_type != "reaction" or item_id not in _own_ids(round_, "reaction"):
        return None
    return next(
        (r for r in services().store.reactions_on(idea) if r.id == item_id), None
    )


# "Opslaan"/"Ja, verwijderen" -> the pipeline (the checks of a new text) -> said
# out loud; the idea's card and the reactions show the change
@dash.callback(
    Output(CHANGE_STATUS, "children"),
    Output(CHANGE_DONE, "data"),
    Output({"type": CARD, "idea": ALL}, "children", allow_duplicate=True),
    Input(CHANGE_SAVE, "n_clicks"),
    State(CHANGE_TARGET, "data"),
    State(CHANGE_TITLE, "value"),
    State(CHANGE_TEXT, "value"),
    State(CHANGE_DONE, "data"),
    State({"type": CARD, "idea": ALL}, "id"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def save_change(_clicks, target, title_text, text, done, cards, lang):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    unchanged = [no] * len(cards or [])
    if not isinstance(target, dict):
        return no, no, unchanged
    item_type, item_id = target.get("type"), target.get("id")
    if item_type not in ("idea", "reaction") or not isinstance(item_id, str):
        return no, no, unchanged
    kind, round_, ref = ideas_api.own_item(item_type, item_id)
    if kind.name != "ideas":
        return no, no, unchanged
    deleting = target.get("action") == "delete"
    body: dict = {}
    if not deleting:
        body = {"text": text} | ({"title": title_text} if item_type == "idea" else {})
    outcome = _cast(round_, body, part="removal" if deleting else "edit", target=ref)
    if outcome.refusal is not None:
        return _refusal_text(outcome.refusal, lang), no, unchanged
    if deleting:
        said = i18n.t("ideas.own_deleted", lang)
    elif outcome.receipt == "pending":
        said = i18n.t("ideas.posted_pending", lang)
    else:
        said = i18n.t("ideas.own_changed", lang)
    counter = (done if isinstance(done, int) else 0) + 1
    if item_type != "idea":
        return said, counter, unchanged
    fresh = services().store.find_idea(item_id)
    if fresh is None or fresh.state != "published":
        return said, counter, [[html.P(said)] for _ in unchanged]
    mine = services().store.ratings_by(round_.id, browser_token()).get(fresh.id)
    card = idea_card(round_, fresh, mine, lang, None, link=False, own=True)
    return said, counter, [card.children.children for _ in unchanged]


def register() -> None:
    video = video_hook(round_of, "round_id")
    dash.register_page(
        f"{__name__}.round",
        path_template=ROUND_PATH,
        layout=round_layout,
        title=title,
        video=video,
    )
    dash.register_page(
        f"{__name__}.idea",
        path_template=IDEA_PATH,
        layout=idea_layout,
        title=title,
        video=video,
    )
    dash.register_page(
        f"{__name__}.mine",
        path=MINE_PATH,
        layout=mine_layout,
        title=lambda: i18n.t("ideas.mine_title", page_language()),
    )

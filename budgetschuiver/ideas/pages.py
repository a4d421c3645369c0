"""Resident pages of idea rounds: /ideeen/<round_id> (list and form),
/ideeen/<round_id>/<idea_id> (one idea with its reactions) and /mijn-bijdragen.

Flow: form -> (server) the same checks as the API -> store -> status said out
loud; rate -> store -> the card again (counts when allowed); report -> store.
Drafts live in the browser (Dash persistence in localStorage), so a refresh keeps
a half-written text; a successful post clears them.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, MATCH, Input, Output, State, ctx, dcc, html

from budgetschuiver.ideas import api as ideas_api
from budgetschuiver.ideas import files, rules, validate
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.ideas.store import StoredIdea
from budgetschuiver.kernel import i18n, ids, media
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
from budgetschuiver.moderation import parts as moderation_parts
from budgetschuiver.moderation import rules as moderation
from budgetschuiver.reactions.component import (
    CHANGE_DONE,
    CHANGE_PICTURE,
    CHANGE_SAVE,
    CHANGE_STATUS,
    CHANGE_TARGET,
    CHANGE_TEXT,
    CHANGE_TITLE,
    ITEM_LANG,
    REFRESH_MS,
    REPORT_BOX,
    REPORT_OPEN,
    REPORT_REASON,
    REPORT_SEND,
    REPORT_STATUS,
    change_panel,
    reactions_block,
)
from budgetschuiver.reactions.component import dom_id as _dom_id
from budgetschuiver.reactions.component import field as _field
from budgetschuiver.reactions.component import form_end as _form_end
from budgetschuiver.reactions.component import hidden_sentence as _hidden_sentence
from budgetschuiver.reactions.component import house_rules_link as _house_rules_link
from budgetschuiver.reactions.component import own_buttons as _own_buttons
from budgetschuiver.reactions.component import refusal_text as _refusal_text
from budgetschuiver.reactions.component import report_box as _report_box
from budgetschuiver.reactions.component import select as _select
from budgetschuiver.reactions.component import toggle_class as _toggle_class

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
IDEA_PICTURE_REFUSED = "idea-picture-refused"
IDEA_PICTURE, IDEA_PICTURE_ALT, IDEA_PICTURE_NOTE, IDEA_PICTURE_CLEAR = (
    "idea-picture",
    "idea-picture-alt",
    "idea-picture-note",
    "idea-picture-clear",
)
IDEA_SIMILAR, IDEA_LIST, IDEA_ROUND = "idea-similar", "idea-list", "idea-round"
IDEA_LANG = ITEM_LANG
LIST_THEME, LIST_ORDER, LIST_QUERY, LIST_PAGE = (
    "idea-filter-theme",
    "idea-order",
    "idea-search",
    "idea-page",
)
LIST_REFRESH, LIST_PREV, LIST_NEXT = "idea-refresh", "idea-prev", "idea-next"
# Pattern-matching ids: one per idea card or reaction.
CARD, RATE, POSITION = "idea-card", "idea-rate", "idea-position"
APPEAL_SEND, APPEAL_TEXT, APPEAL_STATUS = "appeal-send", "appeal-text", "appeal-status"
# The form's callback (by its first output): it carries the picture, so it may
# have a bigger body than other callbacks (`kernel.web.LARGER_CALLBACKS`).
POST_OUTPUT = f"{IDEA_STATUS}.children"
# The form's fields a problem is named by, before its message.
FORM_FIELDS = ("title", "text", "display_name", "theme", "picture", "picture_alt")


def round_of(round_id: object) -> IdeaRound | None:
    return services().catalog.find("ideas", round_id)


def title(round_id: str | None = None, **_kwargs: object) -> str:
    round_ = round_of(round_id)
    return round_.title.get(page_language()) if round_ else "Den Haag doet mee"


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
        _picture(idea, thumbnail=link),
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


def _picture(idea: StoredIdea, thumbnail: bool) -> html.Img | None:
    """The idea's picture with the author's alternative text: a lazy thumbnail in
    a fixed box on the list, the larger version on the idea's page; None without
    a picture or while the idea is not public (it is not served then)."""
    found = files.picture_json(idea) if idea.state == "published" else None
    if found is None:
        return None
    # html.Img has no `loading` prop: assets/03-app/ideas.js sets it, then the
    # source, so the browser fetches a thumbnail only when it comes into view.
    return html.Img(
        alt=found["alt"],
        width=found["width"],
        height=found["height"],
        className="idea-thumbnail" if thumbnail else "idea-picture",
        **{"data-src": found["thumbnail_url"] if thumbnail else found["url"]},
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
        *_picture_fields(lang),
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


def _picture_fields(lang: str) -> list:
    """The optional picture: a real button opens the file chooser (the upload's
    own area takes no keyboard focus; a button's Enter or Space click reaches
    it), what was chosen is said out loud, and the alternative text."""
    return [
        html.Div(
            [
                html.P(
                    i18n.t("ideas.picture_label", lang), className="form-label mb-1"
                ),
                dcc.Upload(
                    html.Button(
                        i18n.t("ideas.picture_choose", lang),
                        type="button",
                        className="btn btn-outline-primary",
                    ),
                    id=IDEA_PICTURE,
                    accept=",".join(
                        f"image/{f.lower()}" for f in media.ALLOWED_FORMATS
                    ),
                    max_size=media.MAX_UPLOAD_BYTES,
                    className="idea-picture-upload",
                ),
                html.Div(i18n.t("ideas.picture_hint", lang), className="form-text"),
                html.Div(
                    html.Span(i18n.t("ideas.picture_none", lang)),
                    id=IDEA_PICTURE_NOTE,
                    role="status",
                    className="mt-1",
                ),
                html.Button(
                    i18n.t("ideas.picture_clear", lang),
                    id=IDEA_PICTURE_CLEAR,
                    type="button",
                    className="btn btn-link p-0",
                    hidden=True,
                ),
                # Filled by assets/03-app/ideas.js: the upload drops a file over
                # its max_size without telling any callback, so the browser
                # says why here (the server refuses such a file on its own).
                html.Div(
                    id=IDEA_PICTURE_REFUSED, role="alert", className="text-danger"
                ),
            ],
            className="idea-picture-field mb-3",
            **{
                "data-max-bytes": str(media.MAX_UPLOAD_BYTES),
                "data-too-large": i18n.t("upload.too_large", lang),
            },
        ),
        _field(
            i18n.t("ideas.picture_alt_label", lang, max=validate.PICTURE_ALT_MAX),
            dbc.Input(id=IDEA_PICTURE_ALT, maxLength=validate.PICTURE_ALT_MAX),
            IDEA_PICTURE_ALT,
            i18n.t("ideas.picture_alt_hint", lang),
        ),
    ]


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
    Output(IDEA_PICTURE, "contents"),
    Output(IDEA_PICTURE, "filename"),
    Output(IDEA_PICTURE_ALT, "value"),
    Input(SUBMIT_IDEA, "n_clicks"),
    State(IDEA_ROUND, "data"),
    State(IDEA_TITLE, "value"),
    State(IDEA_TEXT, "value"),
    State(IDEA_THEME, "value"),
    State(IDEA_DISTRICT, "value"),
    State(IDEA_NAME, "value"),
    State(IDEA_PICTURE, "contents"),
    State(IDEA_PICTURE_ALT, "value"),
    State(ids.VOTING_CODE, "value"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def post_idea(
    _clicks, round_id, title_text, text, theme, district, name, picture, alt, code, lang
):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    round_ = round_of(round_id)
    form = {
        "title": title_text,
        "text": text,
        "theme": theme or None,
        "district": (district or None) if round_ and round_.districts else None,
        "display_name": name or None,
        "picture": picture or None,
        "picture_alt": alt or None,
    }
    outcome = _cast(round_, form, code)
    refusal = outcome.refusal
    if refusal is not None and refusal.problems:
        messages = [
            f"{i18n.t('ideas.field.' + p.field, lang)}: {p.message(lang)}"
            if p.field in FORM_FIELDS
            else p.message(lang)
            for p in refusal.problems
        ]
        status = html.Ul([html.Li(m) for m in messages], className="text-danger")
        return status, no, no, no, no, no
    if refusal is not None:
        return refusal.message(lang), no, no, no, no, no
    idea = outcome.receipt
    key = "ideas.posted" if idea.state == "published" else "ideas.posted_pending"
    return i18n.t(key, lang), "", "", None, None, ""


# a picture chosen or removed -> said out loud, with the button to remove it
@dash.callback(
    Output(IDEA_PICTURE_NOTE, "children"),
    Output(IDEA_PICTURE_CLEAR, "hidden"),
    Input(IDEA_PICTURE, "filename"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def show_picture_choice(filename, lang):
    lang = i18n.normalize_language(lang, page_language())
    if not isinstance(filename, str) or not filename:
        return html.Span(i18n.t("ideas.picture_none", lang)), True
    name = filename[:100]
    return html.Span(i18n.t("ideas.picture_chosen", lang, name=name)), False


@dash.callback(
    Output(IDEA_PICTURE, "contents", allow_duplicate=True),
    Output(IDEA_PICTURE, "filename", allow_duplicate=True),
    Input(IDEA_PICTURE_CLEAR, "n_clicks"),
    prevent_initial_call=True,
)
def clear_picture(_clicks):
    return None, None


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
    """A report or appeal from a pattern-matching button about one item (an
    idea, reaction, topic, post or question): the button's id names the item,
    whose kind's part takes it in (`moderation.parts`)."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        trigger = {}
    body = {"item": {"type": trigger.get("kind"), "id": trigger.get("item")}, **fields}
    kind = moderation_parts.kind_of(body)
    return cast(kind, None, lambda: (body, None), browser_token=ensure_token, part=part)


# -- /ideeen/<round_id>/<idea_id> -----------------------------------------------------


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
    return html.Div(
        [
            dcc.Store(id=IDEA_LANG, data=lang),
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
            *reactions_block(
                {"kind": "ideas", "id": idea.id} if idea else None,
                round_.limits.reaction,
                rules.may_react(round_.phase()),
                lang,
                above=[change_panel(lang)],
            ),
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


def _own_ids(round_: IdeaRound, item_type: str) -> frozenset[str]:
    """The ids of this browser's ideas or reactions in a round (one query: on
    drawing the page and on an author's button, not on every refresh)."""
    token = browser_token()
    if token is None:
        return frozenset()
    mine = services().store.contributions_of([("ideas", round_.id)], token)
    return frozenset(m["id"] for m in mine if m["type"] == item_type)


# -- /mijn-bijdragen ------------------------------------------------------------------


def mine_layout(lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    items = services().store.contributions_of(
        moderation_parts.authored_places(), browser_token()
    )
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


# "Opslaan"/"Ja, verwijderen" in the change panel (`reactions.component`) -> the
# pipeline (the checks of a new text) -> said out loud; the idea's card (on an
# idea page) and the reactions show the change
@dash.callback(
    Output(CHANGE_STATUS, "children"),
    Output(CHANGE_DONE, "data"),
    Output({"type": CARD, "idea": ALL}, "children", allow_duplicate=True),
    Input(CHANGE_SAVE, "n_clicks"),
    State(CHANGE_TARGET, "data"),
    State(CHANGE_TITLE, "value"),
    State(CHANGE_TEXT, "value"),
    State(CHANGE_PICTURE, "value"),
    State(CHANGE_DONE, "data"),
    State({"type": CARD, "idea": ALL}, "id"),
    State(IDEA_LANG, "data"),
    prevent_initial_call=True,
)
def save_change(_clicks, target, title_text, text, remove_picture, done, cards, lang):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    unchanged = [no] * len(cards or [])
    if not isinstance(target, dict):
        return no, no, unchanged
    item_type, item_id = target.get("type"), target.get("id")
    if item_type not in ("idea", "reaction") or not isinstance(item_id, str):
        return no, no, unchanged
    # A reaction may be on a budget, poll or moodboard: its own kind's parts.
    kind, round_, ref = ideas_api.own_item(item_type, item_id)
    deleting = target.get("action") == "delete"
    body: dict = {}
    if not deleting:
        body = {"text": text} | ({"title": title_text} if item_type == "idea" else {})
        if item_type == "idea" and remove_picture is True:
            body["picture"] = None
    part = "removal" if deleting else "edit"
    outcome = cast(
        kind,
        round_,
        lambda: (body, None),
        browser_token=ensure_token,
        part=part,
        target=ref,
    )
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

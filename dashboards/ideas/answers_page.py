"""/dashboard/ideeen/<round_id>/antwoorden: the municipality's status and public
answer per idea (admins set them; other dashboard accounts read them).

Flow: page (`?idee=<id>` picks one idea, e.g. from the staff tool on the idea's
public page; else the best-supported idea still without an answer) -> (callback)
the idea with its status and answer -> save -> store -> said out loud.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from dashboards.ideas.api import checked_status
from dashboards.kernel import common
from dashboards.kernel.auth import current_account
from dashboards.kernel.guard import Call, dashboard_callback

PATH = "/dashboard/ideeen/<round_id>/antwoorden"
ROUND, IDEA, PICK, CONTENT = (
    "db-ans-round",
    "db-ans-idea",
    "db-ans-pick",
    "db-ans-content",
)
FORM = "db-ans-form"
STATUS_FIELD, ANSWER_FIELD, LINK_FIELD, SAVE, SAID = (
    "db-ans-status",
    "db-ans-answer",
    "db-ans-link",
    "db-ans-save",
    "db-ans-said",
)
# The ideas offered in the picker: the best supported first, unanswered ones
# before answered ones; the rest are reached from their page (`?idee=`).
PICKER_SIZE = 50


def address(round_id: str, idea_id: str | None = None) -> str:
    """This page's address, for one idea when `idea_id` is given."""
    base = PATH.replace("<round_id>", round_id)
    return f"{base}?idee={idea_id}" if idea_id else base


def staff_link(item_type: str, item_id: str, lang: str) -> html.P | None:
    """On an idea's public page, for a signed-in admin: a link to give its status
    and answer here (a staff tool, registered when the app is composed)."""
    account = current_account()
    if item_type != "idea" or account is None or not account.is_admin:
        return None
    idea = services().store.find_idea(item_id)
    if idea is None:
        return None
    return html.P(
        html.A(i18n.t("dba.give_answer", lang), href=address(idea.round_id, idea.id)),
        className="mb-1",
    )


def _title(round_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('dba.title', lang)} · {i18n.t('db.title', lang)}"


def _picker(round_id: str, chosen: str | None, lang: str) -> list[tuple[str, str]]:
    """(idea id, label) for the picker: the chosen idea, then unanswered ideas by
    support, then answered ones."""
    store = services().store
    keys = store.idea_keys(round_id)
    ranked = sorted(keys, key=lambda k: (-k.support, k.row_id))[: PICKER_SIZE * 2]
    ideas = store.ideas_by_rows([k.row_id for k in ranked])
    by_id = {idea.id: idea for idea in ideas}
    order = sorted(
        (by_id[k.id] for k in ranked if k.id in by_id),
        key=lambda idea: idea.answer is not None,
    )[:PICKER_SIZE]
    if chosen and chosen not in {idea.id for idea in order}:
        found = store.find_idea(chosen)
        if found is not None and found.round_id == round_id:
            order.insert(0, found)
    return [
        (
            idea.id,
            f"{idea.title} · {i18n.t(f'ideas.status.{idea.status}', lang)}"
            + ("" if idea.answer else f" · {i18n.t('dba.no_answer', lang)}"),
        )
        for idea in order
    ]


def layout(
    round_id: str | None = None,
    lang: str | None = None,
    idee: object = None,
    **_kwargs: object,
) -> html.Div:
    lang = page_language(lang)
    round_ = services().catalog.find("ideas", round_id) or next(
        iter(services().catalog.of("ideas").values()), None
    )
    choices = (
        _picker(round_.id, idee if isinstance(idee, str) else None, lang)
        if (round_ and current_account() is not None)
        else []
    )
    chosen = idee if any(c[0] == idee for c in choices) else None
    page = html.Div(
        [
            common.nav("ideas", lang),
            html.H1(
                [i18n.t("dba.title", lang), ": ", round_.title.get(lang)]
                if round_
                else i18n.t("dba.title", lang)
            ),
            html.P(i18n.t("dba.intro", lang)),
            html.Div(round_.id if round_ else "", id=ROUND, hidden=True),
            dcc.Store(id=common.LANG, data=lang),
            html.Div(
                [
                    dbc.Label(i18n.t("dba.pick", lang), html_for=PICK),
                    dbc.Select(
                        id=PICK,
                        options=[{"label": t, "value": v} for v, t in choices],
                        value=chosen or (choices[0][0] if choices else None),
                    ),
                ],
                className="mb-3",
            ),
            html.Div(id=CONTENT, className="db-content"),
            _form(lang),
            html.Div(id=SAID, role="status", className="mt-2"),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def _form(lang: str) -> html.Div:
    """The fields, in the page from the start (the picked idea fills them), so
    every callback finds them."""
    statuses = [(s, i18n.t(f"ideas.status.{s}", lang)) for s in rules.STATUSES]
    return html.Div(
        [
            html.Div(
                [
                    dbc.Label(i18n.t("dba.status", lang), html_for=STATUS_FIELD),
                    dbc.Select(
                        id=STATUS_FIELD,
                        options=[{"label": t, "value": v} for v, t in statuses],
                        value=rules.STATUSES[0],
                    ),
                ],
                className="mb-3",
            ),
            html.Div(
                [
                    dbc.Label(i18n.t("dba.answer", lang), html_for=ANSWER_FIELD),
                    dbc.Textarea(id=ANSWER_FIELD, value="", rows=4, maxLength=2000),
                    html.Div(i18n.t("dba.answer_hint", lang), className="form-text"),
                ],
                className="mb-3",
            ),
            html.Div(
                [
                    dbc.Label(i18n.t("dba.link", lang), html_for=LINK_FIELD),
                    dbc.Input(id=LINK_FIELD, value="", maxLength=300),
                    html.Div(i18n.t("dba.link_hint", lang), className="form-text"),
                ],
                className="mb-3",
            ),
            html.Button(
                i18n.t("dba.save", lang),
                id=SAVE,
                type="button",
                className="btn btn-primary",
            ),
        ],
        id=FORM,
        hidden=True,
    )


# the idea picked -> its words, and its status and answer in the form
@dashboard_callback(
    Output(CONTENT, "children"),
    Output(FORM, "hidden"),
    Output(STATUS_FIELD, "value"),
    Output(ANSWER_FIELD, "value"),
    Output(LINK_FIELD, "value"),
    Input(PICK, "value"),
    State(ROUND, "children"),
)
def show(call: Call, idea_id, round_id):
    lang = call.lang
    idea = services().store.find_idea(idea_id) if isinstance(idea_id, str) else None
    if idea is None or idea.round_id != round_id:
        no = dash.no_update
        return html.P(i18n.t("dba.none", lang)), True, no, no, no
    words = [
        html.H2(idea.title, className="h4"),
        html.P(idea.text, className="idea-text"),
    ]
    if not call.account.is_admin:
        words.append(html.P(i18n.t("dba.admins_only", lang)))
    return words, False, idea.status, idea.answer or "", idea.answer_link or ""


# save -> the same checks as the API -> store -> said out loud (admins only)
@dashboard_callback(
    Output(SAID, "children"),
    Input(SAVE, "n_clicks"),
    State(PICK, "value"),
    State(ROUND, "children"),
    State(STATUS_FIELD, "value"),
    State(ANSWER_FIELD, "value"),
    State(LINK_FIELD, "value"),
    prevent_initial_call=True,
)
def save(call: Call, _clicks, idea_id, round_id, status, answer, link):
    lang = call.lang
    if not call.account.is_admin:
        return i18n.t("dba.admins_only", lang)
    idea = services().store.find_idea(idea_id) if isinstance(idea_id, str) else None
    if idea is None or idea.round_id != round_id:
        return i18n.t("error.idea_not_found", lang)
    body = {"status": status, "answer": answer or None, "answer_link": link or None}
    values, field = checked_status(body)
    if values is None:
        return i18n.t(f"dba.bad_{field}", lang)
    status, answer, link = values
    try:
        services().store.set_idea_status(idea.id, status, answer, link)
    except ValueError:
        return i18n.t("dba.bad_answer_needed", lang)
    return i18n.t("dba.saved", lang, status=i18n.t(f"ideas.status.{status}", lang))


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=_title)

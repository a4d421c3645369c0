"""/peiling/<poll_id>: answer a question with one or several choices.

Flow: choices (+ "anders, namelijk") -> (browser) count against the maximum -> vote
-> (server) validate everything again -> store -> receipt, and the results when the
poll's definition allows it.
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, dcc, html

from budgetschuiver.choices import rules as votes
from budgetschuiver.kernel import i18n, ids, validation
from budgetschuiver.kernel.cast import Refusal, cast
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages import profile
from budgetschuiver.kernel.pages.common import (
    busy_while_sending,
    code_field,
    ensure_token,
    not_found,
    notice,
    page_language,
    receipt_block,
    refusal_message,
    results_list,
    sections,
    status_notice,
    submit_button,
    trajectory_description,
    trajectory_title,
)
from budgetschuiver.kernel.sharing.component import trajectory_extras, video_hook
from budgetschuiver.kernel.web import browser_token
from budgetschuiver.polls.model import Poll

PATH = "/peiling/<poll_id>"
PAGE_LANG = "poll-page-lang"
OTHER = votes.OTHER
# Results are shown to the public only from this many voters on: one early vote must
# not be readable from the page.
MIN_PUBLIC_VOTERS = 10


def title(poll_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_title(services().catalog.find("poll", poll_id), "poll")


def description(poll_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_description(services().catalog.find("poll", poll_id))


def _instruction(poll: Poll, lang: str) -> str:
    if poll.max_choices == 1:
        return i18n.t("poll.choose_one", lang)
    if poll.min_choices <= 1:
        return i18n.t("poll.choose_up_to", lang, max=poll.max_choices)
    return i18n.t(
        "poll.choose_between", lang, min=poll.min_choices, max=poll.max_choices
    )


def results_visible(poll: Poll, has_voted: bool) -> bool:
    if poll.results_visible == "never":
        return False
    if poll.status() == "closed":
        return True
    return poll.results_visible == "after_vote" and has_voted


def results(poll: Poll, lang: str) -> html.Section:
    """The current shares per option, or why they are not shown."""
    closed = poll.status() == "closed"
    heading = html.H2(
        i18n.t("poll.results_final" if closed else "poll.results_title", lang),
        id="poll-results-title",
    )
    tally = services().store.tally("poll", poll.id)
    if tally.voters < MIN_PUBLIC_VOTERS:
        body: list = [html.P(i18n.t("poll.results_too_few", lang))]
    else:
        counted = votes.poll_choice_ids(poll)
        # Own answers are stored as text beside the options: one each.
        counts = {**tally.counts, votes.OTHER: len(tally.others)}
        table = votes.shares(counted, counts, tally.voters)
        rows = [
            (
                votes.choice_label(poll, choice, lang),
                table[choice]["votes"],
                table[choice]["share"],
            )
            for choice in counted
        ]
        body = [
            html.P(i18n.t_count("poll.results_n", lang, tally.voters)),
            results_list(rows, tally.voters, lang),
        ]
        if tally.synthetic:
            body.append(
                html.P(
                    i18n.t_count("poll.results_synthetic", lang, tally.synthetic),
                    className="form-text",
                )
            )
    return html.Section(
        [heading, *body],
        className="poll-results",
        **{"aria-labelledby": "poll-results-title"},
    )


def _options(poll: Poll, lang: str, chosen: list[str]) -> html.Div:
    items = [
        {"label": option.label.get(lang), "value": option.id} for option in poll.options
    ]
    if poll.allow_other:
        items.append({"label": i18n.t("poll.other", lang), "value": OTHER})
    if poll.max_choices == 1:
        control = dbc.RadioItems(
            id=ids.POLL_OPTIONS, options=items, value=chosen[0] if chosen else None
        )
    else:
        control = dbc.Checklist(id=ids.POLL_OPTIONS, options=items, value=chosen)
    return control


def _form(poll: Poll, lang: str, chosen: list[str], other: str) -> html.Div:
    parts: list = [
        html.Fieldset(
            [
                html.Legend(_instruction(poll, lang), className="h5"),
                _options(poll, lang, chosen + ([OTHER] if other else [])),
            ],
            className="poll-options-set",
        )
    ]
    other_input = html.Div(
        [
            dbc.Label(
                i18n.t("poll.other_label", lang, max=votes.MAX_OTHER_CHARS),
                html_for=ids.POLL_OTHER,
            ),
            dbc.Input(id=ids.POLL_OTHER, maxLength=votes.MAX_OTHER_CHARS, value=other),
        ],
        className="mb-3",
        # Without "anders, namelijk" the field stays for the callbacks, unseen.
        hidden=not poll.allow_other,
    )
    parts += [
        other_input,
        html.P(id=ids.POLL_STATUS, role="status", className="form-text"),
        profile.fields(lang),
        code_field(poll, lang),
        html.P(i18n.t("poll.change_rule", lang), className="form-text"),
        submit_button(
            ids.SUBMIT_POLL,
            i18n.t("poll.submit", lang),
            lang,
            (ids.VOTE_RECEIPT, ids.VOTE_ERROR),
        ),
        html.Div(id=ids.VOTE_ERROR, role="alert"),
        html.Div(id=ids.VOTE_RECEIPT, role="status"),
    ]
    return html.Div(parts, className="poll-form")


def layout(poll_id: str | None = None, lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    if poll_id is None and catalog.of("poll"):
        # Only Dash calls this without an id (to learn the page's components).
        poll_id = next(iter(catalog.of("poll")))
    poll = catalog.find("poll", poll_id)
    if poll is None:
        return not_found(lang, "poll.not_found_title", "poll.not_found")
    token = browser_token()
    earlier = services().store.find_vote("poll", poll.id, token) if token else None
    parts: list = [
        dcc.Store(id=ids.POLL_ID, data=poll.id),
        dcc.Store(id=PAGE_LANG, data=lang),
        dcc.Store(
            id="poll-rules",
            data={
                "max": poll.max_choices,
                "chosen": i18n.template("poll.chosen", lang),
                "too_many": i18n.template("poll.too_many", lang),
                "none": i18n.t("poll.none_chosen", lang),
            },
        ),
        html.H1(poll.question.get(lang)),
        html.P(poll.description.get(lang), className="lead"),
    ]
    if poll.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    closed_note = status_notice(poll, "poll", lang)
    if closed_note is not None:
        parts.append(closed_note)
    elif earlier is not None:
        when = i18n.format_moment_date(earlier.updated_at, lang)
        key = "poll.outdated" if earlier.outdated else "poll.already"
        parts.append(notice(i18n.t(key, lang, date=when)))
    form = _form(
        poll,
        lang,
        list(earlier.choices) if earlier else [],
        (earlier.other_text or "") if earlier else "",
    )
    form.hidden = poll.status() != "open"
    parts.append(form)
    why_not = {"after_close": "poll.results_after_close", "never": "poll.results_never"}
    if results_visible(poll, earlier is not None):
        shown: html.Component | None = results(poll, lang)
    elif poll.results_visible in why_not:
        shown = html.P(i18n.t(why_not[poll.results_visible], lang))
    else:
        shown = None  # after_vote: they appear once the resident has voted
    parts.append(html.Div(shown, id=ids.POLL_RESULTS))
    parts += sections("poll", poll, lang)
    parts += trajectory_extras(poll, f"/peiling/{poll.id}", lang)
    parts.append(html.H2(i18n.t("home.what_we_do", lang)))
    parts.append(html.P(poll.what_we_do.get(lang)))
    return html.Div(parts, className="poll-page", **{"data-poll": poll.id})


# choices -> how many are chosen against the maximum (said out loud)
dash.clientside_callback(
    ClientsideFunction("votes", "pollStatus"),
    Output(ids.POLL_STATUS, "children"),
    Input(ids.POLL_OPTIONS, "value"),
    State("poll-rules", "data"),
)


# vote -> validate on the server -> store -> receipt (+ results when allowed)
@dash.callback(
    # Polls and moodboards share these hooks; only one of the pages is ever shown.
    Output(ids.VOTE_RECEIPT, "children", allow_duplicate=True),
    Output(ids.VOTE_ERROR, "children", allow_duplicate=True),
    Output(ids.POLL_RESULTS, "children"),
    Input(ids.SUBMIT_POLL, "n_clicks"),
    State(ids.POLL_ID, "data"),
    State(ids.POLL_OPTIONS, "value"),
    State(ids.POLL_OTHER, "value"),
    State(ids.DISTRICT, "value"),
    State(ids.AGE_BAND, "value"),
    State(PAGE_LANG, "data"),
    State(ids.VOTING_CODE, "value"),
    prevent_initial_call=True,
    running=busy_while_sending(ids.SUBMIT_POLL),
)
def submit_vote(_clicks, poll_id, chosen, other, district, age_band, lang, code):
    lang = i18n.normalize_language(lang, page_language())
    no = dash.no_update
    known = services()
    poll = known.catalog.find("poll", poll_id)
    selected = (
        chosen if isinstance(chosen, list) else ([] if chosen is None else [chosen])
    )
    wants_other = OTHER in selected

    def form():
        # The page's "anders" box is ticked without words: say so before the
        # rules would only miss the text.
        if wants_other and not (isinstance(other, str) and other.strip()):
            return None, Refusal(422, "other_empty", "error.other_empty")
        return {
            "options": [item for item in selected if item != OTHER],
            "other_text": other if wants_other else None,
            "district": district,
            "age_band": age_band,
            "code": code,
        }, None

    outcome = cast(known.catalog.kinds["poll"], poll, form, browser_token=ensure_token)
    if outcome.refusal is not None:
        return None, refusal_message(outcome.refusal, lang), no
    receipt = outcome.receipt
    thanks = i18n.t(
        "poll.thanks_new" if receipt.created else "poll.thanks_replaced", lang
    )
    shown = results(poll, lang) if results_visible(poll, True) else no
    removed = validation.removed_count(other) if wants_other else 0
    return receipt_block(thanks, receipt.receipt, lang, removed), None, shown


def register() -> None:
    dash.register_page(
        __name__,
        path_template=PATH,
        layout=layout,
        title=title,
        description=description,
        video=video_hook(
            lambda item_id: services().catalog.find("poll", item_id), "poll_id"
        ),
    )

"""Small layout helpers the resident pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import Output, html

from budgetschuiver.kernel import i18n, ids
from budgetschuiver.kernel.cast import Refusal
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import (
    browser_token,
    new_token,
    request_language,
    set_token_cookie,
)


def page_language(lang: object = None) -> str:
    """The language for a layout: an explicit ?lang= first, then the request's."""
    if isinstance(lang, str) and lang in i18n.LANGUAGES:
        return lang
    return request_language()


def notice(text: str, color: str = "info", **kwargs) -> dbc.Alert:
    return dbc.Alert(text, color=color, className="notice", **kwargs)


def not_found(lang: str, title_key: str, body_key: str) -> html.Div:
    return html.Div(
        [
            html.H1(i18n.t(title_key, lang)),
            html.P(i18n.t(body_key, lang)),
            html.A(
                i18n.t("budget.to_home", lang), href="/", className="btn btn-primary"
            ),
        ],
        className="not-found",
    )


def ensure_token() -> str:
    """This browser's participation token; a new one (set as a cookie on the
    callback's response) when the browser has none yet."""
    import dash

    token = browser_token()
    if token is None:
        token = new_token()
        set_token_cookie(dash.ctx.response, token)
    return token


def receipt_block(thanks: str, code: str, lang: str, removed: int = 0) -> html.Div:
    """The confirmation after a ballot counted: plain words and the receipt code,
    and how many invisible characters cleaning took out of the resident's text
    (`removed`, from validation.removed_count), so no change goes unsaid."""
    cleaned = (
        [html.P(i18n.t_count("budget.text_cleaned", lang, removed))] if removed else []
    )
    return html.Div(
        [
            html.P(html.Strong(thanks)),
            html.P(
                [
                    i18n.t("budget.receipt", lang, code=""),
                    html.Strong(code, className="receipt-code"),
                ]
            ),
            html.P(i18n.t("budget.receipt_keep", lang)),
            *cleaned,
        ],
        className="alert alert-success receipt",
    )


def status_notice(item, kind: str, lang: str) -> dbc.Alert | None:
    """'Closed since …' or 'opens on …' for a trajectory that is not open."""
    status = item.status()
    if status == "open":
        return None
    key, day = (
        (f"{kind}.closed", item.closes)
        if status == "closed"
        else (f"{kind}.upcoming", item.opens)
    )
    return notice(
        i18n.t(key, lang, date=i18n.format_date(day, lang)), color="secondary"
    )


def results_list(
    rows: list[tuple[str, int, float]], voters: int, lang: str
) -> html.Div:
    """Shares as text with a bar drawn beside them: the text is the content, the
    bar only decoration (so it is hidden from screen readers). Percentages as
    `i18n.format_shares` rounds them, with its note when they need one."""
    texts, note = i18n.format_shares([share for _, _, share in rows], lang)
    listed = html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        i18n.t_count(
                            "poll.results_row", lang, votes, label=label, share=text
                        ),
                        className="result-text",
                    ),
                    html.Span(
                        html.Span(
                            className="result-fill",
                            style={"width": f"{share * 100:.1f}%"},
                        ),
                        className="result-bar",
                        **{"aria-hidden": "true"},
                    ),
                ],
                className="result-row",
            )
            for (label, votes, share), text in zip(rows, texts, strict=True)
        ],
        className="results list-unstyled",
        **{"data-voters": str(voters)},
    )
    if note is None:
        return html.Div(listed)
    return html.Div([listed, html.P(note, className="form-text")])


def code_field(item, lang: str) -> html.Div:
    """The voting-code field; only shown for trajectories with `integrity: code`."""
    return html.Div(
        [
            dbc.Label(i18n.t("ui.code_label", lang), html_for=ids.VOTING_CODE),
            dbc.Input(id=ids.VOTING_CODE, value="", maxLength=20, autocomplete="off"),
            html.P(
                i18n.t("ui.code_help", lang),
                id="voting-code-help",
                className="form-text",
            ),
        ],
        className="mb-3 voting-code",
        hidden=item.integrity != "code",
    )


def refusal_message(refusal: Refusal, lang: str) -> html.Ul | str:
    """Why the contribution pipeline refused a form, for the form's error area: the
    rule problems as a list, any other refusal as one sentence."""
    if refusal.problems:
        return html.Ul([html.Li(problem.message(lang)) for problem in refusal.problems])
    return refusal.message(lang)


def demographic_select(
    component_id: str, label: str, table, lang: str, empty_label: str, class_name: str
) -> html.Div:
    """A labelled district or age-band select whose empty value means 'none'."""
    from budgetschuiver.kernel.demographics import options

    choices = [{"label": o["label"], "value": o["id"]} for o in options(table, lang)]
    return html.Div(
        [
            dbc.Label(label, html_for=component_id),
            # dbc.Select always puts a hidden, disabled option with value "" first,
            # its text the placeholder. A second option with value "" of our own made
            # the browser select that hidden copy again after every arrow key, so
            # "not given" is dbc's own option, which shell.js makes choosable.
            dbc.Select(
                id=component_id,
                options=choices,
                value="",
                placeholder=empty_label,
                className="empty-choosable",
            ),
        ],
        className=class_name,
    )


def trajectory_title(item, kind: str) -> str:
    """A trajectory page's title in the browser tab and when shared."""
    lang = page_language()
    if item is None:
        return i18n.t(f"{kind}.not_found_title", lang)
    return f"{item.title.get(lang)} · {i18n.t('ui.site_name', lang)}"


def trajectory_description(item) -> str:
    return item.description.get(page_language()) if item else ""


def submit_button(
    button_id: str, label: str, lang: str, results: tuple[str, ...], **attrs: object
) -> html.Button:
    """A ballot form's submit button that is busy while its request is in flight.

    sending.js marks it busy on the first click (aria-busy, aria-disabled, the text
    "Bezig met insturen…") and swallows further clicks, so a double click sends one
    ballot; `busy_while_sending` disables it on the server's side of Dash until the
    answer is in. When one of the `results` elements (receipt, error) shows the
    answer, the text says it was sent, or returns to `label` after an error.
    """
    texts = {
        "data-sending": i18n.t("ui.sending", lang),
        "data-sent": i18n.t("ui.sent", lang),
        "data-results": ",".join("#" + item for item in results),
    }
    return html.Button(
        html.Span(label, className="button-label"),
        id=button_id,
        type="button",
        className="btn btn-primary btn-lg",
        **texts,
        **attrs,
    )


def busy_while_sending(button_id: str) -> list:
    """Dash's `running` for a submit callback: the button is disabled in flight."""
    return [(Output(button_id, "disabled"), True, False)]


def staff_tools(item_type: str, item_id: str, lang: str) -> list:
    """What the dashboard side offers signed-in staff on a resident page for one
    item (a moderator's link to review it, an admin's to answer it), in one
    `.staff-tools` block; empty for everyone else."""
    found = [tool(item_type, item_id, lang) for tool in services().staff_tools]
    tools = [component for component in found if component is not None]
    return [html.Div(tools, className="staff-tools form-text")] if tools else []


# What other features show below a trajectory's own form (the reactions of
# `budgetschuiver.reactions`): each `(kind name, trajectory, lang) -> component or
# None`, added by the composition root (`budgetschuiver.kinds`).
_SECTIONS: list[Callable[[str, Any, str], Any]] = []


def add_section(render: Callable[[str, Any, str], Any]) -> None:
    """Show `render`'s component below every budget, poll and moodboard form."""
    if render not in _SECTIONS:
        _SECTIONS.append(render)


def sections(kind_name: str, item: Any, lang: str) -> list:
    """The added sections for this trajectory's page, in the order added."""
    return [
        shown
        for render in _SECTIONS
        if (shown := render(kind_name, item, lang)) is not None
    ]

"""/begroting/<project_id>: the budget shifter a resident uses.

Flow: sliders and number fields -> (browser) controller keeps them in step and keeps
the undo history -> (browser) feedback: balance, consequences, tax, chart, share link
-> submit -> (server) validate everything again -> store -> receipt.
"""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import ALL, ClientsideFunction, Input, Output, State, dcc, html

from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject, Line
from budgetschuiver.budgets.rules import MAX_COMMENT_CHARS
from budgetschuiver.kernel import i18n, ids, validation
from budgetschuiver.kernel.cast import cast
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
    sections,
    submit_button,
    trajectory_description,
    trajectory_title,
)
from budgetschuiver.kernel.sharing.component import trajectory_extras, video_hook
from budgetschuiver.kernel.web import browser_token

PATH = "/begroting/<project_id>"
PAGE_LANG = "budget-page-lang"
# The chart's bars ("line-bar-plan", "line-bar-yours") and the resident's amounts.
BAR = "line-bar"
BAR_AMOUNT = "line-bar-amount"


def title(project_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_title(services().catalog.find("budget", project_id), "budget")


def description(project_id: str | None = None, **_kwargs: object) -> str:
    return trajectory_description(services().catalog.find("budget", project_id))


def _line(line: Line, value: int, lang: str, enabled: bool) -> html.Section:
    locked = line.locked or not enabled
    input_id = ids.line_id(ids.LINE_INPUT, line.id)
    children: list = [
        html.Div(
            [
                html.H3(line.label.get(lang), id=f"line-label-{line.id}"),
                html.P(
                    i18n.t(
                        "budget.plan", lang, amount=i18n.format_euro(line.plan, lang)
                    ),
                    className="line-plan",
                ),
            ],
            className="line-head",
        ),
        html.P(line.explanation.get(lang), className="line-explanation"),
    ]
    if line.more:
        children.append(
            html.Details(
                [
                    html.Summary(i18n.t("budget.read_more", lang)),
                    html.P(line.more.get(lang)),
                ],
                className="line-more",
            )
        )
    if line.locked and line.locked_reason:
        children.append(
            html.P(
                i18n.t("budget.locked", lang, reason=line.locked_reason.get(lang)),
                className="line-locked",
            )
        )
    children += [
        html.Div(
            [
                html.Div(
                    dcc.Slider(
                        id=ids.line_id(ids.LINE_SLIDER, line.id),
                        min=line.min,
                        max=line.top,
                        step=line.step,
                        value=value,
                        marks=None,
                        allow_direct_input=False,
                        updatemode="mouseup",
                        disabled=locked,
                    ),
                    className="line-slider",
                ),
                html.Div(
                    [
                        dbc.Label(
                            i18n.t(
                                "budget.amount_label", lang, line=line.label.get(lang)
                            ),
                            html_for=ids.dom_id(input_id),
                            className="line-input-label",
                        ),
                        # Text, not type=number: the browser would turn an
                        # off-step or '600.000' into nothing before our rule
                        # (budget.read_amount) could read it.
                        dbc.Input(
                            id=input_id,
                            type="text",
                            value=i18n.format_number(value, lang),
                            debounce=True,
                            inputmode="decimal",
                            autoComplete="off",
                            disabled=locked,
                        ),
                        html.P(
                            id=ids.line_id(ids.LINE_INPUT_NOTE, line.id),
                            className="input-note",
                            **{"aria-live": "polite"},
                        ),
                    ],
                    className="line-input",
                ),
            ],
            className="line-controls",
        ),
        html.Div(
            [
                html.P(
                    id=ids.line_id(ids.LINE_CONSEQUENCE, line.id),
                    className="consequence",
                ),
                html.P(id=ids.line_id(ids.LINE_LEVEL, line.id), className="level"),
            ],
            id=f"line-desc-{line.id}",
            className="line-consequences",
        ),
    ]
    return html.Section(
        children,
        className="budget-line" + (" is-locked" if line.locked else ""),
        **{"data-line": line.id, "aria-labelledby": f"line-label-{line.id}"},
    )


def _initial(project: BudgetProject, share: str | None, lang: str):
    """Starting allocation and notices: a share link, else this browser's last
    submission, else the plan."""
    notes = []
    if share is not None:
        shared = budget.decode_share(project, share)
        if shared is not None:
            return shared, [notice(i18n.t("budget.shared", lang))]
        notes.append(notice(i18n.t("budget.bad_link", lang), color="warning"))
    token = browser_token()
    earlier = services().store.find_budget(project.id, token) if token else None
    if earlier is not None:
        allocation, problems = budget.validate_allocation(project, earlier.allocation)
        when = i18n.format_moment_date(earlier.updated_at, lang)
        # One that no longer fits the rules does not count: say so, show the plan.
        key = "budget.replace_notice" if allocation else "budget.outdated_notice"
        notes.append(notice(i18n.t(key, lang, date=when)))
        if allocation is not None and share is None:
            return allocation, notes
    return project.plan_allocation(), notes


def _submit_section(project: BudgetProject, lang: str) -> html.Section:
    status = project.status()
    heading = html.H2(i18n.t("budget.send_title", lang), id="send-title")
    if status != "open":
        key, day = (
            ("budget.closed", project.closes)
            if status == "closed"
            else ("budget.upcoming", project.opens)
        )
        text = i18n.t(key, lang, date=i18n.format_date(day, lang))
        heading = html.Div([heading, notice(text, color="secondary")])
    form = html.Div(
        [
            profile.fields(lang),
            html.Div(
                [
                    dbc.Label(i18n.t("budget.comment", lang), html_for=ids.COMMENT),
                    # No maxLength: browsers count UTF-16 units, so an emoji
                    # would count twice; the counter and the server count characters.
                    dbc.Textarea(id=ids.COMMENT, rows=3, value=""),
                    html.P(id=ids.COMMENT_COUNT, className="form-text"),
                ],
                className="mb-3",
            ),
            code_field(project, lang),
            html.P(i18n.t("budget.replace_rule", lang), className="form-text"),
            submit_button(
                ids.SUBMIT,
                i18n.t("budget.submit", lang),
                lang,
                (ids.RECEIPT, ids.SUBMIT_ERROR),
                **{
                    "aria-describedby": ids.SUBMIT_HINT,
                    "data-sent-status": "#" + ids.SUBMIT_HINT,
                    "data-sent-text": i18n.t("budget.sent_status", lang),
                },
            ),
            html.P(id=ids.SUBMIT_HINT, className="submit-hint"),
            html.Div(id=ids.SUBMIT_ERROR, role="alert"),
            html.Div(id=ids.RECEIPT, role="status"),
        ],
        # Not open: the form stays in the page for the live rules, but unseen.
        hidden=status != "open",
    )
    return html.Section(
        [heading, form], className="send", **{"aria-labelledby": "send-title"}
    )


def _tools(lang: str) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Button(
                        i18n.t("budget.undo", lang),
                        id=ids.UNDO,
                        type="button",
                        className="btn btn-outline-primary",
                        disabled=True,
                    ),
                    html.Button(
                        i18n.t("budget.reset", lang),
                        id=ids.RESET,
                        type="button",
                        className="btn btn-outline-primary",
                    ),
                ],
                className="tool-buttons",
            ),
            html.Div(
                [
                    dbc.Label(
                        i18n.t("budget.share_label", lang), html_for=ids.SHARE_LINK
                    ),
                    dbc.InputGroup(
                        [
                            dbc.Input(id=ids.SHARE_LINK, readonly=True, value=""),
                            html.Button(
                                i18n.t("budget.share_copy", lang),
                                id=ids.SHARE_COPY,
                                type="button",
                                className="btn btn-outline-primary",
                            ),
                        ]
                    ),
                    html.P(id=ids.SHARE_STATUS, role="status", className="form-text"),
                ],
                className="share",
            ),
        ],
        className="budget-tools",
    )


def _bar_widths(
    lines: Sequence[Line], allocation: dict[str, int]
) -> tuple[list[str], list[str]]:
    """CSS widths of the plan and the resident's bars, on one scale: the largest
    amount shown. `chart` in budget_page.js computes the same while sliding."""
    scale = max([line.plan for line in lines] + [allocation[x.id] for x in lines])

    def width(value: int) -> str:
        return f"{round(100 * value / scale, 1) if scale > 0 else 0}%"

    return (
        [width(line.plan) for line in lines],
        [width(allocation[line.id]) for line in lines],
    )


def _bar(series: str, line: Line, width: str, amount: str, name: str) -> html.Div:
    # Only the resident's amount changes, so only that one has an id.
    value = (
        html.Span(amount, id=ids.line_id(BAR_AMOUNT, line.id))
        if series == "yours"
        else html.Span(amount)
    )
    return html.Div(
        [
            html.Div(
                html.Div(
                    id=ids.line_id(f"{BAR}-{series}", line.id),
                    className=f"bar bar-{series}",
                    style={"width": width},
                ),
                className="bar-area",
            ),
            html.P(
                [html.Span(f"{name}: ", className="visually-hidden"), value],
                className="bar-value",
            ),
        ],
        className="bar-track",
    )


def _bars(project: BudgetProject, allocation: dict[str, int], lang: str) -> html.Ul:
    """The chart as HTML: per line a thin bar for the plan and a thick one for the
    resident's amount, each with its amount in text (no chart library needed)."""
    plan_name = i18n.t("budget.chart_plan", lang)
    yours_name = i18n.t("budget.chart_yours", lang)
    revenue = i18n.t("budget.revenue", lang).lower()
    plans, yours = _bar_widths(project.lines, allocation)
    rows = [
        html.Li(
            [
                html.P(
                    line.label.get(lang)
                    + (f" ({revenue})" if line.kind == "revenue" else ""),
                    className="bar-label",
                ),
                _bar("plan", line, plan, i18n.format_euro(line.plan, lang), plan_name),
                _bar(
                    "yours",
                    line,
                    mine,
                    i18n.format_euro(allocation[line.id], lang),
                    yours_name,
                ),
            ],
            className="bar-row",
        )
        for line, plan, mine in zip(project.lines, plans, yours, strict=True)
    ]
    return html.Ul(rows, id=ids.CHART, className="bar-chart")


def _chart(
    project: BudgetProject, allocation: dict[str, int], lang: str
) -> html.Section:
    rows = [
        html.Tr(
            [
                html.Th(line.label.get(lang), scope="row"),
                html.Td(i18n.format_euro(line.plan, lang)),
                html.Td(
                    i18n.format_euro(allocation[line.id], lang),
                    id=ids.line_id(ids.LINE_TABLE_AMOUNT, line.id),
                ),
            ]
        )
        for line in project.lines
    ]
    table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(i18n.t("budget.table_line", lang), scope="col"),
                        html.Th(i18n.t("budget.chart_plan", lang), scope="col"),
                        html.Th(i18n.t("budget.chart_yours", lang), scope="col"),
                    ]
                )
            ),
            html.Tbody(rows),
        ],
        className="table table-sm",
    )
    # The legend repeats what each amount's hidden name says, for the eye only.
    legend = html.Ul(
        [
            html.Li(i18n.t(key, lang), className=f"legend-{kind}")
            for kind, key in (
                ("plan", "budget.chart_plan"),
                ("yours", "budget.chart_yours"),
            )
        ],
        className="bar-legend",
        **{"aria-hidden": "true"},
    )
    return html.Section(
        [
            html.H2(i18n.t("budget.chart_title", lang), id="chart-title"),
            html.Figure(
                [
                    html.Figcaption(
                        i18n.t("budget.chart_title", lang), className="visually-hidden"
                    ),
                    legend,
                    _bars(project, allocation, lang),
                ],
                className="chart",
            ),
            html.Details(
                [
                    html.Summary(i18n.t("budget.table_toggle", lang)),
                    # Wide amounts scroll inside this box, never the whole page.
                    html.Div(
                        table,
                        className="table-responsive",
                        tabIndex="0",
                        role="region",
                        **{"aria-labelledby": "chart-title"},
                    ),
                ],
                className="chart-table",
            ),
        ],
        **{"aria-labelledby": "chart-title"},
    )


def _tax(project: BudgetProject, lang: str) -> html.Section:
    tax = project.tax
    note = tax.note.get(lang) if tax and tax.note else ""
    return html.Section(
        [
            html.H2(i18n.t("budget.tax_title", lang), id="tax-title"),
            dbc.Label(i18n.t("budget.woz_label", lang), html_for=ids.WOZ),
            dbc.Input(
                id=ids.WOZ,
                type="text",
                value=i18n.format_number(tax.default_woz if tax else 0, lang),
                inputmode="decimal",
                autoComplete="off",
                debounce=True,
            ),
            html.P(i18n.t("budget.woz_help", lang) + " " + note, className="form-text"),
            html.P(i18n.t("budget.tax_where", lang), className="form-text"),
        ],
        className="tax",
        # Without a revenue side there is no tax to show; the live rules still
        # expect the fields, so they stay in the page, unseen.
        hidden=tax is None,
        **{"aria-labelledby": "tax-title"},
    )


def layout(
    project_id: str | None = None,
    b: str | None = None,
    lang: str | None = None,
    **_kwargs: object,
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    if project_id is None and catalog.of("budget"):
        # Only Dash calls this without an id (to learn the page's components).
        project_id = next(iter(catalog.of("budget")))
    project = catalog.find("budget", project_id)
    if project is None:
        return not_found(lang, "budget.not_found_title", "budget.not_found")
    allocation, notes = _initial(project, b, lang)
    is_open = project.status() == "open"
    spec = budget.client_spec(project, lang) | {
        "open": is_open,
        "ui": {
            key: i18n.t("budget." + key, lang)
            for key in (
                "submit_ready",
                "submit_blocked",
                "share_copied",
                "share_manual",
                "comment_count",
                "woz_unreadable",
            )
        }
        | {"comment_max": MAX_COMMENT_CHARS},
    }
    groups = []
    for kind, heading_key in (
        ("spending", "budget.spending"),
        ("revenue", "budget.revenue"),
    ):
        lines = [line for line in project.lines if line.kind == kind]
        if lines:
            groups.append(
                html.Section(
                    [html.H2(i18n.t(heading_key, lang), id=f"group-{kind}")]
                    + [
                        _line(line, allocation[line.id], lang, enabled=True)
                        for line in lines
                    ],
                    className="line-group",
                    **{"aria-labelledby": f"group-{kind}"},
                )
            )
    rule_text = budget.rule_sentence(project, lang)
    intro = [
        html.H1(project.title.get(lang)),
        html.P(project.description.get(lang), className="lead"),
        html.P(
            [
                html.Strong(
                    i18n.t(
                        "budget.total",
                        lang,
                        amount=i18n.format_euro(project.total, lang),
                    )
                ),
                " ",
                rule_text,
            ]
        ),
        html.P(i18n.t("budget.how", lang)),
    ]
    if project.illustrative:
        intro.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    return html.Div(
        [
            dcc.Store(id=ids.SPEC, data=spec),
            dcc.Store(id=ids.PROJECT_ID, data=project.id),
            dcc.Store(id=PAGE_LANG, data=lang),
            dcc.Store(id=ids.ALLOCATION, data=allocation),
            dcc.Store(id=ids.HISTORY, data={"past": [], "current": allocation}),
            *intro,
            *notes,
            *groups,
            _tools(lang),
            _tax(project, lang),
            _chart(project, allocation, lang),
            _submit_section(project, lang),
            *sections("budget", project, lang),
            *trajectory_extras(project, f"/begroting/{project.id}", lang, stance=True),
            # The personal tax effect sits with the balance in the sticky bar: on a
            # phone it changes in view of the slider that moves it.
            html.Div(
                [
                    html.P(
                        id=ids.BALANCE_STATUS, role="status", **{"aria-live": "polite"}
                    ),
                    html.P(
                        id=ids.TAX_IMPACT,
                        role="status",
                        className="tax-impact",
                        hidden=project.tax is None,
                    ),
                ],
                id=ids.BALANCE_BAR,
                className="balance-bar",
            ),
        ],
        className="budget-page",
        **{"data-project": project.id},
    )


# sliders / typed amounts / reset / undo -> one consistent allocation + history,
# and what became of a typed amount
dash.clientside_callback(
    ClientsideFunction("budget", "controller"),
    Output({"type": ids.LINE_SLIDER, "line": ALL}, "value"),
    Output({"type": ids.LINE_INPUT, "line": ALL}, "value"),
    Output(ids.ALLOCATION, "data"),
    Output(ids.HISTORY, "data"),
    Output(ids.UNDO, "disabled"),
    Output({"type": ids.LINE_INPUT, "line": ALL}, "invalid"),
    Output({"type": ids.LINE_INPUT_NOTE, "line": ALL}, "children"),
    Input({"type": ids.LINE_SLIDER, "line": ALL}, "value"),
    Input({"type": ids.LINE_INPUT, "line": ALL}, "value"),
    Input(ids.RESET, "n_clicks"),
    Input(ids.UNDO, "n_clicks"),
    State(ids.SPEC, "data"),
    State(ids.HISTORY, "data"),
)

# allocation (+ a slider being dragged) + WOZ -> balance, consequences, tax, submit
dash.clientside_callback(
    ClientsideFunction("budget", "feedback"),
    Output(ids.BALANCE_STATUS, "children"),
    Output(ids.BALANCE_STATUS, "className"),
    Output({"type": ids.LINE_CONSEQUENCE, "line": ALL}, "children"),
    Output({"type": ids.LINE_LEVEL, "line": ALL}, "children"),
    Output(ids.TAX_IMPACT, "children"),
    Output(ids.SUBMIT, "disabled"),
    Output(ids.SUBMIT_HINT, "children"),
    Input(ids.ALLOCATION, "data"),
    Input({"type": ids.LINE_SLIDER, "line": ALL}, "drag_value"),
    Input(ids.WOZ, "value"),
    State(ids.SPEC, "data"),
)

# allocation -> chart, table alternative, share link
dash.clientside_callback(
    ClientsideFunction("budget", "chart"),
    Output({"type": f"{BAR}-plan", "line": ALL}, "style"),
    Output({"type": f"{BAR}-yours", "line": ALL}, "style"),
    Output({"type": BAR_AMOUNT, "line": ALL}, "children"),
    Output({"type": ids.LINE_TABLE_AMOUNT, "line": ALL}, "children"),
    Output(ids.SHARE_LINK, "value"),
    Input(ids.ALLOCATION, "data"),
    State(ids.SPEC, "data"),
)

# copy button -> clipboard, with a spoken result
dash.clientside_callback(
    ClientsideFunction("budget", "copyLink"),
    Output(ids.SHARE_STATUS, "children"),
    Input(ids.SHARE_COPY, "n_clicks"),
    State(ids.SHARE_LINK, "value"),
    State(ids.SPEC, "data"),
    prevent_initial_call=True,
)

# comment -> characters used
dash.clientside_callback(
    ClientsideFunction("budget", "commentCount"),
    Output(ids.COMMENT_COUNT, "children"),
    Input(ids.COMMENT, "value"),
    State(ids.SPEC, "data"),
)


# submit -> validate on the server (nothing from the browser is trusted) -> store
@dash.callback(
    Output(ids.RECEIPT, "children"),
    Output(ids.SUBMIT_ERROR, "children"),
    Input(ids.SUBMIT, "n_clicks"),
    State(ids.PROJECT_ID, "data"),
    State(ids.ALLOCATION, "data"),
    State(ids.DISTRICT, "value"),
    State(ids.AGE_BAND, "value"),
    State(ids.COMMENT, "value"),
    State(PAGE_LANG, "data"),
    State(ids.VOTING_CODE, "value"),
    prevent_initial_call=True,
    running=busy_while_sending(ids.SUBMIT),
)
def submit_budget(
    _clicks, project_id, allocation, district, age_band, comment, lang, code
):
    lang = i18n.normalize_language(lang, page_language())
    known = services()
    form = {
        "allocation": allocation,
        "district": district,
        "age_band": age_band,
        "comment": comment,
        "code": code,
    }
    outcome = cast(
        known.catalog.kinds["budget"],
        known.catalog.find("budget", project_id),
        lambda: (form, None),
        browser_token=ensure_token,
    )
    if outcome.refusal is not None:
        return None, refusal_message(outcome.refusal, lang)
    receipt = outcome.receipt
    thanks = i18n.t(
        "budget.thanks_new" if receipt.created else "budget.thanks_replaced", lang
    )
    removed = validation.removed_count(comment)
    return receipt_block(thanks, receipt.receipt, lang, removed), None


def register() -> None:
    dash.register_page(
        __name__,
        path_template=PATH,
        layout=layout,
        title=title,
        description=description,
        video=video_hook(
            lambda item_id: services().catalog.find("budget", item_id), "project_id"
        ),
    )

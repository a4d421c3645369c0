"""/dashboard/presentatie/<project_id>: the results for a council meeting on a big
screen — one message per screen, arrow keys to step, refreshing itself, a QR code to
the participation page, and "freeze": a snapshot with a permanent link and a hash.

Flow: interval / step buttons -> (server) current results, or the frozen snapshot ->
the slide for this step; freeze -> (server) store the shown numbers -> permalink.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html
from flask import request

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.budgets import group_results, groups_section
from dashboards.budgets.page import total_sentence
from dashboards.kernel import common, figures
from dashboards.kernel.filters import Filters
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.service import compute
from dashboards.stats import headlines

PATH = "/dashboard/presentatie/<project_id>"
PROJECT = "db-present-project"
WITH_SYNTHETIC = "db-present-synthetic"
SNAPSHOT = "db-present-snapshot"
STEP = "db-present-step"
SLIDE = "db-present-slide"
STATUS = "db-present-status"
PREV = "db-present-prev"
NEXT = "db-present-next"
TICK = "db-present-tick"
FREEZE = "db-present-freeze"
FROZEN = "db-present-frozen"
FULLSCREEN = "db-present-fullscreen"
REFRESH_MS = 30_000
SLIDES = ("intro", "lines", "rises", "cuts", "aggregate", "contested", "groups")


def title(project_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    return f"{i18n.t('db.present', lang)} · {i18n.t('db.title', lang)}"


def content_hash(content: dict) -> str:
    """SHA-256 of the canonical JSON of what was shown: the same numbers give the
    same hash on any machine, so the minutes can cite it."""
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=True
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def qr_code(url: str, lang: str) -> html.Img:
    return common.qr_code(url, i18n.t("db.qr_alt", lang, url=url), "db-qr", 240)


def layout(
    project_id: str | None = None,
    snapshot: str | None = None,
    lang: str | None = None,
    synthetic: str | None = None,
    **_kwargs: object,
) -> html.Div:
    lang = page_language(lang)
    catalog = services().catalog
    project = catalog.find("budget", project_id) or next(
        iter(catalog.of("budget").values()), None
    )
    if project is None:
        return html.P(i18n.t("budget.not_found", lang))
    frozen = snapshot if isinstance(snapshot, str) and len(snapshot) <= 24 else None
    page = html.Div(
        [
            dcc.Store(id=PROJECT, data=project.id),
            dcc.Store(id=WITH_SYNTHETIC, data=synthetic == "1"),
            dcc.Store(id=SNAPSHOT, data=frozen),
            dcc.Store(id=common.LANG, data=lang),
            dcc.Store(id=STEP, data=0),
            dcc.Interval(id=TICK, interval=REFRESH_MS, disabled=frozen is not None),
            html.Div(id=SLIDE, className="db-slide", **{"aria-live": "polite"}),
            html.Div(
                [
                    html.Button(
                        i18n.t("db.prev", lang),
                        id=PREV,
                        type="button",
                        className="btn btn-outline-light",
                    ),
                    html.Button(
                        i18n.t("db.next", lang),
                        id=NEXT,
                        type="button",
                        className="btn btn-outline-light",
                    ),
                    html.Button(
                        i18n.t("db.fullscreen", lang),
                        id=FULLSCREEN,
                        type="button",
                        className="btn btn-outline-light",
                    ),
                    html.Button(
                        i18n.t("db.freeze", lang),
                        id=FREEZE,
                        type="button",
                        className="btn btn-outline-light",
                        hidden=bool(frozen),
                    ),
                    html.P(id=STATUS, className="db-present-status", role="status"),
                    html.Div(id=FROZEN, role="status"),
                ],
                className="db-present-controls",
            ),
        ],
        className="db-presentation",
    )
    return common.private(page, lang)


def _participation_url(project: BudgetProject) -> str:
    return f"{request.host_url.rstrip('/')}/begroting/{project.id}"


def _current(
    project: BudgetProject, with_synthetic: object, groups: bool = True
) -> dict[str, Any]:
    """What the screen shows now, as plain data (so it can be frozen as is):
    residents only, unless `?synthetic=1` asked for the synthetic ballots too;
    the opinion groups only when asked, so other slides do not wait for them."""
    data = compute("budget", project, Filters(synthetic=with_synthetic is True))
    now = dt.datetime.now(TIMEZONE)
    content = {
        "project": project.id,
        "at": now.isoformat(timespec="seconds"),
        "data": data,
        # Ballots under an earlier version of the rules, and of those left out.
        "definitions": services().ballot_versions("budget", project.id),
    }
    if groups:
        found, _fresh = group_results.latest(project)
        content["groups"] = group_results.slide_data(found)
    return content


def _synthetic_notes(data: dict, lang: str) -> list:
    """What the synthetic ballots do to the figures: counted in them, or left out."""
    notes = []
    if data.get("synthetic"):
        notes.append(
            i18n.t(
                "db.present_synthetic",
                lang,
                count=i18n.format_number(data["synthetic"], lang),
            )
        )
    if data.get("synthetic_excluded"):
        notes.append(
            i18n.t_count(
                "db.present_synthetic_excluded", lang, data["synthetic_excluded"]
            )
        )
    return [html.P(note, className="db-present-synthetic") for note in notes]


def _slide(slide: str, project: BudgetProject, content: dict, lang: str) -> list:
    data = content["data"]
    min_size = services().settings.min_group_size
    if slide == "intro" or data.get("suppressed"):
        parts = [html.H1(project.title.get(lang))]
        if data.get("suppressed"):
            parts.append(html.P(i18n.t("db.suppressed", lang, min=min_size)))
        else:
            parts.append(
                html.P(
                    i18n.t_count(
                        # Synthetic ballots in the count: no "residents took part".
                        "db.present_n_mixed" if data["synthetic"] else "db.present_n",
                        lang,
                        data["n"],
                    ),
                    className="db-big",
                )
            )
            parts += _synthetic_notes(data, lang)
            versions = content.get("definitions")
            parts += common.versions_note(
                "budget", project, lang, tuple(versions) if versions else (0, 0)
            )
        if project.status() == "open":
            url = _participation_url(project)
            parts += [
                html.P(i18n.t("db.present_join", lang)),
                qr_code(url, lang),
                html.P(url, className="db-url"),
            ]
        return parts
    if slide == "groups":
        return groups_section.slide(project, content.get("groups"), lang)
    lines = project.lines
    if slide == "lines":
        stats = [data["lines"][ln.id] for ln in lines]
        return [
            html.H1(i18n.t("db.lines_title", lang)),
            dcc.Graph(
                figure=figures.lines_figure(
                    [ln.label.get(lang) for ln in lines],
                    [ln.plan for ln in lines],
                    stats,
                    lang,
                    big=True,
                ),
                config=figures.SLIDE_CONFIG,
                style={"height": "68vh"},
            ),
        ]
    if slide in ("rises", "cuts"):
        heading = "db.present_rises" if slide == "rises" else "db.present_cuts"
        found = headlines.shifts(lines, data["lines"], 1 if slide == "rises" else -1)
        return _headline_slide(heading, "db.present_shift_rule", found, project, lang)
    if slide == "aggregate":
        rule = data["aggregates"].get("independent_markets", {})
        return [
            html.H1(i18n.t("db.aggregates_title", lang)),
            html.Div(
                [
                    html.P(i18n.t("db.agg.im_note", lang)),
                    html.P(total_sentence(project, data, lang)),
                ],
                className="db-present-notes",
            ),
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(i18n.t("db.line", lang), scope="col"),
                                html.Th(i18n.t("db.plan", lang), scope="col"),
                                html.Th(i18n.t("db.agg.im", lang), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Th(ln.label.get(lang), scope="row"),
                                    html.Td(i18n.format_euro_short(ln.plan, lang)),
                                    html.Td(i18n.format_euro_short(rule[ln.id], lang)),
                                ]
                            )
                            for ln in lines
                            if ln.id in rule
                        ]
                    ),
                ],
                className="table db-present-table",
            ),
        ]
    found = headlines.contested(lines, data["lines"], data["n"])
    return _headline_slide(
        "db.present_contested", "db.present_contested_rule", found, project, lang
    )


def _headline_slide(
    heading: str, rule: str, found: list, project: BudgetProject, lang: str
) -> list:
    """A headline slide: the lines the stated rule picks, each with the change
    behind it, its interval and the shares that raised or lowered it; or an
    honest "no clear shift"; and the rule itself."""
    labels = {line.id: line.label.get(lang) for line in project.lines}
    items = []
    for entry in found:
        moved, _note = i18n.format_shares(
            [entry.raised, entry.lowered, entry.unchanged], lang
        )
        items.append(
            html.Li(
                [
                    html.Strong(labels[entry.line_id]),
                    html.Span(
                        i18n.t(
                            "db.present_change",
                            lang,
                            change=_change(entry.change, lang),
                            low=_change(entry.low, lang),
                            high=_change(entry.high, lang),
                        ),
                        className="db-present-change",
                    ),
                    html.Span(
                        i18n.t(
                            "db.present_sides",
                            lang,
                            raised=moved[0],
                            lowered=moved[1],
                            unchanged=moved[2],
                        ),
                        className="db-present-sides",
                    ),
                ],
                className="db-big db-headline",
            )
        )
    body = (
        html.Ul(items, className="list-unstyled")
        if items
        else html.P(i18n.t("db.present_none", lang), className="db-big")
    )
    return [
        html.H1(i18n.t(heading, lang)),
        body,
        html.P(i18n.t(rule, lang), className="db-present-rule"),
    ]


def _change(amount: float, lang: str) -> str:
    """A change from the plan in words, never a bare sign beside the euro sign:
    '€ 12.000 meer', '€ 3.000 minder'."""
    key = "db.present_more" if amount >= 0 else "db.present_less"
    return i18n.t(key, lang, amount=i18n.format_euro_short(abs(amount), lang))


# step / refresh tick -> the slide for this step, with its time and n
@dashboard_callback(
    Output(SLIDE, "children"),
    Output(STATUS, "children"),
    Input(STEP, "data"),
    Input(TICK, "n_intervals"),
    State(PROJECT, "data"),
    State(SNAPSHOT, "data"),
    State(WITH_SYNTHETIC, "data"),
)
def show(call: Call, step, _tick, project_id, snapshot_id, with_synthetic):
    lang = call.lang
    project = services().catalog.find("budget", project_id)
    if project is None:
        return html.P(i18n.t("budget.not_found", lang)), None
    index = step if isinstance(step, int) and 0 <= step < len(SLIDES) else 0
    if isinstance(snapshot_id, str):
        frozen = services().store.get_snapshot(project.id, snapshot_id)
        if frozen is None:
            return html.P(i18n.t("db.snapshot_missing", lang)), None
        content = frozen["content"]
        when = dt.datetime.fromisoformat(content["at"])
        status = i18n.t(
            "db.snapshot_status",
            lang,
            date=i18n.format_date(when.date(), lang),
            time=when.strftime("%H:%M"),
            hash=frozen["hash"][:16],
        )
    else:
        content = _current(project, with_synthetic, groups=SLIDES[index] == "groups")
        when = dt.datetime.fromisoformat(content["at"])
        status = i18n.t("db.updated", lang, time=when.strftime("%H:%M"))
    data = content["data"]
    if not data.get("suppressed"):
        status += " · " + common.data_caption(data, lang)
    slide = _slide(SLIDES[index], project, content, lang)
    counter = html.P(f"{index + 1} / {len(SLIDES)}", className="db-slide-counter")
    return [*slide, counter], status


# previous / next (buttons or arrow keys) -> step
dash.clientside_callback(
    ClientsideFunction("dashboard", "step"),
    Output(STEP, "data"),
    Input(PREV, "n_clicks"),
    Input(NEXT, "n_clicks"),
    State(STEP, "data"),
    prevent_initial_call=True,
)

# full screen button -> the browser's full-screen mode for the slides
dash.clientside_callback(
    ClientsideFunction("dashboard", "fullscreen"),
    Output(FULLSCREEN, "title"),
    Input(FULLSCREEN, "n_clicks"),
    prevent_initial_call=True,
)


# freeze -> store exactly what is shown -> a permanent link with time and hash
@dashboard_callback(
    Output(FROZEN, "children"),
    Input(FREEZE, "n_clicks"),
    State(PROJECT, "data"),
    State(WITH_SYNTHETIC, "data"),
    prevent_initial_call=True,
)
def freeze(call: Call, _clicks, project_id, with_synthetic):
    lang, account = call.lang, call.account
    project = services().catalog.find("budget", project_id)
    if project is None:
        return html.P(i18n.t("budget.not_found", lang))
    content = _current(project, with_synthetic)
    digest = content_hash(content)
    public_id, _at = services().store.save_snapshot(
        project.id, content, digest, account.name
    )
    link = f"/dashboard/presentatie/{project.id}?snapshot={public_id}"
    return html.P(
        [
            i18n.t("db.frozen", lang, hash=digest[:16]),
            " ",
            html.A(link, href=link, id="db-snapshot-link"),
        ]
    )


def register() -> None:
    dash.register_page(__name__, path_template=PATH, layout=layout, title=title)

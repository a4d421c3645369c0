"""What every dashboard page shares: the login check, navigation, the filter bar.

Every dashboard component id starts with "db-": the server refuses any callback that
touches such an id for a visitor who is not logged in (dashboards.kernel.auth).
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import segno
from dash import Input, Output, dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.pages.common import demographic_select
from dashboards.kernel import auth
from dashboards.kernel.filters import FilterError, Filters, parse_filters
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.typed_dates import (
    MAX_LENGTH,
    TypedDateError,
    date_problems,
    parse_typed_date,
)

DISTRICT = "db-district"
AGE_BAND = "db-age-band"
SINCE = "db-since"
UNTIL = "db-until"
WEIGHTED = "db-weighted"
SYNTHETIC = "db-synthetic"
LANG = "db-lang"
THEME = "db-theme"
FILTER_IDS = (DISTRICT, AGE_BAND, SINCE, UNTIL, WEIGHTED, SYNTHETIC)
# The idea dashboard's bar: raters carry no age or district, so no age band and
# no weighting; the district is the idea's, and the round's themes are offered.
IDEA_FILTER_IDS = (DISTRICT, THEME, SINCE, UNTIL, SYNTHETIC)
# Each bar control's name in `read_filters`.
FILTER_NAMES = {
    DISTRICT: "district",
    AGE_BAND: "age_band",
    SINCE: "since",
    UNTIL: "until",
    WEIGHTED: "weighted",
    SYNTHETIC: "synthetic",
    THEME: "theme",
}
DATE_FORMAT = "db-date-format"
# What is wrong with a typed date, next to its field: "db-since-error".
ERROR_SUFFIX = "-error"

NAV = (
    ("overview", "/dashboard", "db.nav_overview"),
    ("polls", "/dashboard/peilingen", "db.nav_polls"),
    ("moodboards", "/dashboard/moodboards", "db.nav_moodboards"),
)


def login_needed(lang: str) -> html.Div:
    return html.Div(
        [
            html.H1(i18n.t("auth.title", lang)),
            html.P(i18n.t("auth.required", lang)),
            html.A(
                i18n.t("auth.submit", lang), href="/login", className="btn btn-primary"
            ),
        ],
        className="db-login-needed",
    )


def private(page: html.Div, lang: str) -> html.Div:
    """Anonymous visitors get the login prompt. The page's empty frame stays, hidden,
    so Dash knows its components; it holds no numbers — those come from callbacks,
    which refuse anonymous requests."""
    if auth.current_account() is not None:
        return page
    return html.Div([login_needed(lang), html.Div(page, hidden=True)])


def _idea_links(account) -> list[tuple[str, str, str]]:
    """The idea rounds' page (the first round; each round's page is also linked
    from the overview) and, for moderators and admins, the moderation queue."""
    rounds = services().catalog.of("ideas")
    found = []
    if rounds:
        found.append(
            ("ideas", f"/dashboard/ideeen/{next(iter(rounds))}", "db.nav_ideas")
        )
    if account is not None and account.can_moderate:
        found.append(("moderation", "/dashboard/moderatie", "db.nav_moderation"))
    return found


def nav(active: str, lang: str) -> html.Nav:
    account = auth.current_account()
    links = [
        html.Li(
            dcc.Link(
                i18n.t(key, lang),
                href=href,
                className="nav-link" + (" active" if name == active else ""),
            ),
            className="nav-item",
        )
        for name, href, key in (*NAV, *_idea_links(account))
    ]
    logout = html.Form(
        [
            # No session is started for an anonymous visitor (or for Dash at start-up).
            dcc.Input(
                type="hidden",
                name="csrf_token",
                value=auth.csrf_token() if account else "",
            ),
            html.Span(
                [i18n.t("auth.logged_in_as", lang), " ", getattr(account, "name", "")],
                className="db-account",
            ),
            html.Button(
                i18n.t("auth.logout", lang),
                type="submit",
                className="btn btn-link",
                id="db-logout",
            ),
        ],
        action="/logout",
        method="post",
        className="db-logout",
    )
    return html.Nav(
        [html.Ul(links, className="nav nav-pills"), logout],
        className="db-nav d-print-none",
        **{"aria-label": i18n.t("db.nav_label", lang)},
    )


def _select(component_id: str, label: str, table, lang: str) -> html.Div:
    return demographic_select(
        component_id, label, table, lang, i18n.t("db.everyone", lang), "db-filter"
    )


def _date_field(component_id: str, label: str, lang: str) -> html.Div:
    """A text field for a day typed as dd-mm-jjjj. Not `type=date`: the browser
    shows that in its own locale's order (mm/dd/yyyy in many) whatever the page's
    language, and hands the app nothing for what it cannot read. dbc.Input takes
    no aria props: assets/03-app/dashboard.js links the format hint and the error
    to the field (aria-describedby) and mirrors `invalid` as aria-invalid."""
    error_id = component_id + ERROR_SUFFIX
    return html.Div(
        [
            dbc.Label(label, html_for=component_id),
            # Between the label and the field, as the NL Design System and GOV.UK
            # place it: the field stays in line with the others in the bar.
            html.Div(id=error_id, role="alert", className="db-field-error"),
            dbc.Input(
                id=component_id,
                type="text",
                value="",
                placeholder=i18n.t("db.date_placeholder", lang),
                maxLength=MAX_LENGTH,
                autoComplete="off",
                # Checked when the advisor leaves the field or presses Enter, not
                # at every keystroke of a half-typed date.
                debounce=True,
            ),
        ],
        className="db-filter",
    )


def filter_bar(lang: str) -> html.Section:
    """District, age band, date range, raw or weighted: the same on every view."""
    return _bar(
        [
            _select(DISTRICT, i18n.t("db.filter_district", lang), DISTRICTS, lang),
            _select(AGE_BAND, i18n.t("db.filter_age_band", lang), AGE_BANDS, lang),
        ],
        [
            html.Div(
                dbc.Checkbox(
                    id=WEIGHTED, label=i18n.t("db.weighted", lang), value=False
                ),
                className="db-filter db-filter-check",
            )
        ],
        lang,
    )


def idea_filter_bar(themes: list[tuple[str, str, str]], lang: str) -> html.Section:
    """The bar of the idea dashboard (`IDEA_FILTER_IDS`): the idea's district,
    its theme (`themes`: (id, Dutch label, English label) of the round's), the
    period and the synthetic switch. Where the other views offer age and
    weighting, a note says why raters cannot be filtered by age or district."""
    return _bar(
        [
            _select(DISTRICT, i18n.t("dbi.filter_district", lang), DISTRICTS, lang),
            _select(THEME, i18n.t("dbi.filter_theme", lang), tuple(themes), lang),
        ],
        [
            html.P(
                i18n.t("dbi.no_age", lang), id="db-no-age", className="db-filter-note"
            )
        ],
        lang,
        dates="dbi.dates_days",
    )


def _bar(
    selects: list, notes: list, lang: str, dates: str = "db.dates_whole"
) -> html.Section:
    """A filter bar: the selects, the period with the note `dates` on how days
    are counted, `notes` (checks or texts), and the synthetic switch."""
    return html.Section(
        [
            html.H2(
                i18n.t("db.filters", lang),
                className="visually-hidden",
                id="db-filters-title",
            ),
            dcc.Store(id=LANG, data=lang),
            *selects,
            _date_field(SINCE, i18n.t("db.since", lang), lang),
            _date_field(UNTIL, i18n.t("db.until", lang), lang),
            html.P(
                i18n.t("db.date_format", lang),
                id=DATE_FORMAT,
                className="db-filter-note",
            ),
            html.P(
                i18n.t(dates, lang),
                id="db-dates-note",
                className="db-filter-note",
            ),
            *notes,
            html.Div(
                dbc.Checkbox(
                    id=SYNTHETIC,
                    label=i18n.t("db.include_synthetic", lang),
                    value=False,
                ),
                className="db-filter db-filter-check",
            ),
        ],
        className="db-filter-bar d-print-none",
        **{"aria-labelledby": "db-filters-title"},
    )


def read_filters(
    district=None,
    age_band=None,
    since=None,
    until=None,
    weighted=False,
    synthetic=False,
    theme=None,
) -> Filters:
    """Filters from the bar's values (untrusted); dates as typed (see
    `parse_typed_date`). FilterError when invalid."""
    return parse_filters(
        {
            "theme": theme,
            "district": district,
            "age_band": age_band,
            "since": _typed_date(since, "since"),
            "until": _typed_date(until, "until"),
            "weighted": weighted,
            "synthetic": synthetic,
        }
    )


def _typed_date(raw: object, field: str) -> str | None:
    """A typed day as the ISO date `parse_filters` reads (the API's form)."""
    try:
        day = parse_typed_date(raw)
    except TypedDateError as exc:
        raise FilterError(field) from exc
    return day.isoformat() if day else None


DATE_MESSAGES = {
    "malformed": "db.date_malformed",
    "impossible": "db.date_impossible",
    "before_since": "db.date_before_since",
}


# typed dates -> what is wrong with each, next to its field
@dashboard_callback(
    Output(SINCE + ERROR_SUFFIX, "children"),
    Output(SINCE, "invalid"),
    Output(UNTIL + ERROR_SUFFIX, "children"),
    Output(UNTIL, "invalid"),
    Input(SINCE, "value"),
    Input(UNTIL, "value"),
)
def date_errors(call: Call, since, until):
    lang = call.lang
    out: list = []
    for problem in date_problems(since, until):
        out += [i18n.t(DATE_MESSAGES[problem], lang) if problem else "", bool(problem)]
    return out


def describe(filters: Filters, lang: str, themes: dict[str, str] | None = None) -> str:
    """The filter in words, for captions and the presentation; `themes` names
    the theme ids of an idea round ({id: label in `lang`})."""
    parts = []
    if filters.theme:
        parts.append((themes or {}).get(filters.theme, filters.theme))
    if filters.district:
        parts.append(
            dict((d[0], d[2] if lang == "en" else d[1]) for d in DISTRICTS)[
                filters.district
            ]
        )
    if filters.age_band:
        parts.append(
            dict((a[0], a[2] if lang == "en" else a[1]) for a in AGE_BANDS)[
                filters.age_band
            ]
        )
    if filters.since or filters.until:
        start = i18n.format_date(filters.since, lang) if filters.since else "…"
        end = i18n.format_date(filters.until, lang) if filters.until else "…"
        parts.append(f"{start} – {end}")
    if filters.weighted:
        parts.append(i18n.t("db.weighted_short", lang))
    if filters.synthetic:
        parts.append(i18n.t("db.with_synthetic", lang))
    return ", ".join(parts) if parts else i18n.t("db.everyone", lang)


def n_caption(
    n: int,
    lang: str,
    synthetic: int = 0,
    excluded: int = 0,
    left_out: str = "db.synthetic_excluded",
) -> str:
    """'n = 1.234', with the synthetic ballots counted in it or left out of it
    (`left_out`: the counted text that names them, e.g. raters for ideas)."""
    return _with_synthetic(
        f"n = {i18n.format_number(n, lang)}", lang, synthetic, excluded, left_out
    )


def _with_synthetic(
    text: str,
    lang: str,
    synthetic: int,
    excluded: int,
    left_out: str = "db.synthetic_excluded",
) -> str:
    if synthetic:
        text += " · " + i18n.t(
            "db.synthetic", lang, count=i18n.format_number(synthetic, lang)
        )
    if excluded:
        text += " · " + i18n.t_count(left_out, lang, excluded)
    return text


def data_caption(data: dict, lang: str) -> str:
    """The n caption of a results object (see `n_caption`). Weighted, it states
    the n the figures rest on (ballots with district and age band) beside the n
    in the filter, and the effective n (Kish)."""
    weighting = data.get("weighting")
    head = f"n = {i18n.format_number(data['n'], lang)}"
    if weighting:
        head = i18n.t(
            "db.weighted_n",
            lang,
            used=i18n.format_number(weighting["n_weighted"], lang),
            n=i18n.format_number(data["n"], lang),
            neff=i18n.format_number(weighting["effective_n"], lang),
        )
    return _with_synthetic(
        head, lang, data["synthetic"], data.get("synthetic_excluded", 0)
    )


def period_note(period: dict, lang: str) -> html.P:
    """The days a result is about: the date filter snapped to whole periods."""
    if not period.get("since"):
        return html.P(className="db-period")
    return html.P(
        i18n.t(
            "db.period_used",
            lang,
            since=i18n.format_date(dt.date.fromisoformat(period["since"]), lang),
            until=i18n.format_date(dt.date.fromisoformat(period["until"]), lang),
        ),
        className="db-period",
    )


def suppressed_note(lang: str, min_size: int) -> dbc.Alert:
    return dbc.Alert(
        i18n.t("db.suppressed", lang, min=min_size),
        color="secondary",
        className="db-suppressed",
    )


# The filter a FilterError names, as the bar labels it.
FIELD_LABELS = {
    "district": "db.filter_district",
    "age_band": "db.filter_age_band",
    "since": "db.since",
    "until": "db.until",
    "weighted": "db.weighted",
    "synthetic": "db.include_synthetic",
    "theme": "dbi.filter_theme",
}


def filter_error(exc: FilterError, lang: str) -> dbc.Alert:
    """In place of figures for a filter that cannot be read; names the field by
    its label. dbc.Alert renders role="alert" itself (it takes no `role`)."""
    return dbc.Alert(
        i18n.t("error.bad_filter", lang)
        + f" ({i18n.t(FIELD_LABELS.get(exc.field, 'db.filters'), lang)})",
        color="danger",
        className="db-filter-error",
    )


def versions_note(
    kind: str, item, lang: str, counts: tuple[int, int] | None = None
) -> list[dbc.Alert]:
    """When results mix ballots cast under different versions of the rules: how
    many were cast under an earlier one and how many of those no longer fit (left
    out). Empty otherwise. `counts` (earlier, outdated) as kept with frozen
    figures; else as stored now."""
    from budgetschuiver.kernel.context import services

    earlier, outdated = counts or services().ballot_versions(kind, item.id)
    if not earlier:
        return []
    text = i18n.t(
        "db.versions_mixed",
        lang,
        earlier=i18n.format_number(earlier, lang),
        outdated=i18n.format_number(outdated, lang),
    )
    return [dbc.Alert(text, color="warning", className="db-versions")]


def integrity_note(kind: str, item, lang: str) -> html.P:
    """'Indicatief' for open participation; how many codes were used otherwise."""
    if item.integrity == "open":
        return html.P(i18n.t("db.indicative", lang), className="form-text")
    from budgetschuiver.kernel.codes import scope
    from budgetschuiver.kernel.context import services

    issued, used = services().store.code_counts(scope(kind, item.id))
    return html.P(
        i18n.t(
            "db.verified",
            lang,
            used=i18n.format_number(used, lang),
            issued=i18n.format_number(issued, lang),
        ),
        className="form-text",
    )


def qr_code(url: str, alt: str, class_name: str, size: int) -> html.Img:
    """A QR code (segno, error correction M) to `url` as an inline SVG picture
    of `size` px square, described by `alt`."""
    return html.Img(
        src=segno.make(url, error="m").svg_data_uri(scale=6, border=2),
        alt=alt,
        className=class_name,
        width=size,
        height=size,
    )


def reactions_summary(
    kind_name: str, item, lang: str, level: int = 3
) -> html.Section | None:
    """For a budget, poll or moodboard with `reactions: true`: its published
    reactions counted by stance (`Store.reaction_counts`; all of them, the
    filters do not apply), as a small table under a heading of `level` (2 or
    3). None where reactions are off."""
    if getattr(item, "reactions", False) is not True:
        return None
    counts = services().store.reaction_counts(kind_name, item.id)
    heading = f"db-reactions-{item.id}"
    return html.Section(
        [
            (html.H2 if level == 2 else html.H3)(
                i18n.t("db.reactions_title", lang), id=heading
            ),
            html.P(i18n.t("db.reactions_note", lang), className="form-text"),
            html.Table(
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Th(i18n.t(f"ideas.column.{stance}", lang)),
                                html.Td(
                                    i18n.format_number(count, lang),
                                    className="text-end",
                                ),
                            ],
                            **{"data-stance": stance},
                        )
                        for stance, count in counts.items()
                    ]
                ),
                className="table table-sm db-reactions-table",
            ),
        ],
        className="db-reactions",
        **{"aria-labelledby": heading},
    )

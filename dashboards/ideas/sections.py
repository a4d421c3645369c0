"""More of /dashboard/ideeen/<round_id>: support by theme and by district (small
groups suppressed), support per day, reactions for and against per idea, and
status and answer coverage, all in the page's filter; each says which filters it
follows and its n. Every chart has its table beside it.
Figures from `dashboards.stats.ideas`; texts in `dashboards.kernel.texts`."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from budgetschuiver.ideas import rules
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import DISTRICTS
from dashboards.ideas import page, scope
from dashboards.ideas.page import _table as table
from dashboards.kernel import auth, common, figures
from dashboards.kernel.filters import Filters
from dashboards.stats import ideas as stats

# The per-idea reaction table lists the ideas with the most reactions first.
REACTION_ROWS = 50


def _interval(low: float | None, high: float | None, lang: str) -> str:
    if low is None or high is None:
        return "–"
    return f"{i18n.format_share(low, lang)} – {i18n.format_share(high, lang)}"


def _group_table(rows: list[stats.GroupRow], label, title: str, lang: str):
    hidden = i18n.t("dbi.suppressed_cell", lang)
    body = []
    for row in rows:
        name = label(row.key) if row.key is not None else i18n.t("dbi.not_given", lang)
        if not row.shown:
            body.append([name, hidden, hidden, hidden, hidden])
            continue
        body.append(
            [
                name,
                i18n.format_number(row.ideas, lang),
                i18n.format_number(row.support + row.oppose, lang),
                i18n.format_share(row.share, lang) if row.share is not None else "–",
                _interval(row.low, row.high, lang),
            ]
        )
    head = [i18n.t(f"dbi.col.{c}", lang) for c in ("group", "ideas", "n", "rate")]
    return table([*head, i18n.t("dbi.col.ci", lang)], body, title)


def _per_day(moments, lang: str, n_text: str) -> list:
    days = stats.per_day(moments)
    title = i18n.t("dbi.per_day", lang)
    follows = page.honours(page.RATING_FILTERS, n_text, lang)
    if not days:
        return [html.H2(title), follows, html.P(i18n.t("dbi.no_ratings", lang))]
    rows = [
        [
            i18n.format_date(day, lang),
            i18n.format_number(s, lang),
            i18n.format_number(o, lang),
            i18n.format_number(n, lang),
        ]
        for day, s, o, n in days
    ]
    head = [i18n.t(f"dbi.col.{c}", lang) for c in ("day", "support", "oppose")]
    return [
        html.H2(title),
        html.P(i18n.t("dbi.per_day_rule", lang), className="form-text"),
        follows,
        dcc.Graph(
            id="db-ideas-per-day",
            figure=figures.daily_figure(
                [d[0] for d in days],
                [d[1] for d in days],
                [],
                lang,
                y_title=i18n.t("dbi.col.support", lang),
            ),
            config=figures.GRAPH_CONFIG,
        ),
        table([*head, i18n.t("dbi.col.neutral", lang)], rows, title),
    ]


def _reactions(items: list[dict[str, Any]], lang: str, n_text: str) -> list:
    title = i18n.t("dbi.reactions", lang)
    ranked = sorted(items, key=lambda i: (-(i["for"] + i["against"]), i["id"]))
    rows = [
        [
            item["title"],
            i18n.format_number(item["for"], lang),
            i18n.format_number(item["against"], lang),
            i18n.format_number(item["question"], lang),
        ]
        for item in ranked[:REACTION_ROWS]
        if item["for"] + item["against"] + item["question"]
    ]
    head = [
        i18n.t(f"dbi.col.{c}", lang) for c in ("idea", "for", "against", "question")
    ]
    return [
        html.H2(title),
        html.P(
            i18n.t_count("dbi.reactions_rule", lang, REACTION_ROWS),
            className="form-text",
        ),
        page.honours(page.IDEA_FILTERS, n_text, lang),
        table(head, rows, title) if rows else html.P(i18n.t("dbi.no_reactions", lang)),
    ]


def _coverage(items: list[dict[str, Any]], lang: str, n_text: str) -> list:
    found = stats.coverage(items, rules.STATUSES)
    title = i18n.t("dbi.coverage", lang)
    facts = [
        html.Li(
            i18n.t(
                "dbi.answered",
                lang,
                answered=i18n.format_number(found.answered, lang),
                ideas=i18n.format_number(found.ideas, lang),
                share=i18n.format_share(found.share, lang)
                if found.share is not None
                else "–",
                interval=_interval(found.low, found.high, lang),
            )
        ),
        html.Li(
            i18n.t(
                "dbi.median_days",
                lang,
                days=i18n.format_number(found.median_days, lang),
            )
            if found.median_days is not None
            else i18n.t("dbi.no_answers", lang)
        ),
    ]
    rows = [
        [i18n.t(f"ideas.status.{status}", lang), i18n.format_number(n, lang)]
        for status, n in found.by_status.items()
    ]
    head = [i18n.t("dbi.col.status", lang), i18n.t("dbi.col.ideas", lang)]
    return [
        html.H2(title),
        page.honours(page.IDEA_FILTERS, n_text, lang),
        html.Ul(facts, id="db-ideas-coverage"),
        table(head, rows, i18n.t("dbi.by_status", lang)),
    ]


def sections(round_: Any, found: Any, filters: Filters, lang: str) -> list:
    """The sections after the ranking, for a round (an `IdeaRound`) in a filter
    (`found`: its `scope.Scope`)."""
    min_size = services().settings.min_group_size
    items = found.items
    themes = {theme.id: theme.label.get(lang) for theme in round_.themes}
    groups = [("theme", themes)]
    if round_.districts:
        names = {d[0]: d[1] if lang == "nl" else d[2] for d in DISTRICTS}
        groups.append(("district", names))
    ideas_n = common.n_caption(len(items), lang)
    parts: list = []
    withheld = False
    for field, labels in groups:
        rows = stats.by_group(items, field, list(labels), min_size)
        withheld = withheld or not all(row.shown for row in rows)
        title = i18n.t(f"dbi.by_{field}", lang)
        parts += [html.H2(title), _group_table(rows, labels.get, title, lang)]
    rule = html.P(i18n.t("dbi.groups_rule", lang, min=min_size), className="form-text")
    parts[1:1] = [rule, page.honours(page.RATING_FILTERS, ideas_n, lang)]
    if withheld:
        parts.insert(3, common.suppressed_note(lang, min_size))
    parts += _per_day(found.moments, lang, page.raters_caption(found, lang))
    parts += _reactions(items, lang, ideas_n)
    parts += _coverage(items, lang, ideas_n)
    parts += [
        html.P(
            dcc.Link(
                i18n.t("dbi.present", lang),
                href=f"/dashboard/presentatie/ideeen/{round_.id}"
                + ("?synthetic=1" if filters.synthetic else ""),
            )
        )
    ]
    parts += _exports(round_.id, filters, lang)
    parts += _rounds(round_.id, lang)
    return [html.Section(parts, id="db-ideas-sections")]


def _rounds(current: str, lang: str) -> list:
    """Links to the other idea rounds' pages."""
    others = [r for r in services().catalog.of("ideas").values() if r.id != current]
    if not others:
        return []
    links = [
        html.Li(dcc.Link(r.title.get(lang), href=f"/dashboard/ideeen/{r.id}"))
        for r in others
    ]
    return [html.H2(i18n.t("dbi.other_rounds", lang)), html.Ul(links)]


# Each file an export offers: (extension, CSV dialect, label key).
EXPORT_FILES = (
    ("csv", "spreadsheet", "db.export_csv_spreadsheet"),
    ("csv", "tool", "db.export_csv_tool"),
    ("xlsx", None, "db.export_xlsx"),
)


def _exports(round_id: str, filters: Filters, lang: str) -> list:
    """Links to the ideas export in each file kind in the page's filter, and to
    the reactions export for admins (every public reaction of the round)."""
    account = auth.current_account()
    contents = ["ideas"] + (["reactions"] if account and account.is_admin else [])
    parts: list = [html.H2(i18n.t("dbi.exports", lang))]
    query = "".join(f"&{key}={value}" for key, value in scope.query(filters).items())
    for content in contents:
        links = [
            html.Li(
                html.A(
                    i18n.t(key, lang),
                    href=f"/api/v1/idea-rounds/{round_id}/export.{fmt}?content={content}"
                    + (f"&dialect={dialect}" if dialect else "")
                    + (query if content == "ideas" else ""),
                )
            )
            for fmt, dialect, key in EXPORT_FILES
        ]
        parts += [html.H3(i18n.t(f"dbi.export_{content}", lang)), html.Ul(links)]
    return parts

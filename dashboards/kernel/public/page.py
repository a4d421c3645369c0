"""/resultaten/<item_id>: a trajectory's results for everyone, the municipality's
answer and what the participation level promised, where the resident's own
budget stands, sharing and the explainer video.

Flow: address -> kind and trajectory (kinds.find) -> public? -> the dashboard's
results at its default filters -> rows -> table; answer and promise from the
definition (loopback.rules)."""

from __future__ import annotations

import dash
from dash import dcc, html

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel import loopback as rules
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.demographics import AGE_BANDS, DISTRICTS
from budgetschuiver.kernel.pages.common import (
    not_found,
    notice,
    page_language,
    results_list,
)
from budgetschuiver.kernel.sharing.component import (
    share_block,
    video_block,
    video_hook,
)
from budgetschuiver.kernel.web import browser_token
from dashboards.kernel.public import kinds
from dashboards.kernel.public.api import not_public_text
from dashboards.kernel.public.results import is_public, public_results, who_took_part

PATH = "/resultaten/<item_id>"


def title(item_id: str | None = None, **_kwargs: object) -> str:
    lang = page_language()
    _kind, item = kinds.find(item_id)
    if item is None:
        return i18n.t("loop.not_found_title", lang)
    heading = i18n.t("loop.title", lang, title=item.title.get(lang))
    return f"{heading} · {i18n.t('ui.site_name', lang)}"


def description(item_id: str | None = None, **_kwargs: object) -> str:
    _kind, item = kinds.find(item_id)
    return item.description.get(page_language()) if item else ""


def og_image(item_id: str | None = None, **_kwargs: object) -> str | None:
    """The preview picture of the results, its address changing with the data
    (so link previews fetch the new one)."""
    _kind, item = kinds.find(item_id)
    if item is None:
        return None
    version = services().data_version.current()
    return f"/resultaten/{item.id}/preview.png?v={version}"


def og_image_alt(item_id: str | None = None, **_kwargs: object) -> str | None:
    from dashboards.kernel.public.preview import alt_text

    kind, item = kinds.find(item_id)
    return alt_text(kind, item, page_language()) if item is not None else None


def _budget_table(kind, item, rows: list[kinds.Row], data: dict, lang: str) -> list:
    rule, _budget = kind.residents_budget(item, data)
    header = [
        i18n.t("loop.col.line", lang),
        i18n.t("loop.col.residents", lang),
        i18n.t("loop.col.mean", lang),
        i18n.t("loop.col.plan", lang),
    ]
    return [
        html.P(
            i18n.t("loop.budget_intro", lang, rule=i18n.t(f"loop.rule.{rule}", lang))
        ),
        html.Div(
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Th(row.label, scope="row"),
                                    html.Td(row.text),
                                    html.Td(i18n.format_euro(row.mean, lang)),
                                    html.Td(i18n.format_euro(row.plan, lang)),
                                ],
                                **{"data-line": row.item_id},
                            )
                            for row in rows
                        ]
                    ),
                ],
                className="table table-sm loop-table",
            ),
            className="chart-table",
            # A table may scroll sideways on a narrow phone: keyboard users can
            # then focus and scroll it too (axe: scrollable-region-focusable).
            tabIndex="0",
            role="region",
            **{"aria-label": i18n.t("loop.results_heading", lang)},
        ),
        html.P(i18n.t(f"loop.rule_note.{rule}", lang), className="form-text"),
    ]


def _choice_table(
    kind: kinds.PublicKind, item, rows: list[kinds.Row], data: dict, lang: str
) -> list:
    listed = results_list([(r.label, r.count, r.value) for r in rows], data["n"], lang)
    if kind.picture is None:
        return [listed]
    return [_top_pictures(kind, item, rows, lang), listed]


def _top_pictures(kind, item, rows: list[kinds.Row], lang: str) -> html.Ul:
    """The three most chosen pictures, each with its share (the list below
    gives every picture in words)."""
    ranked = sorted(rows, key=lambda row: -row.value)[:3]
    return html.Ul(
        [
            html.Li(
                html.Figure(
                    [
                        html.Img(
                            src=kind.picture_url(item, row.item_id, 480),
                            alt=kind.picture(item, row.item_id).alt.get(lang),
                            className="img-fluid",
                        ),
                        html.Figcaption(f"{row.label}: {row.text}"),
                    ]
                )
            )
            for row in ranked
        ],
        className="loop-pictures list-unstyled",
    )


def _ranking_table(kind, item, rows: list[kinds.Row], data: dict, lang: str) -> list:
    """Every ranked item with its place, value text, count, status and the
    municipality's answer, under the kind's own words (`kind.ranking`)."""
    words = kind.ranking
    header = [i18n.t(f"loop.col.{key}", lang) for key in words.columns]
    return [
        html.P(i18n.t_count(words.count, lang, len(rows)), className="loop-n-items"),
        html.P(i18n.t(words.intro, lang), className="form-text"),
        html.Div(
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(row.place),
                                    html.Th(
                                        row.label, scope="row", className="loop-text"
                                    ),
                                    html.Td(row.text),
                                    html.Td(i18n.format_number(row.count, lang)),
                                    html.Td(row.status),
                                    html.Td(row.answer or "–", className="loop-text"),
                                ],
                                **{"data-item": row.item_id},
                            )
                            for row in rows
                        ]
                    ),
                ],
                className="table table-sm loop-table",
            ),
            className="chart-table",
            tabIndex="0",
            role="region",
            **{"aria-label": i18n.t("loop.results_heading", lang)},
        ),
    ]


SHAPES = {
    "amounts": _budget_table,
    "shares": _choice_table,
    "ranking": _ranking_table,
}


def _answer_items(answer, labels: list[tuple[str, str]], lang: str) -> html.Div:
    """What was done per line, option or picture, in definition order."""
    return html.Div(
        [
            html.H3(i18n.t("loop.answer_items", lang)),
            html.Dl(
                [
                    part
                    for item_id, label in labels
                    if item_id in answer.items
                    for part in (
                        html.Dt(label),
                        html.Dd(answer.items[item_id].get(lang)),
                    )
                ],
                className="loop-answer-items",
            ),
        ]
    )


def _published(item):
    answer = item.response
    return answer if answer is not None and answer.status == "published" else None


def _who(kind: kinds.PublicKind, item, lang: str) -> html.Section:
    """Who took part by district and age band, from the dashboard's protected
    table: hidden counts say so, in the same words whatever the reason."""
    who = who_took_part(kind, item)
    tables = []
    for caption_key, table, counted in (
        ("loop.who_district", DISTRICTS, who.by_district),
        ("loop.who_age", AGE_BANDS, who.by_age),
    ):
        names = {key: (en if lang == "en" else nl) for key, nl, en in table}
        body = [
            html.Tr(
                [
                    html.Th(
                        names.get(key) or i18n.t("loop.who_not_given", lang),
                        scope="row",
                    ),
                    html.Td(
                        i18n.format_number(count, lang)
                        if count is not None
                        else i18n.t("loop.hidden", lang)
                    ),
                ]
            )
            for key, count in counted
        ]
        tables.append(
            html.Table(
                [
                    html.Caption(i18n.t(caption_key, lang)),
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(i18n.t(caption_key, lang), scope="col"),
                                html.Th(i18n.t("loop.who_count", lang), scope="col"),
                            ]
                        )
                    ),
                    html.Tbody(body),
                ],
                className="table table-sm loop-table",
            )
        )
    return html.Section(
        [html.H2(i18n.t("loop.who_title", lang), id="loop-who-title"), *tables],
        className="loop-section loop-who",
        **{"aria-labelledby": "loop-who-title"},
    )


def stance(kind: kinds.PublicKind, item, lang: str) -> html.Section | None:
    """Where this browser's stored budget stands per line (a kind with
    `stances`), or None."""
    """Where this browser's stored budget stands, per line, in bands."""
    found = kind.stances(item, browser_token()) if kind.stances else None
    if found is None:
        return None
    lines = []
    for line in item.lines:
        amount, where = found[line.id]
        # A locked line is the same on every budget: nothing to compare.
        if where is None or line.locked:
            continue
        lines.append(
            html.Li(
                i18n.t(
                    "loop.stance_line",
                    lang,
                    line=line.label.get(lang),
                    amount=i18n.format_euro(amount, lang),
                    below_lo=where.below[0],
                    below_hi=where.below[1],
                    above_lo=where.above[0],
                    above_hi=where.above[1],
                ),
                **{"data-line": line.id},
            )
        )
    body = (
        html.Ul(lines, className="loop-stance-lines")
        if lines
        else html.P(i18n.t("loop.stance_small", lang))
    )
    return html.Section(
        [html.H2(i18n.t("loop.stance_title", lang), id="loop-stance-title"), body],
        id="loop-stance",
        className="loop-section",
        **{"aria-labelledby": "loop-stance-title"},
    )


def _results(kind: kinds.PublicKind, item, lang: str) -> list:
    if not is_public(item):
        return [html.P(not_public_text(item, lang), className="loop-not-public")]
    data = public_results(kind, item)
    if data.get("suppressed"):
        return [html.P(i18n.t("loop.suppressed", lang), className="loop-suppressed")]
    parts: list = [html.P(i18n.t_count("loop.n", lang, data["n"]), className="loop-n")]
    if data.get("synthetic_excluded"):
        parts.append(
            html.P(
                i18n.t_count("loop.synthetic", lang, data["synthetic_excluded"]),
                className="form-text",
            )
        )
    parts += [
        html.P(note, className="form-text loop-note")
        for note in (kind.notes(item, data, lang) if kind.notes else [])
    ]
    parts += SHAPES[kind.shape](kind, item, kind.rows(item, data, lang), data, lang)
    found = [_who(kind, item, lang)]
    if kind.shape == "amounts":
        own = stance(kind, item, lang)
        found += [own] if own is not None else []
    return parts + found


def _answer(kind: kinds.PublicKind, item, lang: str) -> html.Section:
    answer = _published(item)
    if answer is not None:
        body = [
            html.P(
                i18n.t(
                    "loop.answer_date", lang, date=i18n.format_date(answer.date, lang)
                ),
                className="loop-answer-date",
            ),
            # Markdown from the definition files; raw HTML in it is not rendered.
            dcc.Markdown(answer.summary.get(lang), className="loop-answer-summary"),
        ]
        if answer.items:
            body.append(_answer_items(answer, kind.labels(item, lang), lang))
    else:
        days = rules.days_closed(item.closes, _today())
        body = [
            html.P(
                i18n.t_count("loop.answer_missing", lang, days)
                if days is not None
                else i18n.t(
                    "loop.answer_after_close",
                    lang,
                    date=i18n.format_date(item.closes, lang),
                ),
                className="loop-answer-missing",
            )
        ]
    return html.Section(
        [html.H2(i18n.t("loop.answer_title", lang), id="loop-answer-title"), *body],
        id="loop-answer",
        className="loop-section",
        **{"aria-labelledby": "loop-answer-title"},
    )


def _conclusion(text: str, lang: str) -> html.Section:
    """The municipality's closing text of the trajectory, as it wrote it."""
    return html.Section(
        [
            html.H2(i18n.t("loop.conclusion_title", lang), id="loop-conclusion-title"),
            html.P(text, className="loop-text loop-conclusion-text"),
        ],
        id="loop-conclusion",
        className="loop-section",
        **{"aria-labelledby": "loop-conclusion-title"},
    )


def _today():
    import datetime as dt

    from budgetschuiver.kernel.trajectory import TIMEZONE

    return dt.datetime.now(TIMEZONE).date()


def layout(item_id: str | None = None, lang: str | None = None, **_kwargs) -> html.Div:
    lang = page_language(lang)
    if item_id is None:
        # Only Dash calls this without an id (to learn the page's components).
        item_id = next((item.id for _kind, item in kinds.everything()), None)
    kind, item = kinds.find(item_id)
    if item is None:
        return not_found(lang, "loop.not_found_title", "loop.not_found")
    heading = i18n.t("loop.title", lang, title=item.title.get(lang))
    parts: list = [
        html.H1(heading),
        html.P(item.description.get(lang), className="lead"),
    ]
    if item.illustrative:
        parts.append(notice(i18n.t("ui.illustrative", lang), color="warning"))
    parts.append(
        html.Section(
            [
                html.H2(i18n.t("loop.results_heading", lang), id="loop-results-title"),
                *_results(kind, item, lang),
            ],
            id="loop-results",
            className="loop-section",
            **{"aria-labelledby": "loop-results-title"},
        )
    )
    closing = kind.conclusion(item) if kind.conclusion is not None else None
    if closing:
        parts.append(_conclusion(closing, lang))
    parts.append(_answer(kind, item, lang))
    parts.append(
        html.Section(
            [
                html.H2(i18n.t("loop.level_title", lang), id="loop-level-title"),
                html.P(
                    i18n.t(rules.LEVEL_PROMISES[item.participation], lang),
                    className="loop-promise",
                ),
            ],
            className="loop-section",
            **{"aria-labelledby": "loop-level-title"},
        )
    )
    video = video_block(item.video, lang)
    if video is not None:
        parts.append(video)
    parts.append(
        share_block(
            f"/resultaten/{item.id}",
            i18n.t("share.text_results", lang, title=item.title.get(lang)),
            lang,
        )
    )
    parts.append(
        html.P(
            dcc.Link(
                i18n.t("loop.to_trajectory", lang),
                href=kind.page + item.id,
                className="btn btn-outline-primary",
            )
        )
    )
    return html.Div(parts, className="loop-page", **{"data-item": item.id})


def register() -> None:
    dash.register_page(
        __name__,
        path_template=PATH,
        layout=layout,
        title=title,
        description=description,
        og_image=og_image,
        og_image_alt=og_image_alt,
        video=video_hook(lambda item_id: kinds.find(item_id)[1], "item_id"),
    )

"""/dashboard/peilingen and /dashboard/moodboards: shares per answer or picture with
95% Wilson intervals, under the shared filters."""

from __future__ import annotations

import dash
from dash import Output, dcc, html

from budgetschuiver.choices.rules import choice_label, poll_choice_ids, rank
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.pages.common import page_language
from budgetschuiver.moodboards.files import image_url
from dashboards.choices.service import rows_and_total
from dashboards.kernel import common, figures
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.kernel.results import without_synthetic
from dashboards.kernel.service import compute

POLLS = "db-polls"
BOARDS = "db-moodboards"


def _title(key: str) -> str:
    lang = page_language()
    return f"{i18n.t(key, lang)} · {i18n.t('db.title', lang)}"


def _layout(active: str, heading: str, content: str, lang: str | None) -> html.Div:
    lang = page_language(lang)
    page = html.Div(
        [
            common.nav(active, lang),
            html.H1(i18n.t(heading, lang)),
            common.filter_bar(lang),
            html.Div(id=content, className="db-content"),
        ],
        className="db-page",
    )
    return common.private(page, lang)


def polls_layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    return _layout("polls", "db.nav_polls", POLLS, lang)


def moodboards_layout(lang: str | None = None, **_kwargs: object) -> html.Div:
    return _layout("moodboards", "db.nav_moodboards", BOARDS, lang)


def _share_rows(labels, items, lang):
    """Table rows, and the note on how the shares add up (None when they do)."""
    texts, note = i18n.format_shares([item["share"] for item in items], lang)
    rows = [
        html.Tr(
            [
                html.Th(label, scope="row"),
                html.Td(i18n.format_number(item["votes"], lang)),
                html.Td(text),
                html.Td(
                    f"{i18n.format_share(item['ci'][0], lang)} – "
                    f"{i18n.format_share(item['ci'][1], lang)}"
                ),
            ]
        )
        for label, item, text in zip(labels, items, texts, strict=True)
    ]
    return rows, note


def _table(first: str, rows: list, lang: str, label: str) -> html.Div:
    head = [first, "db.votes", "db.share", "db.ci_share"]
    return html.Div(
        html.Table(
            [
                html.Thead(
                    html.Tr([html.Th(i18n.t(k, lang), scope="col") for k in head])
                ),
                html.Tbody(rows),
            ],
            className="table table-sm db-table",
        ),
        # Scrollable on a phone, so it must be reachable (and named) by keyboard.
        className="table-responsive",
        tabIndex="0",
        role="region",
        **{"aria-label": label},
    )


def poll_block(
    poll, data: dict, lang: str, min_size: int, others: list[str]
) -> html.Article:
    heading = f"db-poll-{poll.id}"
    parts: list = [html.H2(poll.question.get(lang), id=heading)]
    if data.get("suppressed"):
        parts.append(common.suppressed_note(lang, min_size))
    else:
        counted = poll_choice_ids(poll)
        labels = [choice_label(poll, choice, lang) for choice in counted]
        items = [data["options"][choice] for choice in counted]
        table_rows, note = _share_rows(labels, items, lang)
        caption = common.data_caption(data, lang)
        parts += [
            html.P(html.Strong(caption), className="db-n"),
            *common.versions_note("poll", poll, lang),
            html.Figure(
                [
                    dcc.Graph(
                        figure=figures.shares_figure(labels, items, lang),
                        config=figures.GRAPH_CONFIG,
                    ),
                    html.Figcaption(caption),
                ]
            ),
            _table("db.option", table_rows, lang, poll.question.get(lang)),
        ]
        if note:
            parts.append(html.P(note, className="form-text"))
        if others:
            parts += [
                html.H3(i18n.t("db.other_answers", lang)),
                html.Ul([html.Li(text) for text in others[:100]]),
            ]
    if (reactions := common.reactions_summary("poll", poll, lang)) is not None:
        parts.append(reactions)
    return html.Article(parts, className="db-card", **{"aria-labelledby": heading})


def _votes_text(count: int, lang: str) -> str:
    """'1 stem' or '12 stemmen': the count behind a rounded share."""
    return i18n.t_count("db.vote_count", lang, count)


def _share_text(item: dict, lang: str) -> str:
    low, high = (i18n.format_share(bound, lang) for bound in item["ci"])
    return f"{i18n.format_share(item['share'], lang)} ({low} – {high})"


def board_block(board, data: dict, lang: str, min_size: int) -> html.Article:
    heading = f"db-board-{board.id}"
    parts: list = [html.H2(board.title.get(lang), id=heading)]
    if data.get("suppressed"):
        parts.append(common.suppressed_note(lang, min_size))
        return html.Article(parts, className="db-card", **{"aria-labelledby": heading})
    items = data["images"]
    images = {img.id: img for img in board.images}
    ranked = rank({key: item["share"] for key, item in items.items()}, images)
    caption = common.data_caption(data, lang)
    parts.append(html.P(html.Strong(caption), className="db-n"))
    parts += common.versions_note("moodboard", board, lang)
    parts.append(html.P(i18n.t("db.ranking_note", lang), className="form-text"))
    parts.append(
        html.Ol(
            [
                html.Li(
                    [
                        html.Img(
                            src=image_url(board.id, entry.item, 480),
                            alt=images[entry.item].alt.get(lang),
                            width=240,
                            height=160,
                            className="db-thumb",
                        ),
                        html.Div(
                            [
                                html.P(
                                    i18n.t(
                                        "db.place_shared"
                                        if entry.shared
                                        else "db.place",
                                        lang,
                                        place=entry.place,
                                    ),
                                    className="db-place",
                                ),
                                html.Strong(images[entry.item].title.get(lang)),
                                html.P(
                                    f"{_votes_text(items[entry.item]['votes'], lang)}"
                                    f" · {_share_text(items[entry.item], lang)}"
                                ),
                            ]
                        ),
                    ],
                    className="db-ranked" + (" db-tied" if entry.shared else ""),
                    value=entry.place,
                )
                for entry in ranked
            ],
            className="db-ranking list-unstyled",
        )
    )
    if (reactions := common.reactions_summary("moodboard", board, lang)) is not None:
        parts.append(reactions)
    return html.Article(parts, className="db-card", **{"aria-labelledby": heading})


# filters -> every poll's shares with intervals
@dashboard_callback(Output(POLLS, "children"), filters=True)
def render_polls(call: Call):
    lang, filters = call.lang, call.filters
    min_size = services().settings.min_group_size
    blocks = []
    for poll in services().catalog.of("poll").values():
        data = compute("poll", poll, filters)
        others = []
        if not data.get("suppressed"):
            rows, _ = rows_and_total("poll", poll.id, filters)
            rows, _left_out = without_synthetic(rows, filters)
            others = [row.other_text for row in rows if row.other_text]
        blocks.append(poll_block(poll, data, lang, min_size, others))
    return blocks


# filters -> every moodboard's pictures, most chosen first
@dashboard_callback(Output(BOARDS, "children"), filters=True)
def render_boards(call: Call):
    lang, filters = call.lang, call.filters
    min_size = services().settings.min_group_size
    return [
        board_block(board, compute("moodboard", board, filters), lang, min_size)
        for board in (
            services().item("moodboard", key)
            for key in services().catalog.of("moodboard")
        )
        if board is not None
    ]


def register() -> None:
    dash.register_page(
        __name__ + ".polls",
        path="/dashboard/peilingen",
        layout=polls_layout,
        title=lambda: _title("db.nav_polls"),
    )
    dash.register_page(
        __name__ + ".moodboards",
        path="/dashboard/moodboards",
        layout=moodboards_layout,
        title=lambda: _title("db.nav_moodboards"),
    )

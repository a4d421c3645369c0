"""The "kinds of residents" section of /dashboard/ideeen/<round_id>.

Flow: round, a 30-second tick, the synthetic switch -> (server) the last
computed idea groups of that switch value from the shared cache (a background
recount starts when ratings changed) -> how old they are and on how many raters,
each group's size and distinctive ideas, the "supported across groups" ranking
beside the plain one, the binned map.
"""

from __future__ import annotations

from dash import Input, Output, dcc, html

from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.ideas import group_results
from dashboards.kernel import common, group_parts
from dashboards.kernel.guard import Call, dashboard_callback
from dashboards.stats import groups

SECTION = "dbi-groups"
ROUND = "dbi-groups-round"
TICK = "dbi-groups-tick"
# How often an open page looks for newly computed groups.
TICK_MS = 30_000
# Ideas in the "supported across groups" table.
TOP = 10
STANCE_TEXTS = {"support": "dbi.groups_for", "oppose": "dbi.groups_against"}


def placeholder(round_: IdeaRound, lang: str) -> html.Section:
    """The section's frame; its content comes from `render`."""
    k = services().settings.min_group_size
    return html.Section(
        [
            html.H2(i18n.t("db.groups_title", lang)),
            html.P(
                i18n.t("dbi.groups_how", lang, k=k, min=groups.MIN_RATINGS),
                className="db-groups-how",
            ),
            dcc.Store(id=ROUND, data=round_.id),
            dcc.Interval(id=TICK, interval=TICK_MS),
            html.Div(id=SECTION),
        ],
        className="db-groups-section",
    )


def computed_text(found: dict, lang: str) -> str:
    """ "Computed on <date> at <time> from <n> residents who rated ideas"."""
    date, time = group_parts.when(found, lang)
    # With synthetic raters counted in, they are raters, not residents.
    key = "dbi.groups_computed_all" if found.get("synthetic") else "dbi.groups_computed"
    return i18n.t_count(key, lang, found["n"], date=date, time=time, k=found["k"])


def _counted(found: dict, lang: str) -> str:
    """Which raters the groups rest on: residents only, or with the synthetic
    ones (how many); and that no other filter of the bar applies."""
    synthetic = found.get("synthetic", 0)
    whose = (
        i18n.t("dbi.groups_synthetic", lang, count=i18n.format_number(synthetic, lang))
        if synthetic
        else i18n.t("dbi.groups_residents", lang)
    )
    follows = i18n.t(
        "dbi.honours", lang, filters=i18n.t("dbi.f.synthetic", lang), n=""
    ).strip()
    return f"{whose} {follows}"


def share_with_n(share: float | None, n: int, k: int, lang: str) -> str:
    """ "62% (n = 45)" for a share in [0, 1] of n raters, or "hidden" below k."""
    if share is None or n < k:
        return i18n.t("db.hidden", lang)
    return f"{i18n.format_share(share, lang)} (n = {i18n.format_number(n, lang)})"


def _groups_table(found: dict, labels, titles, lang: str, k: int) -> html.Div:
    n = found["n"]
    rows = []
    for g in found["groups"]:
        items = [
            html.Li(
                f"{titles.get(idea, idea)}: "
                + i18n.t(
                    STANCE_TEXTS[g["stance"][idea]],
                    lang,
                    share=share_with_n(g["support"][idea], g["raters"][idea], k, lang),
                )
            )
            for idea in g["distinctive"]
        ]
        rows.append(
            [
                group_parts.swatch(g["id"], labels[g["id"]]),
                html.Td(
                    f"{i18n.format_number(g['size'], lang)}"
                    f" ({i18n.format_share(g['size'] / n, lang)})"
                ),
                html.Td(
                    html.Ul(items, className="mb-0")
                    if items
                    else i18n.t("dbi.groups_nothing", lang)
                ),
            ]
        )
    headers = [
        i18n.t("db.groups_group", lang),
        i18n.t("db.groups_size", lang),
        i18n.t("dbi.groups_distinctive", lang),
    ]
    return group_parts.table(headers, rows, i18n.t("db.groups_title", lang))


def _place(place: tuple[int, bool]) -> str:
    return f"{place[0]}{' (=)' if place[1] else ''}"


def _consensus(found: dict, labels, titles, lang: str, k: int) -> list:
    """The first `TOP` ideas by the group-aware score, each with its plain
    place and its support in every group."""
    across = groups.shared_places(found["consensus"], found["consensus_scores"])
    plain = groups.shared_places(found["plain"], found["plain_scores"])
    rows = [
        [
            html.Td(_place(across[idea])),
            html.Th(titles.get(idea, idea), scope="row"),
            html.Td(_place(plain[idea])),
            *(
                html.Td(share_with_n(g["support"][idea], g["raters"][idea], k, lang))
                for g in found["groups"]
            ),
        ]
        for idea in found["consensus"][:TOP]
    ]
    headers = [
        i18n.t("dbi.groups_col_consensus", lang),
        i18n.t("dbi.col.idea", lang),
        i18n.t("dbi.groups_col_plain", lang),
        *(
            f"{labels[g['id']]}: {i18n.t('dbi.col.rate', lang).lower()}"
            for g in found["groups"]
        ),
    ]
    title = i18n.t("dbi.groups_consensus", lang)
    return [
        html.H3(title),
        html.P(
            i18n.t("dbi.groups_consensus_rule", lang, k=k, top=TOP),
            className="form-text",
        ),
        group_parts.table(headers, rows, title),
    ]


def content(
    round_: IdeaRound, found: dict | None, fresh: bool, titles: dict, lang: str
) -> list:
    """The section's content for the kept groups (None: not computed yet);
    `titles`: {idea id: title} of the round's ideas."""
    k = services().settings.min_group_size
    if found is None:
        return [html.P(i18n.t("db.groups_pending", lang), role="status")]
    status = [computed_text(found, lang), " ", _counted(found, lang)]
    if not fresh:
        status.append(" " + i18n.t("dbi.groups_stale", lang))
    parts: list = [html.P(status, role="status", className="db-groups-status")]
    if found["unassigned"]:
        parts.append(
            html.P(
                i18n.t_count("dbi.groups_unassigned", lang, found["unassigned"], k=k)
            )
        )
    if not found["groups"]:
        parts.append(html.P(i18n.t("db.groups_none", lang, k=k)))
        return parts
    labels = group_results.labels(found, lang)
    return [
        *parts,
        _groups_table(found, labels, titles, lang, k),
        *_consensus(found, labels, titles, lang, k),
        group_parts.density_map(found, labels, {}, lang, k, texts="dbi"),
    ]


# round, tick, synthetic switch -> the last computed groups of that switch value
# (a recount starts in the background)
@dashboard_callback(
    Output(SECTION, "children"),
    Input(ROUND, "data"),
    Input(TICK, "n_intervals"),
    filters=(common.SYNTHETIC,),
)
def render(call: Call, round_id, _tick):
    lang = call.lang
    round_ = services().catalog.find("ideas", round_id)
    if round_ is None:
        return html.P(i18n.t("ideas.not_found", lang))
    found, fresh = group_results.latest(round_, synthetic=call.filters.synthetic)
    return content(round_, found, fresh, shown_titles(found), lang)


def shown_titles(found: dict | None) -> dict[str, str]:
    """{idea id: title} of the ideas the section names: each group's distinctive
    ideas and the top of the "supported across groups" ranking (a round may hold
    thousands; only these are read)."""
    if not found:
        return {}
    shown = [idea for g in found["groups"] for idea in g["distinctive"]]
    return services().store.idea_titles(shown + list(found["consensus"][:TOP]))

"""The idea round's exports for dashboard accounts: the ideas with their counts
in the query's filter (as the results API: district, theme, since, until,
synthetic; residents' ratings only unless synthetic=1), Wilson interval, place,
status and answer (any account), and the reactions (admins only); CSV in both
dialects of `dashboards.kernel.exports` and XLSX. Registered on the ideas' API
blueprint."""

from __future__ import annotations

from typing import Any

from flask import Response, request

from budgetschuiver.ideas import rules
from budgetschuiver.ideas.api import iso_time, round_of
from budgetschuiver.ideas.model import IdeaRound
from budgetschuiver.kernel.api import error
from budgetschuiver.kernel.context import services
from dashboards.ideas import scope
from dashboards.ideas.api import csv_safe, moderation_api
from dashboards.kernel import auth, exports
from dashboards.kernel.filters import FilterError, Filters

IDEA_COLUMNS = (
    "id",
    "title",
    "theme",
    "district",
    "status",
    "answer",
    "created_at",
    "answered_at",
    "support",
    "oppose",
    "neutral",
    "n",
    "share_support",
    "share_low",
    "share_high",
    "rank",
    "tied",
    "reactions_for",
    "reactions_against",
    "reactions_question",
    "raters",
    "synthetic_in_n",
    "synthetic_left_out",
)
SHARE_COLUMNS = ("share_support", "share_low", "share_high")
CONTENTS = ("ideas", "reactions")


def idea_rows(round_: IdeaRound, filters: Filters) -> list[list[Any]]:
    """One row per published idea in the filter (`scope.scope`) in
    `IDEA_COLUMNS` order, in ranking order (shares in [0, 1]; empty where n is
    0). Residents' ratings only unless the filter counts synthetic ones; every
    row repeats the raters counted, the synthetic ones among them and those left
    out, as the budget export does. No rows for a suppressed filter."""
    found = scope.scope(round_, filters, moments=False)
    if found.suppressed:
        return []
    items = {item["id"]: item for item in found.items}
    ranked = rules.rank(found.counts)
    rows = []
    for place in ranked:
        item = items[place.id]
        n = place.support + place.oppose
        low, high = rules.wilson_interval(place.support, place.oppose)
        rows.append(
            [
                item["id"],
                item["title"],
                item["theme"] or "",
                item["district"] or "",
                item["status"],
                item["answer"] or "",
                iso_time(item["created_at"]),
                iso_time(item["answered_at"]) or "",
                place.support,
                place.oppose,
                place.neutral,
                n,
                place.support / n if n else "",
                low if n else "",
                high if n else "",
                place.rank,
                place.tied,
                item["for"],
                item["against"],
                item["question"],
                found.raters,
                found.synthetic,
                found.excluded,
            ]
        )
    return rows


def _safe(value: Any) -> Any:
    """Residents' text stays text in a spreadsheet; numbers stay numbers."""
    return csv_safe(value) if isinstance(value, str) else value


def _export(round_id: str, fmt: str) -> Response:
    round_ = round_of(round_id)
    if round_ is None:
        return error(404, "not_found", "error.idea_round_not_found")
    content = request.args.get("content", "ideas")
    if content not in CONTENTS:
        return error(400, "invalid_filter", "error.bad_filter", "content")
    account = auth.current_account()
    if content == "reactions" and not account.is_admin:
        return error(403, "forbidden", "auth.forbidden")
    dialect = request.args.get("dialect", exports.DEFAULT_DIALECT)
    if fmt == "csv" and dialect not in exports.DIALECTS:
        return error(400, "invalid_filter", "error.bad_filter", "dialect")
    try:
        filters = scope.from_query(round_, request.args)
    except FilterError as exc:
        return error(400, "invalid_filter", "error.bad_filter", exc.field)
    if content == "ideas":
        header, rows = IDEA_COLUMNS, idea_rows(round_, filters)
    else:
        found = services().store.round_reactions(round_.id)
        header, rows = exports.REACTION_COLUMNS, exports.reaction_rows(found)
    rows = [[_safe(value) for value in row] for row in rows]
    name = f"{round_.id}-{content}"
    if fmt == "csv":
        body = exports.write_csv(header, rows, dialect, SHARE_COLUMNS)
        content_type = "text/csv; charset=utf-8"
        name += "" if dialect == exports.DEFAULT_DIALECT else f"-{dialect}"
    else:
        body = exports.write_xlsx(header, rows, content)
        content_type = exports.XLSX_TYPE
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@moderation_api.get("/idea-rounds/<round_id>/export.csv")
@auth.api_login_required()
def export_csv(round_id: str) -> Response:
    return _export(round_id, "csv")


@moderation_api.get("/idea-rounds/<round_id>/export.xlsx")
@auth.api_login_required()
def export_xlsx(round_id: str) -> Response:
    return _export(round_id, "xlsx")

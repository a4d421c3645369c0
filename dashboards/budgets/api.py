"""Budget results, opinion groups and exports under /api/v1 for logged-in accounts
(session or HTTP Basic)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.web import request_language
from dashboards.budgets import group_results
from dashboards.kernel import auth, exports
from dashboards.kernel.api import PREFIX, error, results_response
from dashboards.kernel.filters import Filters
from dashboards.kernel.service import compute

api = Blueprint("dashboard_budgets_api", __name__, url_prefix=PREFIX)


@api.get("/projects/<project_id>/results")
@auth.api_login_required()
def project_results(project_id: str) -> Response:
    return results_response("budget", services().catalog.find("budget", project_id))


@api.get("/projects/<project_id>/groups")
@auth.api_login_required()
def project_groups(project_id: str) -> Response:
    """Opinion groups over all ballots, as last computed in the background:
    `200`, or `202` with no groups while the first computation runs."""
    project = services().catalog.find("budget", project_id)
    if project is None:
        return error(404, "not_found", "error.project_not_found")
    found, _fresh = group_results.latest(project)
    labels = group_results.labels(found, project, request_language())
    response = jsonify(group_results.public(found, labels))
    response.status_code = 200 if found is not None else 202
    response.headers["Cache-Control"] = "private, no-store"
    return response


# Export columns that hold shares in [0, 1] (the rest are euros, counts or text).
SHARE_COLUMNS = frozenset({"raised", "lowered", "unchanged"})


def export_tables(project, content: str, include_synthetic: bool) -> tuple[list, list]:
    """(header, rows) for an export: the submissions with pseudonymous ids only,
    the public reactions (`reactions: true`), or the per-line aggregates."""
    if content == "reactions":
        found = services().store.host_reactions("budget", project.id)
        return list(exports.REACTION_COLUMNS), exports.reaction_rows(found)
    if content == "submissions":
        ids = [line.id for line in project.lines]
        header = [
            "id",
            "updated_at",
            "district",
            "age_band",
            "synthetic",
            *ids,
            "comment",
        ]
        rows = [
            [
                row.id,
                # Den Haag time with its offset: a spreadsheet shows the day
                # the resident saw, and a script can still convert it.
                i18n.local_time(row.updated_at).isoformat(),
                row.district or "",
                row.age_band or "",
                int(row.synthetic),
                *[row.allocation[i] for i in ids],
                row.comment or "",
            ]
            for row in services().store.budgets_for(project.id)
            if include_synthetic or not row.synthetic
        ]
        return header, rows
    data = compute("budget", project, Filters(synthetic=include_synthetic))
    header = [
        "line",
        "kind",
        "plan",
        "n",
        "synthetic_in_n",
        "synthetic_left_out",
        "mean",
        "median",
        "p25",
        "p75",
        "raised",
        "lowered",
        "unchanged",
        "mean_ci_low",
        "mean_ci_high",
        "independent_markets",
        "welfare",
    ]
    if data.get("suppressed"):
        return header, []
    rows = []
    for line in project.lines:
        stats = data["lines"][line.id]
        rows.append(
            [
                line.id,
                line.kind,
                line.plan,
                data["n"],
                data["synthetic"],
                data["synthetic_excluded"],
                stats["mean"],
                stats["median"],
                stats["p25"],
                stats["p75"],
                stats["raised"],
                stats["lowered"],
                stats["unchanged"],
                stats["mean_ci"][0],
                stats["mean_ci"][1],
                data["aggregates"].get("independent_markets", {}).get(line.id, ""),
                data["aggregates"].get("welfare", {}).get(line.id, ""),
            ]
        )
    return header, rows


def _cell(value: Any) -> Any:
    """Spreadsheet programs run text that starts with = + - @ as a formula: a
    resident's comment must stay text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _export(project_id: str, fmt: str) -> Response:
    project = services().catalog.find("budget", project_id)
    if project is None:
        return error(404, "not_found", "error.project_not_found")
    content = request.args.get("content", "aggregates")
    contents = ("aggregates", "submissions") + (
        ("reactions",) if project.reactions else ()
    )
    if content not in contents:
        return error(400, "invalid_filter", "error.bad_filter", "content")
    account = auth.current_account()
    if content != "aggregates" and not (account and account.is_admin):
        return error(403, "forbidden", "auth.forbidden")
    dialect = request.args.get("dialect", exports.DEFAULT_DIALECT)
    if fmt == "csv" and dialect not in exports.DIALECTS:
        return error(400, "invalid_filter", "error.bad_filter", "dialect")
    header, rows = export_tables(project, content, request.args.get("synthetic") == "1")
    name = f"{project.id}-{content}.{fmt}"
    if fmt == "csv" and dialect != exports.DEFAULT_DIALECT:
        name = f"{project.id}-{content}-{dialect}.{fmt}"
    if fmt == "csv":
        body = exports.write_csv(
            header,
            [[_cell(v) for v in row] for row in rows],
            dialect,
            SHARE_COLUMNS,
        )
        # The charset goes in as a whole header: given as a mimetype, Flask would
        # add its own charset to the one written here.
        content_type = "text/csv; charset=utf-8"
    else:
        body = exports.write_xlsx(
            header, [[_cell(v) for v in row] for row in rows], content
        )
        content_type = exports.XLSX_TYPE
    response = Response(body, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@api.get("/projects/<project_id>/export.csv")
@auth.api_login_required()
def export_csv(project_id: str) -> Response:
    return _export(project_id, "csv")


@api.get("/projects/<project_id>/export.xlsx")
@auth.api_login_required()
def export_xlsx(project_id: str) -> Response:
    return _export(project_id, "xlsx")

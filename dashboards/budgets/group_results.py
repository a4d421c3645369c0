"""Opinion groups of a budget trajectory, computed in the background per data version
and served from the shared cache, so no request waits for k-means.

A request asks `latest(project)`: it gets the last computed groups (perhaps for an
earlier data version: the page says when they were computed and on how many
ballots) and, when ballots changed since, a background thread of this worker
recomputes them from the worker's tally. One recount runs at a time per trajectory
across workers (a lock in the shared cache), and at most one every
`REST_SECONDS`, so a trajectory that receives a ballot every second is not grouped
continuously. Group ids stay: each run matches its groups to the previous run's.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from flask import current_app

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.budgets.service import budget_tally
from dashboards.kernel.service import cache
from dashboards.stats import groups

# A recount waits this long after the previous one finished.
REST_SECONDS = 60
# A recount that has not finished after this long is assumed dead (its worker
# stopped) and another may start.
BUSY_SECONDS = 600
# Centres of groups that disappeared, kept for matching.
RETIRED = 24
# Kept results never expire on their own: a newer run replaces them.
FOREVER = 0


def _key(project_id: str) -> str:
    return f"groups:{project_id}"


def _version(project: BudgetProject) -> list:
    """What the groups were computed from: ballots, newest change, largest id."""
    with budget_tally(project) as tally:
        last_id = int(tally.ids[: tally.n].max()) if tally.n else 0
        stamp = tally.watermark.isoformat() if tally.watermark else None
        return [tally.n, stamp, last_id]


def compute(project: BudgetProject, previous: dict | None = None) -> dict[str, Any]:
    """Groups for every ballot of the trajectory now (takes seconds at a million
    ballots; call it from the background or the CLI). Result: the pure
    `groups.budget_groups` data plus "computed_at" (UTC ISO time) and "version";
    with fewer than two ballots, no groups and every ballot unassigned."""
    settings = services().settings
    # Groups that disappeared keep their centres (the latest `RETIRED` of them):
    # should such a group come back, it gets its old id and colour again, and no
    # id is ever given to a different group.
    known = {
        **(previous or {}).get("retired", {}),
        **(previous or {}).get("centres", {}),
    }
    with budget_tally(project) as tally:
        amounts, districts, ages = tally.ballots()
        # Groups describe every ballot, synthetic ones too (the seeded demo plants
        # its kinds of residents); the page states how many of them are synthetic.
        synthetic = int(tally.cell_count[tally.cell_synthetic].sum())
        last_id = int(tally.ids[: tally.n].max()) if tally.n else 0
        stamp = tally.watermark.isoformat() if tally.watermark else None
    version = [len(amounts), stamp, last_id]
    try:
        found = groups.project_groups(
            project,
            amounts,
            settings.min_group_size,
            districts=districts,
            age_bands=ages,
            previous=known,
        )
    except ValueError:
        found = {
            "n": len(amounts),
            "unassigned": len(amounts),
            "k": 0,
            "silhouette": None,
            "fitted": 0,
            "groups": [],
            "agreement": [],
            "centres": {},
            "map": {"x_line": None, "y_line": None, "bins": []},
        }
    gone = [gid for gid in known if gid not in found["centres"]]
    found["retired"] = {gid: known[gid] for gid in sorted(gone)[-RETIRED:]}
    found["synthetic"] = synthetic
    found["computed_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    found["version"] = version
    return found


def refresh(project: BudgetProject) -> dict[str, Any]:
    """Compute the groups now, matched to the kept ones, and keep them."""
    found = compute(project, cache.get(_key(project.id)))
    cache.set(_key(project.id), found, timeout=FOREVER)
    return found


def latest(project: BudgetProject) -> tuple[dict[str, Any] | None, bool]:
    """The last computed groups (None before the first run ends) and whether they
    cover every ballot now stored; when not, a background recount starts unless
    one is running or one ended less than `REST_SECONDS` ago."""
    kept = cache.get(_key(project.id))
    if kept is not None and kept.get("version") == _version(project):
        return kept, True
    if cache.get(f"groups-rest:{project.id}") is None and cache.add(
        f"groups-busy:{project.id}", 1, timeout=BUSY_SECONDS
    ):
        app = current_app._get_current_object()
        threading.Thread(
            target=_run, args=(app, project), name="opinion-groups", daemon=True
        ).start()
    return kept, False


def _run(app: Any, project: BudgetProject) -> None:
    with app.app_context():
        try:
            refresh(project)
        finally:
            cache.set(f"groups-rest:{project.id}", 1, timeout=REST_SECONDS)
            cache.delete(f"groups-busy:{project.id}")


def public(found: dict[str, Any] | None, labels: dict[int, str]) -> dict[str, Any]:
    """The API's answer: {"computed_at", "n", "unassigned", "groups": [{id, label,
    size, centre: {line_id: euros}, raises, lowers}], "agreement"}; before the
    first run, computed_at is None and there are no groups."""
    if found is None:
        return {
            "computed_at": None,
            "n": 0,
            "unassigned": 0,
            "groups": [],
            "agreement": [],
        }
    return {
        "computed_at": found["computed_at"],
        "n": found["n"],
        "unassigned": found["unassigned"],
        "groups": [
            {
                "id": g["id"],
                "label": labels[g["id"]],
                "size": g["size"],
                "centre": g["centre"],
                "raises": g["raises"],
                "lowers": g["lowers"],
            }
            for g in found["groups"]
        ],
        "agreement": found["agreement"],
    }


def line_names(project: BudgetProject, lang: str) -> dict[str, str]:
    return {line.id: line.label.get(lang) for line in project.lines}


def labels(
    found: dict[str, Any] | None, project: BudgetProject, lang: str
) -> dict[int, str]:
    """Group id -> its name in `lang` ("Bomen eerst"), for a result or its
    `slide_data`."""
    if not found:
        return {}
    texts = {
        "first": i18n.template("db.groups_name_first", lang),
        "less": i18n.template("db.groups_name_less", lang),
        "plan": i18n.template("db.groups_name_plan", lang),
    }
    return groups.group_labels(found["groups"], line_names(project, lang), texts)


def slide_data(found: dict[str, Any] | None) -> dict[str, Any] | None:
    """What the presentation's groups slide shows, as plain data (so a frozen
    snapshot keeps it): computed_at, n, k, and per group id, size, raises, lowers
    and change per line (share of plan)."""
    if found is None:
        return None
    return {
        "computed_at": found["computed_at"],
        "n": found["n"],
        "k": found["k"],
        "groups": [
            {key: g[key] for key in ("id", "size", "raises", "lowers", "change")}
            for g in found["groups"]
        ],
    }

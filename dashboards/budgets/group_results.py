"""Opinion groups of a budget trajectory, computed in the background per data version
(`dashboards.kernel.recount`: one run at a time, ids kept by matching) from the
worker's tally, and served from the shared cache, so no request waits for k-means.
"""

from __future__ import annotations

from typing import Any

from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from dashboards.budgets.service import budget_tally
from dashboards.kernel.recount import Recount, answer
from dashboards.stats import groups


def _version(project: BudgetProject) -> list:
    """What the groups were computed from: ballots, newest change, largest id."""
    with budget_tally(project) as tally:
        last_id = int(tally.ids[: tally.n].max()) if tally.n else 0
        stamp = tally.watermark.isoformat() if tally.watermark else None
        return [tally.n, stamp, last_id]


def _group(project: BudgetProject, known: dict) -> tuple[dict[str, Any], list]:
    """`groups.project_groups` over every ballot now, ids matched to `known`;
    with fewer than two ballots, no groups and every ballot unassigned."""
    settings = services().settings
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
    found["synthetic"] = synthetic
    return found, version


RECOUNT = Recount(prefix="groups", version=_version, group=_group)


# compute(project, previous=None): every ballot grouped now (seconds at a million
# ballots), the pure `groups.budget_groups` data plus "synthetic", "retired",
# "computed_at" and "version"; refresh(project): the same, kept in the cache;
# latest(project): (kept groups or None, whether they cover every ballot).
compute, refresh, latest = RECOUNT.compute, RECOUNT.refresh, RECOUNT.latest


def public(found: dict[str, Any] | None, labels: dict[int, str]) -> dict[str, Any]:
    """The API's answer: {"computed_at", "n", "unassigned", "groups": [{id, label,
    size, centre: {line_id: euros}, raises, lowers}], "agreement"}; before the
    first run, computed_at is None and there are no groups."""
    return answer(
        found,
        labels,
        lambda g: {key: g[key] for key in ("centre", "raises", "lowers")},
        ("agreement",),
    )


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

"""Nothing confirmed is ever lost: SIGKILL the server under load, several times."""

from __future__ import annotations

from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.kinds import load_catalog
from budgetschuiver.store import Store
from dashboards.budgets.results import budget_matrix
from dashboards.stats import aggregate
from tests.integration.durability_harness import hammer


def test_dur001_confirmed_submissions_survive_sigkill(tmp_path):
    url = f"sqlite:///{tmp_path / 'durable.db'}"
    outcome = hammer(url, tmp_path / "instance", rounds=3, seconds=2.0, threads=6)
    assert outcome.kills == 3
    assert len(outcome.confirmed) > 50, outcome  # the load was real
    store = Store(url, "durability-test-secret-" + "x" * 20)
    assert store.integrity_ok()
    rows = store.budgets_for("park-zuiderpark")
    ids = [row.id for row in rows]
    assert len(ids) == len(set(ids))
    for token, public_id in outcome.confirmed.items():
        found = store.find_budget("park-zuiderpark", token)
        assert found is not None and found.id == public_id, token  # present, once
    # The counts the dashboard shows equal a recount of the raw rows.
    project = load_catalog(REPO_ROOT / "data").find("budget", "park-zuiderpark")
    matrix = budget_matrix(project, rows)
    assert matrix.shape[0] == store.count_budgets("park-zuiderpark")
    stats = aggregate.line_stats(matrix[:, 0], project.lines[0].plan)
    assert stats.n == len(rows)
    store.dispose()

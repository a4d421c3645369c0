"""How long a start takes to review stored ballots against a changed definition.

Seeds N synthetic budgets for the park demo in a temporary SQLite database, then
times `definitions.review_all` (what every app start runs) three times: with the
definition unchanged, after lowering one line's maximum (first start), and again
(a later start, where the ballots of the older version are read once more).

    .venv/bin/python -m bench.definition_review 100000
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from budgetschuiver.kernel import definitions
from budgetschuiver.kernel.context import Services
from budgetschuiver.kernel.settings import REPO_ROOT, Settings
from budgetschuiver.kinds import load_catalog
from budgetschuiver.store import Store

PARK = "park-zuiderpark"


def review(settings: Settings, label: str) -> None:
    catalog = load_catalog(settings.data_dir)
    store = Store(settings.database_url, settings.secret_key)
    known = Services(settings, catalog, store)
    started = time.perf_counter()
    reports = definitions.review_all(store, catalog, known.item, write=True)
    took = time.perf_counter() - started
    park = next(r for r in reports if r.item_id == PARK)
    print(
        f"{label}: {took * 1000:.0f} ms "
        f"(earlier version {park.earlier}, no longer fitting {park.outdated})"
    )
    store.dispose()


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(REPO_ROOT / "data", data)
        settings = Settings(
            database_url=f"sqlite:///{folder}/review.db",
            secret_key="bench-secret-" + "x" * 30,
            data_dir=str(data),
            instance_dir=folder,
        )
        env = os.environ | {
            "BUDGETSCHUIVER_DATABASE_URL": settings.database_url,
            "BUDGETSCHUIVER_DATA_DIR": str(data),
            "BUDGETSCHUIVER_SECRET_KEY": settings.secret_key,
            "BUDGETSCHUIVER_INSTANCE_DIR": folder,
        }
        subprocess.run(
            [sys.executable, "-m", "budgetschuiver", "seed", "--project", PARK]
            + ["--submissions", str(count)],
            env=env,
            check=True,
            capture_output=True,
            cwd=REPO_ROOT,
        )
        review(settings, "unchanged definition")
        path = data / "projects" / f"{PARK}.yaml"
        park = yaml.safe_load(path.read_text())
        park["lines"][0]["max"] = 600000
        path.write_text(yaml.safe_dump(park, allow_unicode=True, sort_keys=False))
        review(settings, "one maximum lowered, first start")
        review(settings, "one maximum lowered, next start")
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)

"""The loop back's pages on a large budget trajectory, in process: the public
results API, the preview picture (drawn, and from the shared cache), the Atom feed
and the participation report PDF.

    .venv/bin/python bench/loopback.py [--budgets 100000] [--repeat 10]

Seeds `--budgets` resident-like budgets (seed_budgets with synthetic=False) into a
closed copy of park-zuiderpark on a fresh SQLite file, then times each request
through Flask's test client (no network); "cold" clears the shared cache first so
the results and the picture are computed again (the tally stays loaded, as in a
running worker). Prints one JSON line with medians and maxima in ms and the load
average; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from budgetschuiver.kernel.context import EXTENSION
from budgetschuiver.kernel.settings import REPO_ROOT, Settings
from budgetschuiver.seeding import seed_budgets  # noqa: E402
from dashboards.kernel import auth
from dashboards.kernel.service import cache
from tests.conftest import write_variant  # noqa: E402

PROJECT = "park-bench"
PASSWORD = "bench password for the loop back"


def _times(client, url, repeat, cold, headers=None) -> dict[str, float]:
    found = []
    for _ in range(repeat):
        if cold:
            with client.application.app_context():
                cache.clear()
        start = time.perf_counter()
        answer = client.get(url, headers=headers or {})
        found.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    return {
        "median_ms": round(statistics.median(found), 1),
        "max_ms": round(max(found), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budgets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    data = folder / "data"
    shutil.copytree(REPO_ROOT / "data", data)
    write_variant(
        data, "park-zuiderpark.yaml", PROJECT, opens="2020-01-01", closes="2020-12-31"
    )
    settings = Settings(
        database_url=f"sqlite:///{folder / 'bench.db'}",
        secret_key="bench-secret-key-0123456789abcdef0123456789",
        instance_dir=str(folder / "instance"),
        data_dir=str(data),
    )
    app = create_app(settings)
    services = app.server.extensions[EXTENSION]
    start = time.perf_counter()
    seed_budgets(
        services.catalog.find("budget", PROJECT),
        services.store,
        data,
        args.budgets,
        synthetic=False,
    )
    seeded = time.perf_counter() - start
    with app.server.app_context():
        auth.create_user("adviseur", PASSWORD, "advisor")
    basic = {"Authorization": auth.basic_header("adviseur", PASSWORD)}
    client = app.server.test_client()
    first = time.perf_counter()
    client.get(f"/api/v1/projects/{PROJECT}/public-results")
    loaded = (time.perf_counter() - first) * 1000
    api = f"/api/v1/projects/{PROJECT}/public-results"
    picture = f"/resultaten/{PROJECT}/preview.png"
    report = f"/dashboard/verslag/{PROJECT}.pdf"
    result = {
        "budgets": args.budgets,
        "seed_s": round(seeded, 1),
        "first_public_results_ms": round(loaded, 1),
        "public_results_cold": _times(client, api, args.repeat, True),
        "public_results_warm": _times(client, api, args.repeat, False),
        "preview_cold": _times(client, picture, args.repeat, True),
        "preview_warm": _times(client, picture, args.repeat, False),
        "feed": _times(client, "/feed.atom", args.repeat, False),
        "report_pdf": _times(client, report, max(3, args.repeat // 3), True, basic),
        "load_average": os.getloadavg(),
    }
    print(json.dumps(result))
    services.store.dispose()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()

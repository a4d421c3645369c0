"""Dashboard results at 10k, 100k and 1M budgets: a fresh worker's first results,
filter changes when warm, a new ballot reflected, and one worker's memory.

    .venv/bin/python bench/dashboard.py [--sizes 10000 100000 1000000]
        [--project begroting-2027] [--database-url URL]   # default: SQLite files

For each size: seed N synthetic budgets (`python -m budgetschuiver seed`, which
also saves the counted tally), then in a fresh Python process that builds the app
as a gunicorn worker would:
- cold: from nothing in memory to the first results (load saved tally, read the
  ballots changed since, compute); also from the process's start, which adds
  importing and building the app;
- warm: twelve different filters, each computed without any cache (server time of
  `dashboards.kernel.service._compute`, which the results API and the pages call);
- pattern: the small-group suppression pattern made afresh (`protection.protect`
  on the trajectory's table; done once per change of the data);
- reflected: a resident's budget is stored, then the next results include it:
  the time of that refresh and recomputation (including a new pattern);
- memory: the process's resident set size (VmRSS, and the peak VmHWM) with the
  trajectory loaded.
Prints one JSON line per size; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _memory() -> dict[str, float]:
    found = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":")
                found[key] = round(int(value.split()[0]) / 1024, 1)
    return found


def worker(project_id: str) -> dict:
    """Runs inside the fresh process: the measurements for one database."""
    import datetime as dt
    import statistics

    begun = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from dashboards.budgets import service as budget_service
    from dashboards.kernel import service
    from dashboards.kernel.filters import Filters as Plain

    # The seeded budgets are synthetic, which the dashboard leaves out unless
    # asked: count them here, standing in for a trajectory of residents.
    def Filters(**chosen):  # noqa: N802
        return Plain(synthetic=True, **chosen)

    app = create_app()
    services = app.server.extensions[EXTENSION]
    project = services.catalog.find("budget", project_id)
    today = dt.date.today()
    filters = [
        Filters(district="escamp"),
        Filters(age_band="30-44"),
        Filters(weighted=True),
        Filters(district="laak", age_band="18-29"),
        Filters(since=today - dt.timedelta(days=7)),
        Filters(
            since=today - dt.timedelta(days=20), until=today - dt.timedelta(days=3)
        ),
        Filters(district="centrum", weighted=True),
        Filters(age_band="65-74", since=today - dt.timedelta(days=14)),
        Filters(since=today - dt.timedelta(days=10), weighted=True),
        Filters(district="segbroek", until=today - dt.timedelta(days=2)),
        Filters(age_band="45-64", weighted=True),
        Filters(),
    ]
    with app.server.app_context():
        started = time.perf_counter()
        first = service._compute("budget", project, Filters())
        cold = time.perf_counter() - started
        from_start = time.perf_counter() - begun
        after_load = _memory()
        warm = []
        for chosen in filters:
            started = time.perf_counter()
            service._compute("budget", project, chosen)
            warm.append(time.perf_counter() - started)
        # The suppression pattern alone, made afresh (once per data change).
        with budget_service.budget_tally(project) as tally:
            started = time.perf_counter()
            tally._protected.clear()
            tally.protected(
                services.settings.dashboard_period,
                services.settings.min_group_size,
                synthetic=True,
            )
            pattern = time.perf_counter() - started
        plan = project.plan_allocation()
        token = f"bench-resident-{time.time_ns()}"
        services.store.submit_budget(project.id, plan, token)
        started = time.perf_counter()
        now = service._compute("budget", project, Filters())
        reflected = time.perf_counter() - started
        assert now["n"] == first["n"] + 1, (now["n"], first["n"])
    return {
        "n": first["n"],
        "cold_s": round(cold, 3),
        "start_to_results_s": round(from_start, 3),
        "warm_median_ms": round(statistics.median(warm) * 1e3, 1),
        "warm_max_ms": round(max(warm) * 1e3, 1),
        "warm_ms": [round(w * 1e3, 1) for w in warm],
        "reflected_ms": round(reflected * 1e3, 1),
        "pattern_ms": round(pattern * 1e3, 1),
        "rss_mb": after_load.get("VmRSS"),
        "rss_peak_mb": _memory().get("VmHWM"),
    }


def _env(url: str) -> dict[str, str]:
    return os.environ | {
        "BUDGETSCHUIVER_DATABASE_URL": url,
        "BUDGETSCHUIVER_SECRET_KEY": "bench-secret-" + "x" * 30,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
    }


def _reset_postgres(url: str) -> None:
    sys.path.insert(0, str(ROOT))
    from budgetschuiver.store import Store, metadata

    store = Store(url, "x" * 40)
    metadata.drop_all(store.engine)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    store.dispose()


def run(size: int, project: str, url: str | None, folder: str) -> dict:
    if url is None:
        url = f"sqlite:///{folder}/dashboard-{size}.db"
    else:
        _reset_postgres(url)
    env = _env(url)
    python = [sys.executable, "-m", "budgetschuiver"]
    subprocess.run([*python, "init-db"], env=env, cwd=ROOT, check=True)
    started = time.perf_counter()
    subprocess.run(
        [*python, "seed", "--project", project, "--submissions", str(size)],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seeded = time.perf_counter() - started
    measured = subprocess.run(
        [sys.executable, __file__, "--worker", project],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    result = json.loads(measured.stdout.strip().splitlines()[-1])
    result["database"] = url.split(":")[0]
    result["seed_and_tally_s"] = round(seeded, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000]
    )
    parser.add_argument("--project", default="begroting-2027")
    parser.add_argument("--database-url")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker)))
        return
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            print(
                json.dumps(run(size, args.project, args.database_url, folder)),
                flush=True,
            )


if __name__ == "__main__":
    main()

"""Opinion groups at scale: budget archetypes at 1,000,000 budgets x 15 lines and
idea groups at 100,000 raters x 2,000 ideas.

    .venv/bin/python bench/groups.py [--budgets 1000000] [--raters 100000]
        [--ideas 2000] [--skip-budgets] [--skip-ideas]

Budgets: seeds N synthetic budgets of `begroting-2027` (15 lines) into a fresh
SQLite file (`python -m budgetschuiver seed`, which saves the counted tally), then
in a fresh process that builds the app as a gunicorn worker would:
- background: the time of one recount (`group_results.refresh`, what the
  background thread runs: copy the ballots out of the tally, cluster, describe),
  and the process's memory (VmRSS and peak VmHWM) after it;
- subsample stability: the groups fitted on two other subsamples of 20,000
  (seeds 1 and 2) against the kept ones, as the adjusted Rand index over all
  ballots;
- answer: the server time of the dashboard section's callback (`latest` and
  building the section) and of the API's body, from the computed result, median
  and slowest of 20.
Ideas: a synthetic rating matrix (4 planted groups, 80% of ratings missing), the
pure `groups.idea_groups` alone, and its memory.
Prints one JSON line per part, with the load average; results go in
bench/README.md.
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
sys.path.insert(0, str(ROOT))

from bench.dashboard import _memory  # noqa: E402 -- needs ROOT on the path

PROJECT = "begroting-2027"


def budget_worker() -> dict:
    """Runs inside the fresh process, against BUDGETSCHUIVER_DATABASE_URL."""
    import statistics

    import numpy as np
    from sklearn.metrics import adjusted_rand_score

    sys.path.insert(0, str(ROOT))
    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from dashboards.budgets import group_results, groups_section
    from dashboards.budgets import service as budget_service
    from dashboards.stats import groups

    app = create_app()
    services = app.server.extensions[EXTENSION]
    project = services.catalog.find("budget", PROJECT)
    out: dict = {"part": "budgets"}
    with app.server.test_request_context():
        with budget_service.budget_tally(project) as tally:
            out["n"] = tally.n
        out["memory_before_mb"] = _memory()
        begun = time.perf_counter()
        found = group_results.refresh(project)
        out["background_s"] = round(time.perf_counter() - begun, 2)
        out["memory_after_mb"] = _memory()
        out["k"] = found["k"]
        out["silhouette"] = round(found["silhouette"], 3)
        out["sizes"] = [g["size"] for g in found["groups"]]
        out["unassigned"] = found["unassigned"]
        out["fitted"] = found["fitted"]

        with budget_service.budget_tally(project) as tally:
            amounts, _districts, _ages = tally.ballots()
        lines = project.lines
        features, _ = groups.budget_features(
            amounts,
            np.array([ln.plan for ln in lines], float),
            np.array([ln.min for ln in lines], float),
            np.array([ln.top for ln in lines], float),
        )

        def labels_of(result, features=features):
            ids = sorted(result["centres"])
            centres = np.array([result["centres"][i] for i in ids])
            return groups._assign(features, centres)

        kept = labels_of(found)
        out["subsample_ari"] = []
        for seed in (1, 2):
            other = groups.project_groups(
                project, amounts, services.settings.min_group_size, seed=seed
            )
            out["subsample_ari"].append(
                round(float(adjusted_rand_score(kept, labels_of(other))), 4)
            )

        section, api = [], []
        for _ in range(20):
            begun = time.perf_counter()
            latest, fresh = group_results.latest(project)
            groups_section.content(project, latest, fresh, "nl")
            section.append((time.perf_counter() - begun) * 1000)
            begun = time.perf_counter()
            latest, _fresh = group_results.latest(project)
            labels = group_results.labels(latest, project, "nl")
            json.dumps(group_results.public(latest, labels))
            api.append((time.perf_counter() - begun) * 1000)
        out["section_ms"] = {
            "median": round(statistics.median(section), 2),
            "max": round(max(section), 2),
        }
        out["api_ms"] = {
            "median": round(statistics.median(api), 2),
            "max": round(max(api), 2),
        }
    return out


def ideas(raters: int, ideas_count: int) -> dict:
    import numpy as np
    from sklearn.metrics import adjusted_rand_score

    sys.path.insert(0, str(ROOT))
    from dashboards.stats import groups

    rng = np.random.default_rng(1)
    truth = rng.integers(0, 4, raters)
    view = rng.choice([-1, 0, 1], size=(4, ideas_count), p=[0.4, 0.2, 0.4])
    ratings = np.empty((raters, ideas_count), dtype=np.int8)
    for start in range(0, raters, 10_000):
        part = slice(start, start + 10_000)
        n = len(truth[part])
        follow = rng.random((n, ideas_count)) < 0.8
        noise = rng.integers(-1, 2, (n, ideas_count), dtype=np.int8)
        block = np.where(follow, view[truth[part]], noise).astype(np.int8)
        block[rng.random((n, ideas_count)) < 0.8] = groups.MISSING
        ratings[part] = block
    ids = [f"idea{j}" for j in range(ideas_count)]
    before = _memory()
    begun = time.perf_counter()
    found = groups.idea_groups(ratings, ids, 10)
    seconds = time.perf_counter() - begun
    xy = groups.idea_map(ratings, components=groups.IDEA_COMPONENTS)
    keys = sorted(found["centres"])
    centres = np.array([found["centres"][i] for i in keys])
    ari = adjusted_rand_score(truth, groups._assign(xy, centres))
    return {
        "part": "ideas",
        "raters": raters,
        "ideas": ideas_count,
        "seconds": round(seconds, 2),
        "k": found["k"],
        "sizes": [g["size"] for g in found["groups"]],
        "planted_ari": round(float(ari), 4),
        "memory_before_mb": before,
        "memory_after_mb": _memory(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budgets", type=int, default=1_000_000)
    parser.add_argument("--raters", type=int, default=100_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--skip-budgets", action="store_true")
    parser.add_argument("--skip-ideas", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(budget_worker()))
        return
    if not args.skip_budgets:
        with tempfile.TemporaryDirectory() as folder:
            env = dict(
                os.environ,
                BUDGETSCHUIVER_DATABASE_URL=f"sqlite:///{folder}/bench.db",
                BUDGETSCHUIVER_INSTANCE_DIR=folder,
                BUDGETSCHUIVER_RATE_LIMITS_ENABLED="0",
            )
            python = sys.executable
            subprocess.run(
                [python, "-m", "budgetschuiver", "init-db"], env=env, check=True
            )
            begun = time.perf_counter()
            subprocess.run(
                [
                    python,
                    "-m",
                    "budgetschuiver",
                    "seed",
                    "--project",
                    PROJECT,
                    "--submissions",
                    str(args.budgets),
                ],
                env=env,
                check=True,
                cwd=ROOT,
            )
            seeded = round(time.perf_counter() - begun, 1)
            done = subprocess.run(
                [python, __file__, "--worker"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
            result.update(seed_s=seeded, load=os.getloadavg())
            print(json.dumps(result), flush=True)
    if not args.skip_ideas:
        result = ideas(args.raters, args.ideas)
        result["load"] = os.getloadavg()
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

"""Idea groups from the store: the parts of one background recount of an idea
round's groups at 100,000 raters x 2,000 ideas (about 2,000,000 ratings), and
the data-version check every dashboard request makes.

    .venv/bin/python bench/idea_groups_store.py [--ratings 2000000] [--ideas 2000]

Seeds a fresh SQLite file with `Store.seed_round` (raters = ratings / 20), marks
the ratings as residents' (the groups leave synthetic ones out), then times
`rating_version` (per request), `resident_ratings` (read), `groups.rating_matrix`
(build) and `groups.idea_groups` (cluster). Prints one JSON line with the load
average; results go in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from sqlalchemy import update

    from budgetschuiver.ideas.store import idea_ratings
    from budgetschuiver.store import Store
    from dashboards.stats import groups

    parser = argparse.ArgumentParser()
    parser.add_argument("--ratings", type=int, default=2_000_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    store = Store(f"sqlite:///{folder}/bench.db", "bench-secret-" + "x" * 20)
    store.init_db()
    times: dict[str, float] = {}
    start = time.perf_counter()
    seeded = store.seed_round("bench", args.ideas, args.ratings, 0)
    times["seed_s"] = time.perf_counter() - start
    with store.engine.begin() as conn:
        conn.execute(update(idea_ratings).values(synthetic=False))
    start = time.perf_counter()
    store.rating_version("bench")
    times["version_ms"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    idea_ids, rows = store.resident_ratings("bench")
    times["read_s"] = time.perf_counter() - start
    start = time.perf_counter()
    matrix = groups.rating_matrix(rows, idea_ids)
    times["matrix_s"] = time.perf_counter() - start
    start = time.perf_counter()
    found = groups.idea_groups(matrix, idea_ids, 10)
    times["groups_s"] = time.perf_counter() - start
    print(
        json.dumps(
            {
                "ratings": seeded["ratings"],
                "raters": int(matrix.shape[0]),
                "ideas": int(matrix.shape[1]),
                "k": found["k"],
                "shown": len(found["groups"]),
                **{key: round(value, 1) for key, value in times.items()},
                "load": os.getloadavg(),
            }
        )
    )


if __name__ == "__main__":
    main()

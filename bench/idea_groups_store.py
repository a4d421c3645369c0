"""Idea groups from the store: the parts of one background recount of an idea
round's groups at 100,000 raters x 2,000 ideas (about 2,000,000 ratings), and
the data-version check every dashboard request makes.

    .venv/bin/python bench/idea_groups_store.py [--ratings 2000000] [--ideas 2000]
        [--answers]

Seeds a fresh SQLite file with `Store.seed_round` (raters = ratings / 20), marks
the ratings as residents' (the groups leave synthetic ones out), then times
`rating_version` (per request), `resident_ratings` (read), `groups.rating_matrix`
(build) and `groups.idea_groups` (cluster). With `--answers`, the ratings go into
the demo round `brieven-beter` and an app built like a gunicorn worker then runs
one background recount (`group_results.refresh`) and times, 20 times each, what a
dashboard request costs from the computed result: the section's callback body
(the kept groups, the ideas' titles, the section) and the API's body serialised
to JSON. Prints one JSON line with the load average; results go in
bench/README.md.
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
    parser.add_argument("--answers", action="store_true")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{folder}/bench.db"
    store = Store(url, "bench-secret-" + "x" * 20)
    store.init_db()
    round_id = ROUND if args.answers else "bench"
    times: dict[str, float] = {}
    start = time.perf_counter()
    seeded = store.seed_round(round_id, args.ideas, args.ratings, 0)
    times["seed_s"] = time.perf_counter() - start
    with store.engine.begin() as conn:
        conn.execute(update(idea_ratings).values(synthetic=False))
    start = time.perf_counter()
    store.rating_version(round_id)
    times["version_ms"] = (time.perf_counter() - start) * 1000
    if args.answers:
        store.dispose()
        print(json.dumps({"ratings": seeded["ratings"], **answers(url, folder)}))
        return
    start = time.perf_counter()
    idea_ids, rows = store.resident_ratings(round_id)
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


ROUND = "brieven-beter"


def answers(url: str, folder: str) -> dict:
    """One background recount in an app on the seeded file, then the server time
    of 20 dashboard answers from the computed result (ms: median and slowest)."""
    import dataclasses
    import statistics

    from app import create_app
    from budgetschuiver.kernel.context import EXTENSION
    from budgetschuiver.kernel.settings import Settings
    from dashboards.ideas import group_results, groups_section

    settings = dataclasses.replace(
        Settings(), database_url=url, instance_dir=folder, secret_key="b" * 40
    )
    app = create_app(settings)
    known = app.server.extensions[EXTENSION]
    round_ = known.catalog.find("ideas", ROUND)
    out: dict = {}
    with app.server.test_request_context():
        begun = time.perf_counter()
        found = group_results.refresh(round_)
        out["background_s"] = round(time.perf_counter() - begun, 1)
        out["k"], out["shown"] = found["k"], len(found["groups"])
        section, api = [], []
        for _ in range(20):
            begun = time.perf_counter()
            latest, fresh = group_results.latest(round_)
            keys = known.store.idea_keys(round_.id)
            rows = known.store.ideas_by_rows([key.row_id for key in keys])
            titles = {idea.id: idea.title for idea in rows}
            groups_section.content(round_, latest, fresh, titles, "nl")
            section.append((time.perf_counter() - begun) * 1000)
            begun = time.perf_counter()
            latest, _fresh = group_results.latest(round_)
            labels = group_results.labels(latest, "nl")
            json.dumps(group_results.public(latest, labels))
            api.append((time.perf_counter() - begun) * 1000)
    for name, times in (("section_ms", section), ("api_ms", api)):
        out[name] = {
            "median": round(statistics.median(times), 2),
            "max": round(max(times), 2),
        }
    out["load"] = os.getloadavg()
    return out


if __name__ == "__main__":
    main()

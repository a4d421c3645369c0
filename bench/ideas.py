"""Idea rounds at scale: seed a round of 20,000 ideas, 1,000,000 ratings and
200,000 reactions, then time what a visitor and the dashboard ask, warm.

    .venv/bin/python -m bench.ideas [--ideas 20000] [--ratings 1000000]
        [--reactions 200000] [--database-url URL] [--repeat 20]

Seeds with `Store.seed_round` (synthetic, bulk), builds the app in this process
and times, through Flask's test client (server time, no network): the first page of
the list in each order (`random` with a new seed each call, `new`, `top`), page 10
of the random order, one idea with its reactions, and the results API (ranking and
position audit, synthetic ratings counted; signed in with a session cookie, as the
dashboard is). Each after one warm-up call; median and
slowest of `--repeat`. "after a rating": the same request with a new resident's
rating stored (untimed) before each call, so what a process keeps of the round's
counts is stale every time (a live round). Prints one JSON line with the load
average before and after.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetschuiver.kernel.settings import REPO_ROOT, Settings
from dashboards.kernel import auth

ROUND = "bench-ideas"
PASSWORD = "bench password for the ideas dashboard"


def _data_dir(tmp: Path) -> Path:
    """The demo definitions plus a round whose counts everyone sees (so `top`
    is allowed)."""
    folder = tmp / "data"
    shutil.copytree(REPO_ROOT / "data", folder)
    data = yaml.safe_load((folder / "ideas" / "brieven-beter.yaml").read_text())
    data.update(id=ROUND, show_counts="always", demo_ideas=[])
    (folder / "ideas" / f"{ROUND}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True)
    )
    return folder


def _time(client, url: str, repeat: int, headers=None, vary=None, before=None) -> dict:
    client.get(url if vary is None else vary(-1), headers=headers)
    times = []
    for n in range(repeat):
        target = url if vary is None else vary(n)
        if before is not None:
            before()
        start = time.perf_counter()
        response = client.get(target, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (target, response.status_code)
    return {
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--reactions", type=int, default=200_000)
    parser.add_argument("--database-url")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    load_before = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="bench-ideas-"))
    settings = Settings(
        database_url=args.database_url or f"sqlite:///{tmp / 'bench.db'}",
        secret_key="bench-secret-" + "x" * 32,
        instance_dir=str(tmp / "instance"),
        data_dir=str(_data_dir(tmp)),
        rate_limits_enabled=False,
    )
    from app import create_app

    app = create_app(settings)
    store = app.server.extensions["budgetschuiver"].store
    round_ = app.server.extensions["budgetschuiver"].catalog.find("ideas", ROUND)
    start = time.perf_counter()
    seeded = store.seed_round(
        ROUND,
        args.ideas,
        args.ratings,
        args.reactions,
        themes=[theme.id for theme in round_.themes],
    )
    seed_s = time.perf_counter() - start
    with app.server.app_context():
        auth.create_user("bench", PASSWORD, "advisor")
    client = app.server.test_client()
    base = f"/api/v1/idea-rounds/{ROUND}/ideas"
    some_idea = client.get(base + "?order=new").get_json()["ideas"][0]["id"]
    # Signed in as the dashboard is (a session cookie): HTTP Basic would check
    # the password (argon2, about 0.1-0.3 s here) on every request.
    with client.session_transaction() as session:
        session["user"] = "bench"
    rated = store.find_idea(some_idea)
    raters = itertools.count()

    def rate_one() -> None:
        """A resident's new rating (untimed): what the process kept is stale."""
        store.rate_idea(rated, f"bench-rater-{next(raters)}-" + "r" * 16, "support", 1)

    results = f"/api/v1/idea-rounds/{ROUND}/results?synthetic=1"
    timings = {
        "list_random_page1": _time(
            client, base, args.repeat, vary=lambda n: f"{base}?seed=visitor-{n}"
        ),
        "list_random_page10": _time(
            client, base, args.repeat, vary=lambda n: f"{base}?seed=v-{n}&page=10"
        ),
        "list_new_page1": _time(client, base + "?order=new", args.repeat),
        "list_top_page1": _time(client, base + "?order=top", args.repeat),
        "list_top_page1_after_a_rating": _time(
            client, base + "?order=top", args.repeat, before=rate_one
        ),
        "list_search_theme": _time(client, base + "?q=idee 1&theme=taal", args.repeat),
        "one_idea_with_reactions": _time(
            client, f"/api/v1/ideas/{some_idea}", args.repeat
        ),
        "results_ranking_and_audit": _time(client, results, args.repeat),
        "results_after_a_rating": _time(client, results, args.repeat, before=rate_one),
    }
    print(
        json.dumps(
            {
                "database": store.dialect,
                "seeded": seeded,
                "seed_s": round(seed_s, 1),
                "timings": timings,
                "load_before": [round(x, 1) for x in load_before],
                "load_after": [round(x, 1) for x in os.getloadavg()],
            }
        )
    )
    store.dispose()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

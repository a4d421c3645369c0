"""Ratings accepted per second through gunicorn, in a round of 20,000 ideas and
1,000,000 ratings: many distinct browser tokens rate random ideas at random
positions (`POST /api/v1/ideas/<id>/ratings`), then every confirmed rating is
looked for in the database and the counters are checked against a recount.

    .venv/bin/python -m bench.ideas_ratings [--ideas 20000] [--ratings 1000000]
        [--seconds 15] [--rate 320] [--connections 32] [--closed-connections 16]
        [--workers 4] [--database-url URL]   # default: SQLite in a temporary folder

Seeds with `Store.seed_round` (synthetic) in the round of `bench.ideas` (counts
shown always, open for rating), starts gunicorn with `gunicorn.conf.py` (rate limits
off: one machine plays thousands of residents) and drives it with the load
generator of `bench.submissions`: an open loop at `--rate` per second (latency from
the scheduled time) and a closed loop (the most it sustains). Every request is a
new token, so each is a new rating stored with its counters. Prints one JSON line
with the load average; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from bench.ideas import ROUND, _data_dir  # noqa: E402
from bench.submissions import (  # noqa: E402
    SECRET,
    Connection,
    closed_loop,
    open_loop,
    serve,
    wait_until_up,
)
from budgetschuiver.ideas import rules  # noqa: E402
from budgetschuiver.ideas.store import idea_ratings, ideas  # noqa: E402
from budgetschuiver.store import Store  # noqa: E402
from tests.integration.durability_harness import _free_port  # noqa: E402


class RatingConnection(Connection):
    """A keep-alive connection on which each request is a new browser's rating of
    a random idea at a random position."""

    idea_ids: list[str] = []

    def _request(self) -> bytes:
        self.serial += 1
        body = json.dumps(
            {
                "value": random.choice(rules.RATING_VALUES),
                "token": f"{self.label}-{self.serial:09d}",
                "position": random.randint(1, 60),
            }
        ).encode()
        path = f"/api/v1/ideas/{random.choice(self.idea_ids)}/ratings"
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body


def _resident_totals(store: Store) -> dict:
    """Residents' ratings stored, and the same counted by the counters."""
    with store.engine.connect() as conn:
        stored = conn.execute(
            select(func.count()).where(
                idea_ratings.c.round_id == ROUND, idea_ratings.c.synthetic.is_(False)
            )
        ).scalar()
    counts = store.rating_counts(ROUND)
    return {
        "stored": int(stored),
        "counted_per_idea": sum(s + o + n for _i, s, o, n in counts),
        # The audit counts support and oppose only (neutral is not in its n).
        "support_oppose_per_idea": sum(s + o for _i, s, o, _n in counts),
        "support_oppose_by_position": sum(
            s + o for _p, s, o in store.rating_positions(ROUND)
        ),
        "raters": store.count_raters(ROUND),
    }


async def _measure(port: int, label: str, args: argparse.Namespace) -> dict:
    make = RatingConnection
    await wait_until_up(port, label, make)
    await closed_loop(port, f"{label}-warm", 2.0, args.closed_connections, make)
    result = {"load_average_before": [round(x, 1) for x in os.getloadavg()]}
    result["open_loop"] = await open_loop(
        port, label, args.rate, args.seconds, args.connections, make
    )
    result["closed_loop"] = await closed_loop(
        port, label, args.seconds, args.closed_connections, make
    )
    result["load_average_after"] = [round(x, 1) for x in os.getloadavg()]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ideas", type=int, default=20_000)
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rate", type=float, default=320)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--closed-connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-idea-ratings-"))
    url = args.database_url or f"sqlite:///{folder / 'ratings.db'}"
    data = _data_dir(folder)
    store = Store(url, SECRET)
    store.init_db()
    store.seed_round(ROUND, args.ideas, args.ratings, 0)
    with store.engine.connect() as conn:
        RatingConnection.idea_ids = list(
            conn.execute(
                select(ideas.c.public_id).where(ideas.c.round_id == ROUND)
            ).scalars()
        )
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": url,
        "BUDGETSCHUIVER_SECRET_KEY": SECRET,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(folder / "instance"),
        "BUDGETSCHUIVER_DATA_DIR": str(data),
    }
    port = _free_port()
    process = serve("app:server", port, args.workers, env)
    try:
        result = asyncio.run(_measure(port, f"r{time.time_ns():x}", args))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    result |= {
        "database": store.dialect,
        "workers": args.workers,
        "seeded_ideas": args.ideas,
        "confirmed": Connection.confirmed,
        "residents": _resident_totals(store),
    }
    store.dispose()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a filter on the ideas dashboard costs: the round's ratings counted from
the ratings themselves (`Store.rating_tally`, what a district, theme or period
needs, since the counters kept with each rating cannot answer a period) beside
the counters kept with each rating (`idea_overview`, `rating_positions`,
`count_raters`), side by side in one run.

    .venv/bin/python bench/idea_filters.py [--ratings 1000000] [--ideas 2000]
        [--repeat 5]

Seeds a fresh SQLite file with `Store.seed_round` (4 themes, ideas posted over
30 days; its ratings then marked residents'), then times, `--repeat` times each:
the counters, what the page read before it had filters (the counters and
every resident's rating time), the tally of the whole round, of one theme and
of the last 7 days, and `idea_overview` alone (read with every tally). Prints
one JSON line (medians in ms, with the load average); results go in
bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

THEMES = ("taal", "vorm", "digitaal", "contact")


def _median_ms(call, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(runs), 1)


def main() -> None:
    from sqlalchemy import select, update

    from budgetschuiver.ideas.store import idea_ratings
    from budgetschuiver.store import Store

    parser = argparse.ArgumentParser()
    parser.add_argument("--ratings", type=int, default=1_000_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    store = Store(f"sqlite:///{folder}/bench.db", "bench-secret-" + "x" * 20)
    store.init_db()
    seeded = store.seed_round("bench", args.ideas, args.ratings, 0, themes=THEMES)
    # As residents' ratings, as a real round has them (the seeder marks them all
    # synthetic; the page before filters read residents' moments only).
    with store.engine.begin() as conn:
        conn.execute(update(idea_ratings).values(synthetic=False))
    week = dt.datetime.now(dt.UTC) - dt.timedelta(days=7)

    def counters() -> None:
        # The ideas with their counters, the position and rater counters: what
        # the round as a whole reads without counting ratings.
        store.idea_overview("bench")
        store.rating_positions("bench", synthetic=True)
        store.count_raters("bench", synthetic=True)

    def moments() -> list:
        # The page's read for "steun per dag" before it had filters (the store's
        # `rating_moments`, removed since): every resident's rating time.
        stmt = select(idea_ratings.c.created_at, idea_ratings.c.value).where(
            idea_ratings.c.round_id == "bench", idea_ratings.c.synthetic.is_(False)
        )
        with store.engine.connect() as conn:
            return conn.execute(stmt).all()

    found = {
        "ratings": seeded["ratings"],
        "ideas": seeded["ideas"],
        "counters_ms": _median_ms(counters, args.repeat),
        # What the page read before it had filters: the counters and every
        # resident's rating moment (support per day).
        "page_before_ms": _median_ms(lambda: (counters(), moments()), args.repeat),
        "tally_all_ms": _median_ms(lambda: store.rating_tally("bench"), args.repeat),
        "tally_theme_ms": _median_ms(
            lambda: store.rating_tally("bench", theme="taal"), args.repeat
        ),
        "tally_week_ms": _median_ms(
            lambda: store.rating_tally("bench", start=week), args.repeat
        ),
        "overview_ms": _median_ms(lambda: store.idea_overview("bench"), args.repeat),
        "load": [round(x, 2) for x in os.getloadavg()],
        "date": dt.date.today().isoformat(),
    }
    print(json.dumps(found))


if __name__ == "__main__":
    main()

"""Long form of the durability test: many SIGKILLs of a loaded gunicorn server.

    .venv/bin/python bench/durability.py [--rounds 20] [--seconds 6] [--threads 8]
        [--database-url URL]

Prints one JSON line with the outcome; the recorded result is in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from budgetschuiver.store import Store  # noqa: E402
from tests.integration.durability_harness import hammer  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="durability-"))
    url = args.database_url or f"sqlite:///{folder / 'durable.db'}"
    started = time.monotonic()
    outcome = hammer(url, folder / "instance", args.rounds, args.seconds, args.threads)
    store = Store(url, "durability-test-secret-" + "x" * 20)
    lost = [
        t
        for t, i in outcome.confirmed.items()
        if (row := store.find_budget("park-zuiderpark", t)) is None or row.id != i
    ]
    rows = store.budgets_for("park-zuiderpark")
    result = {
        "database": url.split(":", 1)[0],
        "kills": outcome.kills,
        "attempts": outcome.attempts,
        "connection_failures_while_down": outcome.failures,
        "confirmed": len(outcome.confirmed),
        "lost_or_changed": len(lost),
        "duplicate_rows": len(rows) - len({row.id for row in rows}),
        "integrity_check_ok": store.integrity_ok(),
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(result))
    return 0 if not lost and result["integrity_check_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

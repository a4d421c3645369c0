"""Accepted budgets per second through gunicorn, with latency, against a bare Flask
endpoint doing the same insert (the ratio is our overhead).

    .venv/bin/python bench/submissions.py [--seconds 15] [--clients 16]
        [--database-url URL]   # default: a fresh SQLite file

Prints one JSON line per server; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetschuiver.store import Store  # noqa: E402
from tests.integration.durability_harness import PLAN, _free_port  # noqa: E402

SECRET = "bench-secret-" + "x" * 30


def serve(target: str, port: int, env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--workers",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            target,
        ],
        cwd=ROOT,
        env=os.environ | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    url = f"http://127.0.0.1:{port}/api/v1/projects/park-zuiderpark/submissions"
    while time.monotonic() < deadline:
        try:
            requests.post(
                url, json={"allocation": PLAN, "token": "warm-up-token-0001"}, timeout=2
            )
            return process
        except requests.RequestException:
            time.sleep(0.3)
    raise RuntimeError(f"{target} did not come up")


def load(port: int, seconds: float, clients: int, label: str) -> dict:
    url = f"http://127.0.0.1:{port}/api/v1/projects/park-zuiderpark/submissions"
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(number: int) -> None:
        session = requests.Session()
        serial = 0
        mine: list[float] = []
        while time.monotonic() < stop:
            serial += 1
            body = {"allocation": PLAN, "token": f"{label}-{number:03d}-{serial:08d}"}
            started = time.perf_counter()
            try:
                ok = session.post(url, json=body, timeout=10).status_code in (200, 201)
            except requests.RequestException:
                ok = False
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "accepted_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1),
        "errors": errors[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-submissions-"))
    outcome = {}
    for label, target in (("ours", "app:server"), ("bare", "bench.bare_app:server")):
        url = args.database_url or f"sqlite:///{folder / (label + '.db')}"
        Store(url, SECRET).init_db()
        env = {
            "BUDGETSCHUIVER_DATABASE_URL": url,
            "BUDGETSCHUIVER_SECRET_KEY": SECRET,
            "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
            "BUDGETSCHUIVER_INSTANCE_DIR": str(folder / "instance"),
        }
        port = _free_port()
        process = serve(target, port, env)
        try:
            outcome[label] = load(port, args.seconds, args.clients, label)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    outcome["database"] = (args.database_url or "sqlite").split(":", 1)[0]
    outcome["overhead_ratio"] = round(
        outcome["bare"]["accepted_per_s"] / max(outcome["ours"]["accepted_per_s"], 0.1),
        2,
    )
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())

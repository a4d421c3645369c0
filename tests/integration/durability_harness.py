"""Submit budgets to a gunicorn server while killing it with SIGKILL and restarting it;
then check that every confirmed submission is there exactly once.

Used by tests/integration/test_durability.py (short form, in the test run) and by
bench/durability.py (long form, with its recorded result).
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from budgetschuiver.kernel.settings import REPO_ROOT

PLAN = {
    "trees": 540000,
    "play": 420000,
    "lighting": 210000,
    "benches": 50000,
    "sports": 240000,
    "paths": 400000,
    "toilets": 90000,
    "maintenance": 300000,
    "drainage": 150000,
}


@dataclasses.dataclass
class Outcome:
    confirmed: dict[str, str]  # token -> public id, for every 201/200 received
    attempts: int
    failures: int  # connection errors while the server was down (expected)
    kills: int


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(port: int, env: dict[str, str], workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--graceful-timeout",
            "1",
            "app:server",
        ],
        cwd=REPO_ROOT,
        env=os.environ | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return process
        except requests.RequestException:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not come up")


def _kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # master and workers, no clean-up at all
    process.wait(timeout=30)


def hammer(
    database_url: str,
    instance: Path,
    rounds: int,
    seconds: float,
    threads: int = 8,
    workers: int = 2,
    seed: int = 1,
) -> Outcome:
    port = _free_port()
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": database_url,
        "BUDGETSCHUIVER_INSTANCE_DIR": str(instance),
        "BUDGETSCHUIVER_SECRET_KEY": "durability-test-secret-" + "x" * 20,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
    }
    rng = random.Random(seed)
    confirmed: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()
    counters = {"attempts": 0, "failures": 0}
    url = f"http://127.0.0.1:{port}/api/v1/projects/park-zuiderpark/submissions"

    def client(number: int) -> None:
        session = requests.Session()
        serial = 0
        while not stop.is_set():
            serial += 1
            # Every fourth request repeats an earlier token: a replacement.
            key = serial // 4 if serial % 4 == 0 else serial
            token = f"durable-{number:03d}-{key:07d}"
            with lock:
                counters["attempts"] += 1
            try:
                response = session.post(
                    url, json={"allocation": PLAN, "token": token}, timeout=5
                )
            except requests.RequestException:
                with lock:
                    counters["failures"] += 1
                time.sleep(0.05)
                continue
            if response.status_code in (200, 201):
                with lock:
                    confirmed[token] = response.json()["id"]

    process = _start(port, env, workers)
    workers_threads = [
        threading.Thread(target=client, args=(n,)) for n in range(threads)
    ]
    for thread in workers_threads:
        thread.start()
    kills = 0
    try:
        for _ in range(rounds):
            time.sleep(rng.uniform(seconds / 2, seconds))
            _kill(process)
            kills += 1
            process = _start(port, env, workers)
        time.sleep(seconds / 2)
    finally:
        stop.set()
        for thread in workers_threads:
            thread.join()
        _kill(process)
    return Outcome(confirmed, counters["attempts"], counters["failures"], kills)

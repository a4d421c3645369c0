"""Accepted budgets per second through gunicorn, with latency, against a bare Flask
endpoint doing the same insert (the ratio is our overhead).

    .venv/bin/python bench/submissions.py [--seconds 15] [--rate 350]
        [--connections 32] [--closed-connections 16] [--workers 4]
        [--client-cpu N]       # pin the load generator to one core
        [--database-url URL]   # default: a fresh SQLite file per server

The load generator is one asyncio thread speaking HTTP/1.1 over keep-alive
connections, so it costs little CPU next to the server on the same machine. Per
server it runs:

- open loop: requests are scheduled at a fixed rate (--rate) whatever the server
  does; latency is measured from the scheduled send time, so a stalled server is
  charged for every request that had to wait (no coordinated omission);
- closed loop: --closed-connections connections each send the next request as soon
  as the previous answer arrives; its throughput is the maximum the server sustains.

Afterwards every confirmed submission is counted in the database. Prints one JSON
line; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetschuiver.store import Store  # noqa: E402
from tests.integration.durability_harness import PLAN, _free_port  # noqa: E402

SECRET = "bench-secret-" + "x" * 30
PROJECT = "park-zuiderpark"
PATH = f"/api/v1/projects/{PROJECT}/submissions"
# Longest the end of a run waits for answers still in flight; later ones are errors.
DRAIN_SECONDS = 10.0


@dataclass
class Tally:
    """What one load phase saw."""

    latencies: list[float] = field(default_factory=list)
    # Refusals by HTTP status; "connection" for a broken or refused connection,
    # "late" for a request still unanswered at the end of the drain.
    errors: Counter = field(default_factory=Counter)

    def record(self, outcome: int | str, seconds: float) -> None:
        if outcome in (200, 201):
            self.latencies.append(seconds)
        else:
            self.errors[str(outcome)] += 1

    def summary(self, seconds: float) -> dict:
        ordered = sorted(self.latencies)

        def quantile(q: float) -> float | None:
            if not ordered:
                return None
            return round(ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1e3, 1)

        return {
            "accepted_per_s": round(len(ordered) / seconds, 1),
            "p50_ms": quantile(0.50),
            "p99_ms": quantile(0.99),
            "max_ms": round(ordered[-1] * 1e3, 1) if ordered else None,
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
        }


class Connection:
    """One keep-alive HTTP/1.1 connection that posts a budget and reads the answer."""

    # Every confirmed submission of this process, to compare with the database.
    confirmed = 0

    def __init__(self, port: int, label: str) -> None:
        self.port = port
        self.label = label
        self.serial = 0
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    def _request(self) -> bytes:
        self.serial += 1
        body = json.dumps(
            {"allocation": PLAN, "token": f"{self.label}-{self.serial:09d}"}
        ).encode()
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        return head.encode() + body

    async def post(self) -> int | str:
        """Send one submission; the answer's status, or "connection"."""
        try:
            if self.writer is None:
                await self._open()
            self.writer.write(self._request())
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            self.close()
            return "connection"
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = dict(
            (name.strip().lower(), value.strip())
            for name, _, value in (line.partition(":") for line in lines[1:] if line)
        )
        try:
            await self.reader.readexactly(int(headers.get("content-length", "0")))
        except (OSError, asyncio.IncompleteReadError):
            self.close()
            return "connection"
        if headers.get("connection", "").lower() == "close":
            self.close()
        if status in (200, 201):
            Connection.confirmed += 1
        return status


async def open_loop(
    port: int, label: str, rate: float, seconds: float, width: int, make=None
):
    """Requests scheduled at `rate` per second on up to `width` connections (made
    by `make(port, label)`, a budget `Connection` by default); latency counts from
    the scheduled time, including any wait for a free connection."""
    tally = Tally()
    queue: asyncio.Queue[float | None] = asyncio.Queue()
    connections = [
        (make or Connection)(port, f"{label}-o{n:03d}") for n in range(width)
    ]
    deadline = [0.0]

    async def worker(connection: Connection) -> None:
        while (scheduled := await queue.get()) is not None:
            if time.perf_counter() > deadline[0]:
                tally.record("late", 0)
                continue
            outcome = await connection.post()
            tally.record(outcome, time.perf_counter() - scheduled)
        connection.close()

    workers = [asyncio.create_task(worker(c)) for c in connections]
    started = time.perf_counter()
    total = int(rate * seconds)
    deadline[0] = started + seconds + DRAIN_SECONDS
    for number in range(total):
        scheduled = started + number / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait(scheduled)
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    # Over the time until the last answer: a server that falls behind scores lower.
    elapsed = max(seconds, time.perf_counter() - started)
    return tally.summary(elapsed) | {"target_per_s": rate, "connections": width}


async def closed_loop(
    port: int, label: str, seconds: float, width: int, make=None
) -> dict:
    """`width` connections (see `open_loop`), each sending again as soon as its
    answer is in."""
    tally = Tally()
    stop = time.perf_counter() + seconds

    async def worker(connection: Connection) -> None:
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            outcome = await connection.post()
            tally.record(outcome, time.perf_counter() - sent)
        connection.close()

    connections = [
        (make or Connection)(port, f"{label}-c{n:03d}") for n in range(width)
    ]
    started = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in connections))
    return tally.summary(time.perf_counter() - started) | {"connections": width}


async def wait_until_up(port: int, label: str, make=None) -> None:
    deadline = time.monotonic() + 60
    probe = (make or Connection)(port, f"{label}-probe")
    while time.monotonic() < deadline:
        if await probe.post() in (200, 201):
            probe.close()
            return
        await asyncio.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not come up")


def serve(target: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--workers",
            str(workers),
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


async def measure(port: int, label: str, args: argparse.Namespace) -> dict:
    await wait_until_up(port, label)
    # Warm-up: every worker imports lazily, opens its pool and fills its caches.
    await closed_loop(port, f"{label}-warm", 2.0, args.closed_connections)
    # The machine is shared: the load before the run says how quiet it was.
    result = {"load_average_1min": round(os.getloadavg()[0], 2)}
    cpu, wall = time.process_time(), time.perf_counter()
    result["open_loop"] = await open_loop(
        port, label, args.rate, args.seconds, args.connections
    )
    result["closed_loop"] = await closed_loop(
        port, label, args.seconds, args.closed_connections
    )
    result["client_cpu_pct"] = round(
        100 * (time.process_time() - cpu) / (time.perf_counter() - wall), 1
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rate", type=float, default=350)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--closed-connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--client-cpu", type=int)
    parser.add_argument("--servers", default="ours,bare")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.client_cpu is not None:
        os.sched_setaffinity(0, {args.client_cpu})
    folder = Path(tempfile.mkdtemp(prefix="bench-submissions-"))
    targets = {"ours": "app:server", "bare": "bench.bare_app:server"}
    run = f"{time.time_ns():x}"
    outcome: dict = {
        "database": (args.database_url or "sqlite").split(":", 1)[0],
        "workers": args.workers,
    }
    for label in args.servers.split(","):
        url = args.database_url or f"sqlite:///{folder / (label + '.db')}"
        store = Store(url, SECRET)
        store.init_db()
        before = store.count_budgets(PROJECT)
        Connection.confirmed = 0
        env = {
            "BUDGETSCHUIVER_DATABASE_URL": url,
            "BUDGETSCHUIVER_SECRET_KEY": SECRET,
            "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
            "BUDGETSCHUIVER_INSTANCE_DIR": str(folder / "instance"),
        }
        port = _free_port()
        process = serve(targets[label], port, args.workers, env)
        try:
            result = asyncio.run(measure(port, f"{label}-{run}", args))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        result["confirmed"] = Connection.confirmed
        result["stored"] = store.count_budgets(PROJECT) - before
        store.dispose()
        outcome[label] = result
    if "ours" in outcome and "bare" in outcome:
        outcome["overhead_ratio"] = round(
            outcome["bare"]["closed_loop"]["accepted_per_s"]
            / max(outcome["ours"]["closed_loop"]["accepted_per_s"], 0.1),
            2,
        )
    print(json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main())

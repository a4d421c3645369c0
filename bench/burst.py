"""Council burst: 200 dashboard viewers refresh the overview.

    .venv/bin/python bench/burst.py [--viewers 200] [--rounds 6] [--budgets 100000]
        [--every 5] [--seconds 30] [--workers 4] [--stale-seconds 5 0 ...]
        [--redis-url redis://127.0.0.1:6379/14] [--database-url URL]
        [--before DIR]

Sets up a database (SQLite by default) with `--budgets` seeded budgets in each
budget trajectory, starts gunicorn with `gunicorn.conf.py` and Redis as the shared
cache (the database number given is emptied first) and signs one advisor in. Every
viewer has its own keep-alive connection and sends the overview's callback request,
the same one the page makes. Two patterns:
- together: each round a resident sends a budget (so the first answer of the round
  must be made afresh), then all viewers ask at the same instant; latency counts
  from that instant (the worst case: a room pressing reload at once);
- every N s: each viewer refreshes every `--every` seconds from a random moment,
  for `--seconds`, while residents send two budgets a second.
With `--before DIR` (an earlier commit unpacked, e.g. `git archive C | tar -x -C
DIR`), each value runs first on a server from DIR, then on one from this checkout,
same database and Redis, so the two compare under the same load. Besides latency,
the servers' CPU time per request in the together pattern (from /proc).
Prints one JSON line per server; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret-" + "x" * 30
PASSWORD = "bench password for the council burst"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cli(*args: str, env: dict, stdin: str | None = None) -> None:
    subprocess.run(
        [sys.executable, "-m", "budgetschuiver", *args],
        env=env,
        cwd=ROOT,
        check=True,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def gunicorn(
    env: dict, folder: str, port: int, code: Path = ROOT
) -> Iterator[subprocess.Popen]:
    """gunicorn with `gunicorn.conf.py` of the checkout `code` on `port`, ready
    (healthy) inside the block, stopped after it; its log goes to `folder`, named
    after the stale seconds and the checkout."""
    name = f"server-{env.get('BUDGETSCHUIVER_STALE_SECONDS', '')}-{code.name}.log"
    log = open(Path(folder) / name, "wb")  # noqa: SIM115 (lives as long as the server)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
        env=env,
        cwd=code,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        for _ in range(300):
            try:
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        yield server
    finally:
        print(f"server log: {log.name}", file=sys.stderr)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def cpu_seconds(group: int) -> float:
    """User and system CPU time so far of every process in the process group (the
    gunicorn master and its workers), in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            # After the name: state, ppid, pgrp, ...; utime and stime are 12 and 13.
            if int(fields[2]) == group:
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def _overview_request(base: str, session: requests.Session) -> bytes:
    """The overview's callback request, as the page sends it on first render."""
    callbacks = session.get(f"{base}/_dash-dependencies", timeout=30).json()
    spec = next(cb for cb in callbacks if cb["output"] == "db-overview.children")

    def items(specs):
        # The seeded budgets are synthetic: the overview counts them only when
        # its synthetic filter is on, as an advisor would switch it on.
        return [
            {
                "id": s["id"],
                "property": s["property"],
                "value": True if s["id"] == "db-synthetic" else None,
            }
            for s in specs
        ]

    body = {
        "output": spec["output"],
        "outputs": {"id": "db-overview", "property": "children"},
        "inputs": items(spec["inputs"]),
        "state": [dict(item, value="nl") for item in items(spec["state"])],
        "changedPropIds": [],
    }
    return json.dumps(body).encode()


class Connection:
    """One keep-alive HTTP/1.1 connection, opened with its first request (a
    connection that sends nothing would hold a gthread worker thread); the
    burst's screens and the Q&A viewers (`bench/qa_live.py`) each have one."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def send(self, request: bytes) -> tuple[int, dict, bytes]:
        """Send `request` (bytes as on the wire); (status, headers with lower-case
        names, body). Raises ConnectionError when no answer comes."""
        status_line = b""
        # A keep-alive connection idle past gunicorn's `keepalive` is closed by the
        # server (an empty status line, or a reset): open a new one and ask again,
        # as a browser does.
        for _ in range(2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(
                    "127.0.0.1", self.port
                )
            try:
                self.writer.write(request)
                await self.writer.drain()
                status_line = await self.reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line:
                break
            self.close()
        if not status_line:
            raise ConnectionError("no answer")
        headers = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return int(status_line.split()[1]), headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class Viewer:
    """One screen: its connection and the request it sends."""

    def __init__(self, port: int, request: bytes) -> None:
        self.connection = Connection(port)
        self.request = request

    async def ask(self) -> tuple[int, float, int]:
        """(status, seconds from the first try to the last byte, body bytes)."""
        started = time.perf_counter()
        status, _headers, body = await self.connection.send(self.request)
        return status, time.perf_counter() - started, len(body)

    def close(self) -> None:
        self.connection.close()


async def _bursts(
    port: int, cookie: str, body: bytes, viewers: int, rounds: int, submit, cpu
):
    head = _head(port, cookie, body)
    screens = [Viewer(port, head + body) for _ in range(viewers)]
    latencies, per_round, errors, sizes, refused = [], [], 0, set(), []
    busy = 0.0
    for _ in range(rounds):
        submit()
        before = cpu()
        results = await asyncio.gather(*(screen.ask() for screen in screens))
        busy += cpu() - before
        times = []
        for status, seconds, length in results:
            if status == 200:
                times.append(seconds)
                sizes.add(length)
            else:
                errors += 1
                refused.append(status)
        latencies += times
        times.sort()
        per_round.append(round(times[int(0.95 * (len(times) - 1))] * 1e3, 1))
        await asyncio.sleep(2.0)
    for screen in screens:
        screen.close()
    return _summary(latencies, errors) | {
        "p95_per_round_ms": per_round,
        "answer_bytes": sorted(sizes),
        # Includes the one request per round that makes the new answer.
        "server_cpu_ms_per_request": round(busy * 1e3 / (viewers * rounds), 2),
        "error_statuses": refused,
    }


async def _steady(
    port: int,
    cookie: str,
    body: bytes,
    viewers: int,
    seconds: float,
    every: float,
    submit,
):
    """Every viewer refreshes every `every` seconds from a random moment on, for
    `seconds`; meanwhile residents send two budgets a second (each changes the data,
    so answers are made afresh all along)."""
    import random

    head = _head(port, cookie, body)
    screens = [Viewer(port, head + body) for _ in range(viewers)]
    latencies, errors = [], 0
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def watch(screen: Viewer) -> None:
        nonlocal errors
        await asyncio.sleep(random.uniform(0, every))
        while loop.time() - start < seconds:
            status, took, _ = await screen.ask()
            if status == 200:
                latencies.append(took)
            else:
                errors += 1
            await asyncio.sleep(max(0.0, every - took))

    async def residents() -> None:
        while loop.time() - start < seconds:
            await loop.run_in_executor(None, submit)
            await asyncio.sleep(0.5)

    await asyncio.gather(residents(), *(watch(screen) for screen in screens))
    for screen in screens:
        screen.close()
    return _summary(latencies, errors)


def _summary(latencies: list[float], errors: int) -> dict:
    latencies.sort()
    return {
        "requests": len(latencies) + errors,
        "errors": errors,
        "p50_ms": round(statistics.median(latencies) * 1e3, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1e3, 1),
        "max_ms": round(latencies[-1] * 1e3, 1),
    }


def _head(port: int, cookie: str, body: bytes) -> bytes:
    return (
        f"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        f"Accept-Encoding: gzip\r\nCookie: bs_session={cookie}\r\n"
        "Connection: keep-alive\r\n\r\n"
    ).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--budgets", type=int, default=100_000)
    parser.add_argument("--every", type=float, default=5.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--database-url")
    parser.add_argument(
        "--stale-seconds",
        type=int,
        nargs="+",
        default=[5],
        help="BUDGETSCHUIVER_STALE_SECONDS values, each on its own server in turn",
    )
    parser.add_argument(
        "--before",
        type=Path,
        help="an earlier checkout: each value also runs on a server from it, first",
    )
    args = parser.parse_args()
    redis.Redis.from_url(args.redis_url).flushdb()
    folder = tempfile.mkdtemp(prefix="burst-")
    url = args.database_url or f"sqlite:///{folder}/burst.db"
    port = _free_port()
    env = os.environ | {
        "BUDGETSCHUIVER_DATABASE_URL": url,
        "BUDGETSCHUIVER_SECRET_KEY": SECRET,
        "BUDGETSCHUIVER_REDIS_URL": args.redis_url,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
        "BUDGETSCHUIVER_PORT": str(port),
        "BUDGETSCHUIVER_WORKERS": str(args.workers),
    }
    _cli("init-db", env=env)
    for project in ("park-zuiderpark", "begroting-2027"):
        _cli("seed", "--project", project, "--submissions", str(args.budgets), env=env)
    _cli(
        "create-user",
        "raad",
        "--role",
        "advisor",
        "--password-stdin",
        env=env,
        stdin=PASSWORD,
    )
    codes = [("before", args.before)] if args.before else []
    codes.append(("this", ROOT))
    for stale in args.stale_seconds:
        # One server per value (and checkout), on the same database: compared
        # side by side under the same load.
        for label, code in codes:
            served = env | {"BUDGETSCHUIVER_STALE_SECONDS": str(stale)}
            with gunicorn(served, folder, port, code) as server:
                result = _measure(args, port, lambda pid=server.pid: cpu_seconds(pid))
            _report(result, args, url, stale, label)


def _report(result: dict, args: argparse.Namespace, url: str, stale: int, code: str):
    result |= {
        "code": code,
        "stale_seconds": stale,
        "viewers": args.viewers,
        "rounds": args.rounds,
        "budgets_per_trajectory": args.budgets,
        "workers": args.workers,
        "database": url.split(":")[0],
        "load_avg": os.getloadavg(),
    }
    print(json.dumps(result), flush=True)


def _measure(args: argparse.Namespace, port: int, cpu) -> dict:
    """Sign in, warm every worker, then both patterns against the running server."""
    base = f"http://127.0.0.1:{port}"
    session = requests.Session()
    page = session.get(f"{base}/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    session.post(
        f"{base}/login",
        data={"username": "raad", "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    cookie = session.cookies["bs_session"]
    body = _overview_request(base, session)
    plan = json.loads(
        subprocess.run(
            [sys.executable, "-c", _PLAN_SCRIPT],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    # A new resident each time, also in the second server's run on the same
    # database (the same token again would change a ballot, not add one).
    residents = iter(range(1_000_000))
    run = time.time_ns()

    def submit() -> None:
        answer = requests.post(
            f"{base}/api/v1/projects/park-zuiderpark/submissions",
            json={
                "allocation": plan,
                "token": f"burst-resident-{run}-{next(residents):09d}",
            },
            timeout=30,
        )
        if answer.status_code not in (200, 201):
            raise RuntimeError(f"resident refused: {answer.text[:300]}")

    # Every worker answers once before the clock starts (imports, first tally).
    warm = requests.Session()
    warm.cookies.set("bs_session", cookie)
    for _ in range(args.workers * 3):
        warm.post(
            f"{base}/_dash-update-component",
            data=body,
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
    result = {
        "together": asyncio.run(
            _bursts(port, cookie, body, args.viewers, args.rounds, submit, cpu)
        ),
        f"every_{args.every:g}s": asyncio.run(
            _steady(port, cookie, body, args.viewers, args.seconds, args.every, submit)
        ),
    }
    return result


_PLAN_SCRIPT = (
    "import json;from budgetschuiver.kinds import load_catalog;"
    "print(json.dumps(load_catalog('data').find('budget', 'park-zuiderpark')"
    ".plan_allocation()))"
)


if __name__ == "__main__":
    main()

"""Live Q&A: 1,000 viewers polling a live session while residents vote.

    .venv/bin/python bench/qa_live.py [--viewers 1000] [--votes-per-second 20]
        [--seconds 30] [--every 1.0] [--questions 20] [--workers 4]
        [--redis-url redis://127.0.0.1:6379/14] [--database-url URL]
        [--before DIR]

Starts gunicorn (`gunicorn.conf.py`, `--workers`) with Redis as the shared cache
(the database number given is emptied first), rate limits off, and a data folder
with one live session (post-moderated) holding `--questions` questions. Every
viewer has its own keep-alive connection and polls `GET /api/v1/qa/<id>` every
`--every` seconds from a random moment, with the ETag of its last answer, as the
page does. Residents vote `--votes-per-second` times a second (each vote a new
token, on a random question).

Update latency: each vote raises the session's total of votes by one; the k-th
vote counts from the moment its 201 came back until a viewer's answer first
shows a total of at least k (per viewer and vote). Request latency: every poll
and vote, send to last byte. Memory: the resident set of each worker at the end.
Server CPU per request: the gunicorn processes' CPU time during the run over the
requests answered.
With `--before DIR` (an earlier commit unpacked, e.g. `git archive C | tar -x -C
DIR`), the same run first goes to a server from DIR, then to one from this
checkout, each on a fresh database, so the two compare under the same load.
Prints one JSON line per server ("code": "before" or "this"); results are
recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
from pathlib import Path

import redis
import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.burst import (  # noqa: E402
    SECRET,
    Connection,
    _cli,
    _free_port,
    cpu_seconds,
    gunicorn,
)

SESSION = "bench-live"


def _data_dir(folder: str, code: Path) -> str:
    """The demo data of checkout `code` (its definitions are what its server
    accepts) plus one session that is live for the next two hours."""
    import shutil

    from budgetschuiver.kernel.trajectory import TIMEZONE

    data = Path(folder) / "data"
    shutil.copytree(code / "data", data)
    source = yaml.safe_load((data / "qa" / "vragenuur-zuiderpark.yaml").read_text())
    now = dt.datetime.now(TIMEZONE)

    def local(hours: float) -> str:
        return (now + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")

    source.update(
        id=SESSION,
        starts=local(-1),
        ends=local(2),
        moderation="post",
        demo_questions=[],
    )
    (data / "qa" / f"{SESSION}.yaml").write_text(
        yaml.safe_dump(source, allow_unicode=True, sort_keys=False)
    )
    return str(data)


def _get(port: int, etag: str) -> bytes:
    match = f"If-None-Match: {etag}\r\n" if etag else ""
    return (
        f"GET /api/v1/qa/{SESSION} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Accept: application/json\r\n{match}Connection: keep-alive\r\n\r\n"
    ).encode()


def _post(port: int, path: str, body: dict) -> bytes:
    data = json.dumps(body).encode()
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        f"User-Agent: bench-voter\r\nConnection: keep-alive\r\n\r\n"
    ).encode() + data


async def _run(args, port: int, questions: list[str]) -> dict:
    loop = asyncio.get_running_loop()
    voted_at: list[float] = []  # the k-th vote's 201 time at index k - 1
    update_latencies: list[float] = []
    request_latencies: list[float] = []
    statuses: dict[str, int] = {}
    errors = 0
    stop_at = loop.time() + args.seconds

    def total(body: bytes) -> int:
        return sum(q["votes"] for q in json.loads(body)["questions"])

    async def viewer() -> None:
        nonlocal errors
        connection = Connection(port)
        etag, seen, first = "", 0, True
        await asyncio.sleep(random.uniform(0, args.every))
        while loop.time() < stop_at:
            started = loop.time()
            try:
                status, headers, body = await connection.send(_get(port, etag))
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                errors += 1
                connection.close()
                await asyncio.sleep(args.every)
                continue
            now = loop.time()
            request_latencies.append(now - started)
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if status == 200:
                etag = headers.get("etag", "")
                shown = min(total(body), len(voted_at))
                # The first answer only says where this viewer starts.
                if not first:
                    for k in range(seen, shown):
                        update_latencies.append(now - voted_at[k])
                seen, first = max(seen, shown), False
            elif status != 304:
                errors += 1
            await asyncio.sleep(max(0.0, args.every - (loop.time() - started)))
        connection.close()

    async def voters() -> None:
        nonlocal errors
        connections = [Connection(port) for _ in range(4)]
        interval = 1.0 / args.votes_per_second
        pending: list[asyncio.Task] = []
        number = 0

        async def one(connection: Connection, n: int) -> None:
            nonlocal errors
            question = random.choice(questions)
            path = f"/api/v1/qa/{SESSION}/questions/{question}/votes"
            started = loop.time()
            try:
                status, _headers, _body = await connection.send(
                    _post(port, path, {"token": f"bench-voter-{n:08d}-" + "v" * 12})
                )
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                errors += 1
                connection.close()
                return
            request_latencies.append(loop.time() - started)
            if status == 201:
                voted_at.append(loop.time())
            else:
                errors += 1

        next_at = loop.time()
        while loop.time() < stop_at - 3:
            connection = connections[number % len(connections)]
            # One vote at a time per connection: wait for its last one.
            pending = [t for t in pending if not t.done()]
            busy = [t for t in pending if t.get_name() == str(id(connection))]
            if busy:
                await busy[0]
            task = asyncio.create_task(one(connection, number))
            task.set_name(str(id(connection)))
            pending.append(task)
            number += 1
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - loop.time()))
        await asyncio.gather(*pending)
        for connection in connections:
            connection.close()

    await asyncio.gather(voters(), *(viewer() for _ in range(args.viewers)))
    return {
        "votes": len(voted_at),
        "update_latency": _summary(update_latencies),
        "request_latency": _summary(request_latencies),
        "statuses": statuses,
        "errors": errors,
    }


def _summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def _worker_memory(master: int) -> list[int]:
    """Resident memory (MiB) of each gunicorn worker (the master's children)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if int(fields.get("PPid", "0").strip()) == master:
            found.append(int(fields["VmRSS"].split()[0]) // 1024)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--votes-per-second", type=float, default=20.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=1.0)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--database-url")
    parser.add_argument(
        "--before",
        type=Path,
        help="an earlier checkout: it runs first, on a fresh database, then this one",
    )
    args = parser.parse_args()
    if args.before and args.database_url:
        # The second run would find the first one's questions and votes.
        parser.error("--before runs each server on a fresh SQLite database")
    codes = [("before", args.before)] if args.before else []
    codes.append(("this", ROOT))
    for label, code in codes:
        print(json.dumps(_measure(args, code) | {"code": label}), flush=True)


def _measure(args: argparse.Namespace, code: Path) -> dict:
    """One run on a server from checkout `code`: its own data folder (and
    SQLite database unless one is given), Redis emptied first."""
    redis.Redis.from_url(args.redis_url).flushdb()
    folder = tempfile.mkdtemp(prefix="qa-live-")
    url = args.database_url or f"sqlite:///{folder}/qa.db"
    port = _free_port()
    env = os.environ | {
        "BUDGETSCHUIVER_DATABASE_URL": url,
        "BUDGETSCHUIVER_SECRET_KEY": SECRET,
        "BUDGETSCHUIVER_REDIS_URL": args.redis_url,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
        "BUDGETSCHUIVER_PORT": str(port),
        "BUDGETSCHUIVER_WORKERS": str(args.workers),
        "BUDGETSCHUIVER_DATA_DIR": _data_dir(folder, Path(code)),
    }
    _cli("init-db", env=env)
    load_before = os.getloadavg()
    with gunicorn(env, folder, port, code) as server:
        base = f"http://127.0.0.1:{port}/api/v1/qa/{SESSION}"
        questions = [
            requests.post(
                f"{base}/questions",
                json={
                    "text": f"Vraag {n}: komen er meer bomen in straat {n}?",
                    "token": f"bench-asker-{n:04d}-" + "a" * 16,
                },
                timeout=30,
            ).json()["id"]
            for n in range(args.questions)
        ]
        busy = cpu_seconds(server.pid)
        result = asyncio.run(_run(args, port, questions))
        busy = cpu_seconds(server.pid) - busy
        result["worker_rss_mib"] = _worker_memory(server.pid)
        # Less noisy than latency on a shared machine: the CPU each request cost.
        answered = result["request_latency"].get("n", 0)
        result["server_cpu_ms_per_request"] = round(busy * 1e3 / max(answered, 1), 3)
    result |= {
        "viewers": args.viewers,
        "every_s": args.every,
        "votes_per_second": args.votes_per_second,
        "seconds": args.seconds,
        "workers": args.workers,
        "database": url.split(":", 1)[0],
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }
    return result


if __name__ == "__main__":
    main()

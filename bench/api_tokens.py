"""Results API through HTTP as a script sees it: a personal API token against HTTP
Basic, twenty distinct filtered results calls each, at 1,000,000 budgets.

    .venv/bin/python bench/api_tokens.py [--budgets 1000000] [--project begroting-2027]
        [--workers 2] [--database-url URL]

Seeds `--budgets` synthetic budgets (`python -m budgetschuiver seed`, which also
saves the counted tally), creates an advisor and a token for it with the CLI, starts
gunicorn with `gunicorn.conf.py`, and from one keep-alive client asks once
unfiltered (the worker loads the trajectory; reported apart), then twenty distinct
filters (district, age band, weighting and their combinations; distinct, so no
cached answer is reused) with the token, then twenty others with Basic. Each time is
the client's: from sending the request to having the JSON body. Also the lookup of
a token in the store on its own (median of 1,000), beside one argon2 verification.
Prints one JSON line; results are recorded in bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.burst import ROOT, SECRET, _cli, _free_port, gunicorn  # noqa: E402

PASSWORD = "bench password for the results api"
DISTRICTS = (
    "centrum",
    "escamp",
    "haagse-hout",
    "laak",
    "leidschenveen-ypenburg",
    "loosduinen",
    "scheveningen",
    "segbroek",
)
AGE_BANDS = ("18-29", "30-44", "45-64", "65-74", "75%2B")  # "75+", escaped


def filters() -> list[str]:
    """Forty distinct query strings: twenty for each way of signing in."""
    queries = [f"district={d}" for d in DISTRICTS]
    queries += [f"district={d}&weighted=1" for d in DISTRICTS]
    queries += [f"age_band={a}" for a in AGE_BANDS]
    queries += [f"age_band={a}&weighted=1" for a in AGE_BANDS]
    queries += [f"district={d}&age_band=30-44" for d in DISTRICTS]
    queries += [f"district={d}&age_band=45-64" for d in DISTRICTS]
    # The seeded budgets are synthetic, which the results leave out unless asked.
    return [f"{query}&synthetic=1" for query in queries[:40]]


# In a fresh process: a token's store lookup and one argon2 check, timed.
LOOKUP_SCRIPT = """
import json, statistics, time
from budgetschuiver.kernel.settings import Settings
from budgetschuiver.store import Store
from dashboards.kernel import auth
settings = Settings.from_env()
store = Store(settings.resolved_database_url(), settings.resolved_secret_key())
token = open(0).read().strip()
times = []
for _ in range(1000):
    started = time.perf_counter()
    assert store.find_api_token(token) is not None
    times.append(time.perf_counter() - started)
user = store.find_user("bench")
started = time.perf_counter()
auth.verify_password(user.password_hash, "wrong password for timing")
argon = time.perf_counter() - started
print(json.dumps({"token_lookup_median_ms": round(statistics.median(times) * 1e3, 3),
                  "argon2_verify_ms": round(argon * 1e3, 1)}))
"""


def _timed(session: requests.Session, url: str, headers: dict) -> float:
    started = time.perf_counter()
    answer = session.get(url, headers=headers, timeout=120)
    answer.json()
    elapsed = time.perf_counter() - started
    if answer.status_code != 200:
        raise RuntimeError(f"{url}: {answer.status_code} {answer.text[:200]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budgets", type=int, default=1_000_000)
    parser.add_argument("--project", default="begroting-2027")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="api-tokens-")
    url = args.database_url or f"sqlite:///{folder}/api.db"
    port = _free_port()
    env = os.environ | {
        "BUDGETSCHUIVER_DATABASE_URL": url,
        "BUDGETSCHUIVER_SECRET_KEY": SECRET,
        "BUDGETSCHUIVER_RATE_LIMITS_ENABLED": "0",
        "BUDGETSCHUIVER_PORT": str(port),
        "BUDGETSCHUIVER_WORKERS": str(args.workers),
    }
    env.pop("BUDGETSCHUIVER_REDIS_URL", None)
    _cli("init-db", env=env)
    seed = [args.project, "--submissions", str(args.budgets)]
    _cli("seed", "--project", *seed, env=env)
    _cli(
        "create-user",
        "bench",
        "--role",
        "advisor",
        "--password-stdin",
        env=env,
        stdin=PASSWORD,
    )
    token = subprocess.run(
        [sys.executable, "-m", "budgetschuiver", "create-token", "bench"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    measured_lookup = json.loads(
        subprocess.run(
            [sys.executable, "-c", LOOKUP_SCRIPT],
            env=env,
            cwd=ROOT,
            check=True,
            input=token,
            capture_output=True,
            text=True,
        ).stdout
    )
    base = f"http://127.0.0.1:{port}/api/v1/projects/{args.project}/results"
    with gunicorn(env, folder, port):
        from dashboards.kernel.auth import basic_header

        ways = {
            "token": {"Authorization": f"Bearer {token}"},
            "basic": {"Authorization": basic_header("bench", PASSWORD)},
        }
        session = requests.Session()
        first = _timed(session, base, ways["token"])
        queries = iter(filters())
        result: dict = {"first_call_s": round(first, 2)}
        for way, headers in ways.items():
            times = [
                _timed(session, f"{base}?{next(queries)}", headers) for _ in range(20)
            ]
            result[f"{way}_median_ms"] = round(statistics.median(times) * 1e3, 1)
            result[f"{way}_max_ms"] = round(max(times) * 1e3, 1)
            result[f"{way}_ms"] = [round(t * 1e3, 1) for t in times]
        result |= measured_lookup | {
            "budgets": args.budgets,
            "project": args.project,
            "workers": args.workers,
            "database": url.split(":")[0],
            "load_avg_at_end": os.getloadavg(),
        }
        print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Two app processes sharing PostgreSQL and Redis, as behind a load balancer: what
one accepts, the other shows within a second; a rate limit counts both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from budgetschuiver.kernel.settings import REPO_ROOT
from budgetschuiver.store import Store
from dashboards.kernel import auth
from tests.integration.conftest import _drop_everything, _pg_url
from tests.integration.durability_harness import PLAN, _free_port

REDIS_ENV = "BUDGETSCHUIVER_TEST_REDIS_URL"
SECRET = "shared-secret-for-both-hosts-" + "x" * 20


def _redis_url() -> str:
    import redis

    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(
            f"!!! Redis tests SKIPPED: {REDIS_ENV} is not set "
            "(e.g. redis://127.0.0.1:6379/15)"
        )
    try:
        redis.Redis.from_url(url).ping()
    except Exception as exc:
        pytest.skip(f"!!! Redis tests SKIPPED: {url} is not reachable: {exc}")
    return url


def _serve(port: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "1",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
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
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("app did not come up")


@pytest.fixture
def two_hosts(tmp_path):
    import redis

    pg, redis_url = _pg_url(), _redis_url()
    redis.Redis.from_url(redis_url).flushdb()
    store = Store(pg, SECRET)
    _drop_everything(store)
    store.init_db()
    store.add_user("raad", auth.hash_password("a long enough password"), "advisor")
    env = {
        "BUDGETSCHUIVER_DATABASE_URL": pg,
        "BUDGETSCHUIVER_REDIS_URL": redis_url,
        "BUDGETSCHUIVER_SECRET_KEY": SECRET,
        "BUDGETSCHUIVER_MIN_GROUP_SIZE": "1",
        "BUDGETSCHUIVER_INSTANCE_DIR": str(tmp_path / "instance"),
    }
    ports = [_free_port(), _free_port()]
    processes = [_serve(port, env) for port in ports]
    yield [f"http://127.0.0.1:{port}" for port in ports]
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    _drop_everything(store)
    store.dispose()


def test_mp001_a_ballot_on_one_host_shows_on_the_other(two_hosts):
    first, second = two_hosts
    results = f"{second}/api/v1/projects/park-zuiderpark/results"
    login = ("raad", "a long enough password")
    before = requests.get(results, auth=login, timeout=10).json()
    assert before == {"suppressed": True}  # nobody yet
    for i in range(3):
        response = requests.post(
            f"{first}/api/v1/projects/park-zuiderpark/submissions",
            json={"allocation": PLAN, "token": f"host-token-{i:08d}"},
            timeout=10,
        )
        assert response.status_code == 201
        sent = time.monotonic()
        while True:
            shown = requests.get(results, auth=login, timeout=10).json()
            if shown.get("n") == i + 1:
                break
            assert time.monotonic() - sent < 1.0, shown  # within a second
            time.sleep(0.05)


def test_mp002_a_rate_limit_counts_both_hosts(two_hosts):
    first, second = two_hosts
    body = {"allocation": PLAN, "token": "one-busy-browser-token"}
    for i in range(20):  # the per-browser limit, spread over both hosts
        host = first if i % 2 == 0 else second
        status = requests.post(
            f"{host}/api/v1/projects/park-zuiderpark/submissions", json=body, timeout=10
        ).status_code
        assert status in (200, 201)
    for host in (first, second):
        blocked = requests.post(
            f"{host}/api/v1/projects/park-zuiderpark/submissions", json=body, timeout=10
        )
        assert blocked.status_code == 429

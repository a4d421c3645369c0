"""Rate limits on the `limits` package: the same counts in memory and in Redis."""

from __future__ import annotations

import os
import secrets

import pytest

from budgetschuiver.kernel.ratelimit import RateLimiter, RedisRateLimiter, key


def _redis():
    url = os.environ.get("BUDGETSCHUIVER_TEST_REDIS_URL")
    if not url:
        pytest.skip("!!! Redis tests SKIPPED: BUDGETSCHUIVER_TEST_REDIS_URL is not set")
    import redis

    return redis.Redis.from_url(url)


@pytest.fixture(params=["memory", "redis"])
def limiters(request):
    """Two limiters that must agree: one process twice, or two workers on Redis."""
    if request.param == "memory":
        one = RateLimiter()
        return one, one
    client = _redis()
    return RedisRateLimiter(client), RedisRateLimiter(client)


def test_rl001_limit_counts_hits_and_refuses_past_it(limiters):
    first, second = limiters
    name = key("test", secrets.token_hex(8))
    assert [first.allow(name, 3, 600) for _ in range(2)] == [True, True]
    assert second.allow(name, 3, 600) is True
    assert first.allow(name, 3, 600) is False
    assert second.blocked(name, 3, 600) is True
    first.reset(name, 3, 600)
    assert second.allow(name, 3, 600) is True


def test_rl002_failures_recorded_then_blocked(limiters):
    first, second = limiters
    name = key("login", secrets.token_hex(8))
    for _ in range(4):
        first.record(name, 5, 900)
    assert second.blocked(name, 5, 900) is False
    second.record(name, 5, 900)
    assert first.blocked(name, 5, 900) is True


def test_rl003_switched_off_counts_nothing():
    limiter = RateLimiter(enabled=False)
    assert all(limiter.allow("k", 1, 60) for _ in range(5))
    assert limiter.blocked("k", 1, 60) is False

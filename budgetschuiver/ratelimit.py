"""Sliding-window rate limits (login attempts, ballots), kept in this process's memory.

Keys are hashed before use: even in memory we keep no raw IP address.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import deque


def key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


class RateLimiter:
    """`allow(key, limit, window)` counts one hit and says whether it is within the
    limit. Switched off (always allows) for load tests and benchmarks."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, name: str, limit: int, window: float) -> bool:
        if not self.enabled:
            return True
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(name, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit:
                return False
            hits.append(now)
            return True

    def blocked(self, name: str, limit: int, window: float) -> bool:
        """Whether `name` already used up its limit (without counting a hit)."""
        if not self.enabled:
            return False
        now = time.monotonic()
        with self._lock:
            hits = self._hits.get(name)
            return bool(hits) and sum(1 for t in hits if t > now - window) >= limit

    def record(self, name: str, window: float) -> None:
        """Count one hit (for limits on failures, checked with `blocked`)."""
        if self.enabled:
            with self._lock:
                self._hits.setdefault(name, deque()).append(time.monotonic())

    def reset(self, name: str) -> None:
        with self._lock:
            self._hits.pop(name, None)


class RedisRateLimiter(RateLimiter):
    """The same limits, counted in Redis so every worker and host shares them.

    Fixed windows (one counter per key and window, expiring with it): a little less
    exact than a sliding log, but one atomic INCR per hit.
    """

    def __init__(self, client, enabled: bool = True) -> None:
        super().__init__(enabled)
        self.client = client

    def _window_key(self, name: str, window: float) -> str:
        return f"bs:rl:{name}:{int(time.time() // window)}"

    def allow(self, name: str, limit: int, window: float) -> bool:
        if not self.enabled:
            return True
        key = self._window_key(name, window)
        pipe = self.client.pipeline()
        pipe.incr(key)
        pipe.expire(key, int(window) + 1)
        count, _ = pipe.execute()
        return count <= limit

    def blocked(self, name: str, limit: int, window: float) -> bool:
        if not self.enabled:
            return False
        count = self.client.get(self._window_key(name, window))
        return count is not None and int(count) >= limit

    def record(self, name: str, window: float) -> None:
        if self.enabled:
            key = self._window_key(name, window)
            pipe = self.client.pipeline()
            pipe.incr(key)
            pipe.expire(key, int(window) + 1)
            pipe.execute()

    def reset(self, name: str) -> None:
        for key in self.client.scan_iter(f"bs:rl:{name}:*"):
            self.client.delete(key)

"""Rate limits (login attempts, ballots, voting-code guesses) as moving windows, kept
in this process's memory or, with several workers or hosts, in Redis.

The counting is the `limits` package's moving-window strategy (the one Flask-Limiter
builds on): an exact log of hits per key, atomic in Redis through a Lua script. Keys
are hashed before use: not even memory holds a raw IP address.
"""

from __future__ import annotations

import hashlib

from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage, RedisStorage, Storage
from limits.strategies import MovingWindowRateLimiter


def key(*parts: str) -> str:
    """A short, non-reversible key for a (purpose, token or address, ...) tuple."""
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:32]


class RateLimiter:
    """`allow(key, limit, window)` counts one hit and says whether it is within
    `limit` hits in the last `window` seconds. Switched off (always allows) for load
    tests and benchmarks."""

    def __init__(self, enabled: bool = True, storage: Storage | None = None) -> None:
        self.enabled = enabled
        self.storage = storage or MemoryStorage()
        self._windows = MovingWindowRateLimiter(self.storage)

    @staticmethod
    def _item(limit: int, window: float) -> RateLimitItemPerSecond:
        return RateLimitItemPerSecond(limit, max(1, round(window)))

    def allow(self, name: str, limit: int, window: float) -> bool:
        if not self.enabled:
            return True
        return self._windows.hit(self._item(limit, window), name)

    def blocked(self, name: str, limit: int, window: float) -> bool:
        """Whether `name` already used up its limit (without counting a hit)."""
        if not self.enabled:
            return False
        return not self._windows.test(self._item(limit, window), name)

    def record(self, name: str, limit: int, window: float) -> None:
        """Count one hit towards `limit` (for limits on failures, checked with
        `blocked`); a hit beyond the limit changes nothing."""
        if self.enabled:
            self._windows.hit(self._item(limit, window), name)

    def reset(self, name: str, limit: int, window: float) -> None:
        self._windows.clear(self._item(limit, window), name)


class RedisRateLimiter(RateLimiter):
    """The same moving windows, counted in Redis so every worker and host shares
    them (through the app's own Redis connection pool)."""

    def __init__(self, client, enabled: bool = True) -> None:
        super().__init__(
            enabled,
            RedisStorage(
                "redis://",
                connection_pool=client.connection_pool,
                key_prefix="bs:rl",
            ),
        )
        self.client = client

"""A number that changes whenever ballots change, so cached results are never served
after a write: per process by default, shared through Redis across workers and hosts.
Each version also knows when it began (Unix seconds), so a kept answer of the
version before can be served while it is only a few seconds behind."""

from __future__ import annotations

import itertools
import threading
import time

# How long the start time of a version is remembered (seconds).
REMEMBER_SECONDS = 60


class DataVersion:
    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._value = 0
        self._lock = threading.Lock()
        self._began: dict[int, float] = {}

    def bump(self) -> None:
        with self._lock:
            self._value = next(self._counter)
            now = time.time()
            self._began[self._value] = now
            for old in [
                v for v, at in self._began.items() if at < now - REMEMBER_SECONDS
            ]:
                del self._began[old]

    def current(self) -> int:
        return self._value

    def began(self, version: int) -> float | None:
        """When `version` became current (Unix seconds), if still remembered."""
        return self._began.get(version)


class RedisDataVersion(DataVersion):
    KEY = "bs:data-version"

    def __init__(self, client) -> None:
        super().__init__()
        self.client = client

    def bump(self) -> None:
        version = self.client.incr(self.KEY)
        self.client.set(f"{self.KEY}:began:{version}", time.time(), ex=REMEMBER_SECONDS)

    def current(self) -> int:
        return int(self.client.get(self.KEY) or 0)

    def began(self, version: int) -> float | None:
        found = self.client.get(f"{self.KEY}:began:{version}")
        return float(found) if found is not None else None

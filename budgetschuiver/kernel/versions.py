"""A number that changes whenever ballots change, so cached results are never served
after a write: per process by default, shared through Redis across workers and hosts.
Each version also knows when it began (Unix seconds), so a kept answer of the
version before can be served while it is only a few seconds behind."""

from __future__ import annotations

import collections
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
        # Versions in the order they began, so forgetting the old ones looks only
        # at those due (a scan of all kept versions cost each write 0.3 ms at a
        # few hundred writes a second).
        self._order: collections.deque[int] = collections.deque()
        self._scopes: dict[str, int] = {}

    def bump(self) -> None:
        with self._lock:
            self._value = next(self._counter)
            now = time.time()
            self._began[self._value] = now
            self._order.append(self._value)
            while self._began[self._order[0]] < now - REMEMBER_SECONDS:
                del self._began[self._order.popleft()]

    def current(self) -> int:
        return self._value

    def began(self, version: int) -> float | None:
        """When `version` became current (Unix seconds), if still remembered."""
        return self._began.get(version)

    def bump_scope(self, scope: str) -> int:
        """A number of one part's own (e.g. "qa:<id>", one live session) that
        changes on every write to it, so clients polling that part are told
        "unchanged" while the rest of the app is written to. Returns the new one."""
        with self._lock:
            self._scopes[scope] = self._scopes.get(scope, 0) + 1
            return self._scopes[scope]

    def scope(self, scope: str) -> int:
        """The current number of `scope` (0 before its first write)."""
        return self._scopes.get(scope, 0)


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

    def bump_scope(self, scope: str) -> int:
        return int(self.client.incr(f"{self.KEY}:scope:{scope}"))

    def scope(self, scope: str) -> int:
        return int(self.client.get(f"{self.KEY}:scope:{scope}") or 0)

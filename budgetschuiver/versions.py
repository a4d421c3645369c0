"""A number that changes whenever ballots change, so cached results are never served
after a write: per process by default, shared through Redis across workers and hosts."""

from __future__ import annotations

import itertools
import threading


class DataVersion:
    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._value = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self._value = next(self._counter)

    def current(self) -> int:
        return self._value


class RedisDataVersion(DataVersion):
    KEY = "bs:data-version"

    def __init__(self, client) -> None:
        super().__init__()
        self.client = client

    def bump(self) -> None:
        self.client.incr(self.KEY)

    def current(self) -> int:
        return int(self.client.get(self.KEY) or 0)

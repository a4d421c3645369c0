"""Values kept in this process for a few seconds: a bounded, thread-safe memory."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

# Returned by `Recent.get` for a key it does not have (None can be a kept value).
MISSING = object()


class Recent:
    """At most `size` values, each for `seconds` after it was put (then it is gone);
    the least recently put goes first when full. For facts that may be that old
    (a signed-in account's role) or that never change under their key (an answer
    kept under its data version), so a request need not ask the database or
    Redis again. `clock` is in seconds (monotonic; replaceable in tests).
    Raises ValueError for a negative `seconds` or a `size` below 1."""

    def __init__(
        self,
        seconds: float,
        size: int = 256,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if seconds < 0 or size < 1:
            raise ValueError("seconds must be >= 0 and size >= 1")
        self.seconds = seconds
        self.size = size
        self._clock = clock
        self._values: OrderedDict[Hashable, tuple[float, object]] = OrderedDict()
        # gthread workers answer on several threads at once.
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> object:
        """The value kept under `key`, or MISSING (never put, expired, pushed out)."""
        with self._lock:
            found = self._values.get(key)
            if found is None:
                return MISSING
            if self._clock() >= found[0]:
                del self._values[key]
                return MISSING
            return found[1]

    def put(self, key: Hashable, value: object) -> None:
        """Keep `value` under `key` for `seconds` from now."""
        with self._lock:
            self._values.pop(key, None)
            self._values[key] = (self._clock() + self.seconds, value)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def forget(self, key: Hashable) -> None:
        """Drop `key` now (a login or logout in this process)."""
        with self._lock:
            self._values.pop(key, None)

    def clear(self) -> None:
        """Drop everything now."""
        with self._lock:
            self._values.clear()

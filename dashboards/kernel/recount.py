"""Opinion groups (of any kind) computed in the background per data version and
served from the shared cache, so no request waits for k-means.

A request asks `latest(trajectory)`: it gets the last computed result (perhaps for
an earlier data version: the page says when it was computed and on how many
participants) and, when the data changed since, a background thread of this
worker recomputes it. One recount runs at a time per trajectory across workers (a
lock in the shared cache), and at most one every `REST_SECONDS`, so a trajectory
that receives a contribution every second is not grouped continuously. Group ids
stay: each run matches its groups to the previous run's and to the groups that
disappeared (`retired`), so an id and its colour never pass to another group.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from flask import current_app

from dashboards.kernel.service import cache

# A recount waits this long after the previous one finished.
REST_SECONDS = 60
# A recount that has not finished after this long is assumed dead (its worker
# stopped) and another may start.
BUSY_SECONDS = 600
# Centres of groups that disappeared, kept for matching.
RETIRED = 24
# Kept results never expire on their own: a newer run replaces them.
FOREVER = 0


@dataclasses.dataclass(frozen=True)
class Recount:
    """The background grouping of one kind.

    `prefix`: the cache keys' prefix ("groups" gives "groups:<id>",
    "groups-busy:<id>", "groups-rest:<id>"); `version(trajectory)`: a plain list
    that changes whenever the grouped data changes (cheap: asked per request);
    `group(trajectory, known)`: (result, version) for the data now, where `known`
    is {group id: centre} of earlier groups to keep ids by, and the result holds at
    least "n", "groups" and "centres" ({id: centre} of every group found)."""

    prefix: str
    version: Callable[[Any], list]
    group: Callable[[Any, dict], tuple[dict[str, Any], list]]

    def _key(self, trajectory_id: str, part: str = "") -> str:
        return f"{self.prefix}{part}:{trajectory_id}"

    def compute(self, trajectory: Any, previous: dict | None = None) -> dict[str, Any]:
        """Group now (seconds at a million participants: call it from the
        background or the CLI), matched to `previous` (a kept result). Adds
        "retired" (centres of groups gone, the latest `RETIRED`), "computed_at"
        (UTC ISO time) and "version" to the grouping's result."""
        known = {
            **(previous or {}).get("retired", {}),
            **(previous or {}).get("centres", {}),
        }
        found, version = self.group(trajectory, known)
        gone = [gid for gid in known if gid not in found["centres"]]
        found["retired"] = {gid: known[gid] for gid in sorted(gone)[-RETIRED:]}
        found["computed_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        found["version"] = version
        return found

    def refresh(self, trajectory: Any) -> dict[str, Any]:
        """Compute the groups now, matched to the kept ones, and keep them."""
        found = self.compute(trajectory, cache.get(self._key(trajectory.id)))
        cache.set(self._key(trajectory.id), found, timeout=FOREVER)
        return found

    def latest(self, trajectory: Any) -> tuple[dict[str, Any] | None, bool]:
        """The last computed groups (None before the first run ends) and whether
        they cover the data now stored; when not, a background recount starts
        unless one is running or one ended less than `REST_SECONDS` ago."""
        kept = cache.get(self._key(trajectory.id))
        if kept is not None and kept.get("version") == self.version(trajectory):
            return kept, True
        if cache.get(self._key(trajectory.id, "-rest")) is None and cache.add(
            self._key(trajectory.id, "-busy"), 1, timeout=BUSY_SECONDS
        ):
            app = current_app._get_current_object()
            threading.Thread(
                target=self._run,
                args=(app, trajectory),
                name=f"{self.prefix}-recount",
                daemon=True,
            ).start()
        return kept, False

    def _run(self, app: Any, trajectory: Any) -> None:
        with app.app_context():
            try:
                self.refresh(trajectory)
            finally:
                cache.set(self._key(trajectory.id, "-rest"), 1, timeout=REST_SECONDS)
                cache.delete(self._key(trajectory.id, "-busy"))


def answer(
    found: dict[str, Any] | None,
    labels: dict[int, str],
    describe: Callable[[dict], dict],
    keys: tuple[str, ...],
) -> dict[str, Any]:
    """A groups API answer: {"computed_at", "n", "unassigned", "groups": [{id,
    label, size, **describe(group)}], plus each of `keys` (lists) from `found`};
    before the first run (None) computed_at is None, counts 0, lists empty."""
    if found is None:
        return {
            "computed_at": None,
            "n": 0,
            "unassigned": 0,
            "groups": [],
            **{key: [] for key in keys},
        }
    return {
        "computed_at": found["computed_at"],
        "n": found["n"],
        "unassigned": found["unassigned"],
        "groups": [
            {
                "id": g["id"],
                "label": labels[g["id"]],
                "size": g["size"],
                **describe(g),
            }
            for g in found["groups"]
        ],
        **{key: found[key] for key in keys},
    }

"""PURE rules of the loop back: when results are public, the state of the
municipality's answer, what each participation level promises, where one amount
stands among everyone's, which feed events a trajectory has, and video ids.

No web framework or database here: pages, API, feed and report call these."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

AnswerStatus = Literal["missing", "draft", "published"]

# What each participation level promises residents (message keys in i18n); the
# wording follows the ladder the city's participation ordinance uses.
LEVEL_PROMISES = {
    "raadplegen": "loop.promise.raadplegen",
    "adviseren": "loop.promise.adviseren",
    "co-produceren": "loop.promise.co-produceren",
    "meebeslissen": "loop.promise.meebeslissen",
}

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtu.be",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
}
# The only host a video is loaded from, and only after the resident asks for it.
VIDEO_HOST = "https://www.youtube-nocookie.com"


def youtube_id(value: object) -> str | None:
    """The 11-character video id of a YouTube address (watch?v=, youtu.be/,
    /embed/, /shorts/, /live/) or of a bare id; None for anything else (another
    host, another scheme, a malformed id)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _VIDEO_ID.match(value):
        return value
    parts = urlsplit(value)
    if parts.scheme != "https" or parts.hostname not in _YOUTUBE_HOSTS:
        return None
    if parts.hostname == "youtu.be":
        candidate = parts.path.strip("/")
    elif parts.path == "/watch":
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    else:
        pieces = [p for p in parts.path.split("/") if p]
        is_video_path = len(pieces) == 2 and pieces[0] in ("embed", "shorts", "live")
        candidate = pieces[1] if is_video_path else ""
    return candidate if _VIDEO_ID.match(candidate) else None


def video_embed_url(video_id: str) -> str:
    """The privacy-enhanced player address for a checked id (youtube_id)."""
    return f"{VIDEO_HOST}/embed/{video_id}"


def results_public(setting: str, status: str) -> bool:
    """Whether a trajectory's results are open to everyone now, from its
    `results_public` (`after_close`, `always`, `never`) and its status
    (`upcoming`, `open`, `closed`). `always` still waits for the opening: before
    it there is nothing to show. Raises ValueError for an unknown setting."""
    if setting == "never":
        return False
    if setting == "always":
        return status != "upcoming"
    if setting == "after_close":
        return status == "closed"
    raise ValueError(f"unknown results_public {setting!r}")


def answer_status(response: Any) -> AnswerStatus:
    """`missing` without a `response` block, else its `status` (draft or
    published)."""
    return "missing" if response is None else response.status


def days_closed(closes: dt.date, today: dt.date) -> int | None:
    """Whole days since the trajectory closed (it is open all of its closing
    day, so the day after is day 1); None while it has not closed."""
    days = (today - closes).days
    return days if days > 0 else None


@dataclasses.dataclass(frozen=True)
class Stance:
    """Where one amount stands among everyone's on one line: the share of
    ballots below it and above it, each as a band of `BAND` percentage points
    (`below` = (20, 30) reads "between 20% and 30%"), and `n` ballots compared.
    Bands, not exact shares: with few ballots an exact share could tell how one
    other resident chose."""

    below: tuple[int, int]
    above: tuple[int, int]
    n: int


BAND = 10


def _band(share: float) -> tuple[int, int]:
    low = min(int(share * 100 // BAND) * BAND, 100 - BAND)
    return low, low + BAND


def stance(
    values: Sequence[float], counts: Sequence[float], own: float, min_size: int
) -> Stance | None:
    """Where `own` stands among ballots given as distinct amounts `values` with
    how many chose each (`counts`, same length, the resident's own ballot
    included). None when fewer than `min_size` ballots are compared (the
    dashboard's k: a small group shows nothing). Raises ValueError when the
    lengths differ."""
    if len(values) != len(counts):
        raise ValueError("values and counts differ in length")
    n = int(round(sum(counts)))
    if n < max(min_size, 1):
        return None
    below = sum(c for v, c in zip(values, counts, strict=True) if v < own)
    above = sum(c for v, c in zip(values, counts, strict=True) if v > own)
    return Stance(_band(below / n), _band(above / n), n)


FeedEvent = Literal["opened", "closed", "results", "answer"]


def feed_events(
    opens: dt.date,
    closes: dt.date,
    setting: str,
    response: Any,
    today: dt.date,
) -> list[tuple[FeedEvent, dt.date]]:
    """The events of one trajectory a feed announces, each with the day it
    happened, oldest first, up to `today`: opened (its first day), closed (the
    day after its last), results published (when `results_public` makes them
    public: the opening day for `always`, the closing for `after_close`) and
    answer published (the answer's date, once `published`)."""
    closed_on = closes + dt.timedelta(days=1)
    events: list[tuple[FeedEvent, dt.date]] = [("opened", opens), ("closed", closed_on)]
    if setting == "always":
        events.append(("results", opens))
    elif setting == "after_close":
        events.append(("results", closed_on))
    if response is not None and response.status == "published":
        events.append(("answer", response.date))
    order = {"opened": 0, "results": 1, "closed": 2, "answer": 3}
    return sorted(
        (event for event in events if event[1] <= today),
        key=lambda event: (event[1], order[event[0]]),
    )

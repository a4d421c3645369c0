"""Pure rules of a live question hour: the session's status by the clock, what
residents may do in each, how a host's action moves a question, how votes are
counted (one per token or voting code) and combined when questions merge, and the
order questions are shown in."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

SessionStatus = Literal["upcoming", "live", "ended"]
# Where a published question is in the hour.
Stage = Literal["waiting", "answering", "answered", "follow_up"]
STAGES: tuple[Stage, ...] = ("waiting", "answering", "answered", "follow_up")
HOST_ACTIONS = ("approve", "hide", "merge", "pin", "answer", "follow_up")
# What a host writes for a question answered out loud in the hall.
LIVE_ANSWER = "live"
TOP_WAITING = 5


def session_status(
    starts: dt.datetime, ends: dt.datetime, now: dt.datetime
) -> SessionStatus:
    """ "upcoming" before `starts`, "live" from `starts` until `ends`, "ended" from
    `ends` on. All three are aware date-times; raises TypeError for naive ones."""
    if now < starts:
        return "upcoming"
    if now < ends:
        return "live"
    return "ended"


def may_ask(status: SessionStatus) -> bool:
    """Questions in advance before the start, and during the hour."""
    return status in ("upcoming", "live")


def may_vote(status: SessionStatus) -> bool:
    """Votes (and withdrawing them) while questions may be asked."""
    return may_ask(status)


def may_host(status: SessionStatus, action: str) -> bool:
    """Hosts moderate and pin before and during the hour; after it only the
    follow-up list is worked on (answer, follow up, approve, hide)."""
    if status != "ended":
        return True
    return action in ("answer", "follow_up", "approve", "hide")


class Refused(ValueError):
    """A host action that does not fit the question's stage; `code` names why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def next_stage(action: str, stage: Stage) -> Stage:
    """The stage a published question moves to under a host's `action` ("pin",
    "answer", "follow_up"). Raises `Refused` ("already_answered") for pinning or
    deferring an answered question, ValueError for another action."""
    if action == "answer":
        return "answered"
    if action not in ("pin", "follow_up"):
        raise ValueError(f"not a stage action: {action!r}")
    if stage == "answered":
        raise Refused("already_answered")
    return "answering" if action == "pin" else "follow_up"


def count_votes(tokens: Iterable[str]) -> int:
    """Votes on a question: distinct voters (token or voting-code hashes), each
    counted once however often it appears."""
    return len(set(tokens))


def merged_voters(into: Iterable[str], merged: Iterable[str]) -> frozenset[str]:
    """The voters of a question after `merged` (the voters of duplicates) is
    merged into it: the union, so a voter of both counts once."""
    return frozenset(into) | frozenset(merged)


@dataclasses.dataclass(frozen=True)
class Line:
    """What ordering needs of a question: id, stage, votes, when asked."""

    id: str
    stage: Stage
    votes: int
    asked: dt.datetime


def waiting_order(lines: Iterable[Line]) -> list[Line]:
    """Waiting questions, most votes first; ties by who asked first (then id,
    so the order is the same for every viewer)."""
    return sorted(
        (line for line in lines if line.stage == "waiting"),
        key=lambda line: (-line.votes, line.asked, line.id),
    )


def top_waiting(lines: Iterable[Line], n: int = TOP_WAITING) -> list[Line]:
    """The first `n` waiting questions in `waiting_order` (the big screen)."""
    return waiting_order(lines)[:n]


def shown_order(lines: Sequence[Line]) -> list[Line]:
    """All published questions as the page lists them: the one being answered,
    then waiting (by votes), then follow-up, then answered (oldest first)."""
    place = {"answering": 0, "waiting": 1, "follow_up": 2, "answered": 3}
    waiting = {line.id: i for i, line in enumerate(waiting_order(lines))}
    return sorted(
        lines,
        key=lambda line: (
            place[line.stage],
            waiting.get(line.id, 0),
            line.asked,
            line.id,
        ),
    )

"""What poll and moodboard kinds share: how a vote is stored."""

from __future__ import annotations

from typing import Any

from budgetschuiver.choices.rules import VoteBallot
from budgetschuiver.kernel.trajectory import Trajectory


def vote_storer(kind: str):
    """A kind's `store_ballot` for votes kept in the votes table under `kind`."""

    def store_vote(store: Any, item: Trajectory, ballot: VoteBallot, _held):
        return store.submit_vote(
            kind,
            item.id,
            ballot.choices,
            ballot.token,
            other_text=ballot.other_text,
            district=ballot.district,
            age_band=ballot.age_band,
        )

    return store_vote

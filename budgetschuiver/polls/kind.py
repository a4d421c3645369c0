"""Polls as a participation kind (see `budgetschuiver.kernel.kinds`)."""

from __future__ import annotations

from budgetschuiver.choices import rules
from budgetschuiver.choices.kind import vote_storer
from budgetschuiver.kernel.kinds import Kind
from budgetschuiver.polls import page
from budgetschuiver.polls.api import api
from budgetschuiver.polls.model import Poll

KIND = Kind(
    name="poll",
    folder="polls",
    model=Poll,
    noun="poll",
    route_variable="poll_id",
    path="/peiling/",
    validate=rules.validate_poll_vote,
    store_ballot=vote_storer("poll"),
    misfits=rules.poll_misfits,
    pages=(page,),
    api=api,
    summary=lambda poll: f"{len(poll.options)} options",
)

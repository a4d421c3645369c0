"""Moodboards as a participation kind (see `budgetschuiver.kernel.kinds`)."""

from __future__ import annotations

from budgetschuiver.choices import rules
from budgetschuiver.choices.kind import vote_storer
from budgetschuiver.kernel.kinds import Kind
from budgetschuiver.moodboards import page
from budgetschuiver.moodboards.api import api
from budgetschuiver.moodboards.files import with_uploads
from budgetschuiver.moodboards.model import Moodboard, check_pictures

KIND = Kind(
    name="moodboard",
    folder="moodboards",
    model=Moodboard,
    noun="moodboard",
    route_variable="moodboard_id",
    path="/moodboard/",
    validate=rules.validate_moodboard_vote,
    store_ballot=vote_storer("moodboard"),
    misfits=rules.moodboard_misfits,
    check_files=check_pictures,
    complete=with_uploads,
    pages=(page,),
    api=api,
    summary=lambda board: f"{len(board.images)} pictures",
)

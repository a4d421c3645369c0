"""The dashboard views of polls and moodboards (see `dashboards.kernel.views`):
one results page each, served by the same page module."""

from __future__ import annotations

from dashboards.choices import page, public, service
from dashboards.choices.api import api
from dashboards.choices.results import moodboard_results, poll_results
from dashboards.kernel.views import View

POLLS = View(
    kind="poll",
    answer=service.answerer("poll", poll_results),
    who=service.who_for("poll"),
    link=lambda _poll: "/dashboard/peilingen",
    pages=(page,),
    api=api,
    public=public.POLLS,
)
MOODBOARDS = View(
    kind="moodboard",
    answer=service.answerer("moodboard", moodboard_results),
    who=service.who_for("moodboard"),
    link=lambda _moodboard: "/dashboard/moodboards",
    public=public.MOODBOARDS,
)

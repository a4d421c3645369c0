"""The forums' dashboard view (see `dashboards.kernel.views`): the page where
advisors close a forum or topic with a conclusion and post as the municipality."""

from __future__ import annotations

from dashboards.forums import page
from dashboards.forums.public import PUBLIC
from dashboards.kernel.views import View

VIEW = View(
    kind="forums",
    answer=None,
    who=None,
    link=lambda forum: f"/dashboard/forum/{forum.id}",
    pages=(page,),
    public=PUBLIC,
)

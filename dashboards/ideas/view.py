"""The idea rounds' dashboard view (see `dashboards.kernel.views`): the round's
ranking and audit page, the moderation queue, and their API."""

from __future__ import annotations

from dashboards.ideas import answers_page, page
from dashboards.ideas.api import moderation_api
from dashboards.ideas.public import PUBLIC
from dashboards.kernel.views import View
from dashboards.moderation import page as moderation_page

VIEW = View(
    kind="ideas",
    answer=None,
    who=None,
    link=lambda round_: f"/dashboard/ideeen/{round_.id}",
    pages=(page, answers_page, moderation_page),
    api=moderation_api,
    public=PUBLIC,
    staff_tools=(moderation_page.review_link, answers_page.staff_link),
)

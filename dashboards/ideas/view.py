"""The idea rounds' dashboard view (see `dashboards.kernel.views`): the round's
ranking and audit page, the moderation queue, and their API (with the
exports' routes on it)."""

from __future__ import annotations

from dashboards.ideas import exports, page, presentation  # noqa: F401 (exports: its routes)
from dashboards.ideas.api import moderation_api
from dashboards.kernel.views import View
from dashboards.moderation import page as moderation_page

VIEW = View(
    kind="ideas",
    answer=None,
    who=None,
    link=lambda round_: f"/dashboard/ideeen/{round_.id}",
    pages=(page, moderation_page, presentation),
    api=moderation_api,
)

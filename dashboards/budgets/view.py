"""The budgets' dashboard view (see `dashboards.kernel.views`)."""

from __future__ import annotations

from dashboards.budgets import page, presentation, service
from dashboards.budgets.api import api
from dashboards.budgets.public import PUBLIC
from dashboards.kernel.views import View

VIEW = View(
    kind="budget",
    answer=service.answer,
    who=service.who,
    link=lambda project: f"/dashboard/begroting/{project.id}",
    pages=(page, presentation),
    api=api,
    public=PUBLIC,
)

"""The live Q&A's dashboard view (see `dashboards.kernel.views`): the host
console, the big screen and the hosts' API."""

from __future__ import annotations

from dashboards.kernel.views import View
from dashboards.qa import page
from dashboards.qa.api import host_api
from dashboards.qa.public import PUBLIC

VIEW = View(
    kind="qa",
    answer=None,
    who=None,
    link=lambda session: f"/dashboard/vragenuur/{session.id}",
    pages=(page,),
    api=host_api,
    public=PUBLIC,
)

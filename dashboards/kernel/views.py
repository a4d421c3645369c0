"""A kind's dashboard view: what the dashboard kernel asks of each participation
kind (its results under a filter, who took part, its pages and API routes).

`dashboards/views.py` registers one per kind; the kernel never asks for a kind by
name, it asks the kind's view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import Flask, current_app

from dashboards.kernel.filters import Filters
from dashboards.stats import protection

EXTENSION = "dashboards.views"


@dataclasses.dataclass(frozen=True)
class Who:
    """The protected table a kind's answers come from and what a filter takes of
    it: `chosen` (first, last period) or None when the group is hidden, `period`
    (the days used), `synthetic` ballots in the group, and `left_out`: synthetic
    ballots the filter leaves out."""

    calendar: protection.Calendar
    pattern: protection.Pattern
    chosen: tuple[int, int] | None
    period: dict
    synthetic: int
    left_out: int


@dataclasses.dataclass(frozen=True)
class View:
    """One kind's dashboard view.

    - `kind`: the participation kind's name (`budgetschuiver.kernel.kinds.Kind`).
    - `answer(item, filters, population)`: the results-API object.
    - `who(item, filters)`: a `Who` for "who took part". A kind whose figures
      are not on the shared filters yet (ideas) has neither, and no overview card.
    - `link(item)`: the dashboard address of the item's results.
    - `public`: what the kind gives the public results, preview, embed, feed
      and report (a `PublicKind`), or None.
    - `pages`: dashboard page modules (each with `register()`); `api`: a Flask
      blueprint with the kind's dashboard routes under /api/v1.
    - `staff_tools`: what signed-in staff get on the kind's resident pages, each
      `(item_type, item_id, lang) -> component or None` (`Services.staff_tools`).
    """

    kind: str
    answer: Callable[[Any, Filters, Mapping[Any, float]], dict[str, Any]] | None
    who: Callable[[Any, Filters], Who] | None
    link: Callable[[Any], str]
    pages: tuple[Any, ...] = ()
    api: Any = None
    # The kind's part in the loop back (`dashboards.kernel.public.kinds.PublicKind`).
    public: Any = None
    staff_tools: tuple[Callable[[str, str, str], Any], ...] = ()


def install(server: Flask, registered: Iterable[View]) -> None:
    """Make the views reachable from requests (`views()`)."""
    server.extensions[EXTENSION] = {view.kind: view for view in registered}


def views() -> dict[str, View]:
    """The app's views by kind name."""
    return current_app.extensions[EXTENSION]

"""The one per-kind hook of the loop back: what each participation kind gives the
public results page, its API, the preview image, the embed, the feed and the
report. A new kind (ideas, forum, Q&A) registers one `PublicKind`; nothing here
branches on a kind's name.

A kind provides: `kind` (its name in the dashboard's `compute`), `segment` (its
`/api/v1/<segment>/` name), `page` (its resident page prefix),
`rows(item, data, lang)`: its results as `Row`s for the table, the preview image
and the alt text, `labels(item, lang)`: the (id, label) its answer may speak to;
`picture`, `picture_url` and `picture_bytes` for kinds whose choices are pictures;
`residents_budget` and `stances` for the amounts shape; `ranking` (the words of
a ranking's table) for the ranking shape; `results` and `who` for a kind whose
results are not the dashboard's filtered tables (idea rounds, forums);
`conclusion` for a kind whose municipality writes one closing text (forums);
`notes` for sentences beside the results (what moderation hid, what merged). It
sits on the kind's dashboard view (`View.public`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from budgetschuiver.kernel.context import services
from budgetschuiver.kernel.trajectory import Trajectory
from dashboards.kernel.views import views


@dataclasses.dataclass(frozen=True)
class Row:
    """One result line in plain terms: `item_id` (line, option, picture or idea),
    `label`, `value` (euros for a budget, share in [0, 1] for a vote or an idea's
    support) and its text, `count` (votes or ratings; None for a budget), for a
    budget the `plan` and `mean` (euros), and in a ranking the `place` ("2 (=)"
    when tied), the item's `status` and the municipality's `answer` to it."""

    item_id: str
    label: str
    value: float
    text: str
    count: int | None = None
    plan: float | None = None
    mean: float | None = None
    place: str | None = None
    status: str | None = None
    answer: str | None = None


@dataclasses.dataclass(frozen=True)
class RankingTexts:
    """The words of a ranking (message keys): `count` a plural key for how many
    rows are listed, `intro` what decides the order, `columns` the six column
    headers in table order (place, label, text, count, status, answer), each
    a key under `loop.col.`."""

    count: str
    intro: str
    columns: tuple[str, str, str, str, str, str]


@dataclasses.dataclass(frozen=True)
class PublicKind:
    """What one kind gives the loop back (see the module's docstring); a kind's
    dashboard view carries it (`View.public`)."""

    kind: str
    segment: str
    page: str
    rows: Callable[[Any, dict, str], list[Row]]
    # (id, label) of every line, option or picture, for the answer item by item.
    labels: Callable[[Any, str], list[tuple[str, str]]]
    # "shares" (shares with counts), "amounts" (amounts beside the plan) or
    # "ranking" (rows in ranked order with place, status and answer): how the
    # page and the preview draw the rows.
    shape: str
    # For kinds whose choices are pictures: the picture of a choice id (a
    # MoodboardImage), shown on the results page and in the preview.
    picture: Callable[[Any, str], Any] | None = None
    # With `picture`: its address at a width in px, and its bytes.
    picture_url: Callable[[Any, str, int], str] | None = None
    picture_bytes: Callable[[Any, str], bytes | None] | None = None
    # For the "amounts" shape: (rule used, line id -> euros) of the residents'
    # budget the definition names, and where this browser's budget stands.
    residents_budget: Callable[[Any, dict], tuple[str, dict]] | None = None
    stances: Callable[[Any, str | None], dict | None] | None = None
    # Where residents write free text beside their contribution: (texts, of which
    # hidden by a moderator), residents only, for the report.
    text_totals: Callable[[Any], tuple[int, int]] | None = None
    # The public results object (the dashboard's at its default filters,
    # synthetic contributions left out, with "n" and "synthetic_excluded", or
    # {"suppressed": True}) and who took part (a `service.Crowd`), for a kind
    # whose view has no filtered `answer`/`who`; None: the dashboard's.
    results: Callable[[Any], dict] | None = None
    who: Callable[[Any], Any] | None = None
    # For the "ranking" shape: its words (required with that shape).
    ranking: RankingTexts | None = None
    # The municipality's closing text of the trajectory as a whole, stored
    # beside its results (None while there is none): shown on the results page,
    # in the embed and in the report, also while the results are suppressed.
    conclusion: Callable[[Any], str | None] | None = None
    # Further plain sentences about the public results object (what moderation
    # hid, by reason; what was merged), in a language: shown under n on the
    # results page and in the report.
    notes: Callable[[Any, dict, str], list[str]] | None = None

    def find(self, item_id: object) -> Trajectory | None:
        """The trajectory of this kind as residents see it, or None."""
        return services().item(self.kind, item_id)

    def items(self) -> Iterable[Trajectory]:
        known = services()
        for item_id in known.catalog.of(self.kind):
            found = known.item(self.kind, item_id)
            if found is not None:
                yield found


def registered() -> list[PublicKind]:
    """The loop-back hooks of every registered kind with one, in registration
    order."""
    return [view.public for view in views().values() if view.public is not None]


# The page variable of /resultaten/<item_id> and /embed/<item_id>: a trajectory
# of any kind.
ROUTE_VARIABLE = "item_id"


def find(item_id: object) -> tuple[PublicKind, Trajectory] | tuple[None, None]:
    """The kind and trajectory a `/resultaten/<id>` address names (ids are
    unique within a kind; the first kind that has it wins)."""
    if not isinstance(item_id, str):
        return None, None
    for kind in registered():
        item = kind.find(item_id)
        if item is not None:
            return kind, item
    return None, None


def everything() -> Iterable[tuple[PublicKind, Trajectory]]:
    for kind in registered():
        for item in kind.items():
            yield kind, item

"""The one per-kind hook of the loop back: what each participation kind gives the
public results page, its API, the preview image, the embed, the feed and the
report. A new kind (ideas, forum, Q&A) registers one `PublicKind`; nothing here
branches on a kind's name.

A kind provides: `kind` (its name in the dashboard's `compute`), `segment` (its
`/api/v1/<segment>/` name), `page` (its resident page prefix), `find` and
`items` (look-ups through the app's services), `rows(item, data, lang)`: its
results as `Row`s for the table, the preview image and the alt text, and
`labels(item, lang)`: the (id, label) its answer may speak to; `picture` for
kinds whose choices are pictures."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from budgetschuiver import i18n, votes
from budgetschuiver.context import services
from budgetschuiver.projects import BudgetProject, Trajectory


@dataclasses.dataclass(frozen=True)
class Row:
    """One result line in plain terms: `item_id` (line, option or picture),
    `label`, `value` (euros for a budget, share in [0, 1] for a vote) and its
    text, `count` (votes; None for a budget), and for a budget the `plan` and
    `mean` (euros)."""

    item_id: str
    label: str
    value: float
    text: str
    count: int | None = None
    plan: float | None = None
    mean: float | None = None


@dataclasses.dataclass(frozen=True)
class PublicKind:
    kind: str
    segment: str
    page: str
    find: Callable[[str], Trajectory | None]
    items: Callable[[], Iterable[Trajectory]]
    rows: Callable[[Any, dict, str], list[Row]]
    # (id, label) of every line, option or picture, for the answer item by item.
    labels: Callable[[Any, str], list[tuple[str, str]]]
    # "choices" (shares with counts) or "budget" (amounts beside the plan): how
    # the page and the preview draw the rows.
    shape: str
    # For kinds whose choices are pictures: the picture of a choice id (a
    # MoodboardImage), shown on the results page and in the preview.
    picture: Callable[[Any, str], Any] | None = None


def residents_budget(project: BudgetProject, data: dict) -> tuple[str, dict]:
    """(rule used, line id -> euros) of the residents' budget the definition
    names (`aggregate`). The moving-phantom rules cover spending lines; revenue
    lines, and every line when those rules could not be computed, take the mean
    (then the rule used is `mean`)."""
    means = data["aggregates"]["mean"]
    chosen = data["aggregates"].get(project.aggregate)
    rule = project.aggregate if chosen is not None else "mean"
    chosen = chosen or {}
    return rule, {
        line.id: chosen.get(line.id, means[line.id]) for line in project.lines
    }


def _budget_rows(project: BudgetProject, data: dict, lang: str) -> list[Row]:
    _rule, budget = residents_budget(project, data)
    return [
        Row(
            line.id,
            line.label.get(lang),
            budget[line.id],
            i18n.format_euro(budget[line.id], lang),
            plan=float(line.plan),
            mean=data["aggregates"]["mean"][line.id],
        )
        for line in project.lines
    ]


def _choice_rows(key: str, labels: Callable[[Any, str], list[tuple[str, str]]]):
    def rows(item: Any, data: dict, lang: str) -> list[Row]:
        found = data[key]
        listed = [(i, label) for i, label in labels(item, lang) if i in found]
        texts, _note = i18n.format_shares([found[i]["share"] for i, _ in listed], lang)
        return [
            Row(i, label, found[i]["share"], text, count=found[i]["votes"])
            for (i, label), text in zip(listed, texts, strict=True)
        ]

    return rows


def _line_labels(project, lang: str) -> list[tuple[str, str]]:
    return [(line.id, line.label.get(lang)) for line in project.lines]


def _poll_labels(poll, lang: str) -> list[tuple[str, str]]:
    return [
        (choice, votes.choice_label(poll, choice, lang))
        for choice in votes.poll_choice_ids(poll)
    ]


def _picture_labels(board, lang: str) -> list[tuple[str, str]]:
    return [(image.id, image.title.get(lang)) for image in board.images]


KINDS: tuple[PublicKind, ...] = (
    PublicKind(
        "budget",
        "projects",
        "/begroting/",
        lambda item_id: services().catalog.project(item_id),
        lambda: services().catalog.projects.values(),
        _budget_rows,
        _line_labels,
        "budget",
    ),
    PublicKind(
        "poll",
        "polls",
        "/peiling/",
        lambda item_id: services().catalog.poll(item_id),
        lambda: services().catalog.polls.values(),
        _choice_rows("options", _poll_labels),
        _poll_labels,
        "choices",
    ),
    PublicKind(
        "moodboard",
        "moodboards",
        "/moodboard/",
        lambda item_id: services().moodboard(item_id),
        lambda: (services().moodboard(i) for i in services().catalog.moodboards),
        _choice_rows("images", _picture_labels),
        _picture_labels,
        "choices",
        lambda board, image_id: board.image(image_id),
    ),
)
BY_SEGMENT = {kind.segment: kind for kind in KINDS}


def find(item_id: object) -> tuple[PublicKind, Trajectory] | tuple[None, None]:
    """The kind and trajectory a `/resultaten/<id>` address names (ids are
    unique within a kind; the first kind that has it wins)."""
    if not isinstance(item_id, str):
        return None, None
    for kind in KINDS:
        item = kind.find(item_id)
        if item is not None:
            return kind, item
    return None, None


def everything() -> Iterable[tuple[PublicKind, Trajectory]]:
    for kind in KINDS:
        for item in kind.items():
            yield kind, item

"""What polls and moodboards give the loop back (`dashboards.kernel.public`):
shares with counts per option or picture."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from budgetschuiver.choices import rules as votes
from budgetschuiver.kernel import i18n
from budgetschuiver.kernel.context import services
from budgetschuiver.moodboards.files import image_bytes, image_url
from dashboards.kernel.public.kinds import PublicKind, Row


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


def _poll_labels(poll, lang: str) -> list[tuple[str, str]]:
    return [
        (choice, votes.choice_label(poll, choice, lang))
        for choice in votes.poll_choice_ids(poll)
    ]


def _picture_labels(board, lang: str) -> list[tuple[str, str]]:
    return [(image.id, image.title.get(lang)) for image in board.images]


def _picture_bytes(board, image_id: str) -> bytes | None:
    image = board.image(image_id)
    return image_bytes(services(), board, image) if image is not None else None


POLLS = PublicKind(
    "poll",
    "polls",
    "/peiling/",
    _choice_rows("options", _poll_labels),
    _poll_labels,
    "shares",
)
MOODBOARDS = PublicKind(
    "moodboard",
    "moodboards",
    "/moodboard/",
    _choice_rows("images", _picture_labels),
    _picture_labels,
    "shares",
    picture=lambda board, image_id: board.image(image_id),
    picture_url=lambda board, image_id, width: image_url(board.id, image_id, width),
    picture_bytes=_picture_bytes,
)

"""A moodboard's definition: the pictures to choose from."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import (
    Field,
    model_validator,
)

from budgetschuiver.choices.model import choice_limits
from budgetschuiver.kernel.reactions import ReactionSwitch
from budgetschuiver.kernel.trajectory import (
    DefinitionError,
    LocalText,
    Model,
    Slug,
    Trajectory,
    unique_ids,
)


class MoodboardImage(Model):
    id: Slug
    file: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*\.(webp|png|jpe?g)$")
    title: LocalText
    alt: LocalText
    description: LocalText | None = None
    credit: LocalText | None = None


class Moodboard(Trajectory, ReactionSwitch):
    """Pictures residents pick favourites from, e.g. styles for a new playground."""

    kind: Literal["moodboard"] = "moodboard"
    min_choices: int = Field(default=1, ge=0)
    max_choices: int = Field(ge=1)
    images: tuple[MoodboardImage, ...] = Field(min_length=2)
    share_text: LocalText | None = None

    @model_validator(mode="after")
    def _check(self) -> Moodboard:
        unique_ids(image.id for image in self.images)
        choice_limits(self.min_choices, self.max_choices, len(self.images), "pictures")
        return self

    def ballot_rules(self) -> dict[str, Any]:
        return {
            "kind": "moodboard",
            "images": sorted(image.id for image in self.images),
            "min_choices": self.min_choices,
            "max_choices": self.max_choices,
        }

    def answer_ids(self) -> tuple[str, ...]:
        return tuple(image.id for image in self.images)

    def image(self, image_id: str) -> MoodboardImage | None:
        return next((i for i in self.images if i.id == image_id), None)


def check_pictures(root: Path, moodboard: Moodboard) -> None:
    """Every picture a moodboard names must ship with it."""
    folder = root / "moodboards" / "images" / moodboard.id
    for index, image in enumerate(moodboard.images):
        if not (folder / image.file).is_file():
            raise DefinitionError(
                f"{root / 'moodboards' / (moodboard.id + '.yaml')}: "
                f"images[{index}] (id {image.id}).file: {folder / image.file} not found"
            )

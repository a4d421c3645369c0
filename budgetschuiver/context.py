"""The per-app services (settings, trajectory catalog, store) and how code finds them.

They live on the Flask app, not in module globals, so tests can run several apps with
their own databases in one process; pages and the API reach them via `services()`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from flask import current_app

from budgetschuiver.definitions import FitReport
from budgetschuiver.projects import Catalog, LocalText, Moodboard, MoodboardImage
from budgetschuiver.ratelimit import RateLimiter
from budgetschuiver.settings import Settings
from budgetschuiver.store import Store
from budgetschuiver.versions import DataVersion

EXTENSION = "budgetschuiver"


@dataclasses.dataclass(frozen=True)
class Services:
    settings: Settings
    catalog: Catalog
    store: Store
    limiter: RateLimiter = dataclasses.field(default_factory=RateLimiter)
    data_version: DataVersion = dataclasses.field(default_factory=DataVersion)
    # "<kind>:<id>" -> how the stored ballots related to the definition at start-up
    # (`definitions.FitReport`); filled by the app once its store is ready.
    reviews: dict[str, FitReport] = dataclasses.field(default_factory=dict)

    def moodboard(self, moodboard_id: object) -> Moodboard | None:
        """A moodboard with the pictures from its definition and those uploaded."""
        base = self.catalog.moodboard(moodboard_id)
        if base is None:
            return None
        uploaded = self.store.uploaded_images(base.id)
        if not uploaded:
            return base
        extra = tuple(
            MoodboardImage(
                id=item.image_id,
                file=f"{item.image_id}.webp",
                title=LocalText(**item.title),
                alt=LocalText(**item.alt),
                description=LocalText(**item.description)
                if item.description.get("nl")
                else None,
            )
            for item in uploaded
        )
        return base.model_copy(update={"images": base.images + extra})

    def ballot_versions(self, kind: str, item_id: str) -> tuple[int, int]:
        """(ballots cast under an earlier version of the rules, of which no longer
        fitting) now; (0, 0) without asking the database when every stored ballot
        was cast under the current rules at start-up (new ones always are)."""
        review = self.reviews.get(f"{kind}:{item_id}")
        if review is None or not review.mixed:
            return 0, 0
        return self.store.ballot_versions(kind, item_id)

    def image_bytes(self, moodboard: Moodboard, image: MoodboardImage) -> bytes | None:
        """The stored picture: shipped with the definitions, else uploaded."""
        path = image_path(self.settings, moodboard.id, image.file)
        if path.is_file():
            return path.read_bytes()
        return self.store.image_data(moodboard.id, image.id)


def services() -> Services:
    return current_app.extensions[EXTENSION]


def image_path(settings: Settings, moodboard_id: str, file: str) -> Path:
    return Path(settings.data_dir) / "moodboards" / "images" / moodboard_id / file

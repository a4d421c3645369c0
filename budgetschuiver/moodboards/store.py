"""The moodboards' part of the store: uploaded pictures."""

from __future__ import annotations

import dataclasses

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.exc import IntegrityError

from budgetschuiver.kernel.store import (
    KernelStore,
    metadata,
    utcnow,
)

# Pictures an administrator added to a moodboard, already re-encoded (media.py).
# Kept in the database so every worker and host serves the same set.
moodboard_images = Table(
    "moodboard_images",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("moodboard_id", String(64), nullable=False),
    Column("image_id", String(64), nullable=False),
    Column("title_nl", Text, nullable=False),
    Column("title_en", Text),
    Column("alt_nl", Text, nullable=False),
    Column("alt_en", Text),
    Column("description_nl", Text),
    Column("description_en", Text),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("moodboard_id", "image_id", name="uq_moodboard_images"),
)


@dataclasses.dataclass(frozen=True)
class UploadedImage:
    moodboard_id: str
    image_id: str
    title: dict[str, str | None]
    alt: dict[str, str | None]
    description: dict[str, str | None]


class MoodboardStore(KernelStore):
    """The moodboards methods of the store (a part of `budgetschuiver.store.Store`)."""

    def add_image(self, image: UploadedImage, data: bytes) -> bool:
        """Store an already re-encoded picture; False (nothing changed) when the
        moodboard already has an uploaded picture with this id."""
        try:
            self._insert_image(image, data)
        except IntegrityError:
            return False
        return True

    def _insert_image(self, image: UploadedImage, data: bytes) -> None:
        with self._write() as conn:
            conn.execute(
                moodboard_images.insert().values(
                    moodboard_id=image.moodboard_id,
                    image_id=image.image_id,
                    title_nl=image.title["nl"],
                    title_en=image.title.get("en"),
                    alt_nl=image.alt["nl"],
                    alt_en=image.alt.get("en"),
                    description_nl=image.description.get("nl"),
                    description_en=image.description.get("en"),
                    data=data,
                    created_at=utcnow(),
                )
            )

    def uploaded_images(self, moodboard_id: str) -> list[UploadedImage]:
        with self._read() as conn:
            rows = conn.execute(
                select(moodboard_images)
                .where(moodboard_images.c.moodboard_id == moodboard_id)
                .order_by(moodboard_images.c.id)
            ).all()
        return [
            UploadedImage(
                row.moodboard_id,
                row.image_id,
                {"nl": row.title_nl, "en": row.title_en},
                {"nl": row.alt_nl, "en": row.alt_en},
                {"nl": row.description_nl, "en": row.description_en},
            )
            for row in rows
        ]

    def image_data(self, moodboard_id: str, image_id: str) -> bytes | None:
        with self._read() as conn:
            return conn.execute(
                select(moodboard_images.c.data).where(
                    moodboard_images.c.moodboard_id == moodboard_id,
                    moodboard_images.c.image_id == image_id,
                )
            ).scalar_one_or_none()

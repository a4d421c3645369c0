"""Why a ballot is refused: a stable code, the field, and a message in two languages."""

from __future__ import annotations

import dataclasses
from typing import Any

from budgetschuiver.kernel import i18n


@dataclasses.dataclass(frozen=True)
class Money:
    """An amount inside a message, formatted in the reader's language."""

    euros: int

    def localized(self, lang: str) -> str:
        return i18n.format_euro(self.euros, lang)


@dataclasses.dataclass(frozen=True)
class Problem:
    code: str
    field: str
    key: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def message(self, lang: str) -> str:
        # Params that know how to speak both languages (texts, amounts, states) do.
        return i18n.t(
            self.key,
            lang,
            **{
                name: value.localized(lang) if hasattr(value, "localized") else value
                for name, value in self.params.items()
            },
        )

    def as_json(self, lang: str) -> dict[str, str]:
        return {"code": self.code, "message": self.message(lang), "field": self.field}

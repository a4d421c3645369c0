"""The coarse, optional demographics a resident may give: district and age band.

Only these values are ever stored; anything else is refused. They are kept coarse on
purpose (privacy by design): eight districts and six age bands.
"""

from __future__ import annotations

# Den Haag's eight stadsdelen, in the order the municipality lists them.
DISTRICTS: tuple[tuple[str, str, str], ...] = (
    ("centrum", "Centrum", "Centre"),
    ("escamp", "Escamp", "Escamp"),
    ("haagse-hout", "Haagse Hout", "Haagse Hout"),
    ("laak", "Laak", "Laak"),
    ("leidschenveen-ypenburg", "Leidschenveen-Ypenburg", "Leidschenveen-Ypenburg"),
    ("loosduinen", "Loosduinen", "Loosduinen"),
    ("scheveningen", "Scheveningen", "Scheveningen"),
    ("segbroek", "Segbroek", "Segbroek"),
)

AGE_BANDS: tuple[tuple[str, str, str], ...] = (
    ("0-17", "Jonger dan 18", "Under 18"),
    ("18-29", "18 tot 30 jaar", "18 to 29"),
    ("30-44", "30 tot 45 jaar", "30 to 44"),
    ("45-64", "45 tot 65 jaar", "45 to 64"),
    ("65-74", "65 tot 75 jaar", "65 to 74"),
    ("75+", "75 jaar of ouder", "75 or older"),
)

DISTRICT_IDS = frozenset(item[0] for item in DISTRICTS)
AGE_BAND_IDS = frozenset(item[0] for item in AGE_BANDS)


def options(table: tuple[tuple[str, str, str], ...], lang: str) -> list[dict[str, str]]:
    """`[{id, label}]` in the given language."""
    return [{"id": key, "label": en if lang == "en" else nl} for key, nl, en in table]

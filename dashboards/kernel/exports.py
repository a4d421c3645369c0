"""CSV dialects of the exports (pure): one for Dutch spreadsheets, one for tools;
and the XLSX workbook.

- `spreadsheet`: what Excel and LibreOffice with Dutch settings open in columns
  (RFC 4180 quoting with `;` between fields and a decimal comma), values rounded as the
  dashboard shows them: whole euros, shares as percentages with one decimal ("49,3%").
- `tool`: `,` between fields, a decimal point, every number at full precision (shares
  as fractions in [0, 1]), for R, pandas and other programs.

Both are UTF-8 with a byte order mark (Excel reads the accents right) and CRLF line ends
(RFC 4180). Text that a spreadsheet would run as a formula is neutralised by the caller
before it gets here.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Collection, Sequence
from typing import Any

from budgetschuiver.kernel.i18n import round_half_away

# An admin's export of public reactions (on an idea round's ideas, or on a
# budget with `reactions: true`, where `idea_id` stays empty).
REACTION_COLUMNS = (
    "id",
    "idea_id",
    "parent",
    "stance",
    "text",
    "created_at",
    "edited_at",
    "state",
)
DIALECTS = ("spreadsheet", "tool")
DEFAULT_DIALECT = "tool"


def _spreadsheet_value(value: Any, share: bool) -> Any:
    """One number as the dashboard shows it, with a decimal comma; text as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if not math.isfinite(value):
        return ""
    if share:
        return f"{value * 100:.1f}%".replace(".", ",")
    return str(round_half_away(value))


def _tool_value(value: Any) -> Any:
    """Full precision with a decimal point: Python's shortest repr round-trips."""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return value


def write_csv(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    dialect: str,
    share_columns: Collection[str] = (),
) -> bytes:
    """The CSV file in `dialect` ("spreadsheet" or "tool") as UTF-8 bytes with a BOM.

    `share_columns` names the columns that hold shares in [0, 1]; the spreadsheet
    dialect writes them as percentages and every other number as whole euros or
    counts. Raises ValueError for an unknown dialect.
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}")
    buffer = io.StringIO()
    if dialect == "spreadsheet":
        writer = csv.writer(buffer, delimiter=";")
        shares = [name in share_columns for name in header]
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [_spreadsheet_value(v, s) for v, s in zip(row, shares, strict=True)]
            )
    else:
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows([[_tool_value(v) for v in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_xlsx(
    header: Sequence[str], rows: Sequence[Sequence[Any]], title: str
) -> bytes:
    """An XLSX workbook of one sheet named `title`: the header row, then `rows`
    with every number at full precision (a spreadsheet formats them itself)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def reaction_rows(found: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """One row per reaction in `REACTION_COLUMNS` order, from the store's
    reaction dicts (`round_reactions`, `host_reactions`); times as ISO 8601."""

    def iso(value: Any) -> str:
        return value.isoformat() if value is not None else ""

    return [
        [
            r["id"],
            r["idea_id"] or "",
            r["parent"] or "",
            r["stance"],
            r["text"],
            iso(r["created_at"]),
            iso(r["edited_at"]),
            r["state"],
        ]
        for r in found
    ]

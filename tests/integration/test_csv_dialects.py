"""CSV exports in two dialects, each parsed back the way its reader would: a Dutch
spreadsheet (`;`, decimal comma, values as shown) and a tool (`,`, dot, full
precision); and a Content-Type that names its charset once."""

from __future__ import annotations

import csv
import io

import pytest

from tests.integration.test_dashboard import (  # noqa: F401
    PARK,
    accounts,
    basic,
    park_budgets,
    seed,
)

EURO_COLUMNS = (
    "plan",
    "mean",
    "median",
    "p25",
    "p75",
    "mean_ci_low",
    "mean_ci_high",
    "independent_markets",
    "welfare",
)
SHARE_COLUMNS = ("raised", "lowered", "unchanged")


def _get(client, query: str, who: str = "adviseur"):
    return client.get(f"/api/v1/projects/{PARK}/export.csv?{query}", headers=basic(who))


def _dutch_number(text: str) -> float:
    """How a spreadsheet with Dutch settings reads a cell: decimal comma, `%`."""
    assert "." not in text, text
    if text.endswith("%"):
        return float(text[:-1].replace(",", ".")) / 100
    return float(text.replace(",", "."))


@pytest.fixture
def exported(client, store, catalog, accounts):  # noqa: F811
    # Uneven budgets, so means and shares have many decimals.
    budgets = park_budgets(catalog, 23)
    seed(store, PARK, budgets, comments=["Bomen; meer, graag"] + [None] * 22)
    tool = _get(client, "dialect=tool")
    sheet = _get(client, "dialect=spreadsheet")
    results = client.get(
        f"/api/v1/projects/{PARK}/results", headers=basic("adviseur")
    ).get_json()
    return tool, sheet, results


def test_csvd001_both_dialects_parse_back_to_the_results(exported):
    """Class: an export a reader's program cannot split into columns or reads as
    other numbers. The spreadsheet file, split on `;` and read with decimal commas,
    gives the results rounded as shown; the tool file, split on `,`, gives them
    exactly."""
    tool, sheet, results = exported
    for response in (tool, sheet):
        assert response.status_code == 200
        assert response.data.startswith(b"\xef\xbb\xbf")
    tool_rows = list(csv.DictReader(io.StringIO(tool.data.decode("utf-8-sig"))))
    sheet_rows = list(
        csv.DictReader(io.StringIO(sheet.data.decode("utf-8-sig")), delimiter=";")
    )
    assert [r["line"] for r in tool_rows] == [r["line"] for r in sheet_rows]
    assert len(tool_rows) == len(results["lines"]) and len(sheet_rows[0]) > 10
    precise = 0
    for tool_row, sheet_row in zip(tool_rows, sheet_rows, strict=True):
        stats = results["lines"][tool_row["line"]]
        for column in ("mean", "median", "p25", "p75"):
            assert float(tool_row[column]) == stats[column]
            assert _dutch_number(sheet_row[column]) == round(stats[column])
            precise += float(tool_row[column]) != round(stats[column])
        assert float(tool_row["mean_ci_low"]) == stats["mean_ci"][0]
        for column in EURO_COLUMNS:
            value = _dutch_number(sheet_row[column])
            assert value == int(value), (column, sheet_row[column])
            assert abs(value - float(tool_row[column])) <= 0.5
        for column in SHARE_COLUMNS:
            assert float(tool_row[column]) == stats[column]
            assert abs(_dutch_number(sheet_row[column]) - stats[column]) <= 0.0005
            assert sheet_row[column].endswith("%")
        assert int(sheet_row["n"]) == int(tool_row["n"]) == results["n"]
    assert precise > 0  # the tool file keeps what the spreadsheet file rounds


def test_csvd002_text_with_separators_survives_both_dialects(client, exported):
    """Class: text holding the dialect's own separator or a decimal mark that splits
    a cell. A comment with `;` and `,` comes back whole from both files."""
    for query, delimiter in (("dialect=tool", ","), ("dialect=spreadsheet", ";")):
        raw = _get(client, f"content=submissions&synthetic=1&{query}", "beheer")
        rows = list(
            csv.DictReader(
                io.StringIO(raw.data.decode("utf-8-sig")), delimiter=delimiter
            )
        )
        assert len(rows) == 23
        assert "Bomen; meer, graag" in [row["comment"] for row in rows]
        assert all(row["trees"].isdigit() for row in rows)


def test_csvd003_content_type_names_its_charset_once(client, exported):
    """Class: a Content-Type whose parameters repeat (given as a mimetype, Flask adds
    its own charset). Every CSV answer carries exactly one charset."""
    tool, sheet, _ = exported
    default = _get(client, "")
    for response in (tool, sheet, default):
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert default.data == tool.data  # the tool dialect is the API's default
    assert "spreadsheet" in sheet.headers["Content-Disposition"]


def test_csvd004_unknown_dialect_refused(client, exported):
    """A dialect the server does not know is a clear 400, in the reader's language."""
    response = _get(client, "dialect=excel")
    assert response.status_code == 400
    assert response.get_json()["error"]["field"] == "dialect"

"""Dates typed in the dashboard's filter bar: day-month-year as Dutch readers write
it, ISO as the API shows it, and a reason for everything else."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboards.kernel.common import read_filters
from dashboards.kernel.filters import FilterError
from dashboards.kernel.typed_dates import (
    BEFORE_SINCE,
    IMPOSSIBLE,
    MALFORMED,
    TypedDateError,
    date_problems,
    parse_typed_date,
)

DAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29-11-2026", DAY),
        ("  29-11-2026 ", DAY),
        ("29/11/2026", DAY),
        ("29.11.2026", DAY),
        ("2026-11-29", DAY),
        ("1-2-2026", dt.date(2026, 2, 1)),
        ("01-02-2026", dt.date(2026, 2, 1)),
        # Day first, never month first: 02-01 is the 2nd of January.
        ("02-01-2026", dt.date(2026, 1, 2)),
        ("29-02-2028", dt.date(2028, 2, 29)),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_tdate001_accepted_forms(text, expected):
    assert parse_typed_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # What a browser's type=date or an American habit gives: month first.
        ("11/29/2026", IMPOSSIBLE),
        ("31-02-2026", IMPOSSIBLE),
        ("29-02-2027", IMPOSSIBLE),
        ("00-11-2026", IMPOSSIBLE),
        ("29-13-2026", IMPOSSIBLE),
        ("2026-02-30", IMPOSSIBLE),
        ("29-11-0000", IMPOSSIBLE),
        ("29-11-26", MALFORMED),
        ("29-11/2026", MALFORMED),
        ("29 11 2026", MALFORMED),
        ("2026/11/29", MALFORMED),
        ("29 november 2026", MALFORMED),
        ("gisteren", MALFORMED),
        ("291-1-2026", MALFORMED),
        ("-29-11-2026", MALFORMED),
        # Digits of other scripts are digits to Python's \d, not to us.
        ("٢٩-١١-٢٠٢٦", MALFORMED),
        ("２９-１１-２０２６", MALFORMED),
        ("29-11-2026\n", None),
        ("9" * 21, MALFORMED),
        (20261129, MALFORMED),
        (["29-11-2026"], MALFORMED),
        ({"day": 29}, MALFORMED),
    ],
)
def test_tdate002_refused_with_a_reason(text, reason):
    if reason is None:
        # Surrounding white space, a newline too, is not part of the date.
        assert parse_typed_date(text) == DAY
        return
    with pytest.raises(TypedDateError) as raised:
        parse_typed_date(text)
    assert raised.value.reason == reason


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("", "", (None, None)),
        ("29-11-2026", "29-11-2026", (None, None)),
        ("23-11-2026", "29-11-2026", (None, None)),
        ("30-11-2026", "29-11-2026", (None, BEFORE_SINCE)),
        ("2026-11-30", "29/11/2026", (None, BEFORE_SINCE)),
        ("31-11-2026", "29-11-2026", (IMPOSSIBLE, None)),
        ("x", "31-02-2026", (MALFORMED, IMPOSSIBLE)),
        (None, "x", (None, MALFORMED)),
    ],
)
def test_tdate003_problems_per_field(since, until, expected):
    assert date_problems(since, until) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("29-11-2026", "", (DAY, None)),
        ("23/11/2026", "2026-11-29", (dt.date(2026, 11, 23), DAY)),
        (None, "1-12-2026", (None, dt.date(2026, 12, 1))),
    ],
)
def test_tdate004_the_bar_reads_typed_dates(since, until, expected):
    filters = read_filters(None, None, since, until, False, False)
    assert (filters.since, filters.until) == expected


@pytest.mark.parametrize(
    ("since", "until", "field"),
    [
        ("31-02-2026", "", "since"),
        ("", "11/29/2026", "until"),
        ("30-11-2026", "29-11-2026", "until"),
        ("<script>", "", "since"),
    ],
)
def test_tdate005_the_bar_refuses_with_the_field(since, until, field):
    with pytest.raises(FilterError) as raised:
        read_filters(None, None, since, until, False, False)
    assert raised.value.field == field

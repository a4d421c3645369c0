"""Dates as advisors type them in the dashboard's filter bar: day-month-year first."""

from __future__ import annotations

import datetime as dt
import re

# The order Dutch readers write (29-11-2026), with the separators people use for it;
# ISO (2026-11-29) too, since that is what the API and exports show. ASCII digits
# only: Python's \d also matches other scripts' digits, which no one means here.
_DAY_FIRST = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Longer than any accepted form with room for spaces around it; anything longer is
# refused before a pattern looks at it.
MAX_LENGTH = 20
MALFORMED = "malformed"
IMPOSSIBLE = "impossible"
BEFORE_SINCE = "before_since"


class TypedDateError(ValueError):
    """Typed text that is no date: `reason` is MALFORMED (not in an accepted form)
    or IMPOSSIBLE (in a form, but no such day, e.g. 31-02-2026)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_typed_date(text: object) -> dt.date | None:
    """The calendar day typed as `dd-mm-jjjj`, `d-m-jjjj`, `dd/mm/jjjj`,
    `dd.mm.jjjj` or ISO `jjjj-mm-dd`; None for empty or blank text.

    The day is a plain calendar day: the filters read it as a Europe/Amsterdam day
    (see dashboards.kernel.filters). Raises TypedDateError for anything else, including
    a non-string value (the browser's value is untrusted).
    """
    if text is None:
        return None
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise TypedDateError(MALFORMED)
    text = text.strip()
    if not text:
        return None
    if found := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    elif found := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(found[1]), int(found[3]), int(found[4]))
    else:
        raise TypedDateError(MALFORMED)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise TypedDateError(IMPOSSIBLE) from exc


def date_problems(since: object, until: object) -> tuple[str | None, str | None]:
    """What is wrong with a typed range, per field: (since, until), each None or
    MALFORMED, IMPOSSIBLE or BEFORE_SINCE (an end before the start; the start is
    not blamed, since the end is the one typed against it)."""
    problems: list[str | None] = []
    days: list[dt.date | None] = []
    for text in (since, until):
        try:
            days.append(parse_typed_date(text))
            problems.append(None)
        except TypedDateError as exc:
            days.append(None)
            problems.append(exc.reason)
    if days[0] and days[1] and days[0] > days[1]:
        problems[1] = BEFORE_SINCE
    return problems[0], problems[1]

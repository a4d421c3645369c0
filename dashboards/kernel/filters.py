"""The filters every dashboard view shares, parsed from untrusted input (query string
or callback values): district, age band, date range, raw or weighted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from zoneinfo import ZoneInfo

from budgetschuiver.kernel.demographics import AGE_BAND_IDS, DISTRICT_IDS

# Days are counted as people in Den Haag live them: a ballot at 00:30 local time
# belongs to that day, not to the day before in UTC.
TIMEZONE = ZoneInfo("Europe/Amsterdam")
# A theme id as trajectory definitions write them; which ids a round has, the
# view that offers the theme filter checks.
THEME_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def local_date(moment: dt.datetime) -> dt.date:
    """The Europe/Amsterdam date of a moment (a naive moment is read as UTC, as
    the store returns them from SQLite)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(TIMEZONE).date()


def utc_bounds(
    since: dt.date | None, until: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start, end) in UTC of the Europe/Amsterdam days `since` to `until`
    inclusive (None: open): local midnight of `since` and of the day after
    `until`, so a day of 23 or 25 hours (summer time) is whole."""

    def midnight(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), TIMEZONE).astimezone(dt.UTC)

    start = midnight(since) if since else None
    end = midnight(until + dt.timedelta(days=1)) if until else None
    return start, end


class FilterError(ValueError):
    """A filter value that is not allowed; `field` names it."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


@dataclasses.dataclass(frozen=True)
class Filters:
    district: str | None = None
    age_band: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    weighted: bool = False
    # Synthetic (seeded test or demo) ballots are no residents: left out unless a
    # reader asks for them, and then stated beside every count.
    synthetic: bool = False
    # The idea dashboard's theme (an id of the round's themes); None elsewhere.
    theme: str | None = None

    @property
    def narrowed(self) -> bool:
        """True when the view shows a subgroup rather than everyone."""
        return any((self.district, self.age_band, self.since, self.until, self.theme))


def _date(raw: object, field: str) -> dt.date | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str) or len(raw) > 10:
        raise FilterError(field)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise FilterError(field) from exc


def _choice(raw: object, allowed: frozenset[str], field: str) -> str | None:
    if raw in (None, "", "all"):
        return None
    if isinstance(raw, str) and raw in allowed:
        return raw
    raise FilterError(field)


def parse_filters(values: Mapping[str, object]) -> Filters:
    """Filters from a query string or callback values; FilterError when invalid.
    A theme is checked for its form only: the view knows the round's themes."""
    weighted = values.get("weighted")
    if weighted not in (None, "", "0", "1", 0, 1, True, False):
        raise FilterError("weighted")
    synthetic = values.get("synthetic")
    if synthetic not in (None, "", "0", "1", 0, 1, True, False):
        raise FilterError("synthetic")
    since = _date(values.get("since"), "since")
    until = _date(values.get("until"), "until")
    if since and until and since > until:
        raise FilterError("until")
    theme = values.get("theme")
    if theme in ("", "all"):
        theme = None
    if theme is not None and not (isinstance(theme, str) and THEME_ID.fullmatch(theme)):
        raise FilterError("theme")
    return Filters(
        theme=theme,
        district=_choice(values.get("district"), DISTRICT_IDS, "district"),
        age_band=_choice(values.get("age_band"), AGE_BAND_IDS, "age_band"),
        since=since,
        until=until,
        weighted=weighted in ("1", 1, True),
        synthetic=synthetic in ("1", 1, True),
    )

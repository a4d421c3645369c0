"""The dashboard's date filter in a real browser: a Dutch date typed as written
filters; a date that cannot be read or does not exist is said next to its field."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_budgets
from dashboards.kernel import auth
from dashboards.kernel.filters import local_date
from tests.browser.helpers import (
    NO_SIDEWAYS_SCROLL,
    axe_serious,
    retype,
    tab_to,
    wait_for,
)
from tests.browser.test_dashboard_pages import PASSWORD, log_in
from tests.integration.conftest import DATABASES, settings_on

PARK = "park-zuiderpark"
# Two whole weeks (Monday 23 November to Sunday 6 December 2026, Den Haag time),
# fixed so the expected counts do not depend on the day the test runs.
SEEDED_UNTIL = dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC)


@pytest.fixture(params=DATABASES)
def settings(request, settings):
    """This module's app on SQLite and on PostgreSQL."""
    yield from settings_on(request.param, settings)


@pytest.fixture
def dated(served, app, store, catalog, settings):
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    seed_budgets(
        catalog.find("budget", PARK),
        store,
        settings.data_dir,
        300,
        seed=5,
        days=13,
        now=SEEDED_UNTIL,
        synthetic=False,
    )
    served.driver.set_window_size(1280, 900)
    return served


def _text(duo, css: str) -> str:
    return duo.find_element(css).text


def _type(duo, field: str, text: str, backwards: bool = False) -> None:
    """Tab to `field` (keyboard only), replace what it holds by `text`, leave it."""
    tab_to(duo.driver, field, backwards=backwards)
    retype(duo.driver, text, Keys.TAB)


def _says(duo, field: str, text: str) -> None:
    """Wait for the message under `field` to hold `text`."""
    duo.wait_for_contains_text(f"{field}-error", text, timeout=30)


def test_dfil001_typed_dutch_date_filters_and_bad_dates_are_said(
    dated, store, tmp_path
):
    duo = dated
    days = [local_date(row.updated_at) for row in store.budgets_for(PARK)]
    first_week = sum(day <= dt.date(2026, 11, 29) for day in days)
    assert 10 < first_week < 290  # both weeks are large enough to be shown
    log_in(duo, f"/dashboard/begroting/{PARK}")
    duo.driver.get(duo.server_url + f"/dashboard/begroting/{PARK}?lang=nl")
    duo.wait_for_contains_text("#db-budget", "n = 300", timeout=30)
    field = duo.find_element("#db-until")
    assert field.get_attribute("type") == "text"
    assert field.get_attribute("placeholder") == "dd-mm-jjjj"
    assert "29-11-2026" in _text(duo, "#db-date-format")

    # Typed as a Dutch reader writes it, taken when the field is left.
    _type(duo, "#db-until", "29-11-2026")
    duo.wait_for_contains_text("#db-budget", f"n = {first_week}", timeout=30)
    assert "tot en met 29 november 2026" in _text(duo, "#db-budget")
    assert _text(duo, "#db-until-error") == ""
    assert field.get_attribute("aria-invalid") == "false"
    assert field.get_attribute("aria-describedby") == (
        # linked by dashboard.js
        "db-date-format db-until-error"
    )

    # A day that does not exist: said next to the field, nothing else lost.
    _type(duo, "#db-since", "31-02-2026", backwards=True)
    _says(duo, "#db-since", "Deze dag bestaat niet. Kijk de dag en de maand na.")
    since = duo.find_element("#db-since")
    assert since.get_attribute("aria-invalid") == "true"
    assert duo.find_element("#db-since-error").get_attribute("role") == "alert"
    assert field.get_attribute("value") == "29-11-2026"
    wait_for(
        lambda: f"n = {first_week}" not in _text(duo, "#db-budget"),
        timeout=30,
        message="no figures for a filter that cannot be read",
    )
    assert axe_serious(duo.driver) == []
    out = Path(os.environ.get("BUDGETSCHUIVER_SCREENSHOT_DIR") or tmp_path)
    duo.driver.save_screenshot(str(out / "date-filter-error.png"))

    # The browser's own habit (month first) is no date here, and says so.
    _type(duo, "#db-since", "11/29/2026")
    _says(duo, "#db-since", "Deze dag bestaat niet")
    _type(duo, "#db-since", "gisteren", backwards=True)
    _says(duo, "#db-since", "Dit is geen datum die we kunnen lezen")

    # Corrected (ISO as the API writes it is read too): figures for the week.
    _type(duo, "#db-since", "2026-11-30", backwards=True)
    duo.wait_for_text_to_equal("#db-since-error", "", timeout=30)
    _says(duo, "#db-until", "vóór de datum bij ‘Vanaf’")
    _type(duo, "#db-until", "6/12/2026")
    duo.wait_for_contains_text(
        "#db-budget", f"n = {len(days) - first_week}", timeout=30
    )
    assert _text(duo, "#db-until-error") == ""
    assert since.get_attribute("aria-invalid") == "false"
    assert axe_serious(duo.driver) == []

    # At 320 px the fields, the hint and an error fit without sideways scrolling.
    duo.driver.set_window_size(320, 800)
    _type(duo, "#db-until", "32-12-2026", backwards=True)
    _says(duo, "#db-until", "Deze dag bestaat niet")
    wait_for(
        lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320,
        timeout=5,
        message="no sideways scrolling at 320 px",
    )
    duo.driver.save_screenshot(str(out / "date-filter-320.png"))
    assert duo.get_logs() == []


def test_dfil002_english_keeps_day_month_year_with_a_hint(dated):
    duo = dated
    log_in(duo, f"/dashboard/begroting/{PARK}")
    duo.driver.get(duo.server_url + f"/dashboard/begroting/{PARK}?lang=en")
    duo.wait_for_contains_text("#db-budget", "n = 300", timeout=30)
    assert duo.find_element("#db-since").get_attribute("placeholder") == "dd-mm-yyyy"
    assert "day-month-year" in _text(duo, "#db-date-format")
    _type(duo, "#db-since", "30-11-2026")
    duo.wait_for_contains_text("#db-budget", "30 November 2026", timeout=30)
    _type(duo, "#db-since", "30-11-26", backwards=True)
    _says(
        duo,
        "#db-since",
        (
            "This is not a date we can read. Type day-month-year, "
            "for example 29-11-2026."
        ),
    )
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

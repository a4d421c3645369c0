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
    press,
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
    tab_to(duo.driver, "#db-until")
    press(duo.driver, "29-11-2026", Keys.TAB)
    duo.wait_for_contains_text("#db-budget", f"n = {first_week}", timeout=30)
    assert "tot en met 29 november 2026" in _text(duo, "#db-budget")
    assert _text(duo, "#db-until-error") == ""
    assert field.get_attribute("aria-invalid") == "false"
    assert field.get_attribute("aria-describedby") == (
        # linked by dashboard.js
        "db-date-format db-until-error"
    )

    # A day that does not exist: said next to the field, nothing else lost.
    tab_to(duo.driver, "#db-since", backwards=True)
    press(duo.driver, "31-02-2026", Keys.TAB)
    duo.wait_for_text_to_equal(
        "#db-since-error",
        "Deze dag bestaat niet. Kijk de dag en de maand na.",
        timeout=30,
    )
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
    tab_to(duo.driver, "#db-since")
    retype(duo.driver, "11/29/2026", Keys.TAB)
    duo.wait_for_contains_text("#db-since-error", "Deze dag bestaat niet", timeout=30)
    tab_to(duo.driver, "#db-since", backwards=True)
    retype(duo.driver, "gisteren", Keys.TAB)
    duo.wait_for_contains_text(
        "#db-since-error", "Dit is geen datum die we kunnen lezen", timeout=30
    )

    # Corrected (ISO as the API writes it is read too): figures for the week.
    tab_to(duo.driver, "#db-since", backwards=True)
    retype(duo.driver, "2026-11-30", Keys.TAB)
    duo.wait_for_text_to_equal("#db-since-error", "", timeout=30)
    duo.wait_for_contains_text(
        "#db-until-error", "vóór de datum bij ‘Vanaf’", timeout=30
    )
    tab_to(duo.driver, "#db-until")
    retype(duo.driver, "6/12/2026", Keys.TAB)
    duo.wait_for_contains_text(
        "#db-budget", f"n = {len(days) - first_week}", timeout=30
    )
    assert _text(duo, "#db-until-error") == ""
    assert since.get_attribute("aria-invalid") == "false"
    assert axe_serious(duo.driver) == []

    # At 320 px the fields, the hint and an error fit without sideways scrolling.
    duo.driver.set_window_size(320, 800)
    tab_to(duo.driver, "#db-until", backwards=True)
    retype(duo.driver, "32-12-2026", Keys.TAB)
    duo.wait_for_contains_text("#db-until-error", "Deze dag bestaat niet", timeout=30)
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
    tab_to(duo.driver, "#db-since")
    press(duo.driver, "30-11-2026", Keys.TAB)
    duo.wait_for_contains_text("#db-budget", "30 November 2026", timeout=30)
    tab_to(duo.driver, "#db-since", backwards=True)
    retype(duo.driver, "30-11-26", Keys.TAB)
    duo.wait_for_text_to_equal(
        "#db-since-error",
        "This is not a date we can read. Type day-month-year, for example 29-11-2026.",
        timeout=30,
    )
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

"""The dashboard on the screens it is used on: every table fits its box on a
1280 px laptop, and the presentation's footer (time, n) is readable at 1920x1080."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_budgets
from tests.browser.helpers import axe_serious, press, tab_to
from tests.browser.test_dashboard_pages import dashboard, log_in  # noqa: F401

# Every scrollable table box whose content is wider than the box.
_OVERFLOWING = """
return [...document.querySelectorAll('.table-responsive')]
  .filter(box => box.offsetParent !== null)
  .filter(box => box.scrollWidth > box.clientWidth + 1)
  .map(box => [box.getAttribute('aria-label'), box.scrollWidth, box.clientWidth]);
"""


def test_screens001_tables_fit_a_laptop(dashboard, store, catalog, settings):  # noqa: F811
    """Class: a table wider than its box on a 1280 px laptop (it would scroll
    sideways, hiding columns). Every table on both budget views, raw and weighted,
    fits."""
    duo = dashboard
    # Unmarked: they stand in for residents, whom the dashboard counts by default.
    seed_budgets(
        catalog.find("budget", "begroting-2027"),
        store,
        settings.data_dir,
        200,
        seed=4,
        synthetic=False,
    )
    duo.driver.set_window_size(1280, 900)
    log_in(duo, "/dashboard/begroting/begroting-2027")
    for project in ("begroting-2027", "park-zuiderpark"):
        duo.driver.get(duo.server_url + f"/dashboard/begroting/{project}?lang=nl")
        duo.wait_for_contains_text("#db-budget", "n = ", timeout=40)
        duo.wait_for_element("#db-budget .db-table", timeout=40)
        assert duo.driver.execute_script(_OVERFLOWING) == [], project
        tab_to(duo.driver, "#db-weighted")
        press(duo.driver, Keys.SPACE)
        duo.wait_for_contains_text("#db-budget", "poststratificatie", timeout=40)
        assert duo.driver.execute_script(_OVERFLOWING) == [], project + " weighted"
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_screens002_presentation_footer_reads_on_a_big_screen(dashboard):  # noqa: F811
    """Class: text on the big screen sized for a laptop. At 1920x1080 the footer's
    time and n are at least 24 px (1/45 of the screen's height) in grey-5 or darker."""
    duo = dashboard
    duo.driver.set_window_size(1920, 1080)
    log_in(duo, "/dashboard/presentatie/park-zuiderpark")
    duo.wait_for_contains_text("#db-present-status", "n = 300", timeout=40)
    size, colour = duo.driver.execute_script(
        "const s = getComputedStyle(document.getElementById('db-present-status'));"
        "return [parseFloat(s.fontSize), s.color];"
    )
    assert size >= 24, size
    channels = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    assert max(int(v) for v in channels[:3]) <= 0x2E, colour
    assert duo.get_logs() == []


def test_screens003_quick_presses_all_count(dashboard):  # noqa: F811
    """Class: a step lost when a presenter's clicker presses again before the slide
    changed. Four presses sent at once move four slides; two back, two back."""
    duo = dashboard
    duo.driver.set_window_size(1920, 1080)
    log_in(duo, "/dashboard/presentatie/park-zuiderpark")
    duo.wait_for_contains_text(".db-slide-counter", "1 / 7", timeout=40)
    duo.find_element("body").send_keys(Keys.PAGE_DOWN)
    press(duo.driver, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.PAGE_DOWN)
    duo.wait_for_contains_text(".db-slide-counter", "5 / 7", timeout=20)
    press(duo.driver, Keys.ARROW_LEFT, Keys.PAGE_UP)
    duo.wait_for_contains_text(".db-slide-counter", "3 / 7", timeout=20)
    assert duo.get_logs() == []

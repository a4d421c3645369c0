"""Field reports on what residents type, press and touch: selects by keyboard, typed
amounts, touch scrolling, busy submit buttons (README, "Typed input")."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import axe_serious, press, tab_to, wait_for
from tests.browser.test_budget_page import PARK, open_page
from tests.browser.test_dashboard_pages import dashboard, log_in  # noqa: F401


def select_value(duo, css: str) -> str:
    return duo.driver.execute_script(
        "return document.querySelector(arguments[0]).value", css
    )


def walk_select_by_keyboard(duo, css: str, first: str, last: str, letter: str, hit):
    """Arrows, Home/End and a letter each move the select, and it stays there."""
    tab_to(duo.driver, css)
    assert select_value(duo, css) == ""
    press(duo.driver, Keys.ARROW_DOWN)
    wait_for(lambda: select_value(duo, css) == first, message=f"{css} down")
    press(duo.driver, Keys.ARROW_DOWN)
    second = wait_for(
        lambda: select_value(duo, css) not in ("", first) and select_value(duo, css),
        message=f"{css} down again",
    )
    press(duo.driver, Keys.ARROW_UP, Keys.ARROW_UP)
    wait_for(lambda: select_value(duo, css) == "", message=f"{css} back to none")
    press(duo.driver, Keys.END)
    wait_for(lambda: select_value(duo, css) == last, message=f"{css} End")
    press(duo.driver, Keys.HOME)
    wait_for(lambda: select_value(duo, css) == "", message=f"{css} Home")
    press(duo.driver, letter)
    wait_for(lambda: select_value(duo, css) == hit, message=f"{css} letter")
    # Dash's state agrees with what the select shows (no snap back later).
    duo.driver.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert select_value(duo, css) == hit
    return second


@pytest.mark.parametrize(
    "path",
    [PARK, "/peiling/fietsparkeren-centrum", "/moodboard/speeltuin-transvaal"],
)
def test_rinp001_every_resident_select_works_with_the_keyboard(served, path):
    """Class: selects stuck on their first option (a hidden, disabled copy of the
    empty option with the same value snapped the list back), on every ballot form."""
    duo = served
    if path == PARK:
        open_page(duo, path)
    else:
        duo.driver.get(duo.server_url + path + "?lang=nl")
        wait_for(lambda: duo.driver.find_elements("css selector", "#district"), 20)
    walk_select_by_keyboard(duo, "#district", "centrum", "segbroek", "L", "laak")
    walk_select_by_keyboard(duo, "#age-band", "0-17", "75+", "6", "65-74")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_rinp002_dashboard_filter_selects_work_with_the_keyboard(dashboard):  # noqa: F811
    """Class: the same stuck select in the dashboard's filter bar."""
    duo = dashboard
    log_in(duo, "/dashboard/begroting/park-zuiderpark")
    duo.wait_for_contains_text("#db-budget", "n = 300", timeout=30)
    walk_select_by_keyboard(duo, "#db-district", "centrum", "segbroek", "L", "laak")
    duo.wait_for_contains_text("#db-budget", "Laak", timeout=30)
    assert duo.get_logs() == []

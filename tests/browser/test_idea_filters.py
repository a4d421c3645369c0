"""The ideas dashboard's filter bar and synthetic switch, and the presentation's
groups slide, in a real browser: operated by keyboard only, every change said in
the status line, axe-core clean, no sideways scrolling at 320 px, the slide read
at 1920 x 1080 (screenshots in the test's temporary folder, or in
$BUDGETSCHUIVER_SCREENSHOT_DIR when set)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_idea_ratings
from dashboards.ideas import group_results
from dashboards.kernel import auth
from tests.browser.helpers import (
    NO_SIDEWAYS_SCROLL,
    axe_serious,
    press,
    tab_to,
    wait_for,
)
from tests.browser.test_dashboard_pages import PASSWORD, log_in
from tests.browser.test_presentation_screens import LAYOUT_PROBLEMS

ROUND = "brieven-beter"
STATUS = "#db-ideas-content .db-n"


@pytest.fixture
def rated(served, app, store):
    """Three ideas (two themes), 12 residents rating each, 5 synthetic raters
    opposing each."""
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    made = [
        store.add_idea(
            ROUND, f"writer-{n}-" + "w" * 16, title=title, text="x", theme=theme
        )
        for n, (title, theme) in enumerate(
            [
                ("Kortere brieven", "taal"),
                ("Uitleg met voorbeelden", "taal"),
                ("Een direct nummer", "contact"),
            ]
        )
    ]
    for idea in made:
        for n in range(12):
            store.rate_idea(idea, f"resident-{n:02d}-" + "r" * 16, "support", 1)
        for n in range(5):
            store.rate_idea(idea, f"demo-{n}-" + "d" * 20, "oppose", 1, synthetic=True)
    return served


def _status(duo) -> str:
    return duo.find_element(STATUS).text


def test_ifilter001_theme_and_switch_by_keyboard(rated, tmp_path):
    """Class: a dead control, a filter only a mouse can set, a change nobody is
    told about. The theme is chosen and the synthetic switch turned on with
    the keyboard alone; the status line (role=status) says the filter and the
    n with the synthetic raters each time; age is explained, not offered."""
    duo = rated
    duo.driver.set_window_size(1280, 900)
    log_in(duo, f"/dashboard/ideeen/{ROUND}")
    duo.wait_for_contains_text(STATUS, "n = 12", timeout=30)
    assert "5 synthetische" in _status(duo) and "niet meegeteld" in _status(duo)
    assert duo.find_element(STATUS).get_attribute("role") == "status"
    assert not duo.driver.find_elements("css selector", "#db-age-band")
    assert "geen leeftijd of stadsdeel" in duo.find_element("#db-no-age").text

    tab_to(duo.driver, "#db-theme")
    press(duo.driver, "Contact")
    duo.wait_for_contains_text(STATUS, "Contact en hulp", timeout=30)
    ranking = duo.find_element("#db-ideas-content").text
    assert "Een direct nummer" in ranking and "Kortere brieven" not in ranking

    tab_to(duo.driver, "#db-synthetic")
    press(duo.driver, Keys.SPACE)
    duo.wait_for_contains_text(STATUS, "waarvan 5 synthetisch", timeout=30)
    assert "n = 17" in _status(duo)
    honours = duo.find_element("#db-ideas-content").text
    assert "Filters die hier gelden" in honours
    assert axe_serious(duo.driver) == []
    out = Path(os.environ.get("BUDGETSCHUIVER_SCREENSHOT_DIR") or tmp_path)
    duo.driver.save_screenshot(str(out / "ideas-filters-desktop.png"))

    duo.driver.set_window_size(320, 800)
    wait_for(
        lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320,
        message="no sideways scrolling at 320 px",
    )
    duo.driver.save_screenshot(str(out / "ideas-filters-320.png"))
    assert duo.get_logs() == []


def test_ifilter002_presentation_groups_slide(served, app, store, catalog, tmp_path):
    """Class: groups invented from demo data, or a slide that cannot be read in
    a council room. Seeded synthetic raters in three planted groups: with
    ?synthetic=1 the groups slide shows three groups with their size and
    distinctive ideas and the "supported across groups" list, and says the
    raters are synthetic; without it there are no residents' groups and the
    ranking slide says so, with no next slide."""
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    for n in range(6):
        store.add_idea(
            ROUND, f"author-{n:02d}-" + "a" * 20, title=f"Idee nummer {n}", text="x"
        )
    seed_idea_ratings(ROUND, store, 150, seed=1)
    with app.server.test_request_context():
        found = group_results.refresh(catalog.find("ideas", ROUND), synthetic=True)
    assert len(found["groups"]) == 3
    duo = served
    duo.driver.set_window_size(1920, 1080)
    log_in(duo, f"/dashboard/presentatie/ideeen/{ROUND}")
    duo.driver.get(duo.server_url + f"/dashboard/presentatie/ideeen/{ROUND}?lang=nl")
    duo.wait_for_contains_text("#db-present-ideas-slide", "Meest gesteund", timeout=30)
    assert duo.driver.find_elements("css selector", "#db-present-no-groups")
    assert not duo.find_element("#db-present-ideas-next").is_displayed()

    duo.driver.get(
        duo.server_url + f"/dashboard/presentatie/ideeen/{ROUND}?lang=nl&synthetic=1"
    )
    duo.wait_for_contains_text(
        "#db-present-ideas-slide", "150 beoordelaars zijn synthetisch", timeout=30
    )
    tab_to(duo.driver, "#db-present-ideas-next")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        "#db-present-ideas-slide", "Groepen beoordelaars", timeout=30
    )
    slide = duo.find_element("#db-present-ideas-slide").text
    for g in found["groups"]:
        assert f"Groep {g['id']}: {g['size']} beoordelaars" in slide
    assert "Gesteund door alle groepen" in slide and "Dia 2 van 2" in slide
    assert "zijn synthetisch" in slide
    assert axe_serious(duo.driver) == []
    assert duo.driver.execute_script(LAYOUT_PROBLEMS) == []
    fits = "return document.documentElement.scrollHeight <= window.innerHeight"
    assert duo.driver.execute_script(fits), "the slide fits the screen"
    out = Path(os.environ.get("BUDGETSCHUIVER_SCREENSHOT_DIR") or tmp_path)
    duo.driver.save_screenshot(str(out / "ideas-groups-slide-1920.png"))
    assert duo.get_logs() == []

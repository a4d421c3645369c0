"""Opinion groups in a real browser: the budget page's "Soorten inwoners" section
(status, tables, map, no axe findings, no sideways scrolling at 320 px) and the
presentation's groups slide."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_budgets
from dashboards.budgets import group_results
from dashboards.kernel import auth
from tests.browser.helpers import axe_serious, wait_for
from tests.browser.test_dashboard_pages import log_in

PASSWORD = "correct horse battery staple"
PARK = "park-zuiderpark"


@pytest.fixture
def grouped(served, app, store, catalog, settings):
    """400 seeded budgets with their groups already computed (as the background
    run would), so the page shows them at once."""
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    project = catalog.find("budget", PARK)
    seed_budgets(project, store, settings.data_dir, 400, seed=4, synthetic=False)
    with app.server.test_request_context():
        found = group_results.refresh(project)
        labels = group_results.labels(found, project, "nl")
    return served, labels


def test_gpage001_budget_page_section(grouped):
    """Class: figures without n or time, inaccessible tables and charts. The
    section names every group, says when and on how many budgets, draws the map
    and passes axe; at 320 px nothing scrolls sideways."""
    duo, labels = grouped
    duo.driver.set_window_size(1280, 900)
    log_in(duo, f"/dashboard/begroting/{PARK}")
    duo.wait_for_contains_text(".db-groups-status", "over 400 begrotingen", timeout=30)
    section = duo.find_element("#db-groups").text
    for label in labels.values():
        assert label in section
    assert "Waar alle groepen het over eens zijn" in section
    duo.wait_for_element(".db-groups-map .js-plotly-plot", timeout=30)
    assert axe_serious(duo.driver) == []
    duo.driver.set_window_size(320, 800)
    wait_for(
        lambda: (
            duo.driver.execute_script("return document.documentElement.scrollWidth")
            <= 320
        ),
        message="no sideways scrolling at 320 px",
    )
    assert duo.get_logs() == []


def test_gpage002_presentation_groups_slide(grouped):
    """Class: a slide that hides who the groups are. The last slide shows the
    number of kinds, each with its name and size."""
    duo, labels = grouped
    log_in(duo, f"/dashboard/presentatie/{PARK}")
    duo.driver.set_window_size(1920, 1080)
    duo.wait_for_contains_text(".db-slide", "400 inwoners deden mee", timeout=30)
    duo.find_element("body").send_keys(Keys.ARROW_LEFT)
    duo.wait_for_contains_text(".db-slide-counter", "7 / 7", timeout=40)
    duo.wait_for_contains_text(".db-slide", f"{len(labels)} soorten inwoners")
    slide = duo.find_element(".db-slide").text
    for label in labels.values():
        assert label in slide
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

"""The dashboard in a real browser: log in by keyboard, filter, present, freeze."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
from selenium.webdriver.common.keys import Keys

from budgetschuiver.kernel.trajectory import TIMEZONE
from budgetschuiver.seeding import seed_budgets, seed_closed_polls
from dashboards.kernel import auth
from tests.browser.helpers import axe_serious, press, tab_to, wait_for

PASSWORD = "correct horse battery staple"


@pytest.fixture
def dashboard(served, app, store, catalog, settings):
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    seed_budgets(
        catalog.find("budget", "park-zuiderpark"),
        store,
        settings.data_dir,
        300,
        seed=3,
        synthetic=False,
    )
    seed_closed_polls(catalog, store)
    served.driver.set_window_size(1280, 900)
    return served


def log_in(duo, next_url="/dashboard"):
    duo.driver.get(duo.server_url + f"/login?lang=nl&next={next_url}")
    tab_to(duo.driver, "#username")
    press(duo.driver, "raadslid", Keys.TAB, PASSWORD, Keys.ENTER)
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )


def test_dbpage001_login_overview_and_filters(dashboard):
    duo = dashboard
    duo.driver.get(duo.server_url + "/dashboard/peilingen")
    wait_for(lambda: "/login" in duo.driver.current_url, message="redirect to login")
    assert axe_serious(duo.driver) == []  # the login page
    log_in(duo)
    duo.wait_for_contains_text("#db-overview", "n = 300", timeout=30)
    assert axe_serious(duo.driver) == []

    duo.driver.get(duo.server_url + "/dashboard/begroting/park-zuiderpark?lang=nl")
    duo.wait_for_contains_text("#db-budget", "n = 300", timeout=30)
    assert "Onafhankelijke markten" in duo.find_element("#db-budget").text
    # Weighted for everyone (weighted figures of one age band also give how many
    # of them left out their district, a group that may be small).
    tab_to(duo.driver, "#db-weighted")
    press(duo.driver, Keys.SPACE)
    duo.wait_for_contains_text("#db-budget", "poststratificatie", timeout=30)
    press(duo.driver, Keys.SPACE)
    wait_for(
        lambda: "poststratificatie" not in duo.find_element("#db-budget").text,
        timeout=30,
        message="raw figures again",
    )
    tab_to(duo.driver, "#db-age-band")
    press(duo.driver, "3")  # "30 tot 45 jaar"
    # The seeded ballots fall in whole weeks that depend on today's date, so one
    # age band may be shown or hidden to protect a small group elsewhere.
    filtered = wait_for(
        lambda: next(
            (
                text
                for text in [duo.find_element("#db-budget").text]
                if "30 tot 45 jaar" in text or "Te weinig deelnemers" in text
            ),
            None,
        ),
        timeout=30,
        message="the age band's results or the suppression note",
    )
    assert "n = 300" not in filtered
    assert axe_serious(duo.driver) == []

    # Export: the link the page offers, fetched with this browser's session.
    link = duo.driver.find_element(
        "css selector",
        '.db-exports a[href*="export.csv?content=aggregates&dialect=tool"]',
    )
    cookies = {c["name"]: c["value"] for c in duo.driver.get_cookies()}
    export = requests.get(link.get_attribute("href"), cookies=cookies, timeout=30)
    assert export.status_code == 200 and export.content.startswith(b"\xef\xbb\xbfline,")
    assert requests.get(link.get_attribute("href"), timeout=30).status_code == 401

    # The closed demo poll's 240 votes are synthetic: not counted until asked for.
    duo.driver.get(duo.server_url + "/dashboard/peilingen?lang=nl")
    duo.wait_for_contains_text(
        "#db-polls", "Te weinig deelnemers in deze groep", timeout=30
    )
    tab_to(duo.driver, "#db-synthetic")
    press(duo.driver, Keys.SPACE)
    duo.wait_for_contains_text(
        "#db-polls", "n = 240 · waarvan 240 synthetisch", timeout=30
    )
    assert axe_serious(duo.driver) == []
    for view, content in (
        ("peilingen", "#db-polls"),
        ("moodboards", "#db-moodboards"),
        ("", "#db-overview"),
    ):
        duo.driver.get(duo.server_url + f"/dashboard/{view}?lang=nl")
        wait_for(
            lambda content=content: duo.find_element(content).text,
            timeout=30,
            message=content,
        )
        tab_to(duo.driver, "#db-district")
        press(duo.driver, "E")  # Escamp
        duo.wait_for_contains_text(content, "", timeout=30)
        wait_for(
            lambda: duo.find_element("#db-district").get_attribute("value") == "escamp",
            message="filtered",
        )
        assert axe_serious(duo.driver) == []  # each view, filtered
    assert duo.get_logs() == []


def test_dbpage003_dashboard_charts_use_the_vendored_plotly(dashboard):
    """plotly.js is left out of the residents' pages, so the dashboard pages load
    the vendored basic bundle themselves (not Dash's full one from another path)."""
    duo = dashboard
    log_in(duo, "/dashboard/begroting/park-zuiderpark")
    duo.wait_for_element(".js-plotly-plot .main-svg", timeout=30)
    loaded = duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    plotly = [name for name in loaded if "plotly" in name]
    assert (
        len(plotly) == 1
        and "/assets/01-vendor/plotly/plotly-basic.min.js?m=" in (plotly[0])
    )
    assert duo.get_logs() == []


def test_dbpage002_presentation_steps_and_freezes(dashboard, store):
    duo = dashboard
    log_in(duo, "/dashboard/presentatie/park-zuiderpark")
    duo.driver.set_window_size(1920, 1080)
    duo.wait_for_contains_text(".db-slide", "300 inwoners deden mee", timeout=30)
    assert (
        duo.find_element(".db-qr").get_attribute("alt").startswith("QR-code naar http")
    )
    status = duo.find_element("#db-present-status").text
    assert status.startswith("Bijgewerkt om ") and status.endswith("n = 300")
    assert axe_serious(duo.driver) == []
    duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    duo.wait_for_contains_text(".db-slide-counter", "2 / 7")
    press(duo.driver, Keys.ARROW_RIGHT)
    duo.wait_for_contains_text(".db-slide-counter", "3 / 7", timeout=30)
    press(duo.driver, Keys.ARROW_RIGHT)
    duo.wait_for_contains_text(".db-slide-counter", "4 / 7", timeout=30)
    press(duo.driver, Keys.ARROW_LEFT)
    duo.wait_for_contains_text(".db-slide-counter", "3 / 7")

    tab_to(duo.driver, "#db-present-freeze")
    press(duo.driver, Keys.ENTER)
    link = wait_for(
        lambda: duo.driver.find_elements("css selector", "#db-snapshot-link"),
        timeout=20,
        message="snapshot link",
    )[0]
    href = link.get_attribute("href")
    seed_budgets_more(store)
    duo.driver.get(href)
    duo.wait_for_contains_text("#db-present-status", "Momentopname van", timeout=30)
    status = duo.find_element("#db-present-status").text
    assert status.endswith("n = 300")  # frozen: the later ballots are not in it
    today = dt.datetime.now(TIMEZONE).date()
    assert str(today.year) in status
    assert duo.get_logs() == []


def seed_budgets_more(store):
    plan = {
        "trees": 540000,
        "play": 420000,
        "lighting": 210000,
        "benches": 50000,
        "sports": 240000,
        "paths": 400000,
        "toilets": 90000,
        "maintenance": 300000,
        "drainage": 150000,
    }
    store.insert_synthetic_budgets(
        "park-zuiderpark",
        [{"allocation": plan, "at": dt.datetime.now(dt.UTC)} for _ in range(5)],
        synthetic=False,
    )

"""Idea groups in a real browser: the "Soorten inwoners" section of
/dashboard/ideeen/<round_id> (status with n, groups with distinctive ideas, the
"supported across groups" table, the binned map; no axe findings, no sideways
scrolling at 320 px)."""

from __future__ import annotations

import pytest

from dashboards.ideas import group_results
from dashboards.kernel import auth
from tests.browser.helpers import NO_SIDEWAYS_SCROLL, axe_serious, wait_for
from tests.browser.test_dashboard_pages import log_in
from tests.integration.test_idea_groups import ROUND, _rate

PASSWORD = "correct horse battery staple"


@pytest.fixture
def grouped(served, app, store, catalog):
    """Two camps of 30 residents rating twelve ideas, grouped already (as the
    background run would), so the page shows them at once."""
    import numpy as np

    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    ideas = [
        store.add_idea(
            ROUND, f"author-{j:02d}-" + "a" * 20, title=f"Idee nummer {j}", text="Tekst"
        )
        for j in range(12)
    ]
    views = np.array([[1] * 6 + [0] * 5 + [1], [-1] * 6 + [0] * 5 + [1]])
    planted = (ideas, views, np.random.default_rng(5))
    _rate(store, planted, 0, range(30))
    _rate(store, planted, 1, range(30))
    with app.server.test_request_context():
        found = group_results.refresh(catalog.find("ideas", ROUND))
    return served, group_results.labels(found, "nl")


def test_igpage001_ideas_page_groups_section(grouped):
    """Class: figures without n or time, inaccessible tables and charts. The
    section names both groups, says on how many raters, shows the consensus
    table and the map, and passes axe; at 320 px nothing scrolls sideways. The
    page also states the round's answer status and links its report."""
    duo, labels = grouped
    duo.driver.set_window_size(1280, 900)
    log_in(duo, f"/dashboard/ideeen/{ROUND}")
    duo.wait_for_contains_text(
        ".db-groups-status", "over 60 inwoners die ideeën beoordeelden", timeout=30
    )
    section = duo.find_element("#dbi-groups").text
    assert len(labels) == 2
    for label in labels.values():
        assert label in section
    assert "Gesteund door alle groepen" in section
    assert "Idee nummer 11" in section
    duo.wait_for_element(".db-groups-map .js-plotly-plot", timeout=30)
    assert duo.find_element(".db-answer").text == "Antwoord: ontbreekt"
    assert (
        duo.find_element(".db-report-link")
        .get_attribute("href")
        .endswith(f"/dashboard/verslag/{ROUND}.pdf")
    )
    assert axe_serious(duo.driver) == []
    duo.driver.set_window_size(320, 800)
    wait_for(
        lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320,
        message="no sideways scrolling at 320 px",
    )
    assert duo.get_logs() == []

"""The dashboard's idea round page in a real browser: the sections after the
ranking (by theme, per day with its table, reactions, coverage, exports) render,
axe-core finds nothing serious, and at 320 px nothing scrolls sideways."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import axe_serious, open_narrow, press, tab_to, wait_for

PASSWORD = "a long enough password"


def test_idashb001_sections_render_axe_clean_at_320px(served, store, app):
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    idea = store.add_idea(
        "brieven-beter",
        "author-token-" + "a" * 20,
        title="Gemeentebelastingaanslagverduidelijkingsbrief",
        text="Eén brief per jaar.",
        theme="taal",
    )
    store.rate_idea(idea, "rater-token-" + "b" * 20, "support", 1)
    store.add_reaction(idea, "reactor-token-" + "c" * 20, stance="for", text="Ja!")
    store.set_idea_status(idea.id, "overgenomen", "Dat doen we in 2027.")
    duo = served
    duo.driver.get(duo.server_url + "/login?lang=nl&next=/dashboard")
    tab_to(duo.driver, "#username")
    press(duo.driver, "beheer", Keys.TAB, PASSWORD, Keys.ENTER)
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )
    open_narrow(duo, "/dashboard/ideeen/brieven-beter", "#db-ideas-sections")
    text = duo.find_element("#db-ideas-sections").text
    for heading in (
        "Per thema",
        "Steun per dag",
        "Reacties voor en tegen",
        "Status en antwoorden",
        "Exporteren",
    ):
        assert heading in text
    assert "1 van 1 ideeën hebben een antwoord" in text
    assert duo.driver.find_elements("css selector", "#db-ideas-per-day")
    assert duo.driver.find_elements("css selector", 'a[href="/dashboard/moderatie"]')
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

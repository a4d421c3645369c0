"""Reactions on a poll page (`reactions: true`) in a real browser: the idea
pages' component below the vote, used by keyboard only, a draft that survives a
refresh, personal data refused in words, axe-core clean, 320 px wide."""

from __future__ import annotations

import os

from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import (
    axe_serious,
    delete_own_reaction,
    open_narrow,
    open_own_change,
    press,
    retype,
    save_own_change,
    tab_to,
    wait_for,
)

POLL = "/peiling/fietsparkeren-centrum"
SHOTS = "/tmp/trajectory-reactions"


def _shot(duo, name: str) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    duo.driver.save_screenshot(f"{SHOTS}/{name}.png")


def _narrow(duo) -> None:
    assert (
        duo.driver.execute_script("return document.documentElement.scrollWidth") <= 320
    )


def test_trpage001_react_on_a_poll_by_keyboard_draft_kept(served, store):
    duo = served
    open_narrow(duo, POLL, "#reaction-list .reaction-column")
    assert "Reacties" in duo.find_element(".trajectory-reactions").text
    assert axe_serious(duo.driver) == []
    _narrow(duo)

    tab_to(duo.driver, "#reaction-stance")
    press(duo.driver, "Vraag")
    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "Mail mij op piet@example.nl")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "e-mailadres", timeout=20)
    assert store.reactions_on(_host()) == []

    tab_to(duo.driver, "#reaction-text", backwards=True)
    retype(duo.driver, "Komen er ook rekken voor bakfietsen? 🚲")
    # A refresh keeps the half-written reaction (kept in this browser).
    duo.driver.refresh()
    wait_for(
        lambda: duo.driver.find_elements(
            "css selector", "#reaction-list .reaction-column"
        ),
        timeout=20,
        message="the reactions after a refresh",
    )
    wait_for(
        lambda: (
            "bakfietsen"
            in (duo.find_element("#reaction-text").get_attribute("value") or "")
        ),
        message="the draft back after a refresh",
    )
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    [stored] = store.reactions_on(_host())
    assert (stored.stance, stored.text) == (
        "question",
        "Komen er ook rekken voor bakfietsen? 🚲",
    )
    tab_to(duo.driver, ".reaction-picker button:nth-child(3)")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        f"#reaction-list [data-reaction='{stored.id}']", "bakfietsen", timeout=20
    )
    assert duo.find_element("#reaction-text").get_attribute("value") == ""
    _narrow(duo)
    assert axe_serious(duo.driver) == []
    _shot(duo, "poll-phone")
    duo.driver.set_window_size(1280, 900)
    wait_for(
        lambda: duo.find_element(".reaction-column-for").is_displayed(),
        message="three columns side by side on a wide screen",
    )
    _shot(duo, "poll-desktop")
    assert duo.get_logs() == []


def test_trpage002_reactions_of_others_appear_without_reload(served, store):
    duo = served
    open_narrow(duo, POLL, "#reaction-list .reaction-column")
    store.add_reaction(
        _host(), "other-browser-" + "o" * 20, stance="for", text="Eindelijk!"
    )
    duo.wait_for_contains_text("#reaction-list", "Eindelijk!", timeout=12)
    assert duo.get_logs() == []


def test_trpage003_no_component_where_reactions_are_off(served):
    duo = served
    open_narrow(duo, "/peiling/zondag-bibliotheek", "#submit-poll")
    assert duo.find_elements(".trajectory-reactions") == []
    assert duo.find_elements("#reaction-form") == []


def test_trpage004_author_changes_and_deletes_on_a_budget_page(served, store):
    """The author's "Aanpassen" and "Verwijderen" on a budget page: the idea
    page's one change panel, the same checks, the thread keeps its shape."""
    duo = served
    open_narrow(duo, "/begroting/begroting-2027", "#reaction-list .reaction-column")
    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "Meer geld voor de bibliotheek.")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    duo.wait_for_element("[data-reaction] .own-edit", timeout=20)

    open_own_change(
        duo,
        "[data-reaction] .own-edit",
        "#own-change-text",
        "Meer geld voor de bibliotheek.",
    )
    assert axe_serious(duo.driver) == []
    save_own_change(duo, "Meer geld voor de bibliotheek in Escamp.", "opgeslagen")
    duo.wait_for_contains_text("[data-reaction]", "in Escamp", timeout=20)
    assert "aangepast" in duo.find_element("[data-reaction]").text
    delete_own_reaction(duo)
    [gone] = store.reactions_on(_host("budget", "begroting-2027"))
    assert (gone.state, gone.text) == ("deleted", "")
    _narrow(duo)
    assert axe_serious(duo.driver) == []
    _shot(duo, "budget-own-change")
    assert duo.get_logs() == []


def _host(kind="poll", item_id="fietsparkeren-centrum"):
    from budgetschuiver.ideas.store import ReactionHost

    return ReactionHost(kind, item_id)

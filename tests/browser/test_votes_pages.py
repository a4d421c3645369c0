"""Polls and moodboards in a real browser: keyboard only, axe-core, results, sharing."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_closed_polls
from tests.browser.helpers import axe_serious, press, tab_to, wait_for


def test_vpage001_poll_by_keyboard(served, store):
    duo = served
    duo.driver.get(duo.server_url + "/peiling/fietsparkeren-centrum?lang=nl")
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "U heeft nog niets gekozen.", timeout=20
    )
    assert axe_serious(duo.driver) == []
    options = duo.driver.find_elements("css selector", "#poll-options input")
    assert [o.get_attribute("type") for o in options] == ["checkbox"] * 4

    tab_to(duo.driver, "#poll-options input")
    press(duo.driver, Keys.SPACE)
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "U heeft 1 van maximaal 2 gekozen."
    )
    press(duo.driver, Keys.TAB, Keys.TAB, Keys.SPACE, Keys.TAB, Keys.SPACE)
    duo.wait_for_text_to_equal(
        "#poll-choice-status",
        "U heeft er 3 gekozen; het maximum is 2. Haal er een weg.",
    )
    press(duo.driver, Keys.SPACE)  # the fourth option ("anders") off again
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "U heeft 2 van maximaal 2 gekozen."
    )

    tab_to(duo.driver, "#district")
    press(duo.driver, "Centrum")
    tab_to(duo.driver, "#submit-poll")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        "#vote-receipt", "Uw stem is opgeslagen en telt mee", timeout=20
    )
    duo.wait_for_contains_text("#poll-results", "te weinig stemmen")
    assert axe_serious(duo.driver) == []
    tally = store.tally("poll", "fietsparkeren-centrum")
    assert tally.voters == 1 and tally.counts == {"grote-markt": 1, "hollands-spoor": 1}

    # Changing the vote from the same browser replaces it.
    duo.driver.get(duo.server_url + "/peiling/fietsparkeren-centrum?lang=nl")
    duo.wait_for_contains_text(".poll-page", "U heeft op", timeout=20)
    assert (
        duo.find_element("#district").get_attribute("value") == "centrum"
    )  # remembered
    tab_to(duo.driver, "#submit-poll")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#vote-receipt", "vervangt uw vorige", timeout=20)
    assert store.count_votes("poll", "fietsparkeren-centrum") == 1
    assert duo.get_logs() == []


def test_vpage002_other_answer_and_single_choice(served, store):
    duo = served
    duo.driver.get(duo.server_url + "/peiling/fietsparkeren-centrum?lang=nl")
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "U heeft nog niets gekozen.", timeout=20
    )
    tab_to(duo.driver, '#poll-options input[value="__other__"]')
    press(duo.driver, Keys.SPACE)
    tab_to(duo.driver, "#submit-poll")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#vote-error", "Vul uw eigen antwoord in", timeout=20)
    tab_to(duo.driver, "#poll-other", backwards=True)
    press(duo.driver, "<img src=x onerror=alert(1)> Bij de Haagse Markt")
    tab_to(duo.driver, "#submit-poll")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#vote-receipt", "telt mee", timeout=20)
    assert store.tally("poll", "fietsparkeren-centrum").others == (
        "<img src=x onerror=alert(1)> Bij de Haagse Markt",
    )

    duo.driver.get(duo.server_url + "/peiling/zondag-bibliotheek?lang=en")
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "You have not chosen anything yet.", timeout=20
    )
    assert {
        o.get_attribute("type")
        for o in duo.driver.find_elements("css selector", "#poll-options input")
    } == {"radio"}
    assert "once the poll has closed" in duo.find_element("#poll-results").text
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_vpage003_closed_poll_shows_results(served, store, catalog):
    seed_closed_polls(catalog, store)
    duo = served
    duo.driver.get(duo.server_url + "/peiling/naam-nieuw-park?lang=nl")
    duo.wait_for_contains_text("#poll-results", "240 mensen stemden.", timeout=20)
    rows = duo.driver.find_elements("css selector", "#poll-results .result-text")
    assert len(rows) == 3 and all("%" in row.text for row in rows)
    assert "voorbeeldstemmen" in duo.find_element("#poll-results").text
    assert not duo.find_element("#submit-poll").is_displayed()
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_vpage004_moodboard_by_keyboard(served, store):
    duo = served
    duo.driver.get(duo.server_url + "/moodboard/speeltuin-transvaal?lang=nl")
    duo.wait_for_text_to_equal(
        "#moodboard-status", "U heeft 0 van de 3 favorieten gekozen.", timeout=20
    )
    cards = duo.driver.find_elements("css selector", "[data-image]")
    assert len(cards) >= 8
    for card in cards:
        assert card.find_element("css selector", "img").get_attribute("alt")
        assert card.find_element("css selector", "button.image-toggle")
    assert not duo.find_element("#submit-moodboard").is_enabled()
    assert axe_serious(duo.driver) == []

    # The large view opens from the keyboard and closes with Escape.
    tab_to(duo.driver, '[data-image="water"] .btn-link')
    press(duo.driver, Keys.ENTER)
    duo.wait_for_text_to_equal("#moodboard-modal-title", "Waterspeelplaats")
    assert axe_serious(duo.driver) == []
    press(duo.driver, Keys.ESCAPE)
    wait_for(
        lambda: not duo.driver.find_elements("css selector", ".modal.show"),
        message="dialog closed",
    )

    for image in ("natuur", "water", "sport"):
        tab_to(duo.driver, f'[data-image="{image}"] .image-toggle')
        press(duo.driver, Keys.ENTER)
    duo.wait_for_text_to_equal(
        "#moodboard-status", "U heeft 3 van de 3 favorieten gekozen."
    )
    toggle = duo.find_element('[data-image="water"] .image-toggle')
    assert toggle.get_attribute("aria-pressed") == "true"
    tab_to(duo.driver, '[data-image="kleur"] .image-toggle')
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#moodboard-status", "U heeft al 3 favorieten")
    assert (
        duo.find_element('[data-image="kleur"] .image-toggle').get_attribute(
            "aria-pressed"
        )
        == "false"
    )
    tab_to(duo.driver, '[data-image="sport"] .image-toggle', backwards=True)
    press(duo.driver, Keys.ENTER)
    duo.wait_for_text_to_equal(
        "#moodboard-status", "U heeft 2 van de 3 favorieten gekozen."
    )

    tab_to(duo.driver, "#submit-moodboard")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#vote-receipt", "tellen mee", timeout=20)
    share = wait_for(
        lambda: duo.find_element("#share-text").get_attribute("value"),
        message="share text",
    )
    assert "/moodboard/speeltuin-transvaal" in share and "Transvaal" in share
    assert axe_serious(duo.driver) == []
    tally = store.tally("moodboard", "speeltuin-transvaal")
    assert tally.voters == 1 and tally.counts == {"natuur": 1, "water": 1}
    assert duo.get_logs() == []


def test_vpage005_home_lists_every_open_trajectory(served, catalog):
    duo = served
    duo.driver.get(duo.server_url + "/?lang=nl")
    duo.wait_for_contains_text(".trajectory-list", "Transvaal", timeout=20)
    text = duo.find_element(".trajectory-list").text
    for item in [
        *catalog.of("budget").values(),
        *catalog.of("poll").values(),
        *catalog.of("moodboard").values(),
    ]:
        if item.status() == "open":
            assert item.title.get("nl") in text
    assert "Raadplegen: we vragen uw mening" in text
    assert "Wat doen we met uw mening?" in text
    assert "Welke naam krijgt het nieuwe park" in duo.find_element(".finished").text
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_vpage006_profile_can_be_cleared(served):
    duo = served
    duo.driver.get(duo.server_url + "/peiling/zondag-bibliotheek?lang=nl")
    duo.wait_for_text_to_equal(
        "#poll-choice-status", "U heeft nog niets gekozen.", timeout=20
    )
    tab_to(duo.driver, "#age-band")
    press(duo.driver, "4")  # "45 tot 65 jaar"
    wait_for(
        lambda: duo.driver.execute_script(
            "return (localStorage.getItem('profile') || '').includes('45-64')"
        ),
        message="answer remembered in this browser",
    )
    duo.driver.get(duo.server_url + "/moodboard/speeltuin-transvaal?lang=nl")
    wait_for(
        lambda: duo.find_element("#age-band").get_attribute("value") == "45-64",
        timeout=20,
        message="remembered answer filled in",
    )
    tab_to(duo.driver, "#profile-clear")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: duo.find_element("#age-band").get_attribute("value") == "",
        message="cleared",
    )
    wait_for(
        lambda: duo.driver.execute_script(
            "return !(localStorage.getItem('profile') || '').includes('45-64')"
        ),
        message="cleared from storage",
    )
    assert duo.get_logs() == []

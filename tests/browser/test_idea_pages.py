"""Idea rounds in a real browser: post, rate, report, react and appeal by keyboard
only, a draft that survives a refresh, axe-core on every state, 320 px."""

from __future__ import annotations

import io
import urllib.error
import urllib.request

import pytest
from PIL import Image
from selenium.webdriver.common.keys import Keys

from budgetschuiver.ideas import pages
from tests.browser.helpers import (
    NO_SIDEWAYS_SCROLL,
    active,
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
from tests.conftest import write_variant

ROUND = "/ideeen/brieven-beter"


@pytest.fixture
def data_dir(data_dir):
    """The demo data plus a copy of the open round that asks voting codes."""
    write_variant(
        data_dir,
        "brieven-beter.yaml",
        "brieven-codes",
        kind="ideas",
        integrity="code",
        show_counts="always",
        demo_ideas=[],
    )
    return data_dir


SHOTS = "/tmp/idea-pages"


def _shot(duo, name: str) -> None:
    import os

    os.makedirs(SHOTS, exist_ok=True)
    duo.driver.save_screenshot(f"{SHOTS}/{name}.png")


def _shot_at(duo, css: str, name: str) -> None:
    """A screenshot of the window scrolled to the element `css`, below the
    sticky page header."""
    duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 40);",
        css,
    )
    _shot(duo, name)


def _moderator_logs_in(duo) -> None:
    """The account "moderator" logs in by keyboard and lands on the queue."""
    duo.driver.get(duo.server_url + "/login?lang=nl&next=/dashboard/moderatie")
    tab_to(duo.driver, "#username")
    press(duo.driver, "moderator", Keys.TAB, "a long enough password", Keys.ENTER)
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )


def _post_by_keyboard(duo, title: str, text: str) -> None:
    """Open the demo round and send an idea with the keyboard only."""
    duo.driver.get(duo.server_url + ROUND + "?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    tab_to(duo.driver, "#idea-title")
    press(duo.driver, title)
    tab_to(duo.driver, "#idea-text")
    press(duo.driver, text)
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)


def test_ipage001_post_rate_report_by_keyboard_draft_kept(served, store):
    duo = served
    duo.driver.get(duo.server_url + ROUND + "?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    assert axe_serious(duo.driver) == []

    tab_to(duo.driver, "#idea-title")
    press(duo.driver, "Brieven met één zin bovenaan")
    tab_to(duo.driver, "#idea-text")
    press(duo.driver, "Zet bovenaan wat ik moet doen. <b>Geen</b> lange uitleg 🌷")
    # A refresh keeps the half-written draft (kept in this browser only).
    duo.driver.refresh()
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    wait_for(
        lambda: duo.find_element("#idea-text").get_attribute("value").endswith("🌷"),
        message="the draft back after a refresh",
    )
    assert duo.find_element("#idea-title").get_attribute("value") == (
        "Brieven met één zin bovenaan"
    )

    tab_to(duo.driver, "#idea-theme")
    press(duo.driver, "Taal")
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#idea-status", "Uw idee staat op de lijst", timeout=20)
    card = "#idea-list [data-idea]"
    duo.wait_for_contains_text(card, "Brieven met één zin bovenaan", timeout=20)
    assert duo.find_element("#idea-title").get_attribute("value") == ""
    assert "<b>Geen</b>" in duo.find_element(card + " .idea-text").text
    assert "nadat u het zelf waardeerde" in duo.find_element(card).text
    assert axe_serious(duo.driver) == []

    tab_to(duo.driver, card + " .rate-support")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(card + " .idea-counts", "Steunen: 1 ·", timeout=20)
    assert duo.find_element(card + " .rate-support").get_attribute("aria-pressed") == (
        "true"
    )
    assert duo.find_element(card + " .rate-oppose").get_attribute("aria-pressed") == (
        "false"
    )
    [idea] = store.idea_keys("brieven-beter")
    assert (idea.support, idea.oppose) == (1, 0)
    assert store.rating_positions("brieven-beter") == [(1, 1, 0)]

    tab_to(duo.driver, card + " .report-item")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: duo.find_element(card + " .report-box").is_displayed(),
        message="the reasons",
    )
    press(duo.driver, Keys.TAB)
    press(duo.driver, "Spam")
    press(duo.driver, Keys.TAB, Keys.ENTER)
    duo.wait_for_contains_text(card + " .report", "Bedankt voor uw melding", timeout=20)
    assert axe_serious(duo.driver) == []
    _shot(duo, "round-phone")

    open_narrow(duo, ROUND, "#idea-list [data-idea]")
    _shot(duo, "round-320")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_ipage002_react_and_see_my_contributions(served, store):
    duo = served
    _post_by_keyboard(duo, "Een telefoonnummer met een naam", "Bel mij op 06-12345678")
    duo.wait_for_contains_text("#idea-status", "een telefoonnummer", timeout=20)
    assert store.idea_keys("brieven-beter") == []
    assert axe_serious(duo.driver) == []

    tab_to(duo.driver, "#idea-text", backwards=True)
    retype(duo.driver, "Zet de naam van iemand onder de brief.")
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#idea-status", "Uw idee staat op de lijst", timeout=20)
    [idea] = store.idea_keys("brieven-beter")

    duo.driver.get(f"{duo.server_url}{ROUND}/{idea.id}?lang=nl")
    duo.wait_for_contains_text("#reaction-list", "Nog geen reacties", timeout=20)
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, "#reaction-stance")
    press(duo.driver, "Argument tegen")
    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "Dan bellen mensen die persoon ook als die er niet is.")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    duo.wait_for_contains_text(
        "#reaction-list [data-reaction]", "Dan bellen mensen", timeout=20
    )
    assert "Argumenten tegen" in duo.find_element("#reaction-list").text
    assert axe_serious(duo.driver) == []
    _shot(duo, "idea-phone")

    duo.driver.get(duo.server_url + "/mijn-bijdragen?lang=nl")
    duo.wait_for_contains_text(
        ".mine-page", "Een telefoonnummer met een naam", timeout=20
    )
    assert len(duo.find_elements(".mine-page [data-mine]")) == 2
    assert axe_serious(duo.driver) == []
    _shot(duo, "mine-phone")
    assert duo.get_logs() == []


def test_ipage003_moderate_by_keyboard_and_see_ranking(served, store, app):
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("moderator", "a long enough password", "moderator")
    rude = store.add_idea(
        "brieven-beter",
        "author-token-" + "q" * 20,
        title="Klootzakken bij de gemeente",
        text="Die brieven zijn niet te lezen.",
        queue_reason="profanity",
    )
    kept = store.add_idea(
        "brieven-beter", "author-token-" + "r" * 20, title="Kortere zinnen", text="Ja."
    )
    store.rate_idea(kept, "rater-token-" + "s" * 20, "support", 2)
    duo = served
    _moderator_logs_in(duo)
    item = f'[data-queue-item="{rude.id}"]'
    duo.wait_for_contains_text(item, "profanity", timeout=20)
    assert axe_serious(duo.driver) == []
    _shot(duo, "moderation-queue")
    tab_to(duo.driver, item + " select")
    press(duo.driver, "Verbergen", Keys.TAB, "Beledigend", Keys.TAB, "scheldwoord")
    press(duo.driver, Keys.TAB, Keys.ENTER)
    duo.wait_for_contains_text("#db-mod-status", "Vastgelegd: verbergen", timeout=20)
    duo.wait_for_contains_text("#db-mod-queue", "Er wacht niets", timeout=20)
    assert store.find_idea(rude.id).state == "hidden"
    assert [r[1:] for r in store.moderation_log_rows()] == [
        ("moderator", "idea", rude.id, "hide", "offensive", "scheldwoord")
    ]
    assert axe_serious(duo.driver) == []

    duo.driver.get(duo.server_url + "/dashboard/ideeen/brieven-beter?lang=nl")
    duo.wait_for_contains_text("#db-ideas-content", "Kortere zinnen", timeout=20)
    assert "1 inwoner waardeerde" in duo.find_element("#db-ideas-content").text
    assert axe_serious(duo.driver) == []
    _shot(duo, "dashboard-ideas")
    assert duo.get_logs() == []


def test_ipage004_phone_columns_one_at_a_time_and_a_reply_by_keyboard(served, store):
    """Class: reactions on a phone as three stacked columns (the "against" side
    far below), and no way to reply from the page. On a phone one column shows at
    a time, picked with buttons (aria-pressed); "Reageer hierop" makes the form
    reply to that reaction, and the reply shows under it."""
    duo = served
    idea = store.add_idea(
        "brieven-beter",
        "phone-token-" + "p" * 20,
        title="Een zin bovenaan",
        text="Zet bovenaan wat ik moet doen.\nDaarna pas de uitleg.",
    )
    store.add_reaction(
        idea,
        "phone-token-" + "q" * 20,
        stance="against",
        text="Dan mis ik de uitleg.",
        display_name="Noor",
    )
    open_narrow(duo, f"{ROUND}/{idea.id}", "#reaction-list [data-reaction]")
    against = ".reaction-column-against"
    assert not duo.find_element(against).is_displayed()
    assert duo.find_element(".reaction-column-for").is_displayed()
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, ".reaction-picker button:nth-child(2)")
    press(duo.driver, Keys.ENTER)
    wait_for(lambda: duo.find_element(against).is_displayed(), message="against")
    pressed = duo.find_element(".reaction-picker button:nth-child(2)")
    assert pressed.get_attribute("aria-pressed") == "true"
    assert not duo.find_element(".reaction-column-for").is_displayed()
    # The idea's text keeps its two lines.
    assert "doen.\nDaarna" in duo.find_element(".idea-text").text

    tab_to(duo.driver, ".reply-button")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        ".reply-note", "U reageert op de reactie van Noor", timeout=20
    )
    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "De uitleg staat er nog steeds onder.")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    duo.wait_for_contains_text(
        f"{against} .reaction-replies", "De uitleg staat er nog steeds", timeout=20
    )
    [reply] = [r for r in store.reactions_on(idea) if r.parent]
    assert reply.stance == "for"
    wait_for(
        lambda: not duo.find_element(".reply-note").is_displayed(),
        message="the reply note gone after sending",
    )
    assert (
        duo.driver.execute_script("return document.documentElement.scrollWidth") <= 320
    )
    assert axe_serious(duo.driver) == []
    _shot(duo, "reply-phone")
    assert duo.get_logs() == []


def test_ipage005_author_changes_and_deletes_own_words_from_the_page(served, store):
    """Class: authors who could change or delete their words only through the API.
    On the idea's page the author's own idea and reactions carry "Aanpassen"
    (first 15 minutes) and "Verwijderen"; one panel outside the refreshing list
    holds the change, which goes through the same checks as a new text."""
    duo = served
    _post_by_keyboard(
        duo, "Brieven met een kop", "Begin met wat er van mij verwacht wordt."
    )
    duo.wait_for_contains_text("#idea-status", "Uw idee staat op de lijst", timeout=20)
    [idea] = store.idea_keys("brieven-beter")
    duo.driver.get(f"{duo.server_url}{ROUND}/{idea.id}?lang=nl")
    duo.wait_for_contains_text("#reaction-list", "Nog geen reacties", timeout=20)
    # Others' words carry no such buttons; this browser's idea does.
    assert len(duo.find_elements("[data-idea] .own-edit")) == 1

    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "Ook een datum bovenaan.")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    duo.wait_for_element("[data-reaction] .own-edit", timeout=20)

    open_own_change(
        duo, "[data-reaction] .own-edit", "#own-change-text", "Ook een datum bovenaan."
    )
    assert axe_serious(duo.driver) == []
    save_own_change(duo, "Bel 06-12345678 voor een datum.", "telefoonnummer")
    save_own_change(duo, "Ook een datum en een kenmerk bovenaan.", "opgeslagen")
    duo.wait_for_contains_text("[data-reaction]", "en een kenmerk", timeout=20)
    assert "aangepast" in duo.find_element("[data-reaction]").text
    wait_for(
        lambda: not duo.find_element("#own-change-box").is_displayed(),
        message="the panel closed after saving",
    )

    tab_to(duo.driver, "[data-idea] .own-edit")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: (
            duo.find_element("#own-change-title").get_attribute("value")
            == "Brieven met een kop"
        ),
        message="the idea's title in the panel",
    )
    tab_to(duo.driver, "#own-change-text")
    retype(duo.driver, "Begin met wat ik moet doen, en wanneer.")
    tab_to(duo.driver, "#own-change-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("[data-idea] .idea-text", "en wanneer", timeout=20)

    delete_own_reaction(duo)
    assert axe_serious(duo.driver) == []
    _shot(duo, "own-change")
    assert duo.get_logs() == []


def test_ipage006_one_decision_for_several_picked_items(served, store, app):
    """Class: a queue of twenty spam posts decided one by one. Each item has a
    "Kiezen" box; the bar above the queue records one decision, with its reason,
    for all picked items, each in the log."""
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("moderator", "a long enough password", "moderator")
    spam = [
        store.add_idea(
            "brieven-beter",
            f"spam-token-{n}-" + "s" * 20,
            title=f"Koop nu {n}",
            text="www.example.com www.example.net www.example.org",
            queue_reason="spam:links",
        )
        for n in range(2)
    ]
    kept = store.add_idea(
        "brieven-beter",
        "other-token-" + "k" * 20,
        title="Een gewone vraag",
        text="Mag het korter?",
        queue_reason="pre",
    )
    duo = served
    duo.driver.get(duo.server_url + "/login?lang=nl&next=/dashboard/moderatie")
    tab_to(duo.driver, "#username")
    press(duo.driver, "moderator", Keys.TAB, "a long enough password", Keys.ENTER)
    duo.wait_for_contains_text("#db-mod-queue", "3 bijdragen wachten", timeout=20)
    for idea in spam:
        tab_to(duo.driver, f'[data-queue-item="{idea.id}"] .mod-pick input')
        press(duo.driver, Keys.SPACE)
    tab_to(duo.driver, "#db-mod-bulk-action", backwards=True)
    press(duo.driver, "Verbergen", Keys.TAB, "Spam")
    tab_to(duo.driver, "#db-mod-bulk-decide")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        "#db-mod-status", "Vastgelegd voor 2 bijdragen: verbergen", timeout=20
    )
    duo.wait_for_contains_text("#db-mod-queue", "1 bijdrage wacht", timeout=20)
    assert [store.find_idea(i.id).state for i in spam] == ["hidden", "hidden"]
    assert store.find_idea(kept.id).state == "pending"
    logged = sorted(r[1:] for r in store.moderation_log_rows())
    assert logged == sorted(
        ("moderator", "idea", i.id, "hide", "spam", None) for i in spam
    )
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_ipage007_a_moderator_acts_from_the_idea_page(served, store, app):
    """Class: a moderator who sees something on the public page and cannot act
    on it (it was never reported, so it is not in the queue). Signed in, the
    idea page shows "Beoordelen als moderator" on the idea and each reaction;
    the link opens that item on the moderation page, first, with its state."""
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("moderator", "a long enough password", "moderator")
    idea = store.add_idea(
        "brieven-beter",
        "author-token-" + "a" * 20,
        title="Brieven in gewone taal",
        text="Schrijf in B1.",
    )
    reaction = store.add_reaction(
        idea, "author-token-" + "b" * 20, stance="for", text="Iedereen is een idioot."
    )
    duo = served
    page = f"{duo.server_url}{ROUND}/{idea.id}?lang=nl"
    duo.driver.get(page)
    duo.wait_for_contains_text("#reaction-list", "idioot", timeout=20)
    assert duo.find_elements(".staff-tools") == []
    duo.driver.get(duo.server_url + "/login?lang=nl&next=/dashboard/moderatie")
    tab_to(duo.driver, "#username")
    press(duo.driver, "moderator", Keys.TAB, "a long enough password", Keys.ENTER)
    duo.wait_for_contains_text("#db-mod-queue", "Er wacht niets", timeout=20)
    duo.driver.get(page)
    duo.wait_for_contains_text(
        f'[data-reaction="{reaction.id}"] .staff-tools', "Beoordelen", timeout=20
    )
    assert len(duo.find_elements(".staff-tools")) == 2
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, f'[data-reaction="{reaction.id}"] .staff-tools a')
    press(duo.driver, Keys.ENTER)
    item = f'[data-queue-item="{reaction.id}"]'
    duo.wait_for_contains_text(item, "Nu: Openbaar", timeout=20)
    tab_to(duo.driver, item + " select:not(.mod-pick)")
    press(duo.driver, "Verbergen", Keys.TAB, "Beledigend")
    tab_to(duo.driver, item + " button")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#db-mod-status", "Vastgelegd: verbergen", timeout=20)
    duo.wait_for_contains_text(item, "Nu: Verborgen", timeout=20)
    assert store.review_item("reaction", reaction.id).state == "hidden"
    assert store.reactions_on(idea) == []
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_ipage008_a_round_with_codes_asks_the_code_on_its_pages(served, store):
    """Class: a round with voting codes whose pages had no code field, so its
    residents could not take part there. The code field shows on the round and
    idea pages; an idea, a rating and a reaction without a valid code are
    refused with a message, with one they count once per code."""
    from budgetschuiver.kernel import codes

    code = codes.new_code()
    store.add_codes(codes.scope("ideas", "brieven-codes"), [codes.normalize(code)])
    duo = served
    duo.driver.get(duo.server_url + "/ideeen/brieven-codes?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    assert duo.find_element("#voting-code").is_displayed()
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, "#idea-title")
    press(duo.driver, "Een kop boven elke brief")
    tab_to(duo.driver, "#idea-text")
    press(duo.driver, "Dan weet ik meteen waar het over gaat.")
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#idea-status", "code", timeout=20)
    assert store.idea_keys("brieven-codes") == []
    tab_to(duo.driver, "#voting-code", backwards=True)
    press(duo.driver, code)
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#idea-status", "Uw idee staat op de lijst", timeout=20)
    [idea] = store.idea_keys("brieven-codes")

    duo.driver.get(f"{duo.server_url}/ideeen/brieven-codes/{idea.id}?lang=nl")
    duo.wait_for_contains_text("#reaction-list", "Nog geen reacties", timeout=20)
    tab_to(duo.driver, "#voting-code")
    press(duo.driver, code)
    tab_to(duo.driver, "[data-idea] .rate-support")
    press(duo.driver, Keys.ENTER)
    # Read in the page in one step: the card is drawn anew after a rating.
    wait_for(
        lambda: (
            duo.driver.execute_script(
                "const b = document.querySelector('[data-idea] .rate-support');"
                "return b && b.getAttribute('aria-pressed');"
            )
            == "true"
        ),
        timeout=20,
        message="the rating taken with the code",
    )
    assert store.find_idea(idea.id).support == 1
    tab_to(duo.driver, "#reaction-text")
    press(duo.driver, "Graag ook de datum in de kop.")
    tab_to(duo.driver, "#submit-reaction")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#reaction-status", "Uw reactie staat erbij", timeout=20)
    duo.wait_for_contains_text("#reaction-list", "de datum in de kop", timeout=20)
    # The code is the author, not this browser: no author's buttons here.
    assert duo.find_elements("#reaction-list .own-buttons") == []
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_ipage009_an_admin_gives_status_and_answer_from_the_idea_page(
    served, store, app
):
    """Class: statuses and answers that only the API could set. Signed in as an
    admin, the idea page links to "Status en antwoord geven"; the page there
    checks like the API ("niet overgenomen" needs an answer), and the answer
    then shows on the idea's public page."""
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("beheer", "a long enough password", "admin")
    idea = store.add_idea(
        "brieven-beter",
        "author-token-" + "c" * 20,
        title="Alle brieven op papier",
        text="Niet iedereen leest e-mail.",
    )
    duo = served
    duo.driver.get(duo.server_url + "/login?lang=nl&next=/dashboard")
    tab_to(duo.driver, "#username")
    press(duo.driver, "beheer", Keys.TAB, "a long enough password", Keys.ENTER)
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )
    duo.driver.get(f"{duo.server_url}{ROUND}/{idea.id}?lang=nl")
    duo.wait_for_contains_text("[data-idea] .staff-tools", "Status en antwoord", 20)
    tab_to(duo.driver, "[data-idea] .staff-tools a[href*='antwoorden']")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#db-ans-content", "Alle brieven op papier", 20)
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, "#db-ans-status")
    press(duo.driver, "Niet overgenomen")
    tab_to(duo.driver, "#db-ans-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#db-ans-said", "hoort een antwoord", timeout=20)
    assert store.find_idea(idea.id).status == "nieuw"
    tab_to(duo.driver, "#db-ans-answer", backwards=True)
    press(duo.driver, "Brieven blijven ook op papier komen, maar niet allemaal.")
    tab_to(duo.driver, "#db-ans-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#db-ans-said", "Opgeslagen", timeout=20)
    stored = store.find_idea(idea.id)
    assert (stored.status, stored.answer) == (
        "niet_overgenomen",
        "Brieven blijven ook op papier komen, maar niet allemaal.",
    )
    assert axe_serious(duo.driver) == []
    duo.driver.get(f"{duo.server_url}{ROUND}/{idea.id}?lang=nl")
    duo.wait_for_contains_text(".idea-answer", "ook op papier komen", timeout=20)
    assert duo.get_logs() == []


def test_ipage010_post_an_idea_with_a_picture_by_keyboard(served, store, tmp_path):
    """The picture is chosen with a real button (the file dialog itself is the
    browser's; the test hands the file to its input), described, posted; the
    list shows a lazy thumbnail with the author's text, the idea page the larger
    picture, with its camera data gone; the author removes it again."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 4.0, 40.0), 3: "E", 4: (4.0, 18.0, 0.0)}
    photo = tmp_path / "brievenbus.jpg"
    Image.new("RGB", (1200, 900), (200, 60, 40)).save(photo, "JPEG", exif=exif)
    duo = served
    duo.driver.get(duo.server_url + ROUND + "?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    tab_to(duo.driver, "#idea-title")
    press(duo.driver, "Een grotere brievenbus")
    tab_to(duo.driver, "#idea-text")
    press(duo.driver, "Bij het stadhuis past er niets in.")
    tab_to(duo.driver, "#idea-picture button")
    assert active(duo.driver).text == "Kies een foto"
    duo.find_element("#idea-picture input[type=file]").send_keys(str(photo))
    duo.wait_for_contains_text(
        "#idea-picture-note", "Gekozen foto: brievenbus.jpg", timeout=20
    )
    _shot_at(duo, "#idea-picture", "form-picture")
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        "#idea-status",
        "Schrijf in een paar woorden wat er op de foto staat",
        timeout=20,
    )
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, "#idea-picture-alt")
    press(duo.driver, "Een volle rode brievenbus")
    tab_to(duo.driver, "#submit-idea")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#idea-status", "Uw idee staat op de lijst", timeout=20)
    duo.wait_for_contains_text("#idea-picture-note", "Geen foto gekozen", timeout=20)
    thumb = "#idea-list [data-idea] img.idea-thumbnail"
    wait_for(
        lambda: (
            duo.driver.execute_script(
                "const i = document.querySelector(arguments[0]);"
                "return i && i.complete && i.naturalWidth;",
                thumb,
            )
            == 480
        ),
        timeout=20,
        message="the thumbnail served",
    )
    image = duo.find_element(thumb)
    assert image.get_attribute("alt") == "Een volle rode brievenbus"
    # The fixed 4:3 box, whatever the picture's own size.
    assert abs(image.size["height"] * 4 - image.size["width"] * 3) <= 4
    assert image.get_attribute("loading") == "lazy"
    assert axe_serious(duo.driver) == []
    _shot_at(duo, "#idea-list", "round-picture")
    [idea] = store.idea_keys("brieven-beter")
    picture = store.idea_picture(idea.id)
    assert b"Exif" not in picture and b"GPS" not in picture

    duo.driver.get(duo.server_url + f"{ROUND}/{idea.id}?lang=nl")
    wait_for(
        lambda: (
            duo.driver.execute_script(
                "const i = document.querySelector('img.idea-picture');"
                "return i && i.complete && i.naturalWidth;"
            )
            == 960
        ),
        timeout=20,
        message="the larger picture served",
    )
    assert axe_serious(duo.driver) == []
    # The author removes the picture within 15 minutes, from the same panel.
    tab_to(duo.driver, "[data-idea] .own-edit")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: duo.find_element(f"#{pages.CHANGE_PICTURE}-field").is_displayed(),
        message="the offer to remove the picture",
    )
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, f"#{pages.CHANGE_PICTURE}")
    press(duo.driver, Keys.SPACE)
    tab_to(duo.driver, "#own-change-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#own-change-status", "opgeslagen", timeout=20)
    wait_for(
        lambda: not duo.find_elements("img.idea-picture"),
        timeout=20,
        message="the picture gone from the page",
    )
    assert store.idea_picture(idea.id) is None
    assert store.find_idea(idea.id).picture_alt is None
    assert duo.get_logs() == []


def test_ipage012_a_picture_fits_320_px(served, store):
    """The list's thumbnail and the idea page's picture at 320 px wide: no sideways
    scrolling, the thumbnail in its 4:3 box."""
    from budgetschuiver.ideas.validate import IdeaPicture
    from budgetschuiver.kernel import media

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 400), (200, 60, 40)).save(buffer, "PNG")
    idea = store.add_idea(
        "brieven-beter",
        "author-token-" + "w" * 20,
        title="Een brede foto",
        text="Het hele plein.",
        picture=IdeaPicture(
            media.prepare_upload(buffer.getvalue()), "Het plein", 1600, 400
        ),
    )
    duo = served
    thumb = "#idea-list [data-idea] img.idea-thumbnail"
    for path, shown, name in (
        (f"{ROUND}/{idea.id}", "img.idea-picture", "idea-picture-320"),
        (ROUND, thumb, "round-picture-320"),
    ):
        # The whole page drawn, its picture loaded, then it must fit 320 px (the
        # machine may be slow: waited for, not timed).
        duo.driver.set_window_size(320, 800)
        duo.driver.get(duo.server_url + path + "?lang=nl")
        # Lazy: a picture below the fold loads once scrolled to.
        wait_for(
            lambda shown=shown: duo.driver.execute_script(
                "const i = document.querySelector(arguments[0]);"
                "if (i) { i.scrollIntoView(); }"
                "return i && i.complete && i.naturalWidth > 0;",
                shown,
            ),
            timeout=30,
            message=shown,
        )
        wait_for(
            lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320,
            timeout=30,
            message="no sideways scrolling at 320 px",
        )
        _shot_at(duo, "#idea-list" if shown == thumb else shown, name)
    box = duo.find_element(thumb).size
    assert abs(box["height"] * 4 - box["width"] * 3) <= 4
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_ipage011_a_moderator_sees_a_waiting_ideas_picture(served, store, app):
    from budgetschuiver.ideas.validate import IdeaPicture
    from budgetschuiver.kernel import media
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("moderator", "a long enough password", "moderator")
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 90, 160)).save(buffer, "PNG")
    data = media.prepare_upload(buffer.getvalue())
    waiting = store.add_idea(
        "brieven-beter",
        "author-token-" + "p" * 20,
        title="Een blauwe brief",
        text="Blauw papier valt op.",
        queue_reason="pre",
        picture=IdeaPicture(data, "Een blauwe envelop op tafel", 800, 600),
    )
    duo = served
    # Not public while it waits (asked outside the browser, whose console must
    # stay free of errors).
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{duo.server_url}/media/ideas/{waiting.id}-480.webp")
    assert missing.value.code == 404
    _moderator_logs_in(duo)
    item = f'[data-queue-item="{waiting.id}"]'
    duo.wait_for_contains_text(item, "Een blauwe envelop op tafel", timeout=20)
    picture = duo.find_element(item + " img")
    assert picture.get_attribute("alt") == "Een blauwe envelop op tafel"
    assert (
        duo.driver.execute_script(
            "return arguments[0].complete && arguments[0].naturalWidth", picture
        )
        == 480
    )
    assert axe_serious(duo.driver) == []
    _shot_at(duo, item, "moderation-picture")
    assert duo.get_logs() == []


def test_ipage013_a_picture_over_the_limit_is_refused_in_words(served, tmp_path):
    """The upload drops a file over its size limit without telling the page:
    the field says why (role=alert, the page's language), nothing is chosen,
    and a picture within the limit clears the message."""
    big = tmp_path / "groot.jpg"
    big.write_bytes(b"\xff\xd8" + b"\x00" * (9 * 1024 * 1024))
    small = tmp_path / "klein.png"
    Image.new("RGB", (40, 30), (0, 90, 60)).save(small, "PNG")
    duo = served
    duo.driver.get(duo.server_url + ROUND + "?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Er zijn nog geen ideeën", timeout=20)
    chooser = "#idea-picture input[type=file]"
    duo.find_element(chooser).send_keys(str(big))
    duo.wait_for_contains_text("#idea-picture-refused", "te groot", timeout=10)
    assert "Geen foto gekozen" in duo.find_element("#idea-picture-note").text
    assert axe_serious(duo.driver) == []
    duo.find_element(chooser).send_keys(str(small))
    duo.wait_for_contains_text(
        "#idea-picture-note", "Gekozen foto: klein.png", timeout=20
    )
    assert duo.find_element("#idea-picture-refused").text == ""

"""Forums in a real browser: a topic and a post by keyboard only, drafts that
survive a refresh, a post from elsewhere appearing without a reload, the unread
marker, the municipality's conclusion and badge, axe-core on every state, 320 px."""

from __future__ import annotations

from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import axe_serious, open_narrow, press, tab_to, wait_for

FORUM = "/forum/pleinen-centrum"
SHOTS = "/tmp/forum-pages"
OTHER = "other-browser-token-" + "k" * 16


def _shot(duo, name: str) -> None:
    import os

    os.makedirs(SHOTS, exist_ok=True)
    duo.driver.save_screenshot(f"{SHOTS}/{name}.png")


def test_fpage001_topic_and_post_by_keyboard_drafts_kept_live_thread(served, store):
    duo = served
    duo.driver.get(duo.server_url + FORUM + "?lang=nl")
    duo.wait_for_contains_text("#topic-list", "Nog geen onderwerpen", timeout=20)
    assert axe_serious(duo.driver) == []

    tab_to(duo.driver, "#topic-title")
    press(duo.driver, "Watertappunt bij de Grote Markt")
    tab_to(duo.driver, "#topic-text")
    press(duo.driver, "In de zomer is er nergens water. <i>Graag</i> een tappunt 💧")
    duo.driver.refresh()
    duo.wait_for_contains_text("#topic-list", "Nog geen onderwerpen", timeout=20)
    wait_for(
        lambda: duo.find_element("#topic-text").get_attribute("value").endswith("💧"),
        message="the topic draft back after a refresh",
    )
    assert duo.find_element("#topic-title").get_attribute("value") == (
        "Watertappunt bij de Grote Markt"
    )
    tab_to(duo.driver, "#submit-topic")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#topic-status", "Uw onderwerp staat online", timeout=20)
    card = "#topic-list [data-topic]"
    duo.wait_for_contains_text(card, "Watertappunt bij de Grote Markt", timeout=20)
    assert duo.find_element("#topic-title").get_attribute("value") == ""
    assert "<i>Graag</i>" in duo.find_element(card + " .topic-text").text
    # Never opened in this browser: marked as new.
    wait_for(
        lambda: duo.find_element(card + " .unread-marker").is_displayed(),
        message="the unread marker",
    )
    assert axe_serious(duo.driver) == []
    [key] = store.topic_keys("pleinen-centrum")

    # The list refreshes while the link has focus; focus stays on it
    # (`assets/03-app/focus.js`), so one press opens the topic.
    tab_to(duo.driver, card + " a")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: f"{FORUM}/" in duo.driver.current_url,
        timeout=8,
        message="the topic's page",
    )
    duo.wait_for_contains_text("#post-list", "Nog geen berichten", timeout=20)
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, "#post-stance")
    press(duo.driver, "Argument voor")
    tab_to(duo.driver, "#post-text")
    press(duo.driver, "Goed idee, ook voor honden een bakje.")
    duo.driver.refresh()
    duo.wait_for_contains_text("#post-list", "Nog geen berichten", timeout=20)
    wait_for(
        lambda: duo.find_element("#post-text").get_attribute("value").endswith("."),
        message="the post draft back after a refresh",
    )
    # A post from another browser appears without a reload, the draft untouched.
    topic = store.find_topic(key.id)
    store.add_post(topic, OTHER, text="Er staat er al een bij het Spui.")
    duo.wait_for_contains_text("#post-list", "al een bij het Spui", timeout=12)
    assert duo.find_element("#post-text").get_attribute("value") == (
        "Goed idee, ook voor honden een bakje."
    )
    tab_to(duo.driver, "#post-stance")
    press(duo.driver, "Argument voor")
    tab_to(duo.driver, "#submit-post")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#post-status", "Uw bericht staat online", timeout=20)
    duo.wait_for_contains_text("#post-list", "honden een bakje", timeout=20)
    assert duo.find_element("#post-text").get_attribute("value") == ""
    posts = store.posts_in(topic)
    assert [(p.stance, p.text[:9]) for p in posts] == [
        (None, "Er staat "),
        ("for", "Goed idee"),
    ]
    assert axe_serious(duo.driver) == []
    _shot(duo, "thread-phone")

    # Report a post by keyboard: the ideas' report box, item type "post".
    other = f'#post-list [data-post="{posts[0].id}"]'
    tab_to(duo.driver, other + " .report-item")
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: duo.find_element(other + " .report-box").is_displayed(),
        message="the reasons",
    )
    press(duo.driver, Keys.TAB)
    press(duo.driver, "Spam")
    press(duo.driver, Keys.TAB, Keys.ENTER)
    duo.wait_for_contains_text(
        other + " .report", "Bedankt voor uw melding", timeout=20
    )
    assert axe_serious(duo.driver) == []

    # Read in this browser: no longer new on the list.
    duo.driver.get(duo.server_url + FORUM + "?lang=nl")
    duo.wait_for_contains_text(card, "2 berichten", timeout=20)
    wait_for(
        lambda: not duo.find_element(card + " .unread-marker").is_displayed(),
        message="the marker gone after reading",
    )

    store.add_post(
        topic,
        "municipality-account:adviseur",
        text="We nemen het mee.",
        municipality=True,
    )
    store.close_topic(topic.id, "Er komt een watertappunt op de Grote Markt.", "adv")
    duo.driver.get(f"{duo.server_url}{FORUM}/{topic.id}?lang=nl")
    duo.wait_for_contains_text(
        ".forum-conclusion", "Wat we hiervan meenemen", timeout=20
    )
    duo.wait_for_contains_text(
        "#post-list .role-badge", "Gemeente Den Haag", timeout=20
    )
    assert not duo.find_element("#post-form").is_displayed()
    assert axe_serious(duo.driver) == []
    _shot(duo, "closed-thread")

    open_narrow(duo, f"{FORUM}/{topic.id}", "#post-list [data-post]")
    assert axe_serious(duo.driver) == []
    _shot(duo, "thread-320")
    open_narrow(duo, FORUM, "#topic-list [data-topic]")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_fpage002_advisor_posts_and_closes_by_keyboard(served, store, app):
    from dashboards.kernel import auth

    with app.server.app_context():
        auth.create_user("adviseur", "a long enough password", "advisor")
    topic = store.add_topic(
        "pleinen-centrum", OTHER, title="Bankjes", text="Meer bankjes graag."
    )
    duo = served
    duo.driver.get(
        duo.server_url + "/login?lang=nl&next=/dashboard/forum/pleinen-centrum"
    )
    tab_to(duo.driver, "#username")
    press(duo.driver, "adviseur", Keys.TAB, "a long enough password", Keys.ENTER)
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )
    block = f'[data-topic="{topic.id}"]'
    duo.wait_for_contains_text(block, "Bankjes", timeout=20)
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, block + " textarea")
    press(duo.driver, "Dank u, we kijken waar ze passen.", Keys.TAB, Keys.ENTER)
    duo.wait_for_contains_text(block, "Geplaatst", timeout=20)
    assert duo.find_element(block + " textarea").get_attribute("value") == ""
    press(duo.driver, Keys.TAB, "Er komen tien bankjes in de schaduw.")
    press(duo.driver, Keys.TAB, Keys.ENTER)
    duo.wait_for_contains_text(block, "Gesloten", timeout=20)
    closed = store.find_topic(topic.id)
    assert closed.conclusion == "Er komen tien bankjes in de schaduw."
    [post] = store.posts_in(closed)
    assert post.municipality and post.text == "Dank u, we kijken waar ze passen."
    assert axe_serious(duo.driver) == []
    _shot(duo, "dashboard-forum")
    assert duo.get_logs() == []

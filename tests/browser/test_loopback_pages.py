"""The loop back in a real browser: the results page and the embed at 320 px with
axe and the keyboard, the share block, the video that loads only after a click,
and the embed telling its parent page its height."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.kernel.context import EXTENSION
from tests.browser.helpers import axe_serious, open_narrow, press, tab_to, wait_for
from tests.browser.test_layout import SMALL_TARGETS
from tests.conftest import write_variant

VIDEO = "https://youtu.be/dQw4w9WgXcQ"
ORIGINS = (
    "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin)"
)
SHOTS = "/tmp/loopback-shots"


@pytest.fixture(autouse=True)
def variants(data_dir):
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "poll-video",
        kind="polls",
        video=VIDEO,
        response={
            "status": "published",
            "date": "2026-11-01",
            "summary": {"nl": "**Besloten**: bij de Grote Markt.", "en": "Decided."},
            "items": {"spui": {"nl": "Niet hier: te weinig ruimte."}},
        },
        results_public="always",
    )
    write_variant(
        data_dir, "park-zuiderpark.yaml", "park-always", results_public="always"
    )
    write_variant(
        data_dir,
        "speelplekken-2025.yaml",
        "ideas-closed",
        kind="ideas",
        opens="2020-01-01",
        closes="2020-12-31",
    )
    write_variant(
        data_dir,
        "vragenuur-zuiderpark.yaml",
        "qa-ended",
        kind="qa",
        starts="2020-03-04T19:30",
        ends="2020-03-04T21:00",
        demo_questions=[],
        illustrative=False,
        video=VIDEO,
    )
    write_variant(
        data_dir,
        "pleinen-centrum.yaml",
        "forum-closed",
        kind="forums",
        opens="2020-01-01",
        closes="2020-12-31",
        video=VIDEO,
    )


def _votes(app, item_id, count, choices=("spui",)):
    store = app.server.extensions[EXTENSION].store
    for k in range(count):
        store.submit_vote(
            "poll",
            item_id,
            choices,
            f"browser-vote-{item_id}-{k:012d}",
            district="laak",
        )


def _shot(duo, name):
    import pathlib

    pathlib.Path(SHOTS).mkdir(exist_ok=True)
    # The whole page, for a person to look at (the window grows to fit it).
    size = duo.driver.get_window_size()
    height = duo.driver.execute_script("return document.documentElement.scrollHeight")
    duo.driver.set_window_size(size["width"], height + 100)
    duo.driver.save_screenshot(f"{SHOTS}/{name}.png")
    duo.driver.set_window_size(size["width"], size["height"])


def test_lbp001_results_page_at_320_by_keyboard_with_axe(served, app):
    duo = served
    _votes(app, "poll-closed", 12)
    open_narrow(duo, "/resultaten/poll-closed", "#loop-results .loop-n")
    duo.wait_for_text_to_equal("#loop-results .loop-n", "12 inwoners deden mee.")
    assert (
        "Het antwoord van de gemeente volgt nog."
        in duo.find_element("#loop-answer").text
    )
    _shot(duo, "results-320")
    assert duo.driver.execute_script(SMALL_TARGETS) == []
    assert axe_serious(duo.driver) == []
    assert set(duo.driver.execute_script(ORIGINS)) <= {duo.server_url}
    # Keyboard: to the copy button, press it, hear the result.
    tab_to(duo.driver, ".share-copy")
    press(duo.driver, Keys.ENTER)
    wait_for(lambda: duo.find_element("#loop-share-status").text, message="status")
    assert duo.find_element("#loop-share-status").text in (
        "De link is gekopieerd.",
        "Kopiëren lukte niet. Selecteer de link hierboven en kopieer hem zelf.",
    )
    assert duo.find_element("#loop-share-url").get_attribute("value") == (
        duo.server_url + "/resultaten/poll-closed"
    )
    links = duo.driver.find_elements("css selector", ".share-links a")
    assert [a.get_attribute("data-share") for a in links] == [
        "whatsapp",
        "facebook",
        "x",
        "linkedin",
        "email",
    ]
    assert all(a.get_attribute("rel") == "noopener noreferrer" for a in links[:4])
    # The phone's share sheet is offered exactly where the browser has one.
    has_sheet = duo.driver.execute_script("return !!navigator.share")
    assert duo.find_element(".share-native").is_displayed() == has_sheet
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp002_not_yet_public_and_answered_states(served, app):
    duo = served
    open_narrow(duo, "/resultaten/poll-closed", ".loop-suppressed")
    assert axe_serious(duo.driver) == []
    open_narrow(duo, "/resultaten/park-zuiderpark", ".loop-not-public")
    assert "31 december 2027" in duo.find_element(".loop-not-public").text
    assert axe_serious(duo.driver) == []
    _votes(app, "poll-video", 11)
    open_narrow(duo, "/resultaten/poll-video", ".loop-answer-summary")
    duo.wait_for_contains_text("#loop-answer", "Niet hier: te weinig ruimte.")
    assert duo.find_element(".loop-answer-summary strong").text == "Besloten"
    _shot(duo, "results-answered-320")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def _youtube_loaded(duo) -> bool:
    return any("youtube" in origin for origin in duo.driver.execute_script(ORIGINS))


def test_lbp003_video_loads_only_after_the_click(served):
    duo = served
    duo.driver.get(duo.server_url + "/peiling/poll-video?lang=nl")
    duo.wait_for_element(".video-load", timeout=20)
    assert duo.driver.find_elements("css selector", "iframe") == []
    assert not _youtube_loaded(duo)
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, ".video-load")
    press(duo.driver, Keys.ENTER)
    frame = duo.wait_for_element(".video-slot iframe", timeout=10)
    assert frame.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert frame.get_attribute("title") == "Uitlegvideo"
    duo.wait_for_text_to_equal(".video-status", "De video is geladen.")
    # No console error: the page's policy allowed the frame (this machine has no
    # internet, so the player itself shows nothing).
    errors = [e for e in duo.get_logs() if "Content Security Policy" in e["message"]]
    assert errors == []


def test_lbp004_video_reached_by_an_in_app_link_reloads_then_plays(served):
    """A Dash link keeps the first page's policy (no frame allowed): the click
    reloads the video page with its own policy and loads the player there."""
    duo = served
    duo.driver.get(duo.server_url + "/?lang=nl")
    duo.wait_for_element(".trajectory-list", timeout=20)
    link = duo.driver.find_element("css selector", 'a[href="/peiling/poll-video"]')
    duo.driver.execute_script("arguments[0].click()", link)
    duo.wait_for_element(".video-load", timeout=20)
    duo.driver.execute_script("document.body.dataset.before = 'yes'")
    duo.driver.execute_script("arguments[0].click()", duo.find_element(".video-load"))
    frame = duo.wait_for_element(".video-slot iframe", timeout=20)
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/")
    assert duo.driver.execute_script("return document.body.dataset.before") is None
    errors = [e for e in duo.get_logs() if "Content Security Policy" in e["message"]]
    assert errors == []


def test_lbp005_embed_at_320_tells_its_parent_its_height(served, app):
    duo = served
    _votes(app, "poll-closed", 12)
    open_narrow(duo, "/embed/poll-closed", ".embed h1")
    _shot(duo, "embed-320")
    assert duo.driver.execute_script(SMALL_TARGETS) == []
    assert axe_serious(duo.driver) == []
    # A parent page (same site: frame-ancestors 'self') frames it and listens.
    duo.driver.get(duo.server_url + "/privacy?lang=nl")
    duo.wait_for_element(".info-page h1", timeout=20)
    duo.driver.execute_script(
        """
        window.heights = [];
        addEventListener('message', e => {
          if (e.data && e.data.type === 'budgetschuiver:height')
            window.heights.push(e.data.height);
        });
        const frame = document.createElement('iframe');
        frame.id = 'embedded';
        frame.title = 'embed';
        frame.style.width = '320px';
        frame.src = '/embed/poll-closed';
        document.body.appendChild(frame);
        """
    )
    wait_for(lambda: duo.driver.execute_script("return window.heights.length"))
    told = duo.driver.execute_script("return window.heights.at(-1)")
    duo.driver.switch_to.frame("embedded")
    real = duo.driver.execute_script(
        "return Math.ceil(document.documentElement.scrollHeight)"
    )
    duo.driver.switch_to.default_content()
    assert told == real and told > 100
    assert duo.get_logs() == []


def test_lbp006_after_sending_a_budget_where_it_stands(served, app, catalog):
    from tests.integration.test_dashboard import park_budgets, seed

    duo = served
    seed(
        app.server.extensions[EXTENSION].store, "park-always", park_budgets(catalog, 15)
    )
    duo.driver.get(duo.server_url + "/begroting/park-always?lang=nl")
    duo.wait_for_element("#balance-status", timeout=20)
    assert duo.find_element("#loop-stance-after").text == ""
    tab_to(duo.driver, "#submit-budget")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#submission-receipt", "telt mee", timeout=20)
    duo.wait_for_contains_text("#loop-stance-after", "Waar uw keuze staat", timeout=20)
    assert (
        "Bomen en groen: u koos € 540.000."
        in duo.find_element("#loop-stance-after").text
    )
    assert axe_serious(duo.driver) == []
    # The same on the results page, from this browser's stored budget.
    open_narrow(duo, "/resultaten/park-always", "#loop-stance li")
    _shot(duo, "results-budget-320")
    assert "Bomen en groen: u koos € 540.000." in duo.find_element("#loop-stance").text
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp007_overview_states_answers_and_offers_report_and_embed(served, app):
    from tests.browser.test_dashboard_pages import PASSWORD as DASHBOARD_PASSWORD
    from tests.browser.test_dashboard_pages import log_in

    duo = served
    with app.server.app_context():
        from dashboards.kernel import auth

        auth.create_user("raadslid", DASHBOARD_PASSWORD, "advisor")
    duo.driver.set_window_size(1280, 900)
    log_in(duo)
    duo.wait_for_element('.db-answer[data-answer="published"]', timeout=30)
    states = {
        element.get_attribute("data-answer")
        for element in duo.driver.find_elements("css selector", ".db-answer")
    }
    assert states == {"missing", "published"}
    texts = [e.text for e in duo.driver.find_elements("css selector", ".db-answer")]
    assert "Antwoord: gepubliceerd" in texts
    assert any(t.startswith("Antwoord: ontbreekt · ") for t in texts)
    report = duo.driver.find_elements("css selector", ".db-report-link")[0]
    assert report.get_attribute("href").endswith(".pdf")
    code = duo.driver.find_elements("css selector", ".db-embed-code")[0]
    assert "/embed/" in code.get_attribute("value")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp008_moodboard_results_show_the_top_pictures(served, app):
    duo = served
    store = app.server.extensions[EXTENSION].store
    for k in range(12):
        store.submit_vote(
            "moodboard",
            "board-closed",
            ("water", "natuur") if k % 3 else ("klimmen",),
            f"browser-board-{k:016d}",
        )
    open_narrow(duo, "/resultaten/board-closed", ".loop-pictures img")
    wait_for(
        lambda: all(
            duo.driver.execute_script("return arguments[0].complete", img)
            for img in duo.driver.find_elements("css selector", ".loop-pictures img")
        ),
        message="pictures loaded",
    )
    captions = [
        e.text for e in duo.driver.find_elements("css selector", ".loop-pictures li")
    ]
    assert captions[:2] == ["Waterspeelplaats: 67%", "Natuurspeeltuin: 67%"] or (
        captions[:2] == ["Natuurspeeltuin: 67%", "Waterspeelplaats: 67%"]
    )
    assert len(captions) == 3
    _shot(duo, "results-moodboard-320")
    assert axe_serious(duo.driver) == []
    assert set(duo.driver.execute_script(ORIGINS)) <= {duo.server_url}
    assert duo.get_logs() == []


def test_lbp009_budget_embed_and_english_results_at_320(served, app, catalog):
    from tests.integration.test_dashboard import park_budgets, seed

    duo = served
    seed(
        app.server.extensions[EXTENSION].store, "park-closed", park_budgets(catalog, 12)
    )
    open_narrow(duo, "/embed/park-closed", ".embed table")
    _shot(duo, "embed-budget-320")
    assert axe_serious(duo.driver) == []
    duo.driver.get(duo.server_url + "/resultaten/park-closed?lang=en")
    duo.wait_for_contains_text("h1", "Results: ", timeout=20)
    duo.wait_for_text_to_equal("#loop-results .loop-n", "12 residents took part.")
    assert (
        "The municipality's answer is still to come."
        in duo.find_element("#loop-answer").text
    )
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp010_idea_round_results_and_embed_at_320(served, app):
    """Class: a ranking that needs sideways scrolling, or a status without words.
    The closed round's ranking with shared places, status and answer fits 320
    px and passes axe; so does its embed."""
    from tests.integration.test_loopback_ideas import CLOSED, _round

    duo = served
    ideas = _round(
        app,
        CLOSED,
        12,
        titles=("Schommel bij de Haagse Hogeschoolspeelplaatsvernieuwing", "Zandbak"),
    )
    app.server.extensions[EXTENSION].store.set_idea_status(
        ideas[0].id, "overgenomen", "Komt in het plan.", None
    )
    open_narrow(duo, f"/resultaten/{CLOSED}", "#loop-results .loop-table")
    duo.wait_for_text_to_equal("#loop-results .loop-n", "12 inwoners deden mee.")
    first = duo.find_element(f'#loop-results tr[data-item="{ideas[0].id}"]').text
    assert "Overgenomen" in first and "Komt in het plan." in first
    _shot(duo, "results-ideas-320")
    assert axe_serious(duo.driver) == []
    open_narrow(duo, f"/embed/{CLOSED}", ".embed .rows")
    assert "Zandbak" in duo.find_element(".embed .rows").text
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp011_forum_results_embed_and_page_at_320(served, app):
    """Class: a long Dutch topic title or conclusion that forces sideways
    scrolling, a conclusion without its heading, or a forum page without share
    links. The closed forum's ranking with shared places and conclusions fits
    320 px and passes axe; so do its embed and the forum page's share block."""
    from tests.integration.test_loopback_forums import CLOSED, _forum

    duo = served
    topics = _forum(
        app,
        CLOSED,
        12,
        titles=("Schaduwrijkebankjesherinrichtingsvoorstellen", "Bomen", "Fietsen"),
    )
    store = app.server.extensions[EXTENSION].store
    store.close_topic(topics[0].id, "Bankjes komen onder de bomen 🌳.", "adviseur")
    store.close_forum(CLOSED, "Schaduw gaat voor in het ontwerp.", "adviseur")
    open_narrow(duo, f"/resultaten/{CLOSED}", "#loop-results .loop-table")
    duo.wait_for_text_to_equal("#loop-results .loop-n", "13 inwoners deden mee.")
    first = duo.find_element(f'#loop-results tr[data-item="{topics[0].id}"]').text
    assert "Gesloten" in first and "Bankjes komen onder de bomen 🌳." in first
    third = duo.find_element(f'#loop-results tr[data-item="{topics[2].id}"]').text
    assert third.startswith("3")
    assert duo.find_element("#loop-conclusion h2").text == "Wat we hiervan meenemen"
    assert "Schaduw gaat voor" in duo.find_element("#loop-conclusion").text
    _shot(duo, "results-forum-320")
    assert axe_serious(duo.driver) == []
    open_narrow(duo, f"/embed/{CLOSED}", ".embed .rows")
    assert "Bomen" in duo.find_element(".embed .rows").text
    assert "Schaduw gaat voor" in duo.find_element(".embed .conclusion").text
    assert axe_serious(duo.driver) == []
    open_narrow(duo, f"/forum/{CLOSED}", ".share-links a")
    links = duo.driver.find_elements("css selector", ".share-links a")
    assert [a.get_attribute("data-share") for a in links] == [
        "whatsapp",
        "facebook",
        "x",
        "linkedin",
        "email",
    ]
    assert duo.find_element("#loop-share-url").get_attribute("value") == (
        duo.server_url + f"/forum/{CLOSED}"
    )
    assert (
        duo.find_element(".loop-results-link")
        .get_attribute("href")
        .endswith(f"/resultaten/{CLOSED}")
    )
    assert duo.find_element(".video-load").is_displayed()
    assert not _youtube_loaded(duo)
    _shot(duo, "forum-page-320")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_lbp012_qa_results_embed_and_session_page_at_320(served, app):
    """Class: a long question or answer that forces sideways scrolling, moderation
    counts without words, or a session page without share links. The ended
    session's transcript with places, support, stages, answers and what was
    hidden fits 320 px and passes axe; so do its embed and the session page."""
    from tests.integration.test_loopback_qa import ENDED, _session

    duo = served
    questions = _session(
        app,
        ENDED,
        12,
        texts=(
            "Komen er meer bankjes bij de vijver in het Zuiderparkherinrichtingsplan?",
            "Blijft de vijver?",
            "Wanneer begint het?",
        ),
    )
    store = app.server.extensions[EXTENSION].store
    store.set_stage(
        store.find_question(questions[0].id), "answered", "Ja, tien extra bankjes 🌳."
    )
    store.set_stage(store.find_question(questions[1].id), "answered", None, live=True)
    hidden = store.add_question(ENDED, "asker-hid-" + "c" * 20, text="Weg ermee.")
    store.decide("question", hidden.id, "hide", "off_topic", None, "mod-a")
    open_narrow(duo, f"/resultaten/{ENDED}", "#loop-results .loop-table")
    duo.wait_for_text_to_equal("#loop-results .loop-n", "12 inwoners deden mee.")
    first = duo.find_element(f'#loop-results tr[data-item="{questions[0].id}"]').text
    assert "Beantwoord" in first and "Ja, tien extra bankjes 🌳." in first
    second = duo.find_element(f'#loop-results tr[data-item="{questions[1].id}"]').text
    assert "Live beantwoord" in second
    found = duo.driver.find_elements("css selector", ".loop-note")
    notes = " ".join(element.text for element in found)
    assert "1 vraag is verborgen" in notes
    assert "Weg ermee." not in duo.driver.page_source
    _shot(duo, "results-qa-320")
    assert axe_serious(duo.driver) == []
    open_narrow(duo, f"/embed/{ENDED}", ".embed .rows")
    assert "Blijft de vijver?" in duo.find_element(".embed .rows").text
    assert axe_serious(duo.driver) == []
    open_narrow(duo, f"/vragenuur/{ENDED}", ".share-links a")
    assert duo.find_element("#loop-share-url").get_attribute("value") == (
        duo.server_url + f"/vragenuur/{ENDED}"
    )
    assert (
        duo.find_element(".loop-results-link")
        .get_attribute("href")
        .endswith(f"/resultaten/{ENDED}")
    )
    assert duo.find_element(".video-load").is_displayed()
    assert not _youtube_loaded(duo)
    _shot(duo, "qa-page-320")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

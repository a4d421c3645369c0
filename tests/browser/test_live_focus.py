"""Keyboard focus through a live redraw (`assets/03-app/focus.js`), in a real
browser: on the forum's topic list, the question hour's resident page and its
host console, a keyboard user focuses a control, new data arrives from another
resident, the list is drawn again, and focus is still on the same logical
control (`document.activeElement`). Also the question hour's "Melden" by
keyboard, through the same reports flow as ideas."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.kernel.trajectory import TIMEZONE
from dashboards.kernel import auth
from tests.browser.helpers import (
    NO_SIDEWAYS_SCROLL,
    axe_serious,
    press,
    tab_to,
    wait_for,
)
from tests.conftest import write_variant

PASSWORD = "correct horse battery staple"
SESSION = "avond-focus"
OTHER = "focus-other-browser-" + "z" * 16
SHOTS = "/tmp/live-focus"


@pytest.fixture
def data_dir(data_dir):
    """The demo data plus a question hour that is live now (post-moderation)."""
    hour = dt.timedelta(hours=1)
    now = dt.datetime.now(TIMEZONE)
    write_variant(
        data_dir,
        "vragenuur-zuiderpark.yaml",
        SESSION,
        kind="qa",
        starts=(now - hour).strftime("%Y-%m-%dT%H:%M"),
        ends=(now + hour).strftime("%Y-%m-%dT%H:%M"),
        moderation="post",
        demo_questions=[],
    )
    return data_dir


@pytest.fixture(autouse=True)
def _shots_folder():
    import os

    os.makedirs(SHOTS, exist_ok=True)


def _api(app, method, url, body, **headers):
    return app.server.test_client().open(
        url,
        method=method,
        data=json.dumps(body),
        content_type="application/json",
        headers={"User-Agent": "another-phone", **headers},
    )


def _ask(app, text, n):
    return _ask_as(app, f"{OTHER}{n}", text)


# Which control has focus, by what stands for it across a redraw: its id, or
# the item it is in and its link.
FOCUSED = """
const e = document.activeElement;
const item = e.closest('[data-topic],[data-question],[data-post],[data-reaction]');
return [e.tagName, e.id, item && (item.dataset.topic || item.dataset.question
        || item.dataset.post || item.dataset.reaction), e.getAttribute('href')];
"""


def test_focus001_forum_topic_list_keeps_the_focused_link(served, app):
    duo = served
    first = _api(
        app,
        "POST",
        "/api/v1/forums/pleinen-centrum/topics",
        {"title": "Bankjes", "text": "Meer bankjes op het plein.", "token": OTHER},
    ).get_json()["id"]
    duo.driver.get(duo.server_url + "/forum/pleinen-centrum?lang=nl")
    link = f'#topic-list [data-topic="{first}"] a'
    duo.wait_for_contains_text("#topic-list", "Bankjes", timeout=20)
    tab_to(duo.driver, link)
    before = duo.driver.execute_script(FOCUSED)
    assert before[2] == first
    _api(
        app,
        "POST",
        "/api/v1/forums/pleinen-centrum/topics",
        {"title": "Fonteinen", "text": "Water om te spelen.", "token": OTHER + "2"},
    )
    duo.wait_for_contains_text("#topic-list", "Fonteinen", timeout=20)
    assert duo.driver.execute_script(FOCUSED) == before
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: f"/forum/pleinen-centrum/{first}" in duo.driver.current_url,
        message="Enter opens the same topic",
    )


def test_focus002_question_hour_and_host_console_keep_focus(served, app):
    duo = served
    with app.server.app_context():
        auth.create_user("gastheer", PASSWORD, "advisor")
    first = _ask(app, "Komen er meer bankjes bij de vijver?", 0)
    duo.driver.get(duo.server_url + f"/vragenuur/{SESSION}?lang=nl")
    vote = f'#qa-list [data-question="{first}"] .vote-question'
    duo.wait_for_contains_text("#qa-list", "bankjes", timeout=20)
    tab_to(duo.driver, vote)
    before = duo.driver.execute_script(FOCUSED)
    _ask(app, "Wordt het plein autovrij?", 1)
    duo.wait_for_contains_text("#qa-list", "autovrij", timeout=5)
    assert duo.driver.execute_script(FOCUSED) == before

    # "Melden" by keyboard: the panel names the question, focus on its reason.
    report = f'#qa-list [data-question="{first}"] .report-item'
    tab_to(duo.driver, report)
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#qa-report-panel", "bankjes", timeout=20)
    wait_for(
        lambda: (
            duo.driver.execute_script("return document.activeElement.id")
            == "qa-report-reason"
        ),
        message="focus on the report's reason",
    )
    duo.driver.set_window_size(320, 800)
    assert duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320
    duo.driver.execute_script(
        "document.getElementById('qa-report-panel').scrollIntoView()"
    )
    duo.driver.save_screenshot(f"{SHOTS}/qa-report-panel-320.png")
    press(duo.driver, "Spam")
    tab_to(duo.driver, "#qa-report-send")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#qa-report-status", "Bedankt voor uw melding", 20)
    assert axe_serious(duo.driver) == []
    duo.driver.get(
        duo.server_url + f"/login?lang=nl&next=/dashboard/vragenuur/{SESSION}"
    )
    tab_to(duo.driver, "#username")
    press(duo.driver, "gastheer", Keys.TAB, PASSWORD, Keys.ENTER)
    wait_for(lambda: "/login" not in duo.driver.current_url, timeout=20)
    duo.wait_for_contains_text("#dqa-content", "autovrij", timeout=20)
    pin = f'[data-question="{first}"] button[id*="pin"]'
    tab_to(duo.driver, pin)
    before = duo.driver.execute_script(FOCUSED)
    _ask(app, "Hoe laat begint de markt?", 2)
    duo.wait_for_contains_text("#dqa-content", "markt", timeout=20)
    assert duo.driver.execute_script(FOCUSED) == before
    assert duo.get_logs() == []


def test_focus003_my_contributions_lists_forum_items_and_questions(served, app, store):
    """A topic, a post and a question this browser wrote are on /mijn-bijdragen
    with their state and reason; the hidden ones have the appeal button, and an
    appeal by keyboard goes to the forum's own appeal part (back in the queue)."""
    duo = served
    duo.driver.get(duo.server_url + "/forum/pleinen-centrum?lang=nl")
    duo.wait_for_contains_text("#topic-list", "Nog geen onderwerpen", timeout=20)
    token = duo.driver.get_cookie("bs_token")["value"]
    topic = _api(
        app,
        "POST",
        "/api/v1/forums/pleinen-centrum/topics",
        {"title": "Schaduw", "text": "Meer bomen op het plein.", "token": token},
    ).get_json()["id"]
    post = _api(
        app,
        "POST",
        f"/api/v1/forums/pleinen-centrum/topics/{topic}/posts",
        {"text": "En een fontein.", "token": token},
    ).get_json()["id"]
    question = _ask_as(app, token, "Wanneer komen de bomen?")
    assert store.decide("post", post, "hide", "off_topic", None, "mod-a") == "ok"
    assert store.decide("question", question, "hide", "spam", None, "mod-a") == "ok"

    duo.driver.set_window_size(320, 800)
    duo.driver.get(duo.server_url + "/mijn-bijdragen?lang=nl")
    duo.wait_for_contains_text(".mine-page", "Schaduw", timeout=20)
    assert duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320
    duo.driver.save_screenshot(f"{SHOTS}/mine-320.png")
    rows = {
        row.get_attribute("data-mine"): row.text
        for row in duo.find_elements(".mine-page [data-mine]")
    }
    assert set(rows) == {topic, post, question}
    assert "Onderwerp" in rows[topic]
    assert "Forumbericht" in rows[post] and "Gaat niet over het onderwerp" in rows[post]
    assert "Vraag in een vragenuur" in rows[question]
    assert len(duo.find_elements(".mine-page .appeal-button")) == 2
    assert axe_serious(duo.driver) == []
    tab_to(duo.driver, f'[data-mine="{post}"] .appeal-button')
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        f'[data-mine="{post}"]', "Uw bezwaar is ontvangen", timeout=20
    )
    assert [(q.type, q.id) for q in store.moderation_queue()] == [("post", post)]
    assert duo.get_logs() == []


def _ask_as(app, token, text):
    made = _api(
        app, "POST", f"/api/v1/qa/{SESSION}/questions", {"text": text, "token": token}
    )
    assert made.status_code == 201
    return made.get_json()["id"]


def test_focus004_topic_page_and_idea_reactions_keep_focus(served, app):
    """The thread of a topic and the reactions on an idea are redrawn by their
    refresh when another resident writes: "Melden" on the first post or
    reaction keeps focus."""
    duo = served
    forum = "/api/v1/forums/pleinen-centrum/topics"
    topic = _api(
        app, "POST", forum, {"title": "Bankjes", "text": "Meer.", "token": OTHER}
    ).get_json()["id"]
    first = _api(
        app, "POST", f"{forum}/{topic}/posts", {"text": "Eens.", "token": OTHER}
    ).get_json()["id"]
    duo.driver.get(duo.server_url + f"/forum/pleinen-centrum/{topic}?lang=nl")
    duo.wait_for_contains_text("#post-list", "Eens.", timeout=20)
    tab_to(duo.driver, f'[data-post="{first}"] .report-item')
    before = duo.driver.execute_script(FOCUSED)
    assert before[2] == first
    _api(app, "POST", f"{forum}/{topic}/posts", {"text": "Oneens.", "token": OTHER})
    duo.wait_for_contains_text("#post-list", "Oneens.", timeout=20)
    assert duo.driver.execute_script(FOCUSED) == before

    idea = _api(
        app,
        "POST",
        "/api/v1/idea-rounds/brieven-beter/ideas",
        {"title": "Kortere zinnen", "text": "In B1.", "token": OTHER},
    ).get_json()["id"]
    reactions = f"/api/v1/ideas/{idea}/reactions"
    body = {"text": "Goed plan.", "stance": "for", "token": OTHER + "r"}
    reaction = _api(app, "POST", reactions, body).get_json()["id"]
    duo.driver.get(duo.server_url + f"/ideeen/brieven-beter/{idea}?lang=nl")
    duo.wait_for_contains_text("#reaction-list", "Goed plan.", timeout=20)
    tab_to(duo.driver, f'[data-reaction="{reaction}"] .report-item')
    before = duo.driver.execute_script(FOCUSED)
    assert before[2] == reaction
    body = {"text": "Ook voor mij.", "stance": "for", "token": OTHER + "s"}
    _api(app, "POST", reactions, body)
    duo.wait_for_contains_text("#reaction-list", "Ook voor mij.", timeout=20)
    assert duo.driver.execute_script(FOCUSED) == before
    assert duo.get_logs() == []


def test_focus005_idea_list_keeps_focus(served, app):
    """The idea round's list is redrawn by its refresh when another resident
    posts an idea: the focused idea's link keeps focus."""
    duo = served
    url = "/api/v1/idea-rounds/brieven-beter/ideas"
    body = {"title": "Kortere zinnen", "text": "In B1.", "token": OTHER}
    first = _api(app, "POST", url, body).get_json()["id"]
    duo.driver.get(duo.server_url + "/ideeen/brieven-beter?lang=nl")
    duo.wait_for_contains_text("#idea-list", "Kortere zinnen", timeout=20)
    tab_to(duo.driver, f'#idea-list [data-idea="{first}"] h3 a')
    before = duo.driver.execute_script(IDEA_FOCUSED)
    assert before[1] == first
    body = {"title": "Grotere letters", "text": "Voor iedereen.", "token": OTHER + "2"}
    _api(app, "POST", url, body)
    duo.wait_for_contains_text("#idea-list", "Grotere letters", timeout=20)
    assert duo.driver.execute_script(IDEA_FOCUSED) == before
    assert duo.get_logs() == []


IDEA_FOCUSED = """
const e = document.activeElement;
const item = e.closest('[data-idea]');
return [e.tagName, item && item.dataset.idea, e.getAttribute('href')];
"""

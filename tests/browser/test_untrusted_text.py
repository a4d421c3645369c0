"""Text from residents and administrators is shown as text on every page that shows
it: script, event-handler and javascript: payloads stay inert."""

from __future__ import annotations

import datetime as dt
import io

from PIL import Image

from budgetschuiver.kernel import media
from budgetschuiver.moodboards.store import UploadedImage
from dashboards.kernel import auth
from tests.browser.helpers import wait_for

PASSWORD = "correct horse battery staple"
PAYLOADS = [
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    "javascript:window.__xss = 3",
]


def inert(duo, text_selector: str) -> None:
    """Every payload is visible as literal text, nothing ran, no link was made."""
    shown = wait_for(
        lambda: duo.find_element(text_selector).text,
        timeout=30,
        message="untrusted text shown",
    )
    for payload in PAYLOADS:
        duo.wait_for_contains_text(text_selector, payload, timeout=30)
    assert duo.driver.execute_script("return window.__xss === undefined")
    assert not duo.driver.find_elements("css selector", 'a[href^="javascript:"]')
    assert not duo.driver.find_elements("css selector", f"{text_selector} img[src='x']")
    assert shown


def test_untr001_payloads_stay_text_everywhere(served, app, store, catalog):
    duo = served
    duo.driver.set_window_size(1280, 900)
    with app.server.app_context():
        auth.create_user("beheer", PASSWORD, "admin")
    plan = catalog.find("budget", "park-zuiderpark").plan_allocation()
    now = dt.datetime.now(dt.UTC)
    store.insert_synthetic_budgets(
        "park-zuiderpark",
        [
            {"allocation": plan, "at": now, "comment": PAYLOADS[i % 3]}
            for i in range(12)
        ],
        synthetic=False,
    )
    for i in range(12):
        store.submit_vote(
            "poll",
            "fietsparkeren-centrum",
            ("spui",),
            f"xss-token-{i:012d}",
            other_text=PAYLOADS[i % 3],
        )
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (20, 120, 60)).save(buffer, "PNG")
    title = " / ".join(PAYLOADS)
    store.add_image(
        UploadedImage(
            "speeltuin-transvaal",
            "xss",
            {"nl": title, "en": None},
            {"nl": title, "en": None},
            {"nl": title, "en": None},
        ),
        media.prepare_upload(buffer.getvalue()),
    )

    # Resident page: the uploaded picture's title and alt text.
    duo.driver.get(duo.server_url + "/moodboard/speeltuin-transvaal?lang=nl")
    inert(duo, '[data-image="xss"]')
    image = duo.find_element('[data-image="xss"] img')
    assert image.get_attribute("alt") == title

    # Dashboard: the comments, the "anders, namelijk" answers, the picture titles.
    duo.driver.get(duo.server_url + "/login?lang=nl")
    duo.find_element("#username").send_keys("beheer")
    duo.find_element("#password").send_keys(PASSWORD)
    duo.find_element("#login-submit").click()
    wait_for(
        lambda: "/login" not in duo.driver.current_url, timeout=20, message="login"
    )
    duo.driver.get(duo.server_url + "/dashboard/begroting/park-zuiderpark?lang=nl")
    inert(duo, "#db-comments")
    duo.driver.get(duo.server_url + "/dashboard/peilingen?lang=nl")
    inert(duo, "#db-polls")
    duo.driver.get(duo.server_url + "/dashboard/moodboards?lang=nl")
    wait_for(
        lambda: duo.find_element("#db-moodboards").text, timeout=30, message="boards"
    )
    assert duo.driver.execute_script("return window.__xss === undefined")
    assert duo.get_logs() == []

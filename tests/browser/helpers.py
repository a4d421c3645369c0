"""Browser test helpers: axe-core checks and keyboard-only navigation."""

from __future__ import annotations

import time
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(
    encoding="utf-8"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_serious(driver) -> list[dict]:
    """axe-core's serious and critical WCAG 2.1 A/AA and 2.2 AA violations."""
    # A sent form's button is re-enabled by Dash a moment after the answer shows;
    # axe must judge the page, not that moment (at most a few seconds' wait).
    end = time.monotonic() + 5
    while time.monotonic() < end and driver.execute_script(
        "return !!document.querySelector('button[aria-busy]:disabled')"
    ):
        time.sleep(0.05)
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE_SOURCE)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: "tag", values: arguments[0]},
                           resultTypes: ["violations"]})
           .then(r => done(r.violations))
           .catch(e => done([{id: "axe-error", impact: "critical",
                              description: String(e), nodes: []}]));
        """,
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v.get("help", v.get("description")),
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def active(driver):
    return driver.switch_to.active_element


def tab_to(driver, css: str, limit: int = 200, backwards: bool = False) -> None:
    """Press Tab until the element matching `css` has focus (keyboard only)."""
    key = (Keys.SHIFT + Keys.TAB) if backwards else Keys.TAB
    for _ in range(limit):
        if driver.execute_script(
            "const e = document.activeElement; return !!e && e.matches(arguments[0]);",
            css,
        ):
            return
        ActionChains(driver).send_keys(key).perform()
    raise AssertionError(f"{css} not reachable with Tab in {limit} presses")


def press(driver, *keys) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def wait_for(predicate, timeout: float = 10.0, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        time.sleep(0.05)


def retype(driver, text: str, *after) -> None:
    """Select everything in the focused field (Ctrl+A held down), type `text`, then
    the keys in `after` (Tab, Enter)."""
    (
        ActionChains(driver)
        .key_down(Keys.CONTROL)
        .send_keys("a")
        .key_up(Keys.CONTROL)
        .send_keys(text, *after)
        .perform()
    )


NO_SIDEWAYS_SCROLL = "return document.documentElement.scrollWidth"


def open_narrow(duo, path: str, ready: str, width: int = 320) -> None:
    """Open `path` in Dutch in a window `width` px wide, wait for `ready`, then
    for the page to fit the width (no sideways scrolling, WCAG 1.4.10)."""
    duo.driver.set_window_size(width, 800)
    duo.driver.get(duo.server_url + path + "?lang=nl")
    wait_for(
        lambda: duo.driver.find_elements("css selector", ready),
        timeout=20,
        message=ready,
    )
    wait_for(
        lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= width,
        timeout=5,
        message=f"no sideways scrolling at {width} px",
    )


def open_own_change(duo, button: str, field: str, words: str) -> None:
    """Press this browser's own "Aanpassen" (`button`) by keyboard and wait for
    its `words` in the change panel's `field`."""
    tab_to(duo.driver, button)
    press(duo.driver, Keys.ENTER)
    wait_for(
        lambda: duo.find_element(field).get_attribute("value") == words,
        message="the words in the change panel",
    )


def save_own_change(duo, text: str, said: str) -> None:
    """Type `text` over the panel's text, save by keyboard, wait for `said`."""
    tab_to(duo.driver, "#own-change-text")
    retype(duo.driver, text)
    tab_to(duo.driver, "#own-change-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#own-change-status", said, timeout=20)


def delete_own_reaction(duo) -> None:
    """Delete this browser's reaction by keyboard and wait for its place to say
    so."""
    tab_to(duo.driver, "[data-reaction] .own-delete")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#own-change-box", "echt verwijderen", timeout=20)
    tab_to(duo.driver, "#own-change-save")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text(
        "[data-reaction]", "Verwijderd door de schrijver", timeout=20
    )

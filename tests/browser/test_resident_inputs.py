"""Field reports on what residents type, press and touch: selects by keyboard, typed
amounts, touch scrolling, busy submit buttons (README, "Typed input")."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from tests.browser.helpers import axe_serious, press, retype, tab_to, wait_for
from tests.browser.test_budget_page import PARK, open_page
from tests.browser.test_dashboard_pages import dashboard, log_in  # noqa: F401


def select_value(duo, css: str) -> str:
    return duo.driver.execute_script(
        "return document.querySelector(arguments[0]).value", css
    )


def walk_select_by_keyboard(duo, css: str, first: str, last: str, letter: str, hit):
    """Arrows, Home/End and a letter each move the select, and it stays there."""
    tab_to(duo.driver, css)
    assert select_value(duo, css) == ""
    press(duo.driver, Keys.ARROW_DOWN)
    wait_for(lambda: select_value(duo, css) == first, message=f"{css} down")
    press(duo.driver, Keys.ARROW_DOWN)
    second = wait_for(
        lambda: select_value(duo, css) not in ("", first) and select_value(duo, css),
        message=f"{css} down again",
    )
    press(duo.driver, Keys.ARROW_UP, Keys.ARROW_UP)
    wait_for(lambda: select_value(duo, css) == "", message=f"{css} back to none")
    press(duo.driver, Keys.END)
    wait_for(lambda: select_value(duo, css) == last, message=f"{css} End")
    press(duo.driver, Keys.HOME)
    wait_for(lambda: select_value(duo, css) == "", message=f"{css} Home")
    press(duo.driver, letter)
    wait_for(lambda: select_value(duo, css) == hit, message=f"{css} letter")
    # Dash's state agrees with what the select shows (no snap back later).
    duo.driver.execute_script("return new Promise(r => setTimeout(r, 300))")
    assert select_value(duo, css) == hit
    return second


@pytest.mark.parametrize(
    "path",
    [PARK, "/peiling/fietsparkeren-centrum", "/moodboard/speeltuin-transvaal"],
)
def test_rinp001_every_resident_select_works_with_the_keyboard(served, path):
    """Class: selects stuck on their first option (a hidden, disabled copy of the
    empty option with the same value snapped the list back), on every ballot form."""
    duo = served
    if path == PARK:
        open_page(duo, path)
    else:
        duo.driver.get(duo.server_url + path + "?lang=nl")
        wait_for(lambda: duo.driver.find_elements("css selector", "#district"), 20)
    walk_select_by_keyboard(duo, "#district", "centrum", "segbroek", "L", "laak")
    walk_select_by_keyboard(duo, "#age-band", "0-17", "75+", "6", "65-74")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_rinp002_dashboard_filter_selects_work_with_the_keyboard(dashboard):  # noqa: F811
    """Class: the same stuck select in the dashboard's filter bar."""
    duo = dashboard
    log_in(duo, "/dashboard/begroting/park-zuiderpark")
    duo.wait_for_contains_text("#db-budget", "n = 300", timeout=30)
    walk_select_by_keyboard(duo, "#db-district", "centrum", "segbroek", "L", "laak")
    # The view answers for the chosen district: with its figures, or (a small
    # group in the protected table) with the reason they are hidden.
    wait_for(
        lambda: "n = 300" not in duo.find_element("#db-budget").text,
        timeout=30,
        message="the view follows the district chosen by keyboard",
    )
    assert duo.get_logs() == []


def typed(duo, line: str, text: str) -> None:
    tab_to(duo.driver, f'[data-line="{line}"] .line-input input')
    retype(duo.driver, text, Keys.TAB)


def field(duo, line: str):
    return duo.find_element(f'[data-line="{line}"] .line-input input')


def note_of(duo, line: str) -> str:
    """The text the field's aria-describedby points at."""
    return duo.driver.execute_script(
        "const f = document.querySelector(arguments[0]);"
        "const n = document.getElementById(f.getAttribute('aria-describedby'));"
        "return n ? n.textContent : null;",
        f'[data-line="{line}"] .line-input input',
    )


def slider_value(duo, line: str) -> int:
    handle = duo.find_element(f'[data-line="{line}"] [role=slider]')
    return int(float(handle.get_attribute("aria-valuenow")))


def test_rinp003_typed_amounts_are_read_snapped_and_explained(served):
    """Class: typed amounts that vanish silently (off the step grid, outside the
    bounds, Dutch or English grouping, a euro sign, words) or show raw digits."""
    duo = served
    open_page(duo, PARK)
    assert field(duo, "play").get_attribute("value") == "420.000"
    assert field(duo, "trees").get_attribute("value") == "540.000"

    typed(duo, "play", "500000")
    duo.wait_for_text_to_equal(
        '[data-line="play"] .input-note',
        "Afgerond naar € 490.000: bedragen gaan in stappen van € 35.000.",
    )
    assert slider_value(duo, "play") == 490_000
    assert field(duo, "play").get_attribute("value") == "490.000"
    assert field(duo, "play").get_attribute("aria-invalid") == "false"
    assert note_of(duo, "play").startswith("Afgerond naar € 490.000")

    typed(duo, "trees", "600.000")
    wait_for(lambda: slider_value(duo, "trees") == 600_000, message="trees 600.000")
    assert field(duo, "trees").get_attribute("value") == "600.000"
    assert duo.find_element('[data-line="trees"] .input-note').text == ""

    typed(duo, "trees", "€ 450,000")
    wait_for(lambda: slider_value(duo, "trees") == 450_000, message="English comma")

    typed(duo, "sports", "2 miljoen")
    duo.wait_for_text_to_equal(
        '[data-line="sports"] .input-note',
        "Het grootste bedrag is € 480.000. Dat staat er nu.",
    )
    assert slider_value(duo, "sports") == 480_000

    typed(duo, "play", "veel geld")
    duo.wait_for_text_to_equal(
        '[data-line="play"] .input-note',
        "Dit bedrag kunnen we niet lezen. Typ een bedrag in cijfers, bijvoorbeeld "
        "420.000. Het bedrag blijft € 490.000.",
    )
    assert slider_value(duo, "play") == 490_000
    assert field(duo, "play").get_attribute("value") == "veel geld"
    assert field(duo, "play").get_attribute("aria-invalid") == "true"
    assert axe_serious(duo.driver) == []

    typed(duo, "play", "€ 420.000,-")
    wait_for(
        lambda: field(duo, "play").get_attribute("aria-invalid") == "false",
        message="fixed",
    )
    assert slider_value(duo, "play") == 420_000
    assert field(duo, "play").get_attribute("value") == "420.000"
    assert duo.get_logs() == []


def test_rinp004_typed_woz_value_in_dutch_notation(served):
    """Class: the same number-field fault in the WOZ value (off its 1,000 step or
    grouped with dots it became empty and the tax effect wrong)."""
    duo = served
    open_page(duo, "/begroting/begroting-2027?lang=nl")
    typed(duo, "ozb", "100.000.000")
    duo.wait_for_text_to_equal("#tax-impact", "Voor uw huis: € 35 per jaar meer.")
    tab_to(duo.driver, "#woz-value")
    retype(duo.driver, "€ 200.500", Keys.TAB)
    duo.wait_for_text_to_equal("#tax-impact", "Voor uw huis: € 20 per jaar meer.")
    tab_to(duo.driver, "#woz-value", backwards=True)
    retype(duo.driver, "twee ton", Keys.TAB)
    duo.wait_for_text_to_equal(
        "#tax-impact",
        "Deze WOZ-waarde kunnen we niet lezen. Typ een bedrag in cijfers, "
        "bijvoorbeeld 300.000.",
    )
    assert duo.get_logs() == []


def test_rinp005_shared_amount_vectors_in_the_browser(served):
    """The browser reads typed amounts exactly as budget.py does, case for case."""
    import json

    from budgetschuiver.budgets import rules as budget
    from budgetschuiver.budgets.model import BudgetProject
    from budgetschuiver.kernel.settings import REPO_ROOT

    vectors = json.loads(
        (REPO_ROOT / "tests" / "vectors" / "budget_rules.json").read_text()
    )
    park = BudgetProject.model_validate(vectors["projects"]["park"])
    specs = {lang: budget.client_spec(park, lang) for lang in ("nl", "en")}
    duo = served
    open_page(duo, PARK)
    got = duo.driver.execute_script(
        """
        const [specs, items] = arguments;
        const R = window.BudgetRules;
        return items.map(item => {
          const lines = {};
          specs.nl.lines.forEach((line, i) => {
            const reading = R.readAmount(line, item.text);
            lines[line.id] = {value: reading.value, code: reading.code, message: {
              nl: R.amountMessage(specs.nl, line, reading, line.plan),
              en: R.amountMessage(specs.en, specs.en.lines[i], reading, line.plan)}};
          });
          return {text: item.text, parsed: R.parseAmount(item.text), lines};
        });
        """,
        specs,
        vectors["amounts"],
    )
    assert got == vectors["amounts"]


RECORD_BUSY = """
const button = document.querySelector(arguments[0]);
window.__busy = [];
new MutationObserver(() => window.__busy.push(
  [button.getAttribute('aria-busy'), button.disabled, button.textContent]))
  .observe(button, {attributes: true, subtree: true, characterData: true});
"""


def center(duo, css: str):
    """Scroll the element to the middle of the screen (sticky bars cover the edges)."""
    element = duo.find_element(css)
    duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    return element


def click(duo, css: str) -> None:
    """Click like a finger would, with the element in the middle of the screen."""
    center(duo, css).click()


def double_click(duo, css: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    button = duo.find_element(css)
    duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button
    )
    duo.driver.execute_script(RECORD_BUSY, css)
    ActionChains(duo.driver).double_click(button).perform()


def assert_was_busy(duo, sending: str) -> None:
    seen = duo.driver.execute_script("return window.__busy")
    assert ["true", True, sending] in [list(s) for s in seen] or any(
        s[0] == "true" and s[2] == sending for s in seen
    ), seen


@pytest.mark.parametrize(
    ("path", "prepare", "button", "receipt", "thanks", "kind", "target"),
    [
        (
            PARK,
            None,
            "#submit-budget",
            "#submission-receipt",
            "Uw begroting is opgeslagen en telt mee.",
            "budget",
            "park-zuiderpark",
        ),
        (
            "/peiling/zondag-bibliotheek",
            "#poll-options label",
            "#submit-poll",
            "#vote-receipt",
            "Uw stem is opgeslagen en telt mee.",
            "poll",
            "zondag-bibliotheek",
        ),
        (
            "/moodboard/speeltuin-transvaal",
            '[data-image="water"] .image-toggle',
            "#submit-moodboard",
            "#vote-receipt",
            "Uw favorieten zijn opgeslagen en tellen mee.",
            "moodboard",
            "speeltuin-transvaal",
        ),
    ],
)
def test_rinp006_double_click_sends_one_ballot_and_says_so(
    served, store, path, prepare, button, receipt, thanks, kind, target
):
    """Class: a first-time resident told "this replaces your previous one" after a
    double click (two requests, the second a replacement), on every ballot form;
    the button is busy (aria-busy, disabled) while sending and says it was sent."""
    duo = served
    if path == PARK:
        open_page(duo, path)
    else:
        duo.driver.get(duo.server_url + path + "?lang=nl")
        wait_for(lambda: duo.driver.find_elements("css selector", prepare), 20)
        click(duo, prepare)
        wait_for(lambda: duo.find_element(button).is_enabled(), message="enabled")
    double_click(duo, button)
    duo.wait_for_contains_text(receipt, thanks, timeout=20)
    assert "vervangt" not in duo.find_element(receipt).text
    duo.wait_for_text_to_equal(button, "Ingestuurd · nog eens insturen")
    assert duo.find_element(button).get_attribute("aria-busy") == "false"
    assert_was_busy(duo, "Bezig met insturen…")
    if kind == "budget":
        duo.wait_for_text_to_equal(
            "#submit-hint",
            "Uw begroting is ingestuurd. U kunt hem aanpassen en opnieuw insturen.",
        )
        rows = list(store.iter_budgets(target))
        assert len(rows) == 1 and rows[0].revision == 1
    else:
        assert store.tally(kind, target).voters == 1
    assert axe_serious(duo.driver) == []

    # Sending again on purpose is a replacement, and the page says so.
    click(duo, button)
    duo.wait_for_contains_text(receipt, "vervangt", timeout=20)
    assert "vervangt ook uw vorige code" in duo.find_element(receipt).text
    assert duo.get_logs() == []


IN_VIEW = """
const box = document.querySelector(arguments[0]).getBoundingClientRect();
return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
"""


@pytest.mark.parametrize("line", ["ozb", "waste-levy"])
def test_rinp007_tax_effect_in_view_while_moving_a_revenue_line(served, line):
    """Class: a live result out of sight of the control that changes it (the
    personal tax effect sat below every line on a phone)."""
    duo = served
    open_page(duo, "/begroting/begroting-2027?lang=nl")
    handle = f'[data-line="{line}"] [role=slider]'
    tab_to(duo.driver, handle)
    before = duo.find_element("#tax-impact").text
    press(duo.driver, Keys.ARROW_RIGHT)
    wait_for(
        lambda: duo.find_element("#tax-impact").text not in ("", before),
        message="tax effect changes",
    )
    assert "per jaar meer" in duo.find_element("#tax-impact").text
    # Focus scrolls the handle into view as the browser gets to it: wait for that,
    # then the effect must be in view at the same moment.
    wait_for(
        lambda: duo.driver.execute_script(IN_VIEW, handle),
        message="the slider in view",
    )
    assert duo.driver.execute_script(IN_VIEW, "#tax-impact")
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_rinp008_no_tax_line_without_a_tax_side(served):
    duo = served
    open_page(duo, PARK)
    assert not duo.find_element("#tax-impact").is_displayed()
    assert duo.get_logs() == []


TRACK_POINT = """
const box = document.querySelector(arguments[0]).getBoundingClientRect();
return [Math.round(box.left + box.width * arguments[1]),
        Math.round(box.top + box.height / 2)];
"""


def touch(duo, kind: str, x: int | None = None, y: int | None = None) -> None:
    points = [] if x is None else [{"x": x, "y": y, "id": 1}]
    duo.driver.execute_cdp_cmd(
        "Input.dispatchTouchEvent", {"type": kind, "touchPoints": points}
    )


def swipe(duo, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
    """A finger from `start` to `end` in small moves, as Chromium gets it on a phone."""
    touch(duo, "touchStart", *start)
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i // steps
        y = start[1] + (end[1] - start[1]) * i // steps
        touch(duo, "touchMove", x, y)
        duo.driver.execute_script("return new Promise(r => requestAnimationFrame(r))")
    touch(duo, "touchEnd")


def test_rinp009_a_vertical_swipe_on_a_track_scrolls_and_changes_nothing(served):
    """Class: touches meant to scroll that change an amount (a vertical swipe that
    starts on any slider's track), while sideways drags and taps still work."""
    duo = served
    duo.driver.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5}
    )
    open_page(duo, PARK)
    track = '[data-line="play"] .dash-slider-root'
    center(duo, track)
    for line, share in (("play", 0.9), ("trees", 0.1), ("sports", 0.95)):
        css = f'[data-line="{line}"] .dash-slider-root'
        center(duo, css)
        before = slider_value(duo, line)
        top = duo.driver.execute_script("return window.scrollY")
        x, y = duo.driver.execute_script(TRACK_POINT, css, share)
        swipe(duo, (x, y), (x + 3, y - 300))
        wait_for(
            lambda top=top: duo.driver.execute_script("return window.scrollY") > top,
            message=f"the page scrolls from {line}",
        )
        duo.driver.execute_script("return new Promise(r => setTimeout(r, 300))")
        assert slider_value(duo, line) == before, line

    center(duo, track)
    x, y = duo.driver.execute_script(TRACK_POINT, track, 0.5)
    swipe(duo, (x, y), (x + 200, y + 4))
    wait_for(lambda: slider_value(duo, "play") > 420_000, message="sideways drag")
    duo.wait_for_contains_text('[data-line="play"] .consequence', "meer dan gepland")

    x, y = duo.driver.execute_script(TRACK_POINT, track, 0.02)
    touch(duo, "touchStart", x, y)
    touch(duo, "touchEnd")
    wait_for(lambda: slider_value(duo, "play") == 70_000, message="a tap")
    assert duo.get_logs() == []

"""The resident's budget page in a real browser: a keyboard-only journey, the shared
rule vectors in JavaScript, undo/reset/share, English, and axe-core on every state."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.keys import Keys

from budgetschuiver.budgets import page as begroting
from budgetschuiver.budgets import rules as budget
from budgetschuiver.budgets.model import BudgetProject
from budgetschuiver.kernel import ids
from budgetschuiver.kernel.settings import REPO_ROOT
from tests.browser.helpers import axe_serious, press, retype, tab_to, wait_for

PARK = "/begroting/park-zuiderpark"


def status_text(duo) -> str:
    return duo.find_element("#balance-status").text


def line_value(duo, line: str) -> int:
    handle = duo.find_element(f'[data-line="{line}"] [role=slider]')
    return int(float(handle.get_attribute("aria-valuenow")))


def open_page(duo, path: str, expect_status: str = "Precies in balans.") -> None:
    # Headless Chromium always asks for English; residents' Dutch is explicit here.
    if "lang=" not in path:
        path += ("&" if "?" in path else "?") + "lang=nl"
    duo.driver.get(duo.server_url + path)
    duo.wait_for_text_to_equal("#balance-status", expect_status, timeout=20)


def test_bpage001_keyboard_only_journey_on_a_phone(served, store):
    duo = served
    open_page(duo, PARK + "?lang=nl")
    assert duo.driver.execute_script("return document.documentElement.lang") == "nl"
    assert axe_serious(duo.driver) == []

    # Slider by keyboard: one step is one tree.
    tab_to(duo.driver, '[data-line="trees"] [role=slider]')
    handle = duo.find_element('[data-line="trees"] [role=slider]')
    assert handle.get_attribute("aria-labelledby") == "line-label-trees"
    press(duo.driver, Keys.ARROW_RIGHT)
    duo.wait_for_text_to_equal(
        "#balance-status", "In balans: € 1.500 tekort, binnen de marge."
    )
    # The handle's spoken value is set by the slider's own render, which may come
    # a frame after the balance text: wait for it rather than read it once.
    wait_for(
        lambda: handle.get_attribute("aria-valuetext") == "€ 541.500",
        message="the handle says its amount",
    )
    duo.wait_for_text_to_equal(
        '[data-line="trees"] .consequence', "1 boom meer dan gepland"
    )
    trees_input = duo.find_element('[data-line="trees"] input')
    wait_for(
        lambda: trees_input.get_attribute("value") == "541.500", message="input follows"
    )

    # The linked number field by keyboard: typed amounts move the slider too.
    tab_to(duo.driver, '[data-line="trees"] input')
    retype(duo.driver, "660000", Keys.ENTER)
    duo.wait_for_text_to_equal("#balance-status", "U komt € 120.000 tekort.")
    assert line_value(duo, "trees") == 660_000
    duo.wait_for_text_to_equal(
        '[data-line="trees"] .consequence', "80 bomen meer dan gepland"
    )
    duo.wait_for_text_to_equal(
        '[data-line="trees"] .level', "Er komt een nieuwe bomenlaan langs de vijver."
    )
    assert not duo.find_element("#submit-budget").is_enabled()
    assert "tone-danger" in duo.find_element("#balance-status").get_attribute("class")
    assert axe_serious(duo.driver) == []  # over budget

    # Undo the typed change, then back to the plan.
    tab_to(duo.driver, "#undo-change")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_text_to_equal(
        "#balance-status", "In balans: € 1.500 tekort, binnen de marge."
    )
    tab_to(duo.driver, "#reset-budget")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_text_to_equal("#balance-status", "Precies in balans.")

    # A balanced trade-off: 12 benches fewer pays for 10 trees more.
    tab_to(duo.driver, '[data-line="benches"] input', backwards=True)
    retype(duo.driver, "35000", Keys.ENTER)
    duo.wait_for_text_to_equal(
        "#balance-status", "Bijna in balans: nog € 15.000 te verdelen."
    )
    tab_to(duo.driver, '[data-line="trees"] [role=slider]', backwards=True)
    press(duo.driver, *([Keys.ARROW_RIGHT] * 10))
    duo.wait_for_text_to_equal("#balance-status", "Precies in balans.")

    # Optional details, then submit.
    tab_to(duo.driver, "#district")
    press(duo.driver, "Laak")
    tab_to(duo.driver, "#comment")
    press(duo.driver, "Meer bomen, minder bankjes.")
    tab_to(duo.driver, "#submit-budget")
    assert duo.find_element("#submit-budget").is_enabled()
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#submission-receipt", "telt mee", timeout=20)
    code = duo.find_element("#submission-receipt .receipt-code").text
    assert len(code) == 12
    # The button settles (sent, enabled again) a moment after the receipt shows.
    wait_for(
        lambda: duo.driver.execute_script(
            "const b = document.querySelector('#submit-budget');"
            "return !b.disabled && b.getAttribute('aria-busy') !== 'true';"
        ),
        message="the submit button settles",
    )
    assert axe_serious(duo.driver) == []  # after submitting

    stored = list(store.iter_budgets("park-zuiderpark"))
    assert len(stored) == 1
    assert stored[0].allocation["trees"] == 555_000
    assert stored[0].allocation["benches"] == 35_000
    assert (stored[0].district, stored[0].comment) == (
        "laak",
        "Meer bomen, minder bankjes.",
    )
    assert duo.get_logs() == []


def test_bpage002_revisit_shows_replace_notice_and_earlier_budget(served, store):
    duo = served
    open_page(duo, PARK)
    tab_to(duo.driver, '[data-line="trees"] input')
    retype(duo.driver, "525000", Keys.ENTER)
    tab_to(duo.driver, '[data-line="benches"] input')
    retype(duo.driver, "65000", Keys.ENTER)
    duo.wait_for_text_to_equal("#balance-status", "Precies in balans.")
    tab_to(duo.driver, "#submit-budget")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#submission-receipt", "telt mee", timeout=20)

    open_page(duo, PARK)
    duo.wait_for_contains_text(".budget-page", "vervangt de nieuwe begroting de vorige")
    assert line_value(duo, "trees") == 525_000
    tab_to(duo.driver, "#submit-budget")
    press(duo.driver, Keys.ENTER)
    duo.wait_for_contains_text("#submission-receipt", "vervangt uw vorige", timeout=20)
    assert store.count_budgets("park-zuiderpark") == 1
    assert duo.get_logs() == []


def test_bpage003_share_link_reopens_exactly_this_budget(served):
    duo = served
    open_page(duo, PARK)
    tab_to(duo.driver, '[data-line="paths"] input')
    retype(duo.driver, "300000", Keys.ENTER)
    duo.wait_for_text_to_equal("#balance-status", "Nog € 100.000 te verdelen.")
    link = wait_for(
        lambda: (
            "b=" in (duo.find_element("#share-link").get_attribute("value") or "")
            and duo.find_element("#share-link").get_attribute("value")
        ),
        message="share link",
    )
    assert link.endswith("?b=paths:5")  # Dutch is the default: no lang= needed
    duo.driver.get(link)
    duo.wait_for_text_to_equal(
        "#balance-status", "Nog € 100.000 te verdelen.", timeout=20
    )
    assert line_value(duo, "paths") == 300_000
    assert "U ziet de begroting uit de link" in duo.find_element(".budget-page").text

    duo.driver.get(duo.server_url + PARK + "?b=drainage:1&lang=nl")
    duo.wait_for_text_to_equal("#balance-status", "Precies in balans.", timeout=20)
    assert "De link klopte niet" in duo.find_element(".budget-page").text
    assert duo.get_logs() == []


def test_bpage004_city_budget_in_english_with_tax_impact(served):
    duo = served
    open_page(duo, "/begroting/begroting-2027?lang=en", "Exactly balanced.")
    assert duo.driver.execute_script("return document.documentElement.lang") == "en"
    duo.wait_for_text_to_equal("#tax-impact", "For your home: no difference a year.")
    tab_to(duo.driver, '[data-line="ozb"] input')
    retype(duo.driver, "100000000", Keys.ENTER)
    duo.wait_for_text_to_equal(
        "#balance-status", "Nearly balanced: €10,000,000 still to divide."
    )
    duo.wait_for_text_to_equal("#tax-impact", "For your home: €35 a year more.")
    tab_to(duo.driver, "#woz-value")
    retype(duo.driver, "200000", Keys.ENTER)
    duo.wait_for_text_to_equal("#tax-impact", "For your home: €20 a year more.")
    locked = duo.find_element('[data-line="social-benefits"]')
    assert "Fixed:" in locked.text
    assert duo.find_element('[data-line="social-benefits"] input').get_attribute(
        "disabled"
    )
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_bpage005_closed_project_cannot_submit(served):
    duo = served
    open_page(duo, "/begroting/park-closed?lang=nl")
    assert "gesloten sinds 31 december 2020" in duo.find_element(".send").text
    assert not duo.find_element("#submit-budget").is_displayed()
    assert duo.get_logs() == []


def test_bpage006_unknown_project_and_unknown_page(served):
    duo = served
    duo.driver.get(duo.server_url + "/begroting/bestaat-niet?lang=nl")
    duo.wait_for_text_to_equal("h1", "Deze begroting bestaat niet", timeout=20)
    duo.driver.get(duo.server_url + "/nergens?lang=nl")
    duo.wait_for_text_to_equal("h1", "Deze pagina bestaat niet.", timeout=20)
    assert axe_serious(duo.driver) == []


VECTORS = json.loads(
    (REPO_ROOT / "tests" / "vectors" / "budget_rules.json").read_text()
)


def test_bpage007_shared_vectors_in_the_browser(served):
    """The browser's rules give exactly what budget.py gives, case for case."""
    duo = served
    open_page(duo, PARK)
    specs = {
        f"{name}:{lang}": budget.client_spec(BudgetProject.model_validate(raw), lang)
        for name, raw in VECTORS["projects"].items()
        for lang in ("nl", "en")
    }
    results = duo.driver.execute_script(
        """
        const [specs, cases, formats] = arguments;
        const R = window.BudgetRules;
        const out = cases.map(c => {
          const spec = specs[c.project + ":" + c.lang];
          const bal = R.balance(spec, c.allocation);
          const st = R.balanceState(spec, bal);
          const consequences = {}, levels = {};
          spec.lines.forEach(l => {
            consequences[l.id] = R.consequence(spec, l, c.allocation[l.id]);
            levels[l.id] = R.thresholdText(l, c.allocation[l.id]);
          });
          const impact = R.personalImpact(spec, c.allocation, c.woz);
          return {balance: bal, state: st.code, amount: st.amount, ok: st.ok,
                  tone: st.tone, message: R.balanceMessage(spec, st),
                  consequences, levels, impact,
                  tax_message: spec.tax ? R.taxMessage(spec, impact) : "",
                  share: R.encodeShare(spec, c.allocation)};
        });
        const fmt = formats.map(f => ({number: R.formatNumber(f.value, f.lang),
                                       euro: R.formatEuro(f.value, f.lang)}));
        return {cases: out, formats: fmt};
        """,
        specs,
        VECTORS["cases"],
        VECTORS["formats"],
    )
    assert len(results["cases"]) == len(VECTORS["cases"])
    for case, got in zip(VECTORS["cases"], results["cases"], strict=True):
        expect = dict(case["expect"])
        assert got["impact"] == pytest.approx(expect.pop("impact"), rel=1e-12, abs=1e-9)
        got.pop("impact")
        assert got == expect, case
    for item, got in zip(VECTORS["formats"], results["formats"], strict=True):
        assert got == {"number": item["number"], "euro": item["euro"]}
    park = BudgetProject.model_validate(VECTORS["projects"]["park"])
    spec = budget.client_spec(park, "nl")
    snapped = duo.driver.execute_script(
        "const [spec, snaps] = arguments;"
        "return snaps.map(s => window.BudgetRules.snap("
        "spec.lines.find(l => l.id === s.line), s.value));",
        spec,
        VECTORS["snaps"],
    )
    assert snapped == [item["expect"] for item in VECTORS["snaps"]]


def bar(duo, kind: str, line: str):
    dom = ids.dom_id({"type": f"{begroting.BAR}-{kind}", "line": line})
    return duo.find_element(f"[id='{dom}']")


def test_bpage008_html_chart_follows_the_sliders_without_plotly(served):
    """The resident's chart is HTML: no chart library is downloaded for it."""
    duo = served
    open_page(duo, PARK)
    loaded = duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert [name for name in loaded if "plotly" in name or "graph" in name] == []
    assert duo.driver.execute_script("return typeof window.Plotly") == "undefined"
    # Trees has the largest plan, so its bars set the scale.
    assert bar(duo, "plan", "trees").get_attribute("style") == "width: 100%;"
    assert bar(duo, "yours", "benches").get_attribute("style") == "width: 9.3%;"
    assert "Uw begroting: € 540.000" in bar(duo, "yours", "trees").find_element(
        "xpath", "../.."
    ).get_attribute("textContent")

    tab_to(duo.driver, '[data-line="trees"] [role=slider]')
    press(duo.driver, *([Keys.ARROW_RIGHT] * 40))
    duo.wait_for_text_to_equal("#balance-status", "U komt € 60.000 tekort.")
    wait_for(
        lambda: bar(duo, "plan", "trees").get_attribute("style") == "width: 90%;",
        message="the scale follows the largest amount",
    )
    assert bar(duo, "yours", "trees").get_attribute("style") == "width: 100%;"
    amount = ids.dom_id({"type": begroting.BAR_AMOUNT, "line": "trees"})
    assert duo.find_element(f"[id='{amount}']").text == "€ 600.000"
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []

"""Reflow at 320 px without sideways scrolling, targets of at least 24 x 24 px, and
axe-core on the pages not covered by the journeys (checked with screenshots)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import axe_serious, open_narrow, tab_to, wait_for

PAGES = [
    ("/", ".trajectory-list"),
    ("/begroting/park-zuiderpark", "#balance-status"),
    ("/begroting/begroting-2027", "#balance-status"),
    ("/peiling/fietsparkeren-centrum", "#poll-options"),
    ("/moodboard/speeltuin-transvaal", ".moodboard-grid"),
    ("/privacy", ".info-page h1"),
    ("/toegankelijkheid", ".info-page h1"),
    ("/login", "#username"),
]

SMALL_TARGETS = """
const out = [];
const targets = 'button, input:not([type=hidden]), select, textarea, summary, ' +
    '[role=slider], .btn';
for (const el of document.querySelectorAll(targets)) {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
  if (el.closest('[hidden]')) continue;
  // A check box or radio counts with its label, which is part of the target.
  const label = (el.type === 'checkbox' || el.type === 'radio') && el.id &&
      document.querySelector(`label[for="${el.id}"]`);
  const area = label ? label.getBoundingClientRect() : box;
  const w = Math.max(box.width, area.width), h = Math.max(box.height, area.height);
  if (w < 24 || h < 24) {
    out.push(`${el.tagName}#${el.id || ''}.${el.className} ${w}x${h}`);
  }
}
return out;
"""


@pytest.mark.parametrize(("path", "ready"), PAGES)
def test_lay001_reflow_320_targets_and_axe(served, tmp_path, path, ready):
    duo = served
    open_narrow(duo, path, ready)
    duo.driver.save_screenshot(str(tmp_path / "page-320.png"))
    assert duo.driver.execute_script(SMALL_TARGETS) == []
    assert axe_serious(duo.driver) == []
    # Everything the page loaded came from this site.
    origins = duo.driver.execute_script(
        "return performance.getEntriesByType('resource')"
        ".map(e => new URL(e.name).origin)"
    )
    assert set(origins) <= {duo.server_url}
    assert duo.get_logs() == []


FOCUS_RING = """
const el = document.querySelector(arguments[0]);
el.focus();
const style = getComputedStyle(el);
return [style.outlineStyle, parseFloat(style.outlineWidth), style.boxShadow];
"""


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/begroting/park-zuiderpark", "#reset-budget"),
        ("/begroting/park-zuiderpark", '[data-line="trees"] [role=slider]'),
        ("/peiling/fietsparkeren-centrum", "#submit-poll"),
        ("/moodboard/speeltuin-transvaal", '[data-image="water"] .image-toggle'),
    ],
)
def test_lay002_keyboard_focus_is_visible(served, path, target):
    duo = served
    duo.driver.get(duo.server_url + path + "?lang=nl")
    wait_for(
        lambda: duo.driver.find_elements("css selector", target),
        timeout=20,
        message=target,
    )
    # Focus from the keyboard, so :focus-visible applies.
    tab_to(duo.driver, target)
    style, width, shadow = duo.driver.execute_script(FOCUS_RING, target)
    assert (style != "none" and width >= 2) or shadow not in ("", "none")

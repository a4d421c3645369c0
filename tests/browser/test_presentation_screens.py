"""The presentation on a 1920 x 1080 screen, slide by slide: nothing overlaps or
runs off the screen, and each slide is saved as a PNG for a person to look at
(in the test's temporary folder, or in $BUDGETSCHUIVER_SCREENSHOT_DIR when set)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from selenium.webdriver.common.keys import Keys

from budgetschuiver.seeding import seed_budgets
from dashboards.budgets import presentation as presentatie
from dashboards.kernel import auth
from tests.browser.helpers import axe_serious, press, tab_to, wait_for

PASSWORD = "correct horse battery staple"

# Every text box on the slide, as rectangles; and whether any two that are not
# nested overlap, or any runs past the window's right edge.
LAYOUT_PROBLEMS = """
const boxes = [...document.querySelectorAll(
  '.db-slide h1, .db-slide p, .db-slide li > *, .db-slide td, .db-slide th,'
  + ' .db-present-status')]
  .filter(e => e.offsetParent !== null && e.textContent.trim());
const problems = [];
const width = document.documentElement.clientWidth;
for (const e of boxes) {
  const r = e.getBoundingClientRect();
  if (r.right > width + 1) problems.push('off screen: ' + e.textContent.trim());
}
for (let i = 0; i < boxes.length; i++) {
  for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
    const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
    if (x > 1 && y > 1) problems.push(
      'overlap: ' + a.textContent.trim() + ' / ' + b.textContent.trim());
  }
}
return problems;
"""


def test_pscreen001_every_slide_fits_a_big_screen(
    served, app, store, catalog, settings, tmp_path
):
    duo = served
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    city = catalog.find("budget", "begroting-2027")
    seed_budgets(city, store, settings.data_dir, 400, seed=7, synthetic=False)
    seed_budgets(city, store, settings.data_dir, 100, seed=8)  # synthetic
    out = Path(os.environ.get("BUDGETSCHUIVER_SCREENSHOT_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    duo.driver.get(
        duo.server_url + "/login?lang=nl&next=/dashboard/presentatie/begroting-2027"
    )
    tab_to(duo.driver, "#username")
    press(duo.driver, "raadslid", Keys.TAB, PASSWORD, Keys.ENTER)
    wait_for(lambda: "/login" not in duo.driver.current_url, timeout=20)
    duo.driver.set_window_size(1920, 1080)
    duo.wait_for_contains_text(".db-slide", "400 inwoners deden mee", timeout=30)
    assert "100 synthetische inzendingen" in duo.find_element(".db-slide").text
    slides = len(presentatie.SLIDES)
    for index in range(slides):
        duo.wait_for_contains_text(
            ".db-slide-counter", f"{index + 1} / {slides}", timeout=30
        )
        wait_for(
            lambda: duo.driver.execute_script(
                "return document.querySelectorAll('.db-slide .js-plotly-plot').length"
                " === 0 || !!document.querySelector('.db-slide .main-svg')"
            ),
            timeout=30,
            message="chart drawn",
        )
        duo.driver.save_screenshot(str(out / f"slide-{index + 1}.png"))
        assert duo.driver.execute_script(LAYOUT_PROBLEMS) == [], index
        assert "+€" not in duo.find_element(".db-slide").text
        if index == 0:
            assert axe_serious(duo.driver) == []
        duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    status = duo.find_element("#db-present-status").text
    assert status.startswith("Bijgewerkt om ") and "n = 400" in status
    assert dt.date.today().year > 2000
    assert duo.get_logs() == []

"""Long words at 320 px: everything that comes from a definition or a resident wraps,
on every page, the dashboard included (WCAG 1.4.10 reflow)."""

from __future__ import annotations

import pytest

from budgetschuiver.seeding import seed_budgets
from dashboards.kernel import auth
from tests.browser.helpers import (
    NO_SIDEWAYS_SCROLL,
    axe_serious,
    open_narrow,
    wait_for,
)
from tests.browser.test_dashboard_pages import PASSWORD, log_in
from tests.conftest import write_variant

LONG = "Arbeidsongeschiktheidsverzekeringen"
LONGER = "Kindercarnavalsoptochtvoorbereidingswerkzaamhedenplan"
URL = "https://www.denhaag.nl/nl/bestuur/participatie/begroting-uitleg-van-alle-posten"


def long_text(prefix: str = "") -> dict[str, str]:
    return {"nl": f"{prefix}{LONG} {LONGER}", "en": f"{prefix}{LONGER} {LONG}"}


@pytest.fixture
def data_dir(data_dir):
    """The demo data plus a budget, a poll and a moodboard full of long words."""
    import yaml

    from budgetschuiver.kernel.settings import REPO_ROOT

    park = yaml.safe_load(
        (REPO_ROOT / "data" / "projects" / "park-zuiderpark.yaml").read_text()
    )
    lines = park["lines"]
    lines[0]["label"] = long_text()
    lines[0]["explanation"] = long_text("Uitleg: ")
    lines[0]["consequence"]["unit"] = {
        "one": long_text(),
        "many": long_text(),
    }
    lines[0]["thresholds"][1]["text"] = long_text("Niveau ")
    lines[1]["more"] = {"nl": URL, "en": URL}
    lines[-1]["locked_reason"] = long_text()
    write_variant(
        data_dir,
        "park-zuiderpark.yaml",
        "lange-woorden",
        title=long_text(),
        description={"nl": f"Zie {URL} en {LONGER}.", "en": URL},
        what_we_do=long_text(),
        lines=lines,
    )
    write_variant(
        data_dir,
        "fietsparkeren-centrum.yaml",
        "lange-peiling",
        kind="polls",
        title=long_text("Vraag "),
        options=[
            {"id": "een", "label": long_text()},
            {"id": "twee", "label": {"nl": URL, "en": URL}},
        ],
    )
    board = yaml.safe_load(
        (REPO_ROOT / "data" / "moodboards" / "speeltuin-transvaal.yaml").read_text()
    )
    board["images"][0]["title"] = long_text()
    board["images"][0]["description"] = long_text()
    write_variant(
        data_dir,
        "speeltuin-transvaal.yaml",
        "lang-bord",
        kind="moodboards",
        title=long_text(),
        images=board["images"],
    )
    pictures = data_dir / "moodboards" / "images"
    import shutil

    shutil.copytree(pictures / "speeltuin-transvaal", pictures / "lang-bord")
    return data_dir


WIDEST = """
const out = [];
for (const el of document.querySelectorAll('body *')) {
  const box = el.getBoundingClientRect();
  if (box.right > 321 && box.width > 0 && !el.closest('.table-responsive'))
    out.push(el.tagName + '.' + el.className + ' ' + Math.round(box.right));
}
return out.slice(0, 8);
"""


def assert_reflows(duo) -> None:
    wait_for(
        lambda: duo.driver.execute_script(NO_SIDEWAYS_SCROLL) <= 320,
        timeout=5,
        message=f"no sideways scrolling: {duo.driver.execute_script(WIDEST)}",
    )


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/begroting/lange-woorden", "#balance-status"),
        ("/peiling/lange-peiling", "#poll-options"),
        ("/moodboard/lang-bord", ".moodboard-grid"),
        ("/", ".trajectory-list"),
    ],
)
def test_long001_long_words_wrap_at_320_px(served, path, ready):
    """Class: text from a definition (titles, labels, units, options, levels,
    explanations, links) wider than a phone pushing the page sideways."""
    duo = served
    open_narrow(duo, path, ready)
    assert axe_serious(duo.driver) == []
    assert duo.get_logs() == []


def test_long002_long_words_in_comments_wrap_on_the_dashboard(
    served, app, store, catalog, settings
):
    """Class: residents' words (a long compound, a URL) widening the dashboard."""
    with app.server.app_context():
        auth.create_user("raadslid", PASSWORD, "advisor")
    park = catalog.find("budget", "park-zuiderpark")
    seed_budgets(park, store, settings.data_dir, 60, seed=3, synthetic=False)
    for i, comment in enumerate((f"Meer {LONGER}!", f"Zie {URL}", LONG * 3)):
        store.submit_budget(
            park.id,
            park.plan_allocation(),
            f"long-words-token-{i:04d}x",
            comment=comment,
        )
    duo = served
    duo.driver.set_window_size(320, 800)
    log_in(duo, "/dashboard/begroting/park-zuiderpark")
    duo.wait_for_contains_text("#db-comments", LONGER, timeout=30)
    assert_reflows(duo)
    for view in ("", "peilingen", "moodboards"):
        duo.driver.get(duo.server_url + f"/dashboard/{view}?lang=nl")
        wait_for(lambda: duo.driver.find_elements("css selector", ".db-nav"), 20)
        assert_reflows(duo)
    assert duo.get_logs() == []
